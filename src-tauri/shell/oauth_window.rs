//! The OAuth flow tester's windows: the embedded login window (its own label, an
//! incognito data store, no capability and so no IPC) or the system browser with a
//! loopback listener. Either way the redirect is caught in Rust, matched exactly against
//! the chosen redirect URI, and handed to `Console::oauth_complete_run`, so the code, the
//! client secret and the tokens never reach any webview. The main window follows along
//! through `oauth-event`s.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use intandem_core::console::dto::{OAuthBeginView, OAuthCompletion};
use intandem_core::console::{
    page_url, redacted_url, Arrival, OAuthBegin, TimelineStep, PENDING_FLOW_LIFETIME,
};
use intandem_core::oauth::{LoopbackListener, RedirectMatcher};
use intandem_core::redirect_uri::RedirectUri;
use intandem_core::store::OAuthOutcome;
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

/// A started test as the main window sees it: no `state`, and the authorize URL redacted
/// (the page needs neither; the login window gets the real URL from Rust).
#[derive(Debug, Clone, Serialize, TS)]
pub struct StartedRun {
    pub run_id: i64,
    pub app_code_name: String,
    pub redirect_uri: String,
    pub pkce: bool,
    /// The authorize URL with `state` and the PKCE challenge's siblings redacted.
    pub authorize_url: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub expires_at: time::OffsetDateTime,
}

