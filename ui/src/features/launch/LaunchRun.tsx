// The launch on this page, once it has started: for whom it was opened and what was done
// to make it possible (the plan and its notes), then either the wait (sign in, use the
// app; Stop) or how it ended: the verdict, or the failure through the error table.
import type { Ref } from "react";
import type { LaunchPlan } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useOverview } from "../../api/overview";
import type { LaunchSession } from "./session";
import { VerdictView } from "./Verdict";

type Started = Extract<LaunchSession, { started: unknown }>;

function Plan(props: { plan: LaunchPlan }) {
  const { plan } = props;
  return (
    <div className="ln-plan" data-testid="launch-plan">
      <dl className="facts">
        <dt>Business</dt>
        <dd data-testid="launch-plan-business">
          {plan.business_name} <span className="mono muted small">{plan.business_uid}</span>
        </dd>
        <dt>Signed in as</dt>
        <dd data-testid="launch-plan-staff">
          <span className="mono">{plan.staff_email ?? plan.staff_uid}</span>
        </dd>
        <dt>Judged from</dt>
        <dd>{plan.sandbox ? "the platform's side and the browser (Sandbox)" : "the browser only"}</dd>
      </dl>
      {plan.notes.length > 0 ? (
        <ul className="ln-notes small" data-testid="launch-notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function LaunchRun(props: {
  session: Started;
  stop: { pending: boolean; error: unknown; onStop: (key: number) => void };
  headingRef: Ref<HTMLHeadingElement>;
}) {
  const { session, stop } = props;
  const { plan, key } = session.started;
  const overview = useOverview().data;
  // On the built-in sandbox its seeded staff's passwords are a local emulator's: shown so
  // the person can sign in as the staff member in the launch window.
  const sandboxLogin =
    plan.sandbox && overview?.current_profile?.kind === "sandbox"
      ? overview.sandbox_login?.staff.find((s) => s.staff_uid === plan.staff_uid)
      : undefined;
  return (
    <section className="card ln-section" data-testid="launch-run" data-phase={session.phase} aria-labelledby="launch-run-title">
      <div className="toolbar">
        <h2 id="launch-run-title">{session.phase === "finished" ? `Launch ${session.verdict.run_id}` : "This launch"}</h2>
        {session.phase === "running" ? (
          <>
            <span>
              <span className="spinner" aria-hidden="true" /> <span className="small muted">waiting for your app</span>
            </span>
            <button type="button" onClick={() => stop.onStop(key)} disabled={stop.pending} data-testid="launch-stop">
              {stop.pending ? "Stopping…" : "Stop"}
            </button>
          </>
        ) : null}
      </div>
      <Plan plan={plan} />
      {session.phase === "running" ? (
        <p className="banner ln-waiting" role="status" data-testid="launch-waiting">
          Sign in as <strong className="mono">{plan.staff_email ?? plan.staff_uid}</strong> in the App launch window and use
          your app; the verdict appears when the app&apos;s flow ends.
          {sandboxLogin ? (
            <span className="small" data-testid="launch-sandbox-login">
              {" "}
              Sandbox password: <span className="mono" data-testid="launch-sandbox-password">{sandboxLogin.password}</span>{" "}
              <span className="muted">(the built-in sandbox&apos;s test login; it opens nothing on the real platform)</span>
            </span>
          ) : null}
        </p>
      ) : null}
      {stop.error ? <ErrorNotice error={stop.error} testId="launch-stop-error" /> : null}
      {session.phase === "failed" ? <ErrorNotice error={session.error} context="launch" testId="launch-error" /> : null}
      {session.phase === "finished" ? (
        <VerdictView verdict={session.verdict} planNotes={plan.notes} headingRef={props.headingRef} />
      ) : null}
    </section>
  );
}
