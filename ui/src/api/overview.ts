// The frame's own read and action: the overview (store state, current profile, version;
// asked before React mounts, see main.tsx) and unlocking the store, which answers with the
// new overview and makes everything else stale (it could not be read while locked), and
// asking again (a keyring started since may now open the store).
import { useCallback, useState } from "react";
import { useIsFetching, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "./commands";
import { queryKeys } from "./queryKeys";
import { useAction } from "./useAction";

export function useOverview() {
  return useQuery({ queryKey: queryKeys.overview(), queryFn: commands.consoleOverview });
}

/**
 * The overview as the frame last read it, for a screen that only needs to know it (the
 * current profile): mounting it does not ask Rust again; an invalidation still does.
 */
export function useKnownOverview() {
  return useQuery({ queryKey: queryKeys.overview(), queryFn: commands.consoleOverview, staleTime: Infinity });
}

export function useUnlockStore() {
  return useAction({
    run: commands.storeUnlock,
    update: (client, overview) => client.setQueryData(queryKeys.overview(), overview),
    invalidates: "everything",
  });
}

/**
 * Reads the overview again (Rust tries the keyring afresh, so a store may now open without
 * a passphrase), and whether it is being read.
 */
/** Tries the keyring again (Rust opens the store with it when it answers now), then
 * takes the new overview and makes everything else stale. */
export function useRecheckOverview() {
  const client = useQueryClient();
  const [retrying, setRetrying] = useState(false);
  const recheck = useCallback(async () => {
    setRetrying(true);
    try {
      const overview = await commands.storeRetryKeyring();
      client.setQueryData(queryKeys.overview(), overview);
      await client.invalidateQueries();
    } catch {
      await client.invalidateQueries({ queryKey: queryKeys.overview() });
    } finally {
      setRetrying(false);
    }
  }, [client]);
  const checking = useIsFetching({ queryKey: queryKeys.overview() }) > 0 || retrying;
  return { recheck, checking };
}
