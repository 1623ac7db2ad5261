// A manifest's plan as the import screen shows it: the summary sentence, one row per app
// that the manifest names (creates and updates first, with the fields they set or the
// field diff, notes, and warnings that stand out), and the platform's other apps
// collapsed in a short list.
import type { ManifestPlan, PlannedApp } from "../../api/bindings";
import { FieldDiff } from "../../components/FieldDiff";
import { ACTION_LABEL, byAction, planCounts, planSummary } from "./plan";

export function PlanView(props: { plan: ManifestPlan }) {
  const { plan } = props;
  const apps = byAction(plan.apps);
  const named = apps.filter((app) => app.action !== "not_in_manifest");
  const others = apps.filter((app) => app.action === "not_in_manifest");
  return (
    <div className="mf-plan stack" data-testid="manifest-plan-view">
      <div className={plan.changes === 0 ? "banner ok" : "banner"} role="status">
        <p className="mf-summary" data-testid="manifest-plan-summary">
          {planSummary(plan)}
        </p>
        {plan.changes === 0 && plan.apps.length > 0 ? <p className="muted small">{planCounts(plan)}.</p> : null}
      </div>
      {named.length > 0 ? (
        <ul className="mf-apps">
          {named.map((app) => (
            <PlanRow key={app.app_code_name} app={app} />
          ))}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <details className="mf-others" data-testid="manifest-plan-others">
          <summary>
            {others.length} {others.length === 1 ? "app" : "apps"} on the platform but not in the manifest: left as{" "}
            {others.length === 1 ? "it is" : "they are"}
          </summary>
          <ul className="mf-other-list">
            {others.map((app) => (
              <li
                key={app.app_code_name}
                className="mono"
                data-testid="manifest-plan-app"
                data-action={app.action}
                data-app={app.app_code_name}
              >
                {app.app_code_name}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function PlanRow(props: { app: PlannedApp }) {
  const { app } = props;
  const renamed = app.platform_code_name !== null && app.platform_code_name !== app.app_code_name;
  return (
    <li
      className={`card mf-app mf-${app.action}`}
      data-testid="manifest-plan-app"
      data-action={app.action}
      data-app={app.app_code_name}
    >
      <div className="mf-app-head">
        <span className={`badge mf-badge mf-badge-${app.action}`}>{ACTION_LABEL[app.action]}</span>
        <span className="mono mf-code">{app.app_code_name}</span>
        {renamed ? (
          <span className="muted small">
            on the platform: <span className="mono">{app.platform_code_name}</span>
          </span>
        ) : null}
      </div>
      {app.warnings.length > 0 ? (
        <ul className="mf-warnings" aria-label="Warnings">
          {app.warnings.map((warning, index) => (
            <li key={index} className="mf-warning" data-testid="manifest-plan-warning">
              <strong>Warning:</strong> {warning}
            </li>
          ))}
        </ul>
      ) : null}
      {app.action === "update" && app.changes.length > 0 ? (
        <FieldDiff changes={app.changes} testId="manifest-plan-diff" compact />
      ) : null}
      {app.action === "create" && app.changes.length > 0 ? (
        <FieldDiff changes={app.changes} testId="manifest-plan-fields" given compact />
      ) : null}
      {app.notes.length > 0 ? (
        <ul className="mf-notes muted small">
          {app.notes.map((note, index) => (
            <li key={index} data-testid="manifest-plan-note">
              {note}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
