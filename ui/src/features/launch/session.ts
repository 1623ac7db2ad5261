// An app's launch on this page, from Launch to its verdict. It is kept in the query cache
// by app (`queryKeys.launchSession`), not in the panel, so switching tabs and back keeps
// it, and it is followed by a `launch-event` listener that lives as long as the launch,
// not as long as the panel. The listener is up before `launch_start` is asked (an end can
// come before its answer); events for other launches are ignored.
import type { QueryClient } from "@tanstack/react-query";
import type { LaunchEvent, LaunchRequest, LaunchStarted, LaunchVerdict } from "../../api/bindings";
import { asConsoleError, commands, ConsoleError } from "../../api/commands";
import { onLaunchEvent } from "../../api/launchEvents";
import { queryKeys } from "../../api/queryKeys";

export type LaunchSession =
  /** Between Launch and `launch_start`'s answer (it installs and checks the landing page). */
  | { phase: "starting" }
  /** `launch_start` refused: nothing was opened. */
  | { phase: "refused"; error: ConsoleError }
  /** The launch window is open; the verdict comes as an event. */
  | { phase: "running"; started: LaunchStarted }
  | { phase: "finished"; started: LaunchStarted; verdict: LaunchVerdict }
  | { phase: "failed"; started: LaunchStarted; error: ConsoleError };

/** Whether a launch is on its way (a second one must not start). */
export function sessionLive(session: LaunchSession | undefined): boolean {
  return session?.phase === "starting" || session?.phase === "running";
}

/** The session once its launch has ended as `event` says. */
export function ended(started: LaunchStarted, event: LaunchEvent): LaunchSession {
  return event.kind === "finished"
    ? { phase: "finished", started, verdict: event.verdict }
    : { phase: "failed", started, error: new ConsoleError(event.error) };
}

/**
 * Starts a launch of `request.app` unless one is already on its way (then `null`), and
 * follows it to its end: the session says where it is, and the end makes the app's past
 * launches and checks stale.
 */
export async function startLaunch(client: QueryClient, request: LaunchRequest): Promise<LaunchStarted | null> {
  const key = queryKeys.launchSession(request.app);
  const set = (session: LaunchSession) => client.setQueryData<LaunchSession>(key, session);
  // Checked and set in one go, before any await: a second click finds it taken.
  if (sessionLive(client.getQueryData<LaunchSession>(key))) return null;
  set({ phase: "starting" });

  let started: LaunchStarted | null = null;
  const early: LaunchEvent[] = [];
  let unlisten: (() => void) | null = null;
  const finish = (ours: LaunchStarted, event: LaunchEvent) => {
    unlisten?.();
    set(ended(ours, event));
    void client.invalidateQueries({ queryKey: queryKeys.launches(request.app) });
    void client.invalidateQueries({ queryKey: queryKeys.checks(request.app) });
  };
  try {
    unlisten = await onLaunchEvent((event) => {
      if (started === null) early.push(event);
      else if (event.key === started.key) finish(started, event);
    });
    const answer = await commands.launchStart(request);
    started = answer;
    set({ phase: "running", started: answer });
    const already = early.find((event) => event.key === answer.key);
    if (already) finish(answer, already);
    return answer;
  } catch (error) {
    unlisten?.();
    set({ phase: "refused", error: asConsoleError(error) });
    throw error;
  }
}
