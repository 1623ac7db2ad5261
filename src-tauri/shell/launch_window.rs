//! An app launch in the desktop app: plumbing only. Core prepares the launch (business,
//! staff member, install, launch URL) and judges it; this file opens the launch in the
//! embedded [`LoginWindow`], keeps a way to stop each live launch, and tells the main
//! window how it ended as `launch-event`s.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;

use intandem_core::launch::{launch_inbox, LaunchPlan, LaunchRequest, LaunchVerdict};
use intandem_core::oauth_run::{RunInbox, RunInput};
use intandem_core::ConsoleError;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};
use ts_rs::TS;

use crate::login_window::{LoginWindow, Purpose};
use crate::state::ConsoleState;

/// The event the main window listens to for a launch's end.
pub const EVENT: &str = "launch-event";

/// The live launches of this process, by key, to stop them.
#[derive(Default)]
pub struct LiveLaunches {
    next: AtomicI64,
    stops: Mutex<HashMap<i64, RunInbox>>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct LaunchStarted {
    /// Names this launch in `launch_stop` and in its `launch-event`.
    pub key: i64,
    pub plan: LaunchPlan,
    pub window_label: String,
}

/// How a launch ended.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LaunchEvent {
    Finished { key: i64, verdict: LaunchVerdict },
    Failed { key: i64, error: ConsoleError },
}

/// Prepares the launch (errors come back at once, before any window opens), then opens
/// it and follows it in the background.
pub async fn start(app: &AppHandle, request: LaunchRequest) -> Result<LaunchStarted, ConsoleError> {
    let state = app.state::<ConsoleState>();
    let console = state.console().await?;
    let prepared = console.launch_prepare(request).await?;
    drop(console);
    let live = app.state::<LiveLaunches>();
    let key = live.next.fetch_add(1, Ordering::Relaxed) + 1;
    let inbox = launch_inbox(key);
    live.stops
        .lock()
        .expect("not poisoned")
        .insert(key, inbox.0.clone());
    let started = LaunchStarted {
        key,
        plan: prepared.plan.clone(),
        window_label: Purpose::Launch.label(key),
    };
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let state = app.state::<ConsoleState>();
        let event = match state.console().await {
            Ok(console) => {
                let browser = Box::new(LoginWindow::new(app.clone(), Purpose::Launch));
                match prepared.follow(&console, browser, inbox).await {
                    Ok(verdict) => LaunchEvent::Finished { key, verdict },
                    Err(error) => LaunchEvent::Failed { key, error },
                }
            }
            Err(error) => LaunchEvent::Failed { key, error },
        };
        app.state::<LiveLaunches>()
            .stops
            .lock()
            .expect("not poisoned")
            .remove(&key);
        if let Err(error) = app.emit_to("main", EVENT, event) {
            tracing::warn!("telling the main window about a launch: {error}");
        }
    });
    Ok(started)
}

/// Stops a live launch: its window closes and what was seen so far is judged.
pub fn stop(app: &AppHandle, key: i64) {
    if let Some(inbox) = app
        .state::<LiveLaunches>()
        .stops
        .lock()
        .expect("not poisoned")
        .get(&key)
    {
        inbox.send(RunInput::Stop("Stopped from the console.".into()));
    }
}