impl StartedRun {
    fn of(begun: &OAuthBeginView) -> StartedRun {
        StartedRun {
            run_id: begun.run_id,
            app_code_name: begun.app_code_name.to_string(),
            redirect_uri: begun.redirect_uri.clone(),
            pkce: begun.pkce,
            authorize_url: Url::parse(&begun.url)
                .map(|url| redacted_url(&url))
                .unwrap_or_default(),
            expires_at: begun.expires_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct OAuthStarted {
    pub begin: StartedRun,
    pub browser: BrowserChoice,
    /// The embedded window's label, when one was opened.
    pub window_label: Option<String>,
}

/// What the main window is told while a test runs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OAuthEvent {
    /// A step was recorded (a page the login window went to, the exchange, userinfo…).
    Step { run_id: i64, step: TimelineStep },
    /// The login window finished loading a page (its URL redacted): the user can act now.
    PageLoaded { run_id: i64, url: String },
    /// The redirect arrived: the code's 30 seconds started at `captured_at_ms` (Unix ms).
    Captured {
        run_id: i64,
        /// The redirect URL with its code and state redacted.
        url: String,
        captured_at_ms: u64,
    },
    /// The test ended, successfully or not; `completion` says how.
    Finished {
        run_id: i64,
        completion: Box<OAuthCompletion>,
        captured_at_ms: u64,
    },
    /// The login window was closed (or the listener gave up) before the redirect.
    Cancelled { run_id: i64, reason: String },
    /// The redirect could not be processed at all (the run was not touched).
    Failed { run_id: i64, error: ConsoleError },
}

/// The tests in flight, by run id: whether their redirect was captured (from then on
/// nothing may cancel them) and the loopback listener to stop, if any.
#[derive(Default)]
pub struct RunningTests {
    runs: std::sync::Mutex<HashMap<i64, RunningTest>>,
    /// Serializes the writes of a run's timeline (pages recorded, the completion's read).
    timeline: tokio::sync::Mutex<()>,
}

struct RunningTest {
    captured: Arc<AtomicBool>,
    listener: Option<tauri::async_runtime::JoinHandle<()>>,
}

impl RunningTests {
    fn insert(&self, run_id: i64, captured: Arc<AtomicBool>) {
        if let Ok(mut runs) = self.runs.lock() {
            runs.insert(
                run_id,
                RunningTest {
                    captured,
                    listener: None,
                },
            );
        }
    }

    fn set_listener(&self, run_id: i64, task: tauri::async_runtime::JoinHandle<()>) {
        if let Ok(mut runs) = self.runs.lock() {
            if let Some(run) = runs.get_mut(&run_id) {
                run.listener = Some(task);
            }
        }
    }

    fn is_captured(&self, run_id: i64) -> bool {
        self.runs
            .lock()
            .ok()
            .and_then(|runs| runs.get(&run_id).map(|r| r.captured.load(Ordering::SeqCst)))
            .unwrap_or(false)
    }

    /// Forgets a run (a listener task left in it runs on, detached).
    fn forget(&self, run_id: i64) -> Option<RunningTest> {
        self.runs
            .lock()
            .ok()
            .and_then(|mut runs| runs.remove(&run_id))
    }
}

/// Starts a test: makes the authorize URL (checking the authorize page), then opens the
/// login window or the system browser.
pub async fn start(app: &AppHandle, input: OAuthStart) -> Result<OAuthStarted, ConsoleError> {
    let state = app.state::<ConsoleState>();
    let begun = state.console().await?.oauth_begin(input.begin).await?;
    let redirect = RedirectUri::parse(&begun.redirect_uri).map_err(|error| {
        ConsoleError::invalid_input(
            "redirect_uri",
            format!("The redirect URI is not valid: {error}."),
        )
    })?;
    let url = Url::parse(&begun.url).map_err(|_| {
        ConsoleError::new(
            ErrorCode::Internal,
            "The authorize URL could not be read back.",
        )
    })?;
    let running = app.state::<RunningTests>();
    let captured = Arc::new(AtomicBool::new(false));
    running.insert(begun.run_id, Arc::clone(&captured));
    let window_label = match input.browser {
        BrowserChoice::Embedded => {
            match open_login_window(app, begun.run_id, url, redirect, captured) {
                Ok(label) => Some(label),
                Err(error) => {
                    cancel(app, begun.run_id, &error.message).await;
                    return Err(error);
                }
            }
        }
        BrowserChoice::System => {
            let listener = LoopbackListener::bind(&redirect).await;
            let listener = match listener {
                Ok(listener) => listener,
                Err(error) => {
                    cancel(app, begun.run_id, &error.message).await;
                    return Err(error);
                }
            };
            open_in_system_browser(url.as_str()).inspect_err(|_| {
                let app = app.clone();
                let run_id = begun.run_id;
                tauri::async_runtime::spawn(async move {
                    cancel(&app, run_id, "The system browser could not be opened.").await;
                });
            })?;
            let task_app = app.clone();
            let run_id = begun.run_id;
            let deadline = PENDING_FLOW_LIFETIME.unsigned_abs();
            let task = tauri::async_runtime::spawn(async move {
                match listener.wait_for_redirect(deadline).await {
                    Ok((url, arrival)) => {
                        captured.store(true, Ordering::SeqCst);
                        complete(&task_app, run_id, url, arrival).await
                    }
                    Err(error) => cancel(&task_app, run_id, &error.message).await,
                }
            });
            running.set_listener(run_id, task);
            None
        }
    };
    Ok(OAuthStarted {
        begin: StartedRun::of(&begun),
        browser: input.browser,
        window_label,
    })
}

/// Ends a pending test on the user's request, closing its window (or stopping its
/// listener). A test whose redirect was already captured finishes on its own.
pub async fn stop(app: &AppHandle, run_id: i64) -> Result<(), ConsoleError> {
    let running = app.state::<RunningTests>();
    if running.is_captured(run_id) {
        return Ok(());
    }
    // A system-browser test: stop its listener, freeing the port at once. (A login
    // window keeps its own `captured` flag, so forgetting the run here is safe.)
    if let Some(task) = running.forget(run_id).and_then(|run| run.listener) {
        task.abort();
    }
    if let Some(window) = app.get_webview_window(&label(run_id)) {
        // Closing fires the window's Destroyed event, which cancels the run.
        let _ = window.close();
        return Ok(());
    }
    cancel(app, run_id, "Stopped from the console.").await;
    Ok(())
}

fn label(run_id: i64) -> String {
    format!("oauth-{run_id}")
}

fn open_login_window(
    app: &AppHandle,
    run_id: i64,
    url: Url,
    redirect: RedirectUri,
    captured: Arc<AtomicBool>,
) -> Result<String, ConsoleError> {
    let label = label(run_id);
    let matcher = RedirectMatcher::new(redirect);
    let on_navigation = {
        let app = app.clone();
        let captured = Arc::clone(&captured);
        let label = label.clone();
        move |url: &Url| -> bool {
            if captured.load(Ordering::SeqCst) {
                return false;
            }
            if matcher.matches(url) {
                // The exact redirect URI: cancel the navigation (no request is made) and
                // finish in Rust. Codes on any other URL are never looked at.
                let arrival = Arrival::now();
                captured.store(true, Ordering::SeqCst);
                let app = app.clone();
                let url = url.clone();
                let label = label.clone();
                tauri::async_runtime::spawn(async move {
                    if let Some(window) = app.get_webview_window(&label) {
                        let _ = window.close();
                    }
                    complete(&app, run_id, url, arrival).await;
                });
                return false;
            }
            let app = app.clone();
            let url = url.clone();
            tauri::async_runtime::spawn(async move { record_navigation(&app, run_id, &url).await });
            true
        }
    };
    let window = WebviewWindowBuilder::new(app, &label, WebviewUrl::External(url))
        .title("Sign in · OAuth test · inTandem App Console")
        .inner_size(560.0, 720.0)
        .incognito(true)
        .on_navigation(on_navigation)
        .on_page_load({
            let app = app.clone();
            move |_window, payload| {
                if matches!(payload.event(), PageLoadEvent::Finished) {
                    emit(
                        &app,
                        OAuthEvent::PageLoaded {
                            run_id,
                            url: page_url(payload.url()),
                        },
                    );
                }
            }
        })
        .build()
        .map_err(|error| {
            ConsoleError::new(
                ErrorCode::Internal,
                format!("The login window could not be opened ({error}); try the test again."),
            )
        })?;
    let app = app.clone();
    window.on_window_event(move |event| {
        if matches!(event, WindowEvent::Destroyed) && !captured.load(Ordering::SeqCst) {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                cancel(
                    &app,
                    run_id,
                    "The login window was closed before the platform redirected back.",
                )
                .await;
            });
        }
    });
    Ok(label)
}

