// Typed wrappers over the shell's #[tauri::command]s. Every call goes through `call`,
// which turns a rejected invoke into a ConsoleError carrying the stable error code.
// The types come from ./bindings, generated from the Rust types (`make bindings`).
import { invoke } from "@tauri-apps/api/core";
import type {
  AppDetails,
  AppInput,
  AppsListing,
  AppTokensView,
  AppUpdateView,
  AuditEntry,
  ChecksReport,
  ConsoleError as ConsoleErrorPayload,
  CreatedAppShown,
  CreatedTokenShown,
  CredentialsView,
  ErrorCode,
  NewProfileInput,
  OAuthReport,
  OAuthRunView,
  OAuthStart,
  OAuthStarted,
  Overview,
  ProfileView,
  RedirectUriChange,
  RedirectUrisDiff,
  RedirectUrisView,
  RevokedTokenView,
  SecretToCopy,
} from "./bindings";

export class ConsoleError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly status: number | undefined;
  readonly vendorMessage: string | undefined;
  readonly retryAfterSecs: number | undefined;
  constructor(payload: ConsoleErrorPayload) {
    super(payload.message);
    this.name = "ConsoleError";
    this.code = payload.code;
    this.field = payload.field;
    this.status = payload.status;
    this.vendorMessage = payload.vendor_message;
    this.retryAfterSecs = payload.retry_after_secs;
  }
}

function isCodedError(value: unknown): value is ConsoleErrorPayload {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { code?: unknown }).code === "string" &&
    typeof (value as { message?: unknown }).message === "string"
  );
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isCodedError(error)) throw new ConsoleError(error);
    throw new ConsoleError({ code: "internal", message: String(error) });
  }
}

/** Turns anything thrown into a ConsoleError (TanStack Query types errors as Error). */
export function asConsoleError(error: unknown): ConsoleError {
  if (error instanceof ConsoleError) return error;
  return new ConsoleError({ code: "internal", message: String(error) });
}

export const commands = {
  overview: () => call<Overview>("console_overview"),
  unlock: (passphrase: string) => call<Overview>("store_unlock", { passphrase }),
  profilesList: () => call<ProfileView[]>("profiles_list"),
  profileAdd: (input: NewProfileInput) => call<ProfileView>("profile_add", { input }),
  profileUse: (name: string) => call<ProfileView>("profile_use", { name }),
  appsList: () => call<AppsListing>("apps_list"),
  /** The apps as last synced, from the local store only (painted before the platform answers). */
  appsCached: () => call<AppsListing>("apps_cached"),
  /** Tells the shell the apps list was painted (the start-up benchmark's mark). */
  appsPainted: (pageMs: number, scriptMs: number, marks: string) =>
    call<null>("apps_painted", { page_ms: pageMs, script_ms: scriptMs, marks }),
  appShow: (app: string) => call<AppDetails>("app_show", { app }),
  appCreate: (input: AppInput) => call<CreatedAppShown>("app_create", { input }),
  appUpdatePreview: (app: string, input: AppInput) =>
    call<AppUpdateView>("app_update_preview", { app, input }),
  appUpdate: (app: string, input: AppInput) => call<AppUpdateView>("app_update", { app, input }),
  /** Masked unless `reveal`: a reveal is the one way a kept client secret reaches this page. */
  appCredentials: (app: string, reveal: boolean) =>
    call<CredentialsView>("app_credentials", { app, reveal }),
  /** Keeps the credentials of an app created elsewhere; the answer carries only the mask. */
  appCredentialsImport: (app: string, clientId: string, clientSecret: string) =>
    call<CredentialsView>("app_credentials_import", { app, client_id: clientId, client_secret: clientSecret }),
  redirectUrisList: (app: string) => call<RedirectUrisView>("redirect_uris_list", { app }),
  redirectUrisPreview: (app: string, change: RedirectUriChange) =>
    call<RedirectUrisDiff>("redirect_uris_preview", { app, change }),
  redirectUrisApply: (app: string, change: RedirectUriChange) =>
    call<RedirectUrisDiff>("redirect_uris_apply", { app, change }),
  tokensList: (app: string) => call<AppTokensView>("tokens_list", { app }),
  tokenCreate: (app: string) => call<CreatedTokenShown>("token_create", { app }),
  tokenRevoke: (app: string, tokenOrTail: string) =>
    call<RevokedTokenView>("token_revoke", { app, token_or_tail: tokenOrTail }),
  audit: (app: string | null, limit?: number) => call<AuditEntry[]>("audit", { app, limit: limit ?? null }),
  /** Starts an OAuth test; its progress arrives as `oauth-event`s (see ./oauthEvents). */
  oauthStart: (input: OAuthStart) => call<OAuthStarted>("oauth_start", { input }),
  oauthStop: (runId: number) => call<null>("oauth_stop", { run_id: runId }),
  oauthRuns: (app: string, limit?: number) => call<OAuthRunView[]>("oauth_runs", { app, limit: limit ?? null }),
  oauthReport: (runId: number) => call<OAuthReport>("oauth_report", { run_id: runId }),
  /** One app's setup checks (and the profile's token). */
  checkApp: (app: string) => call<ChecksReport>("check_app", { app }),
  /** Every app's checks; progress arrives as `checks-progress` events ({done, total}). */
  checkAll: () => call<ChecksReport>("check_all"),
  /** Plain text only (ids, URLs). */
  copyText: (text: string) => call<null>("clipboard_copy_text", { text }),
  /** Copies a kept secret by reference: it goes from the store to the clipboard in Rust. */
  copySecret: (app: string, secret: SecretToCopy) => call<null>("clipboard_copy_secret", { app, secret }),
};
