// The OAuth tester's reads, actions and events. Starting a test records a run even when
// the platform refuses it, so the past tests are stale either way; a run that ends (an
// event says so) makes them stale too. Stopping, copying a report and a manual test's
// link, and handing it the redirect change nothing cached (the run's events follow).
import { useEffect, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { OAuthEvent } from "../../api/bindings";
import { commands } from "../../api/commands";
import { onOAuthEvent } from "../../api/oauthEvents";
import { queryKeys } from "../../api/queryKeys";
import { useAction } from "../../api/useAction";

/** How many past tests the tab lists. */
export const PAST_TESTS = 20;

export function useOAuthRuns(app: string) {
  return useQuery({ queryKey: queryKeys.oauthRuns(app), queryFn: () => commands.oauthRuns(app, PAST_TESTS) });
}

export function useStartOAuth(app: string) {
  return useAction({ run: commands.oauthStart, invalidates: [queryKeys.oauthRuns(app)], when: "settled" });
}

export function useStopOAuth() {
  return useAction({ run: commands.oauthStop });
}

export function useOAuthReport(runId: number, finishedAt: string | null, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.oauthReport(runId, finishedAt),
    queryFn: () => commands.oauthReport(runId),
    enabled,
  });
}

/** A manual test: Rust copies the authorize URL (the page never holds its state). */
export function useCopyAuthorizeUrl() {
  return useAction({ run: commands.oauthCopyAuthorizeUrl });
}

/** A manual test: the redirect the browser landed on; `url: null` has Rust read the clipboard. */
export function usePasteRedirect() {
  return useAction({ run: (vars: { runId: number; url: string | null }) => commands.oauthPasteRedirect(vars.runId, vars.url) });
}

/** Copies a past test's redacted report (Markdown) for a support ticket. */
export function useCopyOAuthReport(runId: number) {
  return useAction({
    run: async () => {
      const report = await commands.oauthReport(runId);
      await commands.clipboardCopyText(report.markdown);
    },
  });
}

/**
 * Hands every `oauth-event` to `onEvent` (with when it was heard) while mounted; returns
 * whether the subscription is up (a test must not start before it is). `onEvent` must be
 * stable (a reducer's dispatch).
 */
export function useOAuthEvents(app: string, onEvent: (event: OAuthEvent, at: number) => void): boolean {
  const client = useQueryClient();
  const [listening, setListening] = useState(false);
  useEffect(() => {
    let unlisten: (() => void) | null = null;
    let dropped = false;
    void onOAuthEvent((event) => {
      onEvent(event, Date.now());
      if (event.kind === "finished" || event.kind === "cancelled" || event.kind === "failed") {
        void client.invalidateQueries({ queryKey: queryKeys.oauthRuns(app) });
      }
    }).then((stop) => {
      if (dropped) stop();
      else {
        unlisten = stop;
        setListening(true);
      }
    });
    return () => {
      dropped = true;
      unlisten?.();
    };
  }, [app, client, onEvent]);
  return listening;
}