async fn record_navigation(app: &AppHandle, run_id: i64, url: &Url) {
    let running = app.state::<RunningTests>();
    let _writing = running.timeline.lock().await;
    if running.is_captured(run_id) {
        return;
    }
    let state = app.state::<ConsoleState>();
    let Ok(console) = state.console().await else {
        return;
    };
    match console.oauth_record_navigation(run_id, url).await {
        Ok(Some(step)) => emit(app, OAuthEvent::Step { run_id, step }),
        Ok(None) => {}
        Err(error) => tracing::warn!(run_id, "recording a login window page: {}", error.message),
    }
}

async fn complete(app: &AppHandle, run_id: i64, url: Url, arrival: Arrival) {
    let captured_at_ms = unix_ms(arrival);
    emit(
        app,
        OAuthEvent::Captured {
            run_id,
            url: redacted_url(&url),
            captured_at_ms,
        },
    );
    let running = app.state::<RunningTests>();
    // No page is recorded while the completion reads and rewrites the timeline.
    let _writing = running.timeline.lock().await;
    let state = app.state::<ConsoleState>();
    let console = match state.console().await {
        Ok(console) => console,
        Err(error) => {
            running.forget(run_id);
            return emit(app, OAuthEvent::Failed { run_id, error });
        }
    };
    let progress = |step: &TimelineStep| {
        emit(
            app,
            OAuthEvent::Step {
                run_id,
                step: step.clone(),
            },
        )
    };
    let result = console
        .oauth_complete_run(run_id, url.as_str(), arrival, &progress)
        .await;
    running.forget(run_id);
    match result {
        Ok(completion) => emit(
            app,
            OAuthEvent::Finished {
                run_id,
                completion: Box::new(completion),
                captured_at_ms,
            },
        ),
        Err(error) => emit(app, OAuthEvent::Failed { run_id, error }),
    }
}

async fn cancel(app: &AppHandle, run_id: i64, reason: &str) {
    let running = app.state::<RunningTests>();
    // A captured redirect is being completed: its own result is the test's end.
    if running.is_captured(run_id) {
        return;
    }
    running.forget(run_id);
    let state = app.state::<ConsoleState>();
    let Ok(console) = state.console().await else {
        return;
    };
    match console.oauth_cancel(run_id).await {
        // A run that had already ended (succeeded or failed) stays as it was.
        Ok(run) if run.outcome != Some(OAuthOutcome::Cancelled) => return,
        Ok(_) => {}
        Err(error) => {
            tracing::warn!(run_id, "cancelling an OAuth test: {}", error.message);
            return;
        }
    }
    emit(
        app,
        OAuthEvent::Cancelled {
            run_id,
            reason: reason.to_owned(),
        },
    );
}

fn emit(app: &AppHandle, event: OAuthEvent) {
    // Only the main window hears it; the login window has no listener and no IPC.
    if let Err(error) = app.emit_to("main", EVENT, event) {
        tracing::warn!("telling the main window about an OAuth test: {error}");
    }
}

fn unix_ms(arrival: Arrival) -> u64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let since = arrival.instant.elapsed();
    u64::try_from(now.saturating_sub(since).as_millis()).unwrap_or(0)
}

fn open_in_system_browser(url: &str) -> Result<(), ConsoleError> {
    #[cfg(target_os = "linux")]
    let mut command = std::process::Command::new("xdg-open");
    #[cfg(target_os = "macos")]
    let mut command = std::process::Command::new("open");
    #[cfg(target_os = "windows")]
    let mut command = {
        let mut command = std::process::Command::new("rundll32");
        command.arg("url.dll,FileProtocolHandler");
        command
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        // The opener exits at once; reap it so it leaves no zombie.
        .map(|mut child| {
            std::thread::spawn(move || child.wait());
        })
        .map_err(|error| {
            ConsoleError::new(
                ErrorCode::Internal,
                format!(
                    "The system browser could not be opened ({error}): use the embedded window \
                     instead."
                ),
            )
        })
}
