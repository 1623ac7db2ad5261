// One logged platform call as a table row (time, method, path, exact status or "no answer"
// with why, duration, attempt, app) that opens, on click or Enter, to its headers and
// bodies as sent and received (already redacted by Rust), with Copy.
import type { KeyboardEvent } from "react";
import type { LoggedCall } from "../../api/bindings";
import { CopyButton } from "../../components/CopyButton";
import { formatWhenToSecond } from "../../format";
import { attemptText, callAsText, prettyBody, statusText } from "./format";

const COLUMNS = 7;

function statusClass(status: number | null): string {
  if (status === null || status >= 500) return "badge fail";
  if (status >= 400) return "badge rq-warn";
  return "badge ok";
}

export function RequestRow(props: { call: LoggedCall; open: boolean; onToggle: () => void; showApp: boolean }) {
  const { call, open } = props;
  function onKey(event: KeyboardEvent) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    props.onToggle();
  }
  return (
    <>
      <tr
        className={open ? "rq-row open" : "rq-row"}
        data-testid="request-row"
        data-status={call.status ?? "none"}
        tabIndex={0}
        aria-expanded={open}
        onClick={props.onToggle}
        onKeyDown={onKey}
      >
        <td className="mono small nowrap">{formatWhenToSecond(call.at)}</td>
        <td className="mono">{call.method}</td>
        <td>
          <span className="mono rq-path">{call.path}</span>
          <span className="muted small rq-action">{call.action}</span>
        </td>
        <td data-testid="request-status">
          <span className={statusClass(call.status)}>{statusText(call)}</span>
          {call.status === null && call.error ? <span className="small rq-error"> {call.error}</span> : null}
        </td>
        <td className="nowrap">{call.duration_ms} ms</td>
        <td className="nowrap small">{attemptText(call.attempt)}</td>
        {props.showApp ? <td className="mono small">{call.app_code_name ?? "—"}</td> : null}
      </tr>
      {open ? (
        <tr className="rq-details" data-testid="request-details">
          <td colSpan={props.showApp ? COLUMNS : COLUMNS - 1}>
            <div className="rq-details-head">
              <span className="small muted">
                {call.action} · attempt {call.attempt}
              </span>
              <CopyButton source={{ text: callAsText(call) }} testId="request-copy" />
            </div>
            <h4>Request headers</h4>
            <pre className="rq-pre">
              {call.request_headers.length > 0 ? call.request_headers.map(([name, value]) => `${name}: ${value}`).join("\n") : "(none)"}
            </pre>
            <h4>Request body</h4>
            <pre className="rq-pre">{call.request_body !== null ? prettyBody(call.request_body) : "(none)"}</pre>
            <h4>Response body</h4>
            <pre className="rq-pre">
              {call.response_body !== null ? prettyBody(call.response_body) : call.status === null ? `(no answer: ${call.error ?? "none came"})` : "(empty)"}
            </pre>
          </td>
        </tr>
      ) : null}
    </>
  );
}
