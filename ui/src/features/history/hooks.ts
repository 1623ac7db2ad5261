// The audit log's reads. The log only grows through other features' actions, which
// declare `queryKeys.audit()` stale in their own hooks.
import { useQuery } from "@tanstack/react-query";
import { commands } from "../../api/commands";
import { queryKeys } from "../../api/queryKeys";

/** How many entries an app's History tab shows. */
export const HISTORY_LIMIT = 200;

export function useAppAudit(app: string) {
  return useQuery({ queryKey: queryKeys.audit(app), queryFn: () => commands.audit(app, HISTORY_LIMIT) });
}
