//! What a run reports while it goes on ([`OAuthEvent`]): the GUI forwards these to its
//! main window as `oauth-event`s; the CLI prints the steps as they happen.

use serde::Serialize;
use ts_rs::TS;

use crate::console::dto::OAuthCompletion;
use crate::console::{ConsoleError, TimelineStep};

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
    /// The exchange is under way (the status line follows the run, not the sign-in).
    Exchanging { run_id: i64 },
    /// The test ended, successfully or not; `completion` says how.
    Finished {
        run_id: i64,
        completion: Box<OAuthCompletion>,
        captured_at_ms: u64,
    },
    /// The test ended before a redirect arrived: closed, stopped or timed out.
    Cancelled { run_id: i64, reason: String },
    /// The test could not go on (the browser could not be opened, the redirect could not
    /// be processed); the run is recorded as failed with this error.
    Failed { run_id: i64, error: ConsoleError },
}

impl OAuthEvent {
    pub fn run_id(&self) -> i64 {
        match self {
            Self::Step { run_id, .. }
            | Self::PageLoaded { run_id, .. }
            | Self::Captured { run_id, .. }
            | Self::Exchanging { run_id }
            | Self::Finished { run_id, .. }
            | Self::Cancelled { run_id, .. }
            | Self::Failed { run_id, .. } => *run_id,
        }
    }
}
