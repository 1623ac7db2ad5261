//! The OAuth test's embedded login window: window plumbing only. The run itself (its
//! rules, timeline, stop and deadline) is core's `oauth_run`; this file gives it a
//! [`Browser`] made of a Tauri window with its own label, an incognito data store and no
//! capability (so no IPC), and forwards the run's events to the main window.
//!
//! The window reports every navigation, and stops the one to the redirect URI (no request
//! is made) to hand it to the run: the code, the client secret and the tokens never reach
//! any webview. Its title shows the address of the page it is on, with a lock for https
//! and a warning for plain http, so the user sees where they type their password.

use std::sync::Arc;

use intandem_core::console::dto::StartedRun;
use intandem_core::console::{OAuthBegin, PENDING_FLOW_LIFETIME};
use intandem_core::oauth_run::{
    Browser, OAuthEvent, Opener, RedirectCatch, RunInbox, RunInput, SystemBrowser,
};
use intandem_core::{ConsoleError, ErrorCode};
use serde::{Deserialize, Serialize};
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Emitter, Manager, Url, WebviewUrl, WebviewWindowBuilder, WindowEvent};
use ts_rs::TS;

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
        BrowserChoice::Embedded => Box::new(LoginWindow::new(app.clone())),
        BrowserChoice::System => Box::new(SystemBrowser::new(Opener::System)),
    };
    let live = console
        .oauth_test_start(input.begin, browser, PENDING_FLOW_LIFETIME.unsigned_abs())
        .await?;
    let started = OAuthStarted {
        begin: StartedRun::of(&live.begun),
        browser: input.browser,
        window_label: (input.browser == BrowserChoice::Embedded).then(|| label(live.run_id())),
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

fn label(run_id: i64) -> String {
    format!("oauth-{run_id}")
}

fn emit(app: &AppHandle, event: OAuthEvent) {
    // Only the main window hears it; the login window has no listener and no IPC.
    if let Err(error) = app.emit_to("main", EVENT, event) {
        tracing::warn!("telling the main window about an OAuth test: {error}");
    }
}

/// The embedded login window as a [`Browser`].
struct LoginWindow {
    app: AppHandle,
    label: Option<String>,
}

impl LoginWindow {
    fn new(app: AppHandle) -> LoginWindow {
        LoginWindow { app, label: None }
    }
}

impl Browser for LoginWindow {
    fn open(
        &mut self,
        url: &Url,
        catch: Arc<RedirectCatch>,
        inbox: RunInbox,
    ) -> Result<(), ConsoleError> {
        let label = label(inbox.run_id());
        let on_navigation = {
            let inbox = inbox.clone();
            let app = self.app.clone();
            let label = label.clone();
            move |url: &Url| -> bool {
                if !inbox.is_open() {
                    return false;
                }
                if catch.is_redirect(url) {
                    // The exact redirect URI: stop here (no request is made) and let the run
                    // finish in Rust. Codes on any other URL are never looked at.
                    inbox.send(RunInput::Redirect {
                        url: url.clone(),
                        arrival: intandem_core::oauth::Arrival::now(),
                    });
                    return false;
                }
                show_address(&app, &label, url);
                inbox.send(RunInput::Navigated(url.clone()));
                true
            }
        };
        let window =
            WebviewWindowBuilder::new(&self.app, &label, WebviewUrl::External(url.clone()))
                .title(address_title(url))
                .inner_size(560.0, 720.0)
                .incognito(true)
                .on_navigation(on_navigation)
                .on_page_load({
                    let inbox = inbox.clone();
                    move |_window, payload| {
                        if matches!(payload.event(), PageLoadEvent::Finished) {
                            inbox.send(RunInput::PageLoaded(payload.url().clone()));
                        }
                    }
                })
                .build()
                .map_err(|error| {
                    ConsoleError::new(
                        ErrorCode::Internal,
                        format!(
                            "The login window could not be opened ({error}); try the test again."
                        ),
                    )
                })?;
        window.on_window_event(move |event| {
            if matches!(event, WindowEvent::Destroyed) {
                // After a redirect or a stop the run no longer listens: this changes nothing.
                inbox.send(RunInput::Closed);
            }
        });
        self.label = Some(label);
        Ok(())
    }

    fn close(&mut self) {
        if let Some(window) = self
            .label
            .take()
            .and_then(|label| self.app.get_webview_window(&label))
        {
            let _ = window.close();
        }
    }
}

/// "🔒 https://app.vcita.com — Sign in" or "⚠ Not secure: http://… — Sign in".
fn address_title(url: &Url) -> String {
    let origin = url.origin().ascii_serialization();
    if url.scheme() == "https" {
        format!("🔒 {origin} — Sign in · OAuth test")
    } else {
        format!("⚠ Not secure: {origin} — Sign in · OAuth test")
    }
}

fn show_address(app: &AppHandle, label: &str, url: &Url) {
    if let Some(window) = app.get_webview_window(label) {
        let _ = window.set_title(&address_title(url));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_the_pages_origin_with_a_lock_or_a_warning() {
        let https = Url::parse("https://app.vcita.com/app/oauth/login?state=secret").unwrap();
        assert_eq!(
            address_title(&https),
            "🔒 https://app.vcita.com — Sign in · OAuth test"
        );
        let http = Url::parse("http://127.0.0.1:4100/app/oauth/authorize?code=x").unwrap();
        let title = address_title(&http);
        assert!(
            title.starts_with("⚠ Not secure: http://127.0.0.1:4100 — "),
            "{title}"
        );
        assert!(!title.contains("code") && !title.contains("state"));
    }
}
