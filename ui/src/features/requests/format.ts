// How a logged platform call reads: its status in words, its attempt, and the whole call
// as text (for Copy). The values are Rust's, already redacted.
import type { LoggedCall } from "../../api/bindings";

/** The exact status, or "no answer" when none came. */
export function statusText(call: LoggedCall): string {
  return call.status === null ? "no answer" : String(call.status);
}

/** "first try", or "retry 1" for the second attempt, "retry 2" for the third… */
export function attemptText(attempt: number): string {
  return attempt <= 1 ? "first try" : `retry ${attempt - 1}`;
}

/** A body as sent or received, indented when it is JSON. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The call as plain text, as Copy puts it on the clipboard. */
export function callAsText(call: LoggedCall): string {
  const lines = [
    `${call.method} ${call.path}`,
    ...call.request_headers.map(([name, value]) => `${name}: ${value}`),
  ];
  if (call.request_body !== null) lines.push("", prettyBody(call.request_body));
  lines.push(
    "",
    `→ ${call.status === null ? `no answer${call.error ? ` (${call.error})` : ""}` : call.status} in ${call.duration_ms} ms, ${attemptText(call.attempt)}, at ${call.at}`,
  );
  if (call.response_body !== null) lines.push("", prettyBody(call.response_body));
  return lines.join("\n");
}
