// The apps' reads and the create action. The list paints from the cache first
// (`appsCached`), then the platform's answer replaces it; an app's details back its
// Settings and Redirect URIs tabs. Creating an app makes the list and the audit log stale.
import { useQuery } from "@tanstack/react-query";
import { commands } from "../../api/commands";
import { queryKeys } from "../../api/queryKeys";
import { useAction } from "../../api/useAction";

/** The list as last synced: asked once, before the platform is (see main.tsx). */
export function useAppsCached() {
  return useQuery({ queryKey: queryKeys.appsCached(), queryFn: commands.appsCached, staleTime: Infinity });
}

/** The list from the platform; `enabled` waits for the cached list's first paint. */
export function useAppsList(enabled: boolean) {
  return useQuery({ queryKey: queryKeys.apps(), queryFn: commands.appsList, enabled });
}

export function useAppDetails(app: string) {
  return useQuery({ queryKey: queryKeys.app(app), queryFn: () => commands.appShow(app) });
}

export function useCreateApp() {
  return useAction({ run: commands.appCreate, invalidates: [queryKeys.apps(), queryKeys.audit()] });
}
