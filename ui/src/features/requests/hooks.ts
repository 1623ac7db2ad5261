// The request log's read: every platform call of the current profile, newest first, as
// Rust kept it (already redacted). Keyed by the current profile, so switching profile reads
// the new profile's log; it only grows through other actions, so it is read again on
// opening and on Refresh rather than invalidated by them.
import { useQuery } from "@tanstack/react-query";
import { commands } from "../../api/commands";
import { useKnownOverview } from "../../api/overview";
import { queryKeys } from "../../api/queryKeys";

/** How many calls the Requests view shows (Rust keeps the newest 2,000 per profile). */
export const REQUESTS_LIMIT = 500;
/** How many an app's History tab shows. */
export const APP_REQUESTS_LIMIT = 100;

/** The current profile's calls; with an app, the calls about that app. */
export function useRequestLog(app: string | null) {
  const overview = useKnownOverview();
  const profile = overview.data?.current_profile?.id ?? null;
  return useQuery({
    queryKey: queryKeys.requestLog(profile, app),
    queryFn: () => commands.requestLog(app, app === null ? REQUESTS_LIMIT : APP_REQUESTS_LIMIT),
    enabled: !overview.isPending,
  });
}
