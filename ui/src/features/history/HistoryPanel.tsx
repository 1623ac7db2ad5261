// The History tab: the changes this console (GUI and CLI) made to one app, from the
// audit log, each told as the fields it changed, and the app's launches ("Launch 12",
// with its verdict), newest first, then the platform calls about the app (the request log,
// features/requests/). Owns only how an entry reads; the log and the launches are written
// by Rust.
import type { AuditAction, AuditEntry, LaunchVerdict } from "../../api/bindings";
import type { JsonValue } from "../../api/bindings/serde_json/JsonValue";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatWhen } from "../../format";
import { SeverityBadge } from "../checks/CheckParts";
import { HEADLINE } from "../launch/choices";
import { useLaunches } from "../launch/hooks";
import { RequestLog } from "../requests/RequestLog";
import { useAppAudit } from "./hooks";

const ACTION_LABEL: Record<AuditAction, string> = {
  profile_added: "Profile added",
  profile_updated: "Profile updated",
  profile_removed: "Profile removed",
  app_created: "App created",
  app_updated: "App updated",
  credentials_imported: "Credentials imported",
  credentials_removed: "Credentials removed",
  token_created: "Token created",
  token_revoked: "Token revoked",
};

function compact(value: JsonValue | null): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** What a creation set, for the fields a person recognises. */
const CREATED_FIELDS = ["name", "redirect_uri", "oauth_redirect_uris", "url_params", "trusted", "token_tail"];

/** The fields an entry's before/after differ in, as `field: before → after`. */
function changes(entry: AuditEntry): string[] {
  if (entry.before === null && entry.after !== null && typeof entry.after === "object" && !Array.isArray(entry.after)) {
    const after = entry.after as Record<string, JsonValue>;
    return CREATED_FIELDS.filter((field) => after[field] !== undefined && after[field] !== null).map(
      (field) => `${field}: ${compact(after[field] ?? null)}`,
    );
  }
  const before = (entry.before ?? {}) as Record<string, JsonValue>;
  const after = (entry.after ?? {}) as Record<string, JsonValue>;
  if (typeof before !== "object" || typeof after !== "object" || Array.isArray(before) || Array.isArray(after)) {
    return [`${compact(entry.before)} → ${compact(entry.after)}`];
  }
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) =>
      field in before && field in after
        ? `${field}: ${compact(before[field] ?? null)} → ${compact(after[field] ?? null)}`
        : `${field}: ${compact((after[field] ?? before[field]) as JsonValue)}`,
    );
}

type Item = { at: string; audit: AuditEntry; launch?: never } | { at: string; launch: LaunchVerdict; audit?: never };

/** The changes and the launches, newest first. */
function merged(audit: AuditEntry[], launches: LaunchVerdict[]): Item[] {
  const items: Item[] = [
    ...audit.map((entry) => ({ at: entry.at, audit: entry })),
    ...launches.map((launch) => ({ at: launch.started_at, launch })),
  ];
  return items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

function AuditItem(props: { entry: AuditEntry }) {
  const { entry } = props;
  return (
    <li data-testid="history-entry">
      <div className="history-head">
        <strong>{ACTION_LABEL[entry.action]}</strong>
        <span className="muted small">
          {formatWhen(entry.at)} · {entry.actor}
          {entry.profile_name ? ` · ${entry.profile_name}` : ""}
        </span>
      </div>
      <ul className="history-changes mono small">
        {changes(entry).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </li>
  );
}

function LaunchItem(props: { launch: LaunchVerdict }) {
  const { launch } = props;
  return (
    <li data-testid="history-launch" data-verdict={launch.verdict}>
      <div className="history-head">
        <strong>Launch {launch.run_id}</strong>
        <span className="muted small">{formatWhen(launch.started_at)}</span>
      </div>
      <p className="small history-launch">
        <SeverityBadge severity={launch.verdict} /> {HEADLINE[launch.verdict]} · business{" "}
        <span className="mono">{launch.business_uid}</span> · staff <span className="mono">{launch.staff_uid}</span>
        {launch.sandbox ? "" : " · browser side only"}
      </p>
    </li>
  );
}

/** The changes made to this app from this console (GUI and CLI), its launches, and the platform calls about it. */
export function HistoryPanel(props: { app: string }) {
  return (
    <>
      <Changes app={props.app} />
      <section className="history-requests" data-testid="history-requests">
        <h2>Requests</h2>
        <RequestLog app={props.app} />
      </section>
    </>
  );
}

/** The changes and the launches, newest first. */
function Changes(props: { app: string }) {
  const history = useAppAudit(props.app);
  const launches = useLaunches(props.app);
  if (history.isPending) return <p className="muted">Reading the history…</p>;
  if (history.isError) return <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />;
  const items = merged(history.data, launches.data ?? []);
  return (
    <>
      {launches.isError ? <ErrorNotice error={launches.error} onRetry={() => void launches.refetch()} testId="history-launches-error" /> : null}
      {items.length === 0 ? (
        <p className="muted">No changes made from this console yet.</p>
      ) : (
        <ol className="history" data-testid="history">
          {items.map((item) =>
            item.audit ? (
              <AuditItem key={`audit-${item.audit.id}`} entry={item.audit} />
            ) : (
              <LaunchItem key={`launch-${item.launch.run_id}`} launch={item.launch} />
            ),
          )}
        </ol>
      )}
    </>
  );
}
