//! The command list's `custom` commands (command_list.rs), which do a little more than
//! call one `Console` method: the start-up's marks, the GUI's views of new secrets, the
//! clipboard, the OAuth and launch windows, progress events. router.rs reads their
//! arguments and answers the page; each takes the app (its managed state) first. Errors
//! cross IPC as `ConsoleError` (`{code, message, …}`); arguments keep Rust's snake_case
//! names on the JavaScript side too.

use intandem_core::console::dto::*;
use intandem_core::console::*;
use intandem_core::launch::LaunchRequest;
use intandem_core::{ConsoleError, ErrorCode, Secret};
use tauri::{AppHandle, Emitter, Manager};

use crate::clipboard::{secret_lifetime, SystemClipboard};
use crate::launch_window::{self, LaunchStarted};
use crate::manifest_files::{self, OpenedManifest};
use crate::oauth_window::{self, OAuthStart, OAuthStarted};
use crate::state::{ConsoleState, Overview};

type Result<T> = std::result::Result<T, ConsoleError>;

pub async fn console_overview(app: &AppHandle) -> Result<Overview> {
    Ok(app.state::<ConsoleState>().overview().await)
}

/// The passphrase is wrapped in `Secret` at once and never echoed back.
pub async fn store_unlock(app: &AppHandle, passphrase: String) -> Result<Overview> {
    let state = app.state::<ConsoleState>();
    state.unlock(Secret::new(passphrase)).await?;
    Ok(state.overview().await)
}

/// Tries the OS keyring again for a store waiting for a passphrase (the user started one).
pub async fn store_retry_keyring(app: &AppHandle) -> Result<Overview> {
    let state = app.state::<ConsoleState>();
    state.retry_keyring().await?;
    Ok(state.overview().await)
}

/// The apps as last synced, from the local store only: what the list paints first.
pub async fn apps_cached(app: &AppHandle) -> Result<AppsListing> {
    crate::bench_ready::mark("cached-asked");
    let state = app.state::<ConsoleState>();
    let console = state.console().await?;
    crate::bench_ready::mark("cached-console");
    let listing = console.apps_cached().await;
    crate::bench_ready::mark("cached-answered");
    listing
}

/// The UI painted the apps list for the first time (the start-up benchmark's mark).
pub async fn apps_painted(
    app: &AppHandle,
    page_ms: Option<f64>,
    script_ms: Option<f64>,
    marks: Option<String>,
) -> Result<()> {
    crate::bench_ready::painted(app, page_ms, script_ms, marks);
    Ok(())
}

pub async fn app_create(app: &AppHandle, input: AppInput) -> Result<CreatedAppShown> {
    // The webview gets the secret's mask: it is in the store, copied by reference.
    let state = app.state::<ConsoleState>();
    let created = state.console().await?.app_create(input).await?;
    Ok(created.into())
}

pub async fn token_create(handle: &AppHandle, app: String) -> Result<CreatedTokenShown> {
    let state = handle.state::<ConsoleState>();
    let created = state.console().await?.token_create(&app).await?;
    Ok(created.into())
}

/// Copies plain text (an id, a URL): never used for a secret.
pub async fn clipboard_copy_text(app: &AppHandle, text: String) -> Result<()> {
    app.state::<SystemClipboard>().copy_text(app, text).await
}

/// Copies a kept secret named by reference: the secret goes from the store to the
/// clipboard without passing through the webview, and is cleared after 30 seconds.
pub async fn clipboard_copy_secret(
    handle: &AppHandle,
    app: String,
    secret: SecretToCopy,
) -> Result<()> {
    let value = handle
        .state::<ConsoleState>()
        .console()
        .await?
        .secret_for_clipboard(&app, &secret)
        .await?;
    handle
        .state::<SystemClipboard>()
        .copy_secret(handle, value, secret_lifetime())
        .await
}

/// Starts an OAuth test: checks the authorize page, then opens the login window (or the
/// system browser for a loopback redirect URI). Progress arrives as `oauth-event`s.
pub async fn oauth_start(app: &AppHandle, input: OAuthStart) -> Result<OAuthStarted> {
    oauth_window::start(app, input).await
}

/// Stops a pending OAuth test, closing its login window.
pub async fn oauth_stop(app: &AppHandle, run_id: i64) -> Result<()> {
    oauth_window::stop(app, run_id).await
}

/// Launches an app as "Open app" does, in the embedded window; how it ended arrives as
/// a `launch-event`. A launch that cannot work (no landing page, a blocked business…)
/// fails here, before any window opens.
pub async fn launch_start(app: &AppHandle, request: LaunchRequest) -> Result<LaunchStarted> {
    launch_window::start(app, request).await
}

/// Stops a live launch; what was seen so far is judged and arrives as its event.
pub async fn launch_stop(app: &AppHandle, key: i64) -> Result<()> {
    launch_window::stop(app, key);
    Ok(())
}

/// Saves a manifest where the user chooses (the system's save dialog); the path, or
/// `None` when they cancel.
pub async fn manifest_save(
    app: &AppHandle,
    text: String,
    suggested_name: String,
) -> Result<Option<String>> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || manifest_files::save(&app, &text, &suggested_name))
        .await
        .unwrap_or(Ok(None))
}

/// Opens a manifest the user chooses (the system's open dialog); `None` when they cancel.
pub async fn manifest_open(app: &AppHandle) -> Result<Option<OpenedManifest>> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || manifest_files::open(&app))
        .await
        .unwrap_or(Ok(None))
}

/// Copies a manual OAuth test's authorize URL to the clipboard (from Rust: the page never
/// holds the URL's `state`).
pub async fn oauth_copy_authorize_url(app: &AppHandle, run_id: i64) -> Result<()> {
    oauth_window::copy_authorize_url(app, run_id).await
}

/// Hands a live OAuth test the URL the browser was sent to: the one given, or, when none
/// is, the one on the clipboard (read in Rust, so its code never reaches the page).
pub async fn oauth_paste_redirect(app: &AppHandle, run_id: i64, url: Option<String>) -> Result<()> {
    match url {
        Some(url) => {
            let state = app.state::<ConsoleState>();
            let console = state.console().await?;
            console.oauth_paste_redirect(run_id, &url)
        }
        None => oauth_window::paste_from_clipboard(app, run_id).await,
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
pub async fn check_all(app: &AppHandle) -> Result<ChecksReport> {
    let progress = |done: usize, total: usize| {
        let _ = app.emit_to("main", "checks-progress", ChecksProgress { done, total });
    };
    let state = app.state::<ConsoleState>();
    let console = state.console().await?;
    console.check_all(CHECK_CONCURRENCY, &progress).await
}

/// Closes the console's window after its close guard asked and the user chose to discard
/// what was unsaved (the page had kept the window open to ask).
pub async fn main_window_close(app: &AppHandle) -> Result<()> {
    if let Some(window) = app.get_webview_window("main") {
        window.destroy().map_err(|error| {
            ConsoleError::new(
                ErrorCode::Internal,
                format!("The window could not be closed ({error}). Close it again, or quit the console."),
            )
        })?;
    }
    Ok(())
}
