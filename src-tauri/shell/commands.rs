//! The `#[tauri::command]`s: argument plumbing only. Those that only call a `Console`
//! method are generated from the command list (command_list.rs); the few below do a little
//! more (the start-up's marks, the GUI's views of new secrets, the clipboard, the OAuth
//! window, progress events). Errors cross IPC as `ConsoleError` (`{code, message, …}`);
//! arguments keep Rust's snake_case names on the JavaScript side too.

use intandem_core::console::dto::*;
// Globs: a command of the list may name any type of the console, with no edit here.
#[allow(unused_imports)]
use intandem_core::console::*;
#[allow(unused_imports)]
use intandem_core::launch::*;
#[allow(unused_imports)]
use intandem_core::manifest::*;
#[allow(unused_imports)]
use intandem_core::platform::call_log::LoggedCall;
use intandem_core::store::AuditEntry;
use intandem_core::{ConsoleError, Secret};
use tauri::{AppHandle, Emitter, State};

use crate::clipboard::{secret_lifetime, SystemClipboard};
use crate::launch_window::{self, LaunchStarted};
use crate::manifest_files::{self, OpenedManifest};
use crate::oauth_window::{self, OAuthStart, OAuthStarted};
use crate::state::{ConsoleState, Overview};

type Result<T> = std::result::Result<T, ConsoleError>;

/// Generates one `#[tauri::command]` per `console` line of the command list.
macro_rules! console_commands {
    ($($kind:ident $name:ident ($($arg:ident: $ty:ty),*) -> $ret:ty $(=> $method:ident ($($call:expr),*))?;)*) => {
        $( console_command!($kind $name ($($arg: $ty),*) -> $ret $(=> $method ($($call),*))?); )*
    };
}

macro_rules! console_command {
    (custom $($rest:tt)*) => {};
    (console $name:ident ($($arg:ident: $ty:ty),*) -> $ret:ty => $method:ident ($($call:expr),*)) => {
        #[tauri::command(rename_all = "snake_case")]
        pub async fn $name(state: State<'_, ConsoleState>, $($arg: $ty),*) -> Result<$ret> {
            let answer = state.console().await?.$method($($call),*).await;
            crate::memory::AFTER_COMMANDS.poke();
            answer
        }
    };
}

with_commands!(console_commands);

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

/// Tries the OS keyring again for a store waiting for a passphrase (the user started one).
#[tauri::command]
pub async fn store_retry_keyring(state: State<'_, ConsoleState>) -> Result<Overview> {
    state.retry_keyring().await?;
    Ok(state.overview().await)
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

#[tauri::command(rename_all = "snake_case")]
pub async fn app_create(
    state: State<'_, ConsoleState>,
    input: AppInput,
) -> Result<CreatedAppShown> {
    // The webview gets the secret's mask: it is in the store, copied by reference.
    Ok(state.console().await?.app_create(input).await?.into())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn token_create(
    state: State<'_, ConsoleState>,
    app: String,
) -> Result<CreatedTokenShown> {
    Ok(state.console().await?.token_create(&app).await?.into())
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

/// Launches an app as "Open app" does, in the embedded window; how it ended arrives as
/// a `launch-event`. A launch that cannot work (no landing page, a blocked business…)
/// fails here, before any window opens.
#[tauri::command]
pub async fn launch_start(app: AppHandle, request: LaunchRequest) -> Result<LaunchStarted> {
    launch_window::start(&app, request).await
}

/// Stops a live launch; what was seen so far is judged and arrives as its event.
#[tauri::command]
pub fn launch_stop(app: AppHandle, key: i64) {
    launch_window::stop(&app, key);
}

/// Saves a manifest where the user chooses (the system's save dialog); the path, or
/// `None` when they cancel.
#[tauri::command(rename_all = "snake_case")]
pub async fn manifest_save(
    app: AppHandle,
    text: String,
    suggested_name: String,
) -> Result<Option<String>> {
    tauri::async_runtime::spawn_blocking(move || manifest_files::save(&app, &text, &suggested_name))
        .await
        .unwrap_or(Ok(None))
}

/// Opens a manifest the user chooses (the system's open dialog); `None` when they cancel.
#[tauri::command]
pub async fn manifest_open(app: AppHandle) -> Result<Option<OpenedManifest>> {
    tauri::async_runtime::spawn_blocking(move || manifest_files::open(&app))
        .await
        .unwrap_or(Ok(None))
}

/// Copies a manual OAuth test's authorize URL to the clipboard (from Rust: the page never
/// holds the URL's `state`).
#[tauri::command(rename_all = "snake_case")]
pub fn oauth_copy_authorize_url(app: AppHandle, run_id: i64) -> Result<()> {
    oauth_window::copy_authorize_url(&app, run_id)
}

/// Hands a live OAuth test the URL the browser was sent to: the one given, or, when none
/// is, the one on the clipboard (read in Rust, so its code never reaches the page).
#[tauri::command(rename_all = "snake_case")]
pub async fn oauth_paste_redirect(
    app: AppHandle,
    state: State<'_, ConsoleState>,
    run_id: i64,
    url: Option<String>,
) -> Result<()> {
    match url {
        Some(url) => state.console().await?.oauth_paste_redirect(run_id, &url),
        None => oauth_window::paste_from_clipboard(&app, run_id).await,
    }
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
    let report = state
        .console()
        .await?
        .check_all(CHECK_CONCURRENCY, &progress)
        .await;
    crate::memory::AFTER_COMMANDS.poke();
    report
}
