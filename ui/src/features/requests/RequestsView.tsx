// The Requests screen (loaded when first opened): every call this console made to the
// platform for the current profile, what was sent and what came back, redacted.
import { RequestLog } from "./RequestLog";

export function RequestsView() {
  return (
    <section className="rq-view" data-testid="requests-view">
      <div className="toolbar">
        <h1>Requests</h1>
      </div>
      <p className="muted">
        Every call to the platform for this profile, newest first, with its status, time and retries. Click a call for its
        headers and bodies.
      </p>
      <RequestLog />
    </section>
  );
}
