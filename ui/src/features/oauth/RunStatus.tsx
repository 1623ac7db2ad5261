// The current test's status line: where the run is, phase by phase (signing in, the
// redirect captured, the code being exchanged, done), in the words of the browser it
// uses. It follows `runPhase` (./runReducer.ts), so once the redirect is captured it never
// says it waits for the sign-in again.
import type { OAuthRunState } from "./runReducer";
import { runPhase } from "./runReducer";

function signingIn(state: OAuthRunState) {
  const browser = state.run?.started.browser;
  if (browser === "manual") return "Waiting for the address the browser lands on after the sign-in";
  if (browser === "system") return "Your browser: waiting for the sign-in";
  if (!state.lastPage) return "Login window: opening…";
  return (
    <>
      Login window: showing <span className="mono">{state.lastPage}</span>, waiting for the sign-in
    </>
  );
}

export function RunStatus(props: { state: OAuthRunState }) {
  const { state } = props;
  const phase = runPhase(state);
  if (phase === null || phase === "starting") return null;
  const text =
    phase === "signing_in"
      ? signingIn(state)
      : phase === "captured"
        ? "Redirect captured: exchanging the code next"
        : phase === "exchanging"
          ? "Redirect captured: exchanging the code for a token…"
          : phase === "done"
            ? state.completion?.outcome === "succeeded"
              ? "Done: the code was exchanged and the user read"
              : "Done: the test ended without a token (see below)"
            : "Stopped (see below)";
  return (
    <p className="small muted" data-testid="oauth-window-status" data-phase={phase} data-loaded={state.pagesLoaded} role="status">
      {text}
    </p>
  );
}
