// How an OAuth test ended badly, told in plain words. The words come from the error
// table's OAuth columns (api/errorClassification.ts), by code and, where the code is not
// enough, by the error's field (a `state` that did not match): never from message text.
import { asConsoleError, ConsoleError } from "../../api/commands";
import { oauthExplanation } from "../../api/errorClassification";
import type { OAuthRunState } from "./runReducer";

export type Failure = { code: string; explanation: string; message: string; vendorMessage?: string; status?: number };

const FALLBACK = "The test failed.";

function failureOf(error: ConsoleError, context: "oauth_start" | "oauth_run"): Failure {
  return {
    code: error.code,
    explanation: oauthExplanation(error.code, error.field, context) ?? FALLBACK,
    message: error.message,
    vendorMessage: error.vendorMessage,
    status: error.status,
  };
}

/** The failure to show: the start's refusal, else how the current run ended (if badly). */
export function runFailure(startError: unknown, state: OAuthRunState): Failure | null {
  if (startError) return failureOf(asConsoleError(startError), "oauth_start");
  const { completion } = state;
  if (completion && completion.outcome !== "succeeded") {
    return completion.error
      ? failureOf(new ConsoleError(completion.error), "oauth_run")
      : { code: completion.outcome, explanation: FALLBACK, message: "No reason was recorded." };
  }
  if (state.failed) return failureOf(new ConsoleError(state.failed), "oauth_run");
  if (state.cancelledReason !== null) {
    return {
      code: "cancelled",
      explanation: oauthExplanation("cancelled", undefined, "oauth_run") ?? FALLBACK,
      message: state.cancelledReason,
    };
  }
  return null;
}
