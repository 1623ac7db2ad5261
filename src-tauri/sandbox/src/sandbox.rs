//! The embeddable handle: `Sandbox::start` binds 127.0.0.1 (port 0 = the port its state file
//! last recorded when free, else any), loads or seeds the state, serves in a background task
//! and hands back `SandboxInfo` (URLs and seeded credentials). Dropping the handle or
//! calling `shutdown` stops the server.
//! `run_standalone` is the `intandem sandbox` face: one JSON line on stdout, then serve
//! until Ctrl-C or SIGTERM.

use crate::admin_client::AdminClient;
use crate::error::SandboxError;
use crate::info::SandboxInfo;
use crate::platform::{Platform, SandboxSettings, SandboxUrls};
use crate::routes;
use crate::state::seed::SeedIdentity;
use crate::state::state_file::StateFile;
use crate::state::PlatformState;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// The loopback port to listen on; 0 picks one: the port the state file last recorded
    /// if it is free, else any free port.
    pub port: u16,
    /// Where to keep the state between runs; `None` keeps it in memory only.
    pub state_file: Option<PathBuf>,
    /// Demo apps seeded into the first directory (besides the other directory's one app).
    pub seed_apps: usize,
    /// How `GET /platform/v1/tokens` shows tokens at first (the admin API can change it).
    pub settings: SandboxSettings,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            port: 0,
            state_file: None,
            seed_apps: 3,
            settings: SandboxSettings::default(),
        }
    }
}

pub struct Sandbox {
    info: SandboxInfo,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
}

impl Sandbox {
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        let state_file = config.state_file.map(StateFile::new);
        let loaded = match &state_file {
            Some(file) => file.load()?,
            None => None,
        };
        let last_port = loaded.as_ref().and_then(|saved| saved.port);
        let seeded = loaded.is_none();
        let mut state = loaded
            .map(|saved| saved.state)
            .unwrap_or_else(|| PlatformState::seeded(SeedIdentity::generate(), config.seed_apps));
        // A state file from before the seeded businesses and staff: add them.
        state.identity = state.identity.clone().with_businesses();
        let people_added = state.ensure_seeded_people();

        let addr = SocketAddr::from(([127, 0, 0, 1], config.port));
        let bind_error = |source| SandboxError::Bind {
            addr: addr.to_string(),
            source,
        };
        let listener = bind(config.port, last_port).await.map_err(bind_error)?;
        let local = listener.local_addr().map_err(bind_error)?;
        let state_file = state_file.map(|file| file.with_port(local.port()));
        let base_url = format!("http://{local}");
        let urls = SandboxUrls {
            brand_url: base_url.clone(),
            brand_host: local.to_string(),
            port: local.port(),
        };
        // A new state is saved at once, and so is a move to another port; otherwise the
        // file is already on disk as it is (rewriting it on every start cost a full
        // serialization and an fsync during the app's start-up).
        if let Some(file) = &state_file {
            if seeded || people_added || last_port != Some(local.port()) {
                file.save(&state)?;
            }
        }
        let identity = state.identity.clone();
        let info = SandboxInfo {
            base_url,
            brand_url: urls.brand_url.clone(),
            directory_token: identity.directory_token,
            other_directory_token: identity.other_directory_token,
            admin_token: identity.admin_token,
            user_email: identity.user_email,
            user_password: identity.user_password,
            businesses: identity.businesses,
        };
        let platform = Arc::new(Platform::new(state, state_file, config.seed_apps, urls));
        *crate::platform::lock(&platform.settings) = config.settings;
        let app = routes::router(platform);
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(async move {
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await
        });
        tracing::info!(base_url = %info.base_url, "sandbox listening");
        Ok(Sandbox {
            info,
            stop: Some(stop),
            server: Some(server),
        })
    }

    pub fn info(&self) -> &SandboxInfo {
        &self.info
    }

    /// A client for this sandbox's admin API.
    pub fn admin(&self) -> AdminClient {
        AdminClient::for_sandbox(&self.info)
    }

    /// Stops accepting, lets in-flight requests finish (up to 5 seconds), then returns.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take() {
            if tokio::time::timeout(Duration::from_secs(5), &mut server)
                .await
                .is_err()
            {
                server.abort();
            }
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Starts the sandbox, prints `SandboxInfo` as one JSON line on stdout (before anything
/// else, flushed), and serves until Ctrl-C or SIGTERM.
pub async fn run_standalone(config: SandboxConfig) -> Result<(), SandboxError> {
    let sandbox = Sandbox::start(config).await?;
    sandbox.serve_standalone().await
}

impl Sandbox {
    /// Prints `SandboxInfo` as one JSON line on stdout (flushed), then serves until Ctrl-C
    /// or SIGTERM: the rest of `intandem sandbox` once the sandbox has started.
    pub async fn serve_standalone(self) -> Result<(), SandboxError> {
        let line =
            serde_json::to_string(self.info()).map_err(|e| SandboxError::Stdout(e.into()))?;
        {
            let mut stdout = std::io::stdout().lock();
            writeln!(stdout, "{line}").map_err(SandboxError::Stdout)?;
            stdout.flush().map_err(SandboxError::Stdout)?;
        }
        wait_for_interrupt().await?;
        self.shutdown().await;
        Ok(())
    }
}

#[cfg(unix)]
async fn wait_for_interrupt() -> Result<(), SandboxError> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut terminate = signal(SignalKind::terminate()).map_err(SandboxError::Signal)?;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result.map_err(SandboxError::Signal),
        _ = terminate.recv() => Ok(()),
    }
}

#[cfg(not(unix))]
async fn wait_for_interrupt() -> Result<(), SandboxError> {
    tokio::signal::ctrl_c().await.map_err(SandboxError::Signal)
}

/// Listens on `port`; with 0, on the port the state file last recorded when it is free,
/// else on any. A sandbox with a state file so keeps its URL across restarts: the
/// console's Sandbox profile stays as it is (no rewrite and audit entry per start) and so
/// do the redirect URIs and brand URLs partners registered against it.
async fn bind(port: u16, last_port: Option<u16>) -> std::io::Result<TcpListener> {
    if let (0, Some(last)) = (port, last_port) {
        if let Ok(listener) = TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], last))).await {
            return Ok(listener);
        }
    }
    TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await
}
