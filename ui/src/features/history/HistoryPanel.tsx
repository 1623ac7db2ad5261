// The History tab: the changes this console (GUI and CLI) made to one app, from the
// audit log, newest first, each told as the fields it changed. Owns only how an entry
// reads; the log is written by Rust when an action succeeds.
import type { AuditAction, AuditEntry } from "../../api/bindings";
import type { JsonValue } from "../../api/bindings/serde_json/JsonValue";
import { ErrorNotice } from "../../components/ErrorNotice";
import { formatWhen } from "../../format";
import { useAppAudit } from "./hooks";

const ACTION_LABEL: Record<AuditAction, string> = {
  profile_added: "Profile added",
  profile_updated: "Profile updated",
  profile_removed: "Profile removed",
  app_created: "App created",
  app_updated: "App updated",
  credentials_imported: "Credentials imported",
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

/** The changes made to this app from this console (GUI and CLI), newest first. */
export function HistoryPanel(props: { app: string }) {
  const history = useAppAudit(props.app);
  if (history.isPending) return <p className="muted">Reading the history…</p>;
  if (history.isError) return <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) {
    return <p className="muted">No changes made from this console yet.</p>;
  }
  return (
    <ol className="history" data-testid="history">
      {history.data.map((entry) => (
        <li key={entry.id} data-testid="history-entry">
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
      ))}
    </ol>
  );
}
