// What applying a manifest did: Rust's summary sentence, what to do when not everything
// was done, and one row per app with its outcome: a failure told through ErrorNotice (the
// error table), the notes, and for a created app where its secret is (the encrypted
// store) with a button to open it. Apps the apply left alone are collapsed.
import type { AppliedApp, ManifestApplied } from "../../api/bindings";
import { ConsoleError } from "../../api/commands";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useFocusOnMount } from "../../hooks/focus";
import type { Navigate } from "../../route";
import { byAction, changes, OUTCOME_LABEL, platformCode } from "./plan";

export const NOT_COMPLETE = "Fix what failed, then review and apply again: only what is left will be done.";

export function ResultView(props: { applied: ManifestApplied; navigate: Navigate }) {
  const { applied, navigate } = props;
  const apps = byAction(applied.apps);
  const changed = apps.filter(changes);
  const others = apps.filter((app) => !changes(app));
  // The result replaces the Apply button: focus moves to it, so it is read out.
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section
      className="mf-result stack"
      data-testid="manifest-result"
      data-complete={String(applied.complete)}
      aria-labelledby="manifest-result-title"
    >
      <h2 id="manifest-result-title" tabIndex={-1} ref={heading}>
        {applied.complete ? "Applied" : "Applied in part"}
      </h2>
      <div className={applied.complete ? "banner ok" : "banner fail"} role="status">
        <p data-testid="manifest-result-summary">{applied.summary}</p>
        {applied.complete ? null : <p data-testid="manifest-result-next">{NOT_COMPLETE}</p>}
      </div>
      {changed.length > 0 ? (
        <ul className="mf-apps">
          {changed.map((app) => (
            <ResultRow key={app.app_code_name} app={app} navigate={navigate} />
          ))}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <details className="mf-others">
          <summary>
            {others.length} {others.length === 1 ? "app" : "apps"} left as {others.length === 1 ? "it is" : "they are"}
          </summary>
          <ul className="mf-other-list">
            {others.map((app) => (
              <li
                key={app.app_code_name}
                className="mono"
                data-testid="manifest-result-app"
                data-outcome={app.outcome}
                data-app={app.app_code_name}
              >
                {app.app_code_name}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ResultRow(props: { app: AppliedApp; navigate: Navigate }) {
  const { app, navigate } = props;
  const code = platformCode(app);
  const open = (tab: "settings" | "credentials") => navigate({ view: "app", app: code, tab });
  const tone = app.outcome === "failed" ? "fail" : app.outcome === "unchanged" ? "" : "ok";
  return (
    <li
      className={`card mf-app mf-outcome-${app.outcome}`}
      data-testid="manifest-result-app"
      data-outcome={app.outcome}
      data-app={app.app_code_name}
    >
      <div className="mf-app-head">
        <span className={`badge ${tone}`}>{OUTCOME_LABEL[app.outcome]}</span>
        <span className="mono mf-code">{app.app_code_name}</span>
        {code !== app.app_code_name ? (
          <span className="muted small">
            as <span className="mono">{code}</span>
          </span>
        ) : null}
        {app.outcome === "updated" ? (
          <button
            type="button"
            className="link-button push-end"
            onClick={() => open("settings")}
            data-testid="manifest-result-open"
          >
            Open the app
          </button>
        ) : null}
      </div>
      {app.outcome === "created" ? <Created app={app} onOpen={() => open("credentials")} /> : null}
      {app.error ? <ErrorNotice error={new ConsoleError(app.error)} context="manifest" testId="manifest-result-error" /> : null}
      {app.notes.length > 0 ? (
        <ul className="mf-notes small">
          {app.notes.map((note, index) => (
            <li key={index} data-testid="manifest-result-note">
              {note}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Created(props: { app: AppliedApp; onOpen: () => void }) {
  const { app } = props;
  return (
    <div className="mf-created">
      {app.secret_saved === false ? (
        <div className="banner fail" role="alert" data-testid="manifest-result-not-saved">
          <p>
            Created, but your store could not keep its client secret, and the platform will not show it again: copy it
            now and keep it somewhere safe.
          </p>
          {app.unsaved_client_secret ? (
            <p className="mono" data-testid="manifest-result-unsaved-secret">
              {app.unsaved_client_secret}
            </p>
          ) : null}
        </div>
      ) : (
        <p data-testid="manifest-result-created">Created; its client secret is kept in your encrypted store.</p>
      )}
      {app.client_id ? (
        <p className="small">
          Client ID <span className="mono">{app.client_id}</span>
        </p>
      ) : null}
      <button type="button" onClick={props.onOpen} data-testid="manifest-result-open">
        Open the app&apos;s credentials
      </button>
    </div>
  );
}
