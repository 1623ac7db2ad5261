// An OAuth test's timeline: each step with its time, label, outcome and duration, and its
// HTTP request and response (secrets redacted) on demand. The newest step scrolls into
// view as it arrives; a response shows its exact status as Rust recorded it.
import type { HttpResponseView, TimelineStep } from "../../api/bindings";
import { useScrollIntoView } from "../../hooks/focus";
import { clock, pretty, STEP_LABEL, stepKey } from "./steps";

function Status(props: { response: HttpResponseView }) {
  const { status } = props.response;
  if (status === null) return <span className="muted">(status not recorded)</span>;
  return <span data-testid="oauth-response-status">{status}</span>;
}

function Step(props: { step: TimelineStep }) {
  const { step } = props;
  return (
    <>
      <div className="oa-step-head">
        <span className="mono small muted oa-time">{clock(step.at)}</span>
        <span className="oa-label">{STEP_LABEL[step.kind] ?? step.kind}</span>
        <span className={step.ok ? "badge ok" : "badge fail"}>{step.ok ? "ok" : "failed"}</span>
        {step.duration_ms !== null ? <span className="small muted">{step.duration_ms} ms</span> : null}
      </div>
      <div className="oa-summary">{step.summary}</div>
      {step.request || step.response ? (
        <details className="oa-http">
          <summary className="small">HTTP</summary>
          {step.request ? (
            <div className="oa-http-part">
              <div className="mono small">
                <strong>{step.request.method}</strong> {step.request.url}
              </div>
              {step.request.headers.length > 0 ? (
                <ul className="oa-headers mono small">
                  {step.request.headers.map(([name, value], headerIndex) => (
                    <li key={`${name}-${headerIndex}`}>
                      {name}: {value}
                    </li>
                  ))}
                </ul>
              ) : null}
              {step.request.body !== null ? <pre className="oa-pre">{pretty(step.request.body)}</pre> : null}
            </div>
          ) : null}
          {step.response ? (
            <div className="oa-http-part">
              <div className="mono small">
                <strong>Response</strong> <Status response={step.response} />
              </div>
              {step.response.body !== null ? <pre className="oa-pre">{pretty(step.response.body)}</pre> : null}
            </div>
          ) : null}
        </details>
      ) : null}
    </>
  );
}

export function Timeline(props: { steps: TimelineStep[] }) {
  const { steps } = props;
  const newest = useScrollIntoView<HTMLLIElement>(steps.length > 0 ? stepKey(steps[steps.length - 1]!) : null);
  return (
    <div className="oa-timeline-wrap">
      <h3>Timeline</h3>
      {steps.length === 0 ? <p className="muted small">Waiting for the first step…</p> : null}
      <ol className="oa-timeline" data-testid="oauth-timeline">
        {steps.map((step, index) => (
          <li
            key={`${stepKey(step)}-${index}`}
            ref={index === steps.length - 1 ? newest : undefined}
            className={step.ok ? "oa-step" : "oa-step fail"}
            data-testid="oauth-step"
            data-kind={step.kind}
          >
            <Step step={step} />
          </li>
        ))}
      </ol>
    </div>
  );
}
