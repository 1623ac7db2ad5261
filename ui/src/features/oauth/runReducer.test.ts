import { describe, expect, it } from "vitest";
import type { OAuthCompletion, OAuthEvent, OAuthStarted, TimelineStep } from "../../api/bindings";
import { IDLE, oauthRunReducer, runActive, runEnded, runPhase, runStalled, type OAuthRunAction, type OAuthRunState } from "./runReducer";

const RUN = 5;

function started(runId = RUN): OAuthStarted {
  return {
    begin: {
      run_id: runId,
      app_code_name: "notesapp",
      authorize_url: "https://brand.example.com/oauth/authorize?state=%5Bredacted%5D",
      redirect_uri: "https://notes.example.com/cb",
      pkce: true,
      expires_at: "2026-11-22T10:10:00Z",
    },
    browser: "embedded",
    window_label: null,
  };
}

function step(summary: string): TimelineStep {
  return { kind: "navigation", at: "2026-11-22T10:00:01.000Z", duration_ms: null, ok: true, summary, request: null, response: null };
}

const completion = { run_id: RUN, outcome: "succeeded", timeline: [] } as unknown as OAuthCompletion;

const event = (e: OAuthEvent, at: number): OAuthRunAction => ({ type: "event", event: e, at });

function run(actions: OAuthRunAction[], from: OAuthRunState = IDLE): OAuthRunState {
  return actions.reduce(oauthRunReducer, from);
}

describe("oauthRunReducer", () => {
  it("keeps events heard before the start answers, and applies this run's once it does", () => {
    const state = run([
      { type: "start" },
      event({ kind: "step", run_id: RUN, step: step("ours") }, 110),
      event({ kind: "step", run_id: RUN + 1, step: step("another test's") }, 120),
      { type: "started", started: started(), at: 100 },
    ]);
    expect(state.heard.map((s) => s.summary)).toEqual(["ours"]);
    expect(state.early).toEqual({});
    expect(state.lastActivity).toBe(110);
    expect(runActive(state)).toBe(true);
  });

  it("ignores another run's events once the run is known, and any event while idle", () => {
    const idle = run([event({ kind: "cancelled", run_id: RUN, reason: "closed" }, 50)]);
    expect(idle).toEqual(IDLE);
    const state = run([
      { type: "start" },
      { type: "started", started: started(), at: 100 },
      event({ kind: "cancelled", run_id: RUN + 1, reason: "closed" }, 200),
      event({ kind: "finished", run_id: RUN + 1, completion, captured_at_ms: 150 }, 210),
    ]);
    expect(runEnded(state)).toBe(false);
    expect(state.lastActivity).toBe(100);
  });

  it("counts the login window's pages and remembers the last", () => {
    const state = run([
      { type: "start" },
      { type: "started", started: started(), at: 100 },
      event({ kind: "page_loaded", run_id: RUN, url: "https://brand.example.com/login" }, 120),
      event({ kind: "page_loaded", run_id: RUN, url: "https://brand.example.com/consent" }, 130),
    ]);
    expect(state.pagesLoaded).toBe(2);
    expect(state.lastPage).toBe("https://brand.example.com/consent");
  });

  it("ends the run with its completion and when the redirect was captured", () => {
    const state = run([
      { type: "start" },
      { type: "started", started: started(), at: 100 },
      event({ kind: "captured", run_id: RUN, url: "https://notes.example.com/cb?code=…", captured_at_ms: 140 }, 141),
      event({ kind: "exchanging", run_id: RUN }, 142),
      event({ kind: "finished", run_id: RUN, completion, captured_at_ms: 139 }, 150),
    ]);
    expect(state.completion).toBe(completion);
    expect(state.capturedAtMs).toBe(139);
    expect(runEnded(state)).toBe(true);
    expect(runActive(state)).toBe(false);
  });

  it("ends the run on a cancellation with its reason, or on a failure with its error", () => {
    const begun = run([{ type: "start" }, { type: "started", started: started(), at: 100 }]);
    const cancelled = run([event({ kind: "cancelled", run_id: RUN, reason: "The window was closed." }, 120)], begun);
    expect(cancelled.cancelledReason).toBe("The window was closed.");
    expect(runEnded(cancelled)).toBe(true);
    const failed = run([event({ kind: "failed", run_id: RUN, error: { code: "invalid_input", field: "state", message: "m" } }, 120)], begun);
    expect(failed.failed?.field).toBe("state");
    expect(runActive(failed)).toBe(false);
  });

  it("is stalled only while no news came after the timer fired", () => {
    const begun = run([{ type: "start" }, { type: "started", started: started(), at: 100 }]);
    const stalled = oauthRunReducer(begun, { type: "stalled", at: 100 });
    expect(runStalled(stalled)).toBe(true);
    const news = run([event({ kind: "step", run_id: RUN, step: step("later") }, 500)], stalled);
    expect(runStalled(news)).toBe(false);
    // A timer that fired for an older quiet spell does not count.
    expect(runStalled(oauthRunReducer(news, { type: "stalled", at: 100 }))).toBe(false);
  });

  it("starts afresh: a new start forgets the last run, and a refused start forgets what was kept", () => {
    const ended = run([
      { type: "start" },
      { type: "started", started: started(), at: 100 },
      event({ kind: "cancelled", run_id: RUN, reason: "closed" }, 120),
    ]);
    const again = oauthRunReducer(ended, { type: "start" });
    expect(again).toEqual({ ...IDLE, starting: true });
    const refused = run([event({ kind: "step", run_id: RUN, step: step("early") }, 10), { type: "start_failed" }], again);
    expect(refused.starting).toBe(false);
    expect(refused.early).toEqual({});
    expect(refused.run).toBeNull();
  });

  it("goes from signing in to captured, exchanging and done, and never back to signing in once the redirect is captured", () => {
    const phases: (string | null)[] = [];
    const actions: OAuthRunAction[] = [
      { type: "start" },
      { type: "started", started: started(), at: 100 },
      event({ kind: "page_loaded", run_id: RUN, url: "https://brand.example.com/login" }, 110),
      event({ kind: "captured", run_id: RUN, url: "https://notes.example.com/cb?code=…", captured_at_ms: 120 }, 121),
      // The window loads the redirect URI's page after the capture.
      event({ kind: "page_loaded", run_id: RUN, url: "https://notes.example.com/cb?code=…" }, 122),
      event({ kind: "exchanging", run_id: RUN }, 123),
      event({ kind: "page_loaded", run_id: RUN, url: "https://notes.example.com/cb?code=…" }, 124),
      event({ kind: "finished", run_id: RUN, completion, captured_at_ms: 120 }, 130),
    ];
    actions.reduce((state, action) => {
      const next = oauthRunReducer(state, action);
      phases.push(runPhase(next));
      return next;
    }, IDLE);
    expect(phases).toEqual(["starting", "signing_in", "signing_in", "captured", "captured", "exchanging", "exchanging", "done"]);
    expect(runPhase(IDLE)).toBeNull();
  });

  it("is stopped when cancelled or failed", () => {
    const begun = run([{ type: "start" }, { type: "started", started: started(), at: 100 }]);
    expect(runPhase(run([event({ kind: "cancelled", run_id: RUN, reason: "closed" }, 110)], begun))).toBe("stopped");
    expect(runPhase(run([event({ kind: "failed", run_id: RUN, error: { code: "internal", message: "m" } }, 110)], begun))).toBe("stopped");
  });
});
