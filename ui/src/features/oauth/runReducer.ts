// An OAuth test's run, as a pure reducer over what happens to it: the page's own actions
// (start, the start's answer, the stall timer) and the `oauth-event`s the shell emits
// (api/oauthEvents.ts). Events can arrive before `oauth_start` answers with the run's id,
// so while starting they are kept by run id; once the id is known, that run's events are
// applied and every other run's are ignored.
import type { ConsoleError, OAuthCompletion, OAuthEvent, OAuthStarted, TimelineStep } from "../../api/bindings";

type Heard = { event: OAuthEvent; at: number };

export type OAuthRunState = {
  /** Between Start and `oauth_start`'s answer. */
  starting: boolean;
  /** Events heard while starting, by run id (the answer names which are ours). */
  early: Record<number, Heard[]>;
  run: { started: OAuthStarted; startedAt: number } | null;
  /** Timeline steps heard as events (the stored timeline is merged in by the view). */
  heard: TimelineStep[];
  pagesLoaded: number;
  lastPage: string | null;
  /** When the redirect was captured (the code's 30 seconds start then). */
  capturedAtMs: number | null;
  /** The code is being exchanged for a token. */
  exchanging: boolean;
  completion: OAuthCompletion | null;
  cancelledReason: string | null;
  failed: ConsoleError | null;
  /** The last news of the run (its start, or its latest event). */
  lastActivity: number;
  /** The `lastActivity` the stall timer fired for. */
  stalledAt: number | null;
};

export type OAuthRunAction =
  | { type: "start" }
  | { type: "started"; started: OAuthStarted; at: number }
  | { type: "start_failed" }
  | { type: "event"; event: OAuthEvent; at: number }
  | { type: "stalled"; at: number };

export const IDLE: OAuthRunState = {
  starting: false,
  early: {},
  run: null,
  heard: [],
  pagesLoaded: 0,
  lastPage: null,
  capturedAtMs: null,
  exchanging: false,
  completion: null,
  cancelledReason: null,
  failed: null,
  lastActivity: 0,
  stalledAt: null,
};

/** One event of the current run, applied. */
function apply(state: OAuthRunState, { event, at }: Heard): OAuthRunState {
  const next = { ...state, lastActivity: Math.max(state.lastActivity, at) };
  switch (event.kind) {
    case "step":
      return { ...next, heard: [...state.heard, event.step] };
    case "page_loaded":
      return { ...next, pagesLoaded: state.pagesLoaded + 1, lastPage: event.url };
    case "captured":
      return { ...next, capturedAtMs: event.captured_at_ms };
    case "exchanging":
      return { ...next, exchanging: true };
    case "finished":
      return { ...next, completion: event.completion, capturedAtMs: event.captured_at_ms };
    case "cancelled":
      return { ...next, cancelledReason: event.reason };
    case "failed":
      return { ...next, failed: event.error };
  }
}

export function oauthRunReducer(state: OAuthRunState, action: OAuthRunAction): OAuthRunState {
  switch (action.type) {
    case "start":
      return { ...IDLE, starting: true };
    case "started": {
      const runId = action.started.begin.run_id;
      const ours = state.early[runId] ?? [];
      const begun: OAuthRunState = {
        ...state,
        starting: false,
        early: {},
        run: { started: action.started, startedAt: action.at },
        lastActivity: action.at,
      };
      return ours.reduce(apply, begun);
    }
    case "start_failed":
      return { ...state, starting: false, early: {} };
    case "event": {
      const heard = { event: action.event, at: action.at };
      if (state.run && action.event.run_id === state.run.started.begin.run_id) return apply(state, heard);
      if (state.starting) {
        const kept = state.early[action.event.run_id] ?? [];
        return { ...state, early: { ...state.early, [action.event.run_id]: [...kept, heard] } };
      }
      return state;
    }
    case "stalled":
      return { ...state, stalledAt: action.at };
  }
}

/** The run has an outcome: finished, cancelled or failed. */
export function runEnded(state: OAuthRunState): boolean {
  return state.completion !== null || state.cancelledReason !== null || state.failed !== null;
}

/** A run is under way and has no outcome yet. */
export function runActive(state: OAuthRunState): boolean {
  return state.run !== null && !runEnded(state);
}

/** No news of an active run since the stall timer fired. */
export function runStalled(state: OAuthRunState): boolean {
  return runActive(state) && state.stalledAt === state.lastActivity;
}

/**
 * Where the run is, for its status line: signing in (the browser shows the platform's
 * pages), captured (the redirect came back), exchanging (the code for a token), then done
 * (finished, whatever the outcome), or stopped (cancelled or failed). Once the redirect is
 * captured the run never reads as waiting for the sign-in again, whatever pages load after.
 */
export type RunPhase = "starting" | "signing_in" | "captured" | "exchanging" | "done" | "stopped";

export function runPhase(state: OAuthRunState): RunPhase | null {
  if (state.completion) return "done";
  if (state.cancelledReason !== null || state.failed !== null) return "stopped";
  if (state.starting) return "starting";
  if (!state.run) return null;
  if (state.exchanging) return "exchanging";
  if (state.capturedAtMs !== null) return "captured";
  return "signing_in";
}
