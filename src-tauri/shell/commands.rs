//! The `#[tauri::command]`s: argument plumbing only. Each unpacks its arguments and
//! calls one `Console` method; errors cross IPC as `ConsoleError` (`{code, message, …}`).
//! Arguments keep Rust's snake_case names on the JavaScript side too.

use intandem_core::console::dto::{
    AppDetails, AppTokensView, AppUpdateView, AppsListing, CreatedAppShown, CreatedTokenShown,
    CredentialsView, OAuthRunView, ProfileView, RedirectUrisDiff, RedirectUrisView, RemovedProfile,
    RevokedTokenView,
};
use intandem_core::console::{
    AppInput, ChecksReport, NewProfileInput, OAuthReport, RedirectUriChange, SecretToCopy,
    CHECK_CONCURRENCY,
};
use intandem_core::store::AuditEntry;
use intandem_core::{ConsoleError, Secret};
use tauri::{AppHandle, Emitter, State};

use crate::clipboard::{secret_lifetime, SystemClipboard};
use crate::oauth_window::{self, OAuthStart, OAuthStarted};
use crate::state::{ConsoleState, Overview};

type Result<T> = std::result::Result<T, ConsoleError>;

#[tauri::command]
pub async fn console_overview(state: State<'_, ConsoleState>) -> Result<Overview> {
    Ok(state.overview().await)
}

/// The passphrase is wrapped in `Secret` at once and never echoed back.
#[tauri::command]
pub async fn store_unlock(state: State<'_, ConsoleState>, passphrase: String) -> Result<Overview> {
    state.unlock(Secret::new(passphrase)).await?;
    Ok(state.overview().await)
}

#[tauri::command]
pub async fn profiles_list(state: State<'_, ConsoleState>) -> Result<Vec<ProfileView>> {
    state.console().await?.profiles_list().await
}

/// The directory token arrives inside `input` as a `Secret` and is validated against
/// the platform before anything is saved.
#[tauri::command]
pub async fn profile_add(
    state: State<'_, ConsoleState>,
    input: NewProfileInput,
) -> Result<ProfileView> {
    state.console().await?.profile_add(input).await
}

#[tauri::command]
pub async fn profile_use(state: State<'_, ConsoleState>, name: String) -> Result<ProfileView> {
    state.console().await?.profile_use(&name).await
}

#[tauri::command]
pub async fn profile_remove(
    state: State<'_, ConsoleState>,
    name: String,
) -> Result<RemovedProfile> {
    state.console().await?.profile_remove(&name).await
}

#[tauri::command]
pub async fn apps_list(state: State<'_, ConsoleState>) -> Result<AppsListing> {
    state.console().await?.apps_list().await
}

/// The apps as last synced, from the local store only: what the list paints first.
#[tauri::command]
pub async fn apps_cached(state: State<'_, ConsoleState>) -> Result<AppsListing> {
    crate::bench_ready::mark("cached-asked");
    let console = state.console().await?;
    crate::bench_ready::mark("cached-console");
    let listing = console.apps_cached().await;
    crate::bench_ready::mark("cached-answered");
    listing
}

/// The UI painted the apps list for the first time (the start-up benchmark's mark).
#[tauri::command(rename_all = "snake_case")]
pub fn apps_painted(
    app: AppHandle,
    page_ms: Option<f64>,
    script_ms: Option<f64>,
    marks: Option<String>,
) {
    crate::bench_ready::painted(&app, page_ms, script_ms, marks);
}

