// The request log as a table: the current profile's platform calls, newest first, each
// opening to its headers and bodies. Filtered by app (a select of the code names seen)
// and by text; Refresh reads it again. Given an app (its History tab), only that app's
// calls, with no app column or filter.
import { useMemo, useState } from "react";
import type { LoggedCall } from "../../api/bindings";
import { ErrorNotice } from "../../components/ErrorNotice";
import { useRequestLog } from "./hooks";
import { RequestRow } from "./RequestRow";
import { statusText } from "./format";
import "./requests.css";

const keyOf = (call: LoggedCall, index: number) => `${call.at}|${call.method}|${call.path}|${call.attempt}|${index}`;

function haystack(call: LoggedCall): string {
  return [call.method, call.path, call.action, statusText(call), call.error ?? "", call.app_code_name ?? ""].join("\u0000").toLowerCase();
}

export function RequestLog(props: { app?: string }) {
  const app = props.app ?? null;
  const log = useRequestLog(app);
  const [appFilter, setAppFilter] = useState("");
  const [text, setText] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const calls = useMemo(() => (Array.isArray(log.data) ? log.data : []), [log.data]);
  const seenApps = useMemo(
    () => [...new Set(calls.map((call) => call.app_code_name).filter((code): code is string => !!code))].sort(),
    [calls],
  );
  const needle = text.trim().toLowerCase();
  const shown = calls
    .map((call, index) => ({ call, key: keyOf(call, index) }))
    .filter(({ call }) => (appFilter === "" || call.app_code_name === appFilter) && (needle === "" || haystack(call).includes(needle)));

  const toolbar = (
    <div className="toolbar rq-toolbar">
      {app === null ? (
        <label className="small">
          App{" "}
          <select id="request-filter-app" value={appFilter} onChange={(event) => setAppFilter(event.target.value)}>
            <option value="">All apps</option>
            {seenApps.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <input
        id="request-filter-text"
        className="search"
        type="search"
        aria-label="Filter the calls"
        placeholder="Filter by path, status, method…"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <button type="button" onClick={() => void log.refetch()} disabled={log.isFetching} data-testid="request-refresh">
        {log.isFetching ? "Refreshing…" : "Refresh"}
      </button>
    </div>
  );

  if (log.isPending) {
    return (
      <p className="muted" role="status">
        Reading the request log…
      </p>
    );
  }
  if (log.isError) return <ErrorNotice error={log.error} onRetry={() => void log.refetch()} testId="request-log-error" />;
  if (calls.length === 0) {
    return (
      <div className="rq-log">
        {toolbar}
        <p className="muted" data-testid="request-log-empty">
          {app === null ? "No platform call yet for this profile." : "No platform call about this app yet."}
        </p>
      </div>
    );
  }
  return (
    <div className="rq-log">
      {toolbar}
      <table className="table rq-table" data-testid="request-log">
        <thead>
          <tr>
            <th>Time</th>
            <th>Method</th>
            <th>Path</th>
            <th>Status</th>
            <th>Duration</th>
            <th>Attempt</th>
            {app === null ? <th>App</th> : null}
          </tr>
        </thead>
        <tbody>
          {shown.map(({ call, key }) => (
            <RequestRow
              key={key}
              call={call}
              open={open === key}
              onToggle={() => setOpen((was) => (was === key ? null : key))}
              showApp={app === null}
            />
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="muted small">No call matches the filter.</p> : null}
      <p className="muted small" data-testid="request-count">
        {shown.length} of {calls.length} calls, newest first. Tokens, secrets and codes are redacted before a call is kept.
      </p>
    </div>
  );
}
