// The apps' reads and the create action. The list paints from the cache first
// (`appsCached`), then the platform's answer replaces it; an app's details back its
// Settings and Redirect URIs tabs. Creating an app makes the list and the audit log stale
// (even when it fails: a lost answer may hide a created app); finding one whose create's
// answer was lost makes them stale when it is found.
import { useCallback } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { AppSummary, AppsListing } from "../../api/bindings";
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
  // Settled: a create whose answer was lost may still have made the app (Rust lists it).
  return useAction({ run: commands.appCreate, invalidates: [queryKeys.apps(), queryKeys.audit()], when: "settled" });
}

/** After an unknown outcome: the app that create asked for, if the platform has it. */
export function useFindCreated() {
  return useAction({
    run: commands.appFindCreated,
    invalidates: (found) => (found ? [queryKeys.apps(), queryKeys.audit()] : []),
  });
}

/**
 * Looks a name up in the apps list the apps view last had (the platform's, else the
 * cached one): the app already named so (trimmed, case-insensitively), or null.
 */
export function useSameNamedApp() {
  const client = useQueryClient();
  return useCallback(
    (name: string | null | undefined): AppSummary | null => {
      const wanted = name?.trim().toLowerCase();
      if (!wanted) return null;
      const listing =
        client.getQueryData<AppsListing>(queryKeys.apps()) ?? client.getQueryData<AppsListing>(queryKeys.appsCached());
      return listing?.apps.find((app) => app.name?.trim().toLowerCase() === wanted) ?? null;
    },
    [client],
  );
}
