// The Launch tab's reads and actions. Starting a launch changes no cached read by itself;
// its end (a `launch-event`, see ./session.ts) makes the app's past launches and checks
// stale. Stopping changes nothing cached: the stopped launch still ends with its verdict.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { LaunchRequest } from "../../api/bindings";
import { commands } from "../../api/commands";
import { queryKeys } from "../../api/queryKeys";
import { useAction } from "../../api/useAction";
import { startLaunch, type LaunchSession } from "./session";

/** How many past launches the tab (and the History tab) lists. */
export const PAST_LAUNCHES = 20;

export function useBusinesses() {
  return useQuery({ queryKey: queryKeys.businesses(), queryFn: commands.businesses });
}

export function useLaunches(app: string) {
  return useQuery({ queryKey: queryKeys.launches(app), queryFn: () => commands.launches(app, PAST_LAUNCHES) });
}

/** The app's launch on this page, if any. Never fetched: the launch action writes it. */
export function useLaunchSession(app: string): LaunchSession | undefined {
  const client = useQueryClient();
  const key = queryKeys.launchSession(app);
  const query = useQuery<LaunchSession | null>({
    queryKey: key,
    // Were it ever refetched, it keeps what it holds.
    queryFn: () => client.getQueryData<LaunchSession>(key) ?? null,
    enabled: false,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return query.data ?? undefined;
}

export function useStartLaunch() {
  const client = useQueryClient();
  return useAction({ run: (request: LaunchRequest) => startLaunch(client, request) });
}

export function useStopLaunch() {
  return useAction({ run: commands.launchStop });
}
