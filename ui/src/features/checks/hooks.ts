// The checks' reads and the one action: an app's checks (the Checks tab), the last
// directory-wide run, and running every app's checks, which stores its report and makes
// each checked app's own checks stale. Progress comes as `checks-progress` events.
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { ChecksProgress } from "../../api/bindings";
import { commands } from "../../api/commands";
import { queryKeys } from "../../api/queryKeys";
import { useAction } from "../../api/useAction";

export const CHECKS_PROGRESS_EVENT = "checks-progress";

export function useAppChecks(app: string) {
  return useQuery({ queryKey: queryKeys.checks(app), queryFn: () => commands.checkApp(app) });
}

/** The last directory-wide run, kept in the cache so it survives leaving the view. Never fetched by itself. */
export function useLastChecksRun() {
  return useQuery({ queryKey: queryKeys.checksAll(), queryFn: commands.checkAll, enabled: false, staleTime: Infinity });
}

export function useRunAllChecks() {
  return useAction({
    run: () => commands.checkAll(),
    update: (client, report) => client.setQueryData(queryKeys.checksAll(), report),
    invalidates: (report) => (report?.apps ?? []).map((app) => queryKeys.checks(app.app_code_name)),
  });
}

/** The progress events of a directory-wide run, and whether they are being heard yet. */
export function useChecksProgress() {
  const [progress, setProgress] = useState<ChecksProgress | null>(null);
  const [listening, setListening] = useState(false);
  useEffect(() => {
    let unlisten: UnlistenFn | null = null;
    let dropped = false;
    listen<ChecksProgress>(CHECKS_PROGRESS_EVENT, (message) => setProgress(message.payload))
      .then((stop) => {
        if (dropped) stop();
        else {
          unlisten = stop;
          setListening(true);
        }
      })
      // Without events the run still works; it just shows no progress.
      .catch(() => {
        if (!dropped) setListening(true);
      });
    return () => {
      dropped = true;
      unlisten?.();
    };
  }, []);
  return { progress, listening, reset: () => setProgress(null) };
}
