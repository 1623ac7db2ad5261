// The frame's own read and action: the overview (store state, current profile, version;
// asked before React mounts, see main.tsx) and unlocking the store, which answers with the
// new overview and makes everything else stale (it could not be read while locked).
import { useQuery } from "@tanstack/react-query";
import { commands } from "./commands";
import { queryKeys } from "./queryKeys";
import { useAction } from "./useAction";

export function useOverview() {
  return useQuery({ queryKey: queryKeys.overview(), queryFn: commands.consoleOverview });
}

export function useUnlockStore() {
  return useAction({
    run: commands.storeUnlock,
    update: (client, overview) => client.setQueryData(queryKeys.overview(), overview),
    invalidates: "everything",
  });
}
