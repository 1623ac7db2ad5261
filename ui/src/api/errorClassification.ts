// How the console tells a failure, in one table keyed by the stable error code Rust sends
// (the idea of GitButler's errorClassification.ts). Each code has a title (what happened)
// and may have a next step (what always helps). Some screens explain a failure in their
// own words: those are further columns of the same table (`advice`, by context), and a
// refinement by the error's `field` where the code alone is not enough (`oauthField`,
// `fieldAdvice`). Nothing else in
// the UI switches on a code or reads an error's message text.
import type { ErrorCode } from "./bindings";
import type { ConsoleError } from "./call";

/** Where a failure is told, for the codes a screen explains in its own words. */
export type ErrorContext =
  | "oauth_start"
  | "oauth_run"
  | "oauth_paste"
  | "add_profile"
  | "edit_profile"
  | "create_app"
  | "launch"
  | "manifest";

type Classification = {
  /** The notice's title: what happened. The message (from Rust) says why. */
  title: string;
  /** A next step, for the codes where one action always helps. */
  next?: string;
  /**
   * By context: the plain-words explanation or advice a screen shows. `null` says
   * "nothing to add here" (and hides the generic next step); `oauth_start` falls back to
   * `oauth_run`.
   */
  advice?: Partial<Record<ErrorContext, string | null>>;
  /** By the error's `field`, for OAuth tests: wins over `advice`. */
  oauthField?: Record<string, string>;
  /** By context, then by the error's `field`: a screen's advice when the field says more than the code. */
  fieldAdvice?: Partial<Record<ErrorContext, Record<string, string>>>;
};

const UNREACHABLE = "The platform could not be reached.";
const NOT_SAVED_OFFLINE = "Nothing was saved. Check the API base URL and your connection, then try again.";
const PROFILE_LEFT = "Nothing was changed: the profile keeps its old token and addresses.";

export const ERROR_CLASSIFICATION: Record<ErrorCode, Classification> = {
  unauthorized: {
    title: "The platform refused the token",
    next: "Open Profiles and add the profile again with a valid directory token.",
    // A refused token's message already says what to do.
    advice: {
      add_profile: null,
      edit_profile: "The old token stays: paste the whole new token (of this environment) and save again.",
    },
  },
  forbidden: { title: "Not allowed" },
  not_found: {
    title: "Not found",
    // The message says the test is over and to start a new one.
    advice: { oauth_run: "Something this test needs was not found.", oauth_paste: null },
    fieldAdvice: { launch: { staff: "Choose another staff member above, then launch again." } },
  },
  conflict: { title: "Conflict", advice: { add_profile: "Choose another name.", edit_profile: "Choose another name." } },
  validation: {
    title: "The platform refused the values",
    advice: {
      oauth_start:
        "The platform refused the authorize request and would never redirect back (a redirect URI it does not have registered, or an unknown client id).",
      oauth_run: "The platform refused the values.",
      launch: "Choose another business, or fix what the message names, then launch again.",
      manifest: "Fix this app in the manifest, then review and apply again.",
    },
  },
  rate_limited: {
    title: "The platform asked us to slow down",
    advice: { oauth_run: "The platform asked us to slow down." },
  },
  server: { title: "The platform failed", next: "Try again in a moment; your input is still here." },
  network: {
    title: "The platform could not be reached",
    next: "Check your connection and the profile's API address, then try again. Nothing was lost.",
    advice: {
      oauth_run: UNREACHABLE,
      add_profile: NOT_SAVED_OFFLINE,
      edit_profile: PROFILE_LEFT,
      launch: "Start your app so its landing page answers, then launch again.",
    },
  },
  timeout: {
    title: "The platform did not answer in time",
    next: "Try again; your input is still here.",
    advice: { oauth_run: UNREACHABLE, add_profile: NOT_SAVED_OFFLINE, edit_profile: PROFILE_LEFT },
  },
  decode: { title: "The platform's answer could not be read" },
  invalid_grant: {
    title: "The authorization code was refused",
    advice: { oauth_run: "The code had expired or was already used (codes live 30 seconds)." },
  },
  invalid_client: {
    title: "The client credentials were refused",
    advice: { oauth_run: "The client secret this console keeps does not match the platform's." },
  },
  access_denied: {
    title: "Access was denied",
    advice: { oauth_run: "The user denied access on the consent page." },
  },
  unknown_outcome: {
    title: "The outcome is unknown",
    // The create screen tells this one as its own outcome (features/apps/UnknownOutcome.tsx).
    advice: { create_app: "Check again before creating anything: a second create could make a second app." },
  },
  cancelled: {
    title: "Stopped",
    advice: { oauth_run: "The login window was closed before the platform redirected back." },
  },
  invalid_input: {
    title: "Check the values",
    advice: { oauth_run: "The values were refused.", manifest: "Fix the manifest, then review again." },
    oauthField: { state: "The state did not match: this redirect was not the answer to this test." },
    fieldAdvice: {
      launch: {
        staff: "Choose another staff member above, then launch again.",
        app: "Set the app's landing page (redirect_uri) in the Settings tab, then launch again.",
      },
      manifest: { manifest: "Fix the manifest at the line shown, then review again." },
      oauth_paste: {
        redirect_url: "Copy the whole address from the browser's address bar once it has left the consent page, then paste it again.",
      },
      edit_profile: { name: "Choose another name." },
    },
  },
  store: { title: "The local store failed" },
  locked: {
    title: "The store is locked",
    next: "Unlock the store with your passphrase.",
    advice: { oauth_run: "The store is locked: unlock it and try again." },
  },
  internal: { title: "Something went wrong" },
};

/** What happened, as a notice's title. */
export function errorTitle(code: ErrorCode): string {
  return ERROR_CLASSIFICATION[code].title;
}

/**
 * What a screen adds under the message: its own advice for the error's field, else its
 * own column when the table has one for the code (possibly "nothing"), else the code's
 * next step.
 */
export function errorNextStep(error: Pick<ConsoleError, "code"> & { field?: string | undefined }, context?: ErrorContext): string | null {
  const entry = ERROR_CLASSIFICATION[error.code];
  const byField = context && error.field ? entry.fieldAdvice?.[context]?.[error.field] : undefined;
  if (byField) return byField;
  if (context && entry.advice && context in entry.advice) return entry.advice[context] ?? null;
  return entry.next ?? null;
}

/** How an OAuth test's failure reads, in plain words, or null when the table has none. */
export function oauthExplanation(
  code: ErrorCode,
  field: string | undefined,
  context: "oauth_start" | "oauth_run",
): string | null {
  const entry = ERROR_CLASSIFICATION[code];
  const byField = field ? entry.oauthField?.[field] : undefined;
  if (byField) return byField;
  return entry.advice?.[context] ?? entry.advice?.oauth_run ?? null;
}

/**
 * Whether Rust's message opens by saying what the title says ("The platform failed
 * (HTTP 502)." under "The platform failed"): then a notice shows the message alone, so
 * the same words are not said twice in a row.
 */
export function repeatsTitle(title: string, message: string): boolean {
  const plain = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();
  const wanted = plain(title).replace(/[.!:;,]+$/, "");
  const text = plain(message);
  if (!wanted || !text.startsWith(wanted)) return false;
  // The title is the message's whole first clause, not the start of a longer word or phrase.
  return /^(?:[.!:;,(—-]|\s[(—-]|$)/.test(text.slice(wanted.length));
}
