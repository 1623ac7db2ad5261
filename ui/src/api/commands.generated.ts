// Generated from the command list (src-tauri/shell/command_list.rs) by `make bindings`.
// Do not edit: add a command to the list, then run `make bindings`.
import { call } from "./call";
import type { AppDetails, AppFormCheck, AppInput, AppTokensView, AppUpdateView, AppVocabulary, AppsListing, AuditEntry, ChecksReport, CreatedAppShown, CreatedTokenShown, CredentialsView, NewProfileInput, OAuthReport, OAuthRunView, OAuthStart, OAuthStarted, Overview, ProfileView, RedirectUriChange, RedirectUrisDiff, RedirectUrisView, RemovedProfile, RevokedTokenView, SecretToCopy, UriJudgement } from "./bindings";

/** One typed wrapper per command of the desktop app. */
export const generated = {
  consoleOverview: () => call<Overview>("console_overview"),
  storeUnlock: (passphrase: string) => call<Overview>("store_unlock", { passphrase }),
  profilesList: () => call<Array<ProfileView>>("profiles_list"),
  profileAdd: (input: NewProfileInput) => call<ProfileView>("profile_add", { input }),
  profileUse: (name: string) => call<ProfileView>("profile_use", { name }),
  profileRemove: (name: string) => call<RemovedProfile>("profile_remove", { name }),
  appsList: () => call<AppsListing>("apps_list"),
  appsCached: () => call<AppsListing>("apps_cached"),
  appsPainted: (pageMs: number | null, scriptMs: number | null, marks: string | null) => call<null>("apps_painted", { page_ms: pageMs, script_ms: scriptMs, marks }),
  appShow: (app: string) => call<AppDetails>("app_show", { app }),
  appCreate: (input: AppInput) => call<CreatedAppShown>("app_create", { input }),
  appUpdatePreview: (app: string, input: AppInput) => call<AppUpdateView>("app_update_preview", { app, input }),
  appUpdate: (app: string, input: AppInput) => call<AppUpdateView>("app_update", { app, input }),
  appCredentials: (app: string, reveal: boolean) => call<CredentialsView>("app_credentials", { app, reveal }),
  appCredentialsImport: (app: string, clientId: string, clientSecret: string) => call<CredentialsView>("app_credentials_import", { app, client_id: clientId, client_secret: clientSecret }),
  appVocabulary: () => call<AppVocabulary>("app_vocabulary"),
  appFormCheck: (input: AppInput) => call<AppFormCheck>("app_form_check", { input }),
  redirectUrisJudge: (uris: Array<string>) => call<Array<UriJudgement>>("redirect_uris_judge", { uris }),
  redirectUrisList: (app: string) => call<RedirectUrisView>("redirect_uris_list", { app }),
  redirectUrisPreview: (app: string, change: RedirectUriChange) => call<RedirectUrisDiff>("redirect_uris_preview", { app, change }),
  redirectUrisApply: (app: string, change: RedirectUriChange) => call<RedirectUrisDiff>("redirect_uris_apply", { app, change }),
  tokensList: (app: string) => call<AppTokensView>("tokens_list", { app }),
  tokenCreate: (app: string) => call<CreatedTokenShown>("token_create", { app }),
  tokenRevoke: (app: string, tokenOrTail: string) => call<RevokedTokenView>("token_revoke", { app, token_or_tail: tokenOrTail }),
  audit: (app: string | null, limit: number | null) => call<Array<AuditEntry>>("audit", { app, limit }),
  clipboardCopyText: (text: string) => call<null>("clipboard_copy_text", { text }),
  clipboardCopySecret: (app: string, secret: SecretToCopy) => call<null>("clipboard_copy_secret", { app, secret }),
  oauthStart: (input: OAuthStart) => call<OAuthStarted>("oauth_start", { input }),
  oauthStop: (runId: number) => call<null>("oauth_stop", { run_id: runId }),
  oauthRuns: (app: string, limit: number | null) => call<Array<OAuthRunView>>("oauth_runs", { app, limit }),
  oauthReport: (runId: number) => call<OAuthReport>("oauth_report", { run_id: runId }),
  checkApp: (app: string) => call<ChecksReport>("check_app", { app }),
  checkAll: () => call<ChecksReport>("check_all"),
};