#[tauri::command]
pub async fn app_show(state: State<'_, ConsoleState>, app: String) -> Result<AppDetails> {
    state.console().await?.app_show(&app).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_create(
    state: State<'_, ConsoleState>,
    input: AppInput,
) -> Result<CreatedAppShown> {
    // The webview gets the secret's mask: it is in the store, copied by reference.
    Ok(state.console().await?.app_create(input).await?.into())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_update_preview(
    state: State<'_, ConsoleState>,
    app: String,
    input: AppInput,
) -> Result<AppUpdateView> {
    state.console().await?.app_update_preview(&app, input).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_update(
    state: State<'_, ConsoleState>,
    app: String,
    input: AppInput,
) -> Result<AppUpdateView> {
    state.console().await?.app_update(&app, input).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn app_credentials(
    state: State<'_, ConsoleState>,
    app: String,
    reveal: bool,
) -> Result<CredentialsView> {
    state.console().await?.app_credentials(&app, reveal).await
}

/// Keeps the credentials of an app created elsewhere. The secret arrives as a `Secret`
/// and comes back masked.
#[tauri::command(rename_all = "snake_case")]
pub async fn app_credentials_import(
    state: State<'_, ConsoleState>,
    app: String,
    client_id: String,
    client_secret: Secret,
) -> Result<CredentialsView> {
    state
        .console()
        .await?
        .app_credentials_import(&app, &client_id, client_secret)
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn redirect_uris_list(
    state: State<'_, ConsoleState>,
    app: String,
) -> Result<RedirectUrisView> {
    state.console().await?.redirect_uris_list(&app).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn redirect_uris_preview(
    state: State<'_, ConsoleState>,
    app: String,
    change: RedirectUriChange,
) -> Result<RedirectUrisDiff> {
    state
        .console()
        .await?
        .redirect_uris_preview(&app, change)
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn redirect_uris_apply(
    state: State<'_, ConsoleState>,
    app: String,
    change: RedirectUriChange,
) -> Result<RedirectUrisDiff> {
    state
        .console()
        .await?
        .redirect_uris_apply(&app, change)
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn tokens_list(state: State<'_, ConsoleState>, app: String) -> Result<AppTokensView> {
    state.console().await?.tokens_list(&app).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn token_create(
    state: State<'_, ConsoleState>,
    app: String,
) -> Result<CreatedTokenShown> {
    Ok(state.console().await?.token_create(&app).await?.into())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn token_revoke(
    state: State<'_, ConsoleState>,
    app: String,
    token_or_tail: String,
) -> Result<RevokedTokenView> {
    state
        .console()
        .await?
        .token_revoke(&app, &token_or_tail)
        .await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn audit(
    state: State<'_, ConsoleState>,
    app: Option<String>,
    limit: Option<u32>,
) -> Result<Vec<AuditEntry>> {
    state.console().await?.audit(app.as_deref(), limit).await
}

/// Copies plain text (an id, a URL): never used for a secret.
#[tauri::command]
pub async fn clipboard_copy_text(
    clipboard: State<'_, SystemClipboard>,
    text: String,
) -> Result<()> {
    clipboard.copy_text(&text)
}

/// Copies a kept secret named by reference: the secret goes from the store to the
/// clipboard without passing through the webview, and is cleared after 30 seconds.
#[tauri::command(rename_all = "snake_case")]
pub async fn clipboard_copy_secret(
    state: State<'_, ConsoleState>,
    clipboard: State<'_, SystemClipboard>,
    app: String,
    secret: SecretToCopy,
) -> Result<()> {
    let value = state
        .console()
        .await?
        .secret_for_clipboard(&app, &secret)
        .await?;
    clipboard.copy_secret(value, secret_lifetime())
}

/// Starts an OAuth test: checks the authorize page, then opens the login window (or the
/// system browser for a loopback redirect URI). Progress arrives as `oauth-event`s.
#[tauri::command]
pub async fn oauth_start(app: AppHandle, input: OAuthStart) -> Result<OAuthStarted> {
    oauth_window::start(&app, input).await
}

/// Stops a pending OAuth test, closing its login window.
#[tauri::command(rename_all = "snake_case")]
pub async fn oauth_stop(app: AppHandle, run_id: i64) -> Result<()> {
    oauth_window::stop(&app, run_id).await
}

/// The app's OAuth tests, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn oauth_runs(
    state: State<'_, ConsoleState>,
    app: String,
    limit: Option<u32>,
) -> Result<Vec<OAuthRunView>> {
    state
        .console()
        .await?
        .oauth_runs(&app, limit.unwrap_or(20))
        .await
}

/// A test's report for a support ticket (Markdown and JSON, nothing secret).
#[tauri::command(rename_all = "snake_case")]
pub async fn oauth_report(state: State<'_, ConsoleState>, run_id: i64) -> Result<OAuthReport> {
    state.console().await?.oauth_report(run_id).await
}

/// The setup checks of one app (and of the profile's token).
#[tauri::command]
pub async fn check_app(state: State<'_, ConsoleState>, app: String) -> Result<ChecksReport> {
    state.console().await?.check_app(&app).await
}

/// How far a directory-wide checks run is, as `checks-progress` events.
#[derive(Clone, serde::Serialize, ts_rs::TS)]
pub struct ChecksProgress {
    pub done: usize,
    pub total: usize,
}

/// The setup checks of every app of the directory, a few at a time; progress arrives
/// as `checks-progress` events.
#[tauri::command]
pub async fn check_all(app: AppHandle, state: State<'_, ConsoleState>) -> Result<ChecksReport> {
    let progress = |done: usize, total: usize| {
        let _ = app.emit_to("main", "checks-progress", ChecksProgress { done, total });
    };
    state
        .console()
        .await?
        .check_all(CHECK_CONCURRENCY, &progress)
        .await
}
