//! The OAuth test in the desktop app: plumbing only. The run itself (its rules, timeline,
//! stop and deadline) is core's `oauth_run`; this file gives it a browser (the embedded
//! [`LoginWindow`] or the system one) and forwards the run's events to the main window.

use intandem_core::console::dto::StartedRun;
use intandem_core::console::{OAuthBegin, PENDING_FLOW_LIFETIME};
use intandem_core::oauth_run::{Browser, OAuthEvent, Opener, SystemBrowser};
use intandem_core::ConsoleError;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Manager};
use ts_rs::TS;

use crate::login_window::{LoginWindow, Purpose};
use crate::state::ConsoleState;

/// The event the main window listens to for a test's progress.
pub const EVENT: &str = "oauth-event";

/// Where the user logs in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BrowserChoice {
    /// A window of this app, with an incognito data store and no IPC.
    #[default]
    Embedded,
    /// The user's own browser; only for loopback redirect URIs, served by a local listener.
    System,
    /// Nothing is opened: the user copies the authorize URL into any browser (on any
    /// computer) and gives back the URL it was sent to, as `intandem oauth complete` does.
    Manual,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct OAuthStart {
    pub begin: OAuthBegin,
    #[serde(default)]
    pub browser: BrowserChoice,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OAuthStarted {
    pub begin: StartedRun,
    pub browser: BrowserChoice,
    /// The embedded window's label, when one was opened.
    pub window_label: Option<String>,
}

/// Starts a test in the chosen browser and follows it in the background; progress
/// reaches the main window as `oauth-event`s.
pub async fn start(app: &AppHandle, input: OAuthStart) -> Result<OAuthStarted, ConsoleError> {
    let state = app.state::<ConsoleState>();
    let console = state.console().await?;
    let browser: Box<dyn Browser> = match input.browser {
        BrowserChoice::Embedded => Box::new(LoginWindow::new(app.clone(), Purpose::OAuthTest)),
        BrowserChoice::System => Box::new(SystemBrowser::new(Opener::System)),
        BrowserChoice::Manual => Box::new(ManualBrowser {
            app: app.clone(),
            run_id: None,
        }),
    };
    let live = console
        .oauth_test_start(input.begin, browser, PENDING_FLOW_LIFETIME.unsigned_abs())
        .await?;
    let started = OAuthStarted {
        begin: StartedRun::of(&live.begun),
        browser: input.browser,
        window_label: (input.browser == BrowserChoice::Embedded)
            .then(|| Purpose::OAuthTest.label(live.run_id())),
    };
    drop(console);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<ConsoleState>();
        let Ok(console) = state.console().await else {
            return;
        };
        let forward = |event: OAuthEvent| emit(&app, event);
        if let Err(error) = live.drive(&console, &forward).await {
            tracing::warn!("an OAuth test could not be recorded: {}", error.message);
        }
    });
    Ok(started)
}

/// The authorize URLs of manual runs, by run id: copied to the clipboard from Rust (the
/// page never holds the `state`).
#[derive(Default)]
pub struct ManualUrls(std::sync::Mutex<std::collections::HashMap<i64, tauri::Url>>);

/// A "browser" that opens nothing: the run waits for the URL the user pastes back.
struct ManualBrowser {
    app: AppHandle,
    run_id: Option<i64>,
}

impl Browser for ManualBrowser {
    fn open(
        &mut self,
        url: &tauri::Url,
        _catch: std::sync::Arc<intandem_core::oauth_run::RedirectCatch>,
        inbox: intandem_core::oauth_run::RunInbox,
    ) -> Result<(), ConsoleError> {
        if let Ok(mut urls) = self.app.state::<ManualUrls>().0.lock() {
            urls.insert(inbox.run_id(), url.clone());
        }
        self.run_id = Some(inbox.run_id());
        Ok(())
    }

    fn close(&mut self) {
        if let (Some(run_id), Ok(mut urls)) =
            (self.run_id.take(), self.app.state::<ManualUrls>().0.lock())
        {
            urls.remove(&run_id);
        }
    }
}

/// Copies a manual run's authorize URL to the clipboard.
pub async fn copy_authorize_url(app: &AppHandle, run_id: i64) -> Result<(), ConsoleError> {
    let url = app
        .state::<ManualUrls>()
        .0
        .lock()
        .ok()
        .and_then(|urls| urls.get(&run_id).cloned())
        .ok_or_else(|| {
            ConsoleError::not_found(format!(
                "OAuth test {run_id} is not a manual test running in this window: start one with \"Any browser\"."
            ))
        })?;
    app.state::<crate::clipboard::SystemClipboard>()
        .copy_text(app, url.to_string())
        .await
}

/// Hands a live run the URL the user copied from their browser, read from the clipboard.
pub async fn paste_from_clipboard(app: &AppHandle, run_id: i64) -> Result<(), ConsoleError> {
    let text = app
        .state::<crate::clipboard::SystemClipboard>()
        .read_text(app)
        .await?;
    let state = app.state::<ConsoleState>();
    let console = state.console().await?;
    console.oauth_paste_redirect(run_id, &text)
}

fn emit(app: &AppHandle, event: OAuthEvent) {
    // Only the main window hears it; the login window has no listener and no IPC.
    if let Err(error) = app.emit_to("main", EVENT, event) {
        tracing::warn!("telling the main window about an OAuth test: {error}");
    }
}

/// Stops a pending test on the user's request (its window closes, its port is freed). A
/// test whose redirect was already taken finishes on its own.
pub async fn stop(app: &AppHandle, run_id: i64) -> Result<(), ConsoleError> {
    const REASON: &str = "Stopped from the console.";
    let state = app.state::<ConsoleState>();
    let console = state.console().await?;
    if !console.oauth_stop(run_id, REASON) {
        // Not live in this process (left pending by an earlier one): end its record.
        console
            .oauth_abandon(
                run_id,
                intandem_core::store::OAuthOutcome::Cancelled,
                REASON,
            )
            .await?;
    }
    Ok(())
}
