//! The desktop app's managed state: the data directory, the embedded sandbox, and the
//! `Console` once the store is unlocked. Startup runs in the background; commands wait
//! for it ([`ConsoleState::ready`]) instead of racing it.

use std::path::PathBuf;

use intandem_core::store::{self, PassphrasePrompt, Store, StoreAccess};
use intandem_core::{Console, ConsoleError, ErrorCode, Secret};
use intandem_sandbox::{Sandbox, SandboxConfig};
use serde::Serialize;
use tokio::sync::{watch, Mutex, RwLock, RwLockReadGuard};
use ts_rs::TS;

pub struct ConsoleState {
    data_dir: PathBuf,
    console: RwLock<Option<Console>>,
    /// Set while the store waits for a passphrase.
    prompt: Mutex<Option<PassphrasePrompt>>,
    sandbox: Mutex<Option<Sandbox>>,
    /// Why startup failed, if it did (shown instead of the console).
    startup_error: Mutex<Option<ConsoleError>>,
    started: watch::Sender<bool>,
}

/// What the UI needs to draw its frame: the store's state and the current profile.
#[derive(Serialize, TS)]
pub struct Overview {
    pub version: &'static str,
    pub data_dir: String,
    pub store: StoreStatus,
    pub current_profile: Option<intandem_core::console::dto::ProfileView>,
    pub startup_error: Option<ConsoleError>,
    /// The embedded sandbox's test user, to sign in on its login page during OAuth tests.
    pub sandbox_login: Option<SandboxLogin>,
}

/// The sandbox's seeded user. Its password is a local emulator's, shown so a person can
/// sign in on the sandbox's login page; it opens nothing on the real platform.
#[derive(Serialize, TS)]
pub struct SandboxLogin {
    pub brand_url: String,
    pub email: String,
    pub password: String,
    /// The seeded businesses' staff, to sign in as when launching an app.
    pub staff: Vec<SandboxStaffLogin>,
}

/// A seeded staff member's login on the sandbox (a local emulator's password).
#[derive(Serialize, TS)]
pub struct SandboxStaffLogin {
    pub staff_uid: String,
    pub email: String,
    pub password: String,
}

#[derive(Serialize, TS)]
pub struct StoreStatus {
    pub unlocked: bool,
    /// `keyring` or `passphrase`, once known.
    pub key_source: Option<store::KeySource>,
    pub passphrase_prompt: Option<PassphrasePrompt>,
}

