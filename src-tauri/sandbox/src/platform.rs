//! `Platform`: the running emulation shared by every handler. It owns the state behind a
//! mutex (persisting it after each mutation when a state file is configured), the browser
//! sessions, the fault injector, the request log, and the URLs the sandbox is served on.

use crate::browser_sessions::BrowserSessions;
use crate::faults::FaultInjector;
use crate::launch::{Launches, TraceEvent};
use crate::request_log::RequestLog;
use crate::state::seed::SeedIdentity;
use crate::state::state_file::StateFile;
use crate::state::PlatformState;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Where the sandbox is reachable. The API and the brand pages share one listener.
#[derive(Clone, Debug)]
pub struct SandboxUrls {
    pub brand_url: String,
    /// `host[:port]` of the brand URL, what `/oauth/userinfo` reports as `brand_host`.
    pub brand_host: String,
    /// The loopback port the sandbox listens on: it answers only to its own names on it.
    pub port: u16,
}

/// How the sandbox behaves where the vendor reference leaves a choice open: set at start
/// (`SandboxConfig`, `--list-tokens-in-full`) and changed through the admin API
/// (`PUT /__admin/settings`).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SandboxSettings {
    /// `GET /platform/v1/tokens` lists each token in full. Off by default: the sandbox
    /// lists them masked (`****abcd`), as a careful platform would (the reference's own
    /// example list is empty, so clients must cope with both).
    #[serde(default)]
    pub list_tokens_in_full: bool,
}

/// Saving the state file failed after a change was made in memory.
#[derive(Debug)]
pub struct PersistFailure(pub String);

pub struct Platform {
    state: Mutex<PlatformState>,
    pub sessions: Mutex<BrowserSessions>,
    pub faults: Mutex<FaultInjector>,
    pub log: Mutex<RequestLog>,
    pub settings: Mutex<SandboxSettings>,
    pub launches: Mutex<Launches>,
    state_file: Option<StateFile>,
    demo_apps: usize,
    pub urls: SandboxUrls,
}

/// Locks a mutex even if a previous holder panicked: the data is plain records, and a
/// sandbox that keeps answering is more useful to a test than one that cascades panics.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Platform {
    pub fn new(
        state: PlatformState,
        state_file: Option<StateFile>,
        demo_apps: usize,
        urls: SandboxUrls,
    ) -> Self {
        Self {
            state: Mutex::new(state),
            sessions: Mutex::default(),
            faults: Mutex::default(),
            log: Mutex::default(),
            settings: Mutex::default(),
            launches: Mutex::default(),
            state_file,
            demo_apps,
            urls,
        }
    }

    pub fn read<R>(&self, f: impl FnOnce(&PlatformState) -> R) -> R {
        f(&lock(&self.state))
    }

    /// Runs `f` on the state, then saves the state file (whatever `f` returned: a failed
    /// exchange may still have revoked a token).
    pub fn mutate<R, E: From<PersistFailure>>(
        &self,
        f: impl FnOnce(&mut PlatformState) -> Result<R, E>,
    ) -> Result<R, E> {
        let mut state = lock(&self.state);
        let result = f(&mut state);
        self.persist(&state)?;
        result
    }

    /// Back to the seeded world with the same printed credentials; clears faults, the
    /// request log, sessions and the clock offset.
    pub fn reset(&self) -> Result<(), PersistFailure> {
        let mut state = lock(&self.state);
        let identity: SeedIdentity = state.identity.clone();
        *state = PlatformState::seeded(identity, self.demo_apps);
        self.persist(&state)?;
        drop(state);
        *lock(&self.faults) = FaultInjector::default();
        lock(&self.log).clear();
        lock(&self.sessions).clear();
        lock(&self.launches).clear();
        Ok(())
    }

    /// Writes `event` to the trace of the launch still open for `client_id`, if any;
    /// returns that launch's id.
    pub fn trace_client(&self, client_id: &str, event: TraceEvent) -> Option<String> {
        let now = self.read(PlatformState::now);
        let mut launches = lock(&self.launches);
        let launch_id = launches.open_for(client_id, now)?;
        launches.record(&launch_id, event);
        Some(launch_id)
    }

    /// Writes `event` to launch `launch_id`'s trace.
    pub fn trace(&self, launch_id: &str, event: TraceEvent) {
        lock(&self.launches).record(launch_id, event);
    }

    fn persist(&self, state: &PlatformState) -> Result<(), PersistFailure> {
        match &self.state_file {
            Some(file) => file.save(state).map_err(|e| {
                tracing::error!(error = %e, "saving the sandbox state");
                PersistFailure(e.to_string())
            }),
            None => Ok(()),
        }
    }
}
