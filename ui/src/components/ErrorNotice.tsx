import type { ErrorCode } from "../api/bindings";
import { asConsoleError } from "../api/commands";

/** What happened, by error code: the title of the notice. The message (from Rust) says why and what to do. */
const TITLE: Record<ErrorCode, string> = {
  unauthorized: "The platform refused the token",
  forbidden: "Not allowed",
  not_found: "Not found",
  conflict: "Conflict",
  validation: "The platform refused the values",
  rate_limited: "The platform asked us to slow down",
  server: "The platform failed",
  network: "The platform could not be reached",
  timeout: "The platform did not answer in time",
  decode: "The platform's answer could not be read",
  invalid_grant: "The authorization code was refused",
  invalid_client: "The client credentials were refused",
  access_denied: "Access was denied",
  unknown_outcome: "The outcome is unknown",
  cancelled: "Stopped",
  invalid_input: "Check the values",
  store: "The local store failed",
  locked: "The store is locked",
  internal: "Something went wrong",
};

/** A next step by error code, for the codes where one action always helps. */
const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  unauthorized: "Open Profiles and add the profile again with a valid directory token.",
  network: "Check your connection and the profile's API address, then try again. Nothing was lost.",
  timeout: "Try again; your input is still here.",
  server: "Try again in a moment; your input is still here.",
  locked: "Unlock the store with your passphrase.",
};

/** A failure, told as what happened, why (the console's message and the platform's own words), and what to do. */
export function ErrorNotice(props: { error: unknown; onRetry?: (() => void) | undefined; testId?: string }) {
  const error = asConsoleError(props.error);
  const next = NEXT_STEP[error.code];
  return (
    <div className="notice fail" role="alert" data-testid={props.testId ?? "error"} data-code={error.code}>
      <strong>{TITLE[error.code]}</strong>
      <p>{error.message}</p>
      {error.vendorMessage && !error.message.includes(error.vendorMessage) ? (
        <p className="small">
          The platform said{error.status ? ` (HTTP ${error.status})` : ""}: <q>{error.vendorMessage}</q>
        </p>
      ) : null}
      {error.retryAfterSecs ? <p className="small">It asked to wait {error.retryAfterSecs} s before trying again.</p> : null}
      {next ? <p className="small">{next}</p> : null}
      {props.onRetry ? (
        <button type="button" onClick={props.onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
