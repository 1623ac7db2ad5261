// A launch's verdict: the headline (Passed / Passed with warnings / Failed), then one row
// per check in the order of the app's flow, each with what was seen and, when there is
// one, the fix (the look of the Checks tab's rows); the notes; what could not be judged
// off the sandbox; and the Markdown report to copy for a ticket (it holds no secret).
import type { Ref } from "react";
import type { LaunchCheck, LaunchVerdict } from "../../api/bindings";
import { CopyButton } from "../../components/CopyButton";
import { formatWhen } from "../../format";
import { SeverityBadge } from "../checks/CheckParts";
import { HEADLINE } from "./choices";

export function Checklist(props: { checks: LaunchCheck[] }) {
  if (props.checks.length === 0) return <p className="muted">No checks.</p>;
  return (
    <ul className="ck-list" data-testid="launch-checklist">
      {props.checks.map((check, index) => (
        <li
          key={`${check.id}-${index}`}
          className={`ck-item ck-item-${check.severity}`}
          data-testid="launch-check"
          data-id={check.id}
          data-severity={check.severity}
        >
          <SeverityBadge severity={check.severity} />
          <div className="ck-body">
            <div className="ck-title">{check.title}</div>
            <div className="ck-reason" data-testid="launch-check-seen">
              {check.message}
            </div>
            {check.fix ? (
              <div className="ck-fix" data-testid="launch-check-fix">
                <strong>Fix:</strong> {check.fix}
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The checklist, the notes (less those already shown), the browser-only caveat, Copy. */
export function VerdictDetails(props: { verdict: LaunchVerdict; shownNotes?: string[]; copyTestId: string }) {
  const { verdict } = props;
  const notes = verdict.notes.filter((note) => !(props.shownNotes ?? []).includes(note));
  return (
    <>
      {!verdict.sandbox ? (
        <div className="banner warn" role="note" data-testid="launch-browser-only">
          Only the browser side was judged: this profile is not the Sandbox, so the console could not see your back
          end&apos;s code exchange, its userinfo call or whether it checks state. Launch on the Sandbox profile to check
          the rest.
        </div>
      ) : null}
      <Checklist checks={verdict.checks} />
      {notes.length > 0 ? (
        <ul className="ln-notes small" data-testid="launch-verdict-notes">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <div className="actions ln-actions">
        <CopyButton source={{ text: verdict.markdown }} label="Copy report (Markdown)" testId={props.copyTestId} />
      </div>
    </>
  );
}

/** The verdict of the launch just made; its heading takes focus when it arrives. */
export function VerdictView(props: { verdict: LaunchVerdict; planNotes: string[]; headingRef: Ref<HTMLHeadingElement> }) {
  const { verdict, planNotes, headingRef } = props;
  return (
    <section className="ln-verdict" data-testid="launch-verdict" data-verdict={verdict.verdict} aria-labelledby="launch-verdict-title">
      <div className={`ck-summary ck-summary-${verdict.verdict}`}>
        <SeverityBadge severity={verdict.verdict} />
        <h3 id="launch-verdict-title" ref={headingRef} tabIndex={-1} data-testid="launch-headline">
          {HEADLINE[verdict.verdict]}
        </h3>
        <span className="muted small">
          Launch {verdict.run_id} · ended {formatWhen(verdict.finished_at)}
        </span>
      </div>
      <VerdictDetails verdict={verdict} shownNotes={planNotes} copyTestId="launch-copy-report" />
    </section>
  );
}