impl ConsoleState {
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            data_dir,
            console: RwLock::new(None),
            prompt: Mutex::new(None),
            sandbox: Mutex::new(None),
            startup_error: Mutex::new(None),
            started: watch::channel(false).0,
        }
    }

    /// Starts the embedded sandbox and opens the store if no question is needed.
    pub async fn start(&self) {
        let began = std::time::Instant::now();
        crate::bench_ready::mark("start-begun");
        let result = self.try_start().await;
        crate::bench_ready::mark("started");
        tracing::info!(ms = began.elapsed().as_millis() as u64, "start-up finished");
        if let Err(error) = result {
            tracing::error!(code = ?error.code, "starting the console: {}", error.message);
            *self.startup_error.lock().await = Some(error);
        }
        self.started.send_replace(true);
    }

    async fn try_start(&self) -> Result<(), ConsoleError> {
        store::prepare_data_folder(&self.data_dir).map_err(|error| {
            ConsoleError::new(
                ErrorCode::Store,
                format!(
                    "The data folder {} could not be prepared ({error}). Check its permissions, or set INTANDEM_DATA_DIR to another folder.",
                    self.data_dir.display()
                ),
            )
        })?;
        let sandbox = Sandbox::start(SandboxConfig {
            state_file: Some(self.data_dir.join("sandbox-state.json")),
            // How many demo apps a new sandbox gets (the benchmarks seed thousands).
            seed_apps: std::env::var("INTANDEM_SANDBOX_SEED_APPS")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(SandboxConfig::default().seed_apps),
            ..SandboxConfig::default()
        });
        // The sandbox and the store start side by side: neither needs the other yet.
        let began = std::time::Instant::now();
        let (sandbox, access) = tokio::join!(
            async {
                let sandbox = sandbox.await;
                tracing::info!(
                    ms = began.elapsed().as_millis() as u64,
                    "start-up: sandbox started"
                );
                sandbox
            },
            async {
                let access = store::open_without_prompt(&self.data_dir).await;
                tracing::info!(
                    ms = began.elapsed().as_millis() as u64,
                    "start-up: store opened"
                );
                access
            }
        );
        let sandbox = sandbox.map_err(|error| {
            ConsoleError::new(
                ErrorCode::Internal,
                format!("The built-in sandbox could not start: {error}. Production and custom profiles still work."),
            )
        });
        match sandbox {
            Ok(sandbox) => *self.sandbox.lock().await = Some(sandbox),
            // The console is still useful without its sandbox: report, don't stop.
            Err(error) => *self.startup_error.lock().await = Some(error),
        }
        match access? {
            StoreAccess::Open(store) => self.install(store).await,
            StoreAccess::NeedsPassphrase(prompt) => {
                *self.prompt.lock().await = Some(prompt);
                Ok(())
            }
        }
    }

    /// Waits until startup has finished (successfully or not).
    pub async fn ready(&self) {
        let mut started = self.started.subscribe();
        let _ = started.wait_for(|done| *done).await;
    }

    /// While the store waits for a passphrase because no keyring was reachable: tries the
    /// keyring again (the user may have started one), and opens the store with it when it
    /// answers. Otherwise the prompt stays, with the latest reason.
    pub async fn retry_keyring(&self) -> Result<(), ConsoleError> {
        self.ready().await;
        if self.console.read().await.is_some() {
            return Ok(());
        }
        match store::open_without_prompt(&self.data_dir).await? {
            StoreAccess::Open(store) => {
                *self.prompt.lock().await = None;
                self.install(store).await
            }
            StoreAccess::NeedsPassphrase(prompt) => {
                *self.prompt.lock().await = Some(prompt);
                Ok(())
            }
        }
    }

    /// Creates (first run) or unlocks the store with the user's passphrase.
    pub async fn unlock(&self, passphrase: Secret) -> Result<(), ConsoleError> {
        self.ready().await;
        let prompt = self.prompt.lock().await.clone();
        let Some(prompt) = prompt else {
            return Err(ConsoleError::new(
                ErrorCode::InvalidInput,
                "The store is not waiting for a passphrase.",
            ));
        };
        let store = store::open_with_passphrase(&self.data_dir, passphrase, prompt.first_run)
            .await
            .map_err(ConsoleError::from)?;
        *self.prompt.lock().await = None;
        self.install(store).await
    }

    async fn install(&self, store: Store) -> Result<(), ConsoleError> {
        let console = Console::new(store, actor());
        if let Some(sandbox) = self.sandbox.lock().await.as_ref() {
            let info = sandbox.info();
            console
                .ensure_sandbox_profile_named(
                    None,
                    intandem_core::console::SandboxAccess {
                        api_base: &info.base_url,
                        brand_url: &info.brand_url,
                        directory_token: Secret::new(info.directory_token.clone()),
                        // Launches of partner apps read the sandbox's traces with it.
                        admin_token: Some(Secret::new(info.admin_token.clone())),
                    },
                )
                .await?;
        }
        *self.console.write().await = Some(console);
        Ok(())
    }

    /// The unlocked console, or `locked` while the store waits for its passphrase.
    pub async fn console(&self) -> Result<RwLockReadGuard<'_, Console>, ConsoleError> {
        self.ready().await;
        RwLockReadGuard::try_map(self.console.read().await, Option::as_ref).map_err(|_| {
            ConsoleError::new(
                ErrorCode::Locked,
                "The store is locked: enter your passphrase to unlock it.",
            )
        })
    }

    pub async fn overview(&self) -> Overview {
        self.ready().await;
        let guard = self.console.read().await;
        let (key_source, current_profile) = match guard.as_ref() {
            Some(console) => (
                Some(console.store().key_source()),
                console.profile_current().await.ok().flatten(),
            ),
            None => (None, None),
        };
        let passphrase_prompt = self.prompt.lock().await.clone();
        let sandbox_login = self.sandbox.lock().await.as_ref().map(|sandbox| {
            let info = sandbox.info();
            SandboxLogin {
                brand_url: info.brand_url.clone(),
                email: info.user_email.clone(),
                password: info.user_password.clone(),
                staff: info
                    .businesses
                    .iter()
                    .flat_map(|b| &b.staff)
                    .map(|s| SandboxStaffLogin {
                        staff_uid: s.uid.clone(),
                        email: s.email.clone(),
                        password: s.password.clone(),
                    })
                    .collect(),
            }
        });
        Overview {
            version: env!("CARGO_PKG_VERSION"),
            data_dir: self.data_dir.display().to_string(),
            store: StoreStatus {
                unlocked: guard.is_some(),
                key_source: key_source.or(passphrase_prompt
                    .as_ref()
                    .filter(|p| !p.first_run)
                    .map(|_| store::KeySource::Passphrase)),
                passphrase_prompt,
            },
            current_profile,
            startup_error: self.startup_error.lock().await.clone(),
            sandbox_login,
        }
    }
}

/// Who makes changes from this window, for the audit log.
fn actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "someone".to_owned());
    format!("{user} (desktop)")
}
