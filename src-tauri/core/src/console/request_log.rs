//! The console's request log: every platform call its profiles' clients make, as the
//! transport reported it (already redacted), kept in the encrypted store. Calls are
//! gathered in memory as they happen and written in batches (when the log is read, every
//! [`FLUSH_EVERY`] calls, and when the console closes), so a call never waits on a disk
//! write.

use std::sync::{Arc, Mutex};

use super::{app_code_name, Console, ConsoleError};
use crate::platform::call_log::{CallRecorder, LoggedCall, Recorder};
use crate::store::ProfileId;

/// Calls gathered before a batch is written.
const FLUSH_EVERY: usize = 25;
/// The most kept in memory when writing keeps failing: the oldest are dropped.
const MAX_PENDING: usize = 2000;

#[derive(Default)]
pub(crate) struct CallLog {
    pending: Mutex<Vec<(ProfileId, LoggedCall)>>,
}

struct ProfileRecorder {
    log: Arc<CallLog>,
    profile: ProfileId,
}

impl CallRecorder for ProfileRecorder {
    fn record(&self, call: LoggedCall) {
        if let Ok(mut pending) = self.log.pending.lock() {
            if pending.len() >= MAX_PENDING {
                pending.remove(0);
            }
            pending.push((self.profile, call));
        }
    }
}

impl CallLog {
    pub(crate) fn recorder(self: &Arc<Self>, profile: ProfileId) -> Recorder {
        Recorder(Arc::new(ProfileRecorder {
            log: Arc::clone(self),
            profile,
        }))
    }

    fn take(&self) -> Vec<(ProfileId, LoggedCall)> {
        self.pending
            .lock()
            .map(|mut pending| std::mem::take(&mut *pending))
            .unwrap_or_default()
    }

    fn len(&self) -> usize {
        self.pending.lock().map(|p| p.len()).unwrap_or(0)
    }
}

impl Console {
    /// Writes the calls gathered so far to the store.
    pub(crate) async fn flush_request_log(&self) -> Result<(), ConsoleError> {
        let calls = self.call_log.take();
        self.store.request_log().append(&calls).await?;
        Ok(())
    }

    /// Flushes when enough calls have gathered (called on each session).
    pub(crate) async fn flush_request_log_if_due(&self) {
        if self.call_log.len() >= FLUSH_EVERY {
            if let Err(error) = self.flush_request_log().await {
                tracing::warn!("keeping the request log: {}", error.message);
            }
        }
    }

    /// The active profile's platform calls, newest first; only those about `app` when
    /// given.
    pub async fn request_log(
        &self,
        app: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Vec<LoggedCall>, ConsoleError> {
        let app = app.map(app_code_name).transpose()?;
        self.flush_request_log().await?;
        let profile = self.active_profile().await?;
        Ok(self
            .store
            .request_log()
            .list(
                profile.id,
                app.as_ref().map(|a| a.as_str()),
                limit.unwrap_or(200).min(2000),
            )
            .await?)
    }
}
