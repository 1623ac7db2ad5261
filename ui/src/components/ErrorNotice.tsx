// A failure as every screen tells it: the title and next step come from the one table
// keyed by error code (api/errorClassification.ts); the message and the platform's own
// words come from Rust. A screen with its own advice for a code passes its `context`.
// When Rust's message opens with what the title says, the message alone says it.
import { asConsoleError } from "../api/commands";
import { errorNextStep, errorTitle, repeatsTitle, type ErrorContext } from "../api/errorClassification";

/** A failure, told as what happened, why (the console's message and the platform's own words), and what to do. */
export function ErrorNotice(props: {
  error: unknown;
  onRetry?: (() => void) | undefined;
  testId?: string;
  context?: ErrorContext;
}) {
  const error = asConsoleError(props.error);
  const next = errorNextStep(error, props.context);
  const title = errorTitle(error.code);
  return (
    <div className="notice fail" role="alert" data-testid={props.testId ?? "error"} data-code={error.code}>
      {/* Rust's message may open with the title's own words: then it is said once, by the message. */}
      {repeatsTitle(title, error.message) ? null : <strong>{title}</strong>}
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
