//! Shared helpers for the `Console` tests (`tests/console_*.rs`): a real sandbox on
//! loopback, a real encrypted store in a temp dir (passphrase unlock), and a `Console`
//! whose current profile is the sandbox.
#![allow(dead_code)] // each test file uses a different subset

use std::time::Duration;

use intandem_core::console::{AppInput, Console, OAuthBegin, SandboxAccess};
use intandem_core::platform::{ClientOptions, RetryPolicy};
use intandem_core::store::{Store, Unlock};
use intandem_core::Secret;
use intandem_sandbox::{Sandbox, SandboxConfig, SandboxInfo};

pub const PASSPHRASE: &str = "correct horse battery staple";
pub const CALLBACK: &str = "http://127.0.0.1:4567/callback";
pub const ACTOR: &str = "tester (test)";

pub struct Harness {
    pub sandbox: Sandbox,
    pub console: Console,
    pub dir: tempfile::TempDir,
}

impl Harness {
    pub fn info(&self) -> &SandboxInfo {
        self.sandbox.info()
    }

    /// Closes the console and opens a new one on the same store, as a restart does.
    pub async fn restart(self) -> Harness {
        let Harness {
            sandbox,
            console,
            dir,
        } = self;
        console.close().await;
        let console = open_console(dir.path()).await;
        Harness {
            sandbox,
            console,
            dir,
        }
    }

    /// The id of the profile named `name`.
    pub async fn profile_id(&self, name: &str) -> intandem_core::store::ProfileId {
        let profiles = self.console.profiles_list().await.expect("the profiles");
        let profile = profiles
            .iter()
            .find(|p| p.name == name)
            .expect("that profile");
        intandem_core::store::ProfileId(profile.id)
    }

    /// Adds a second sandbox profile named `name` (not made current).
    pub async fn add_profile(&self, name: &str) {
        let info = self.info();
        self.console
            .ensure_sandbox_profile_named(
                Some(name),
                SandboxAccess {
                    api_base: &info.base_url,
                    brand_url: &info.brand_url,
                    directory_token: Secret::new(info.directory_token.clone()),
                    admin_token: None,
                },
            )
            .await
            .expect("the profile is saved");
    }
}

/// Short backoffs so fault tests stay fast.
pub fn fast_options() -> ClientOptions {
    ClientOptions {
        request_timeout: Duration::from_secs(5),
        retry: RetryPolicy {
            max_attempts: 2,
            base_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            max_retry_after: Duration::from_secs(2),
        },
        ..ClientOptions::default()
    }
}

pub async fn open_console(dir: &std::path::Path) -> Console {
    let unlock = Unlock::Passphrase(Secret::new(PASSPHRASE));
    let store = match Store::open(dir, unlock.clone()).await {
        Ok(store) => store,
        Err(error) if error.code() == "not_initialized" => Store::create(dir, unlock)
            .await
            .expect("the store is created"),
        Err(error) => panic!("opening the store: {error}"),
    };
    Console::new(store, ACTOR).with_client_options(fast_options())
}

/// A sandbox, a fresh store and a console whose current profile is the sandbox.
pub async fn harness() -> Harness {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("the sandbox starts");
    let dir = tempfile::tempdir().unwrap();
    let console = open_console(dir.path()).await;
    let info = sandbox.info();
    console
        .ensure_sandbox_profile(
            &info.base_url,
            &info.brand_url,
            Secret::new(info.directory_token.clone()),
        )
        .await
        .expect("the sandbox profile is saved");
    Harness {
        sandbox,
        console,
        dir,
    }
}

pub fn new_app(name: &str, code_name: &str) -> AppInput {
    AppInput {
        app_code_name: Some(code_name.to_owned()),
        name: Some(name.to_owned()),
        redirect_uri: Some("https://app.example.com/landing".to_owned()),
        url_params: Some(vec!["brand_host".to_owned()]),
        ..AppInput::default()
    }
}

/// Creates an app with `CALLBACK` registered as an OAuth redirect URI.
pub async fn create_oauth_app(console: &Console, code_name: &str) -> String {
    let input = AppInput {
        oauth_redirect_uris: Some(vec![CALLBACK.to_owned()]),
        ..new_app("OAuth test app", code_name)
    };
    let created = console.app_create(input).await.expect("the app is created");
    created.client_secret.expose().to_owned()
}

pub fn begin(app: &str, pkce: bool) -> OAuthBegin {
    OAuthBegin {
        app: app.to_owned(),
        redirect_uri: CALLBACK.to_owned(),
        brand_url: None,
        pkce,
        scope: None,
    }
}
