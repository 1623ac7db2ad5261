// The current test, as it happens: where it signs in and its status line (./RunStatus.tsx),
// a manual test's copy-and-paste steps, Stop (until the redirect is caught), the stall
// hint, the code's countdown, how it ended (the failure in plain words, said once even when
// Rust's message opens with the same words, or the result), and the timeline.
import type { OAuthRunState } from "./runReducer";
import { CodeWindow } from "./CodeWindow";
import type { Failure } from "./failure";
import { ManualSteps } from "./ManualSteps";
import { RunResult } from "./RunResult";
import { RunStatus } from "./RunStatus";
import { Timeline } from "./Timeline";
import type { BrowserChoice, TimelineStep } from "../../api/bindings";
import { repeatsTitle } from "../../api/errorClassification";
import { ErrorNotice } from "../../components/ErrorNotice";

const WHERE: Record<BrowserChoice, string> = {
  embedded: "Login window opened",
  system: "Opened in your browser",
  manual: "Sign in from any browser",
};

function FailureNotice(props: { failure: Failure }) {
  const { failure } = props;
  return (
    <div className="banner fail oa-failure" role="alert" data-testid="oauth-failure" data-code={failure.code}>
      {/* Rust's message may open with the explanation's own words: then the message alone says them. */}
      {repeatsTitle(failure.explanation, failure.message) ? null : (
        <p>
          <strong>{failure.explanation}</strong>
        </p>
      )}
      <p>{failure.message}</p>
      {failure.vendorMessage && !failure.message.includes(failure.vendorMessage) ? (
        <p className="small">
          The platform said{failure.status ? ` (HTTP ${failure.status})` : ""}:{" "}
          <q data-testid="oauth-vendor-message">{failure.vendorMessage}</q>
        </p>
      ) : null}
    </div>
  );
}

export function RunPanel(props: {
  state: OAuthRunState;
  active: boolean;
  stalled: boolean;
  failure: Failure | null;
  steps: TimelineStep[];
  stop: { pending: boolean; error: unknown; onStop: (runId: number) => void };
}) {
  const { state, active, failure } = props;
  const { run, completion, capturedAtMs } = state;
  const runId = run?.started.begin.run_id ?? null;
  return (
    <section className="card oa-section" data-testid="oauth-run">
      <div className="toolbar">
        <h2>{run ? `Test ${run.started.begin.run_id}` : "Test"}</h2>
        {run ? (
          <span className="small muted">
            {WHERE[run.started.browser]} ·{" "}
            <span className="mono">{run.started.begin.redirect_uri}</span>
            {run.started.begin.pkce ? " · PKCE" : ""}
          </span>
        ) : null}
        {active ? (
          <span role="status">
            <span className="spinner" aria-hidden="true" /> <span className="small muted">running</span>
          </span>
        ) : null}
        {/* Once the redirect is caught the test finishes on its own: nothing to stop. */}
        {active && runId !== null && capturedAtMs === null ? (
          <button type="button" onClick={() => props.stop.onStop(runId)} disabled={props.stop.pending} data-testid="oauth-stop">
            {props.stop.pending ? "Stopping…" : "Stop"}
          </button>
        ) : null}
      </div>
      <RunStatus state={state} />
      {active && run?.started.browser === "manual" && runId !== null && capturedAtMs === null ? <ManualSteps runId={runId} /> : null}
      {props.stop.error ? <ErrorNotice error={props.stop.error} /> : null}
      {props.stalled ? (
        <div className="banner warn" role="status" data-testid="oauth-stall">
          Still waiting on the platform's page. If it shows an error, the platform has refused the request and will never
          redirect: check the redirect URI and the brand URL.
        </div>
      ) : null}
      {capturedAtMs !== null && (active || completion) ? <CodeWindow capturedAtMs={capturedAtMs} completion={completion} /> : null}
      {failure ? <FailureNotice failure={failure} /> : null}
      {completion && completion.outcome === "succeeded" && capturedAtMs !== null ? (
        <RunResult completion={completion} capturedAtMs={capturedAtMs} />
      ) : null}
      {run ? <Timeline steps={props.steps} /> : null}
    </section>
  );
}
