//! `Console`: the command layer. One method per user action, each returning a plain
//! serializable DTO (see [`dto`]) or a [`ConsoleError`]. The desktop shell's
//! `#[tauri::command]`s and the `intandem` CLI are thin faces over it.
//!
//! A `Console` owns the unlocked [`Store`] and builds a [`PlatformClient`] for the
//! profile an action runs against: the one named with [`Console::with_profile`] (the
//! CLI's `--profile`), else the current one.
//!
//! Secrets: DTOs carry masks (`…abcd`), never a secret, except the few fields whose
//! action exists to show one (a new app's client secret, a revealed client secret, a
//! new app token, a service token). Those are `String`s produced by an explicit
//! `Secret::expose()` at that one place, each marked `SECRET` in its doc comment.
//!
//! The actions live beside their DTOs' builders: `profiles`, `apps` (with `app_input`
//! and `app_diff`), `credentials`, `redirect_uris`, `tokens`, `oauth` (a folder:
//! begin, complete, narration, errors, timeline, report), `drafts` (unsaved edits kept
//! for the page) and `audit`.

mod app_diff;
mod app_input;
mod apps;
mod apps_sync;
mod audit;
mod checks;
mod credentials;
mod drafts;
pub mod dto;
mod field_checks;
mod oauth;
mod profiles;
mod redirect_uris;
mod request_log;
mod scrub;
mod secret_copy;
mod tokens;

use crate::platform::{AppCodeName, ClientOptions, PlatformClient};
use crate::store::{Profile, Store};

pub use crate::error::ConsoleError;
pub use crate::oauth::Arrival;
pub(crate) use app_diff::plan_update;
pub use app_input::AppInput;
pub use apps_sync::{SyncReport, SYNC_CONCURRENCY};
pub use checks::{AppChecks, CheckCounts, ChecksReport, CHECK_CONCURRENCY};
pub use drafts::{DraftPart, DraftView, MAX_DRAFT_BYTES};
pub use field_checks::{AppFormCheck, AppVocabulary, UriJudgement};
pub use oauth::report::{code_window_ms, OAuthReport, RESULT_FIELDS};
pub use oauth::timeline::{
    page_url, redacted_url, HttpRequestView, HttpResponseView, StepKind, TimelineStep,
};
pub use oauth::{OAuthBegin, Progress, PENDING_FLOW_LIFETIME};
pub use profiles::{
    Environment, NewProfileInput, ProfileEdit, SandboxAccess, CLI_SANDBOX_PROFILE_NAME,
    PRODUCTION_API_BASE, PRODUCTION_BRAND_URL,
};
pub use redirect_uris::RedirectUriChange;
pub use secret_copy::SecretToCopy;

/// The console's command layer over one unlocked store.
pub struct Console {
    pub(crate) store: Store,
    actor: String,
    pub(crate) client_options: ClientOptions,
    profile_override: Option<String>,
    /// One app token creation at a time: a create whose answer is lost looks for the
    /// token that appeared in the app's list, and another create running meanwhile
    /// would put its own token there (see `token_create`).
    token_creation: tokio::sync::Mutex<()>,
    /// The OAuth tests live in this process (see `oauth_run`).
    pub(crate) live_runs: crate::oauth_run::LiveRuns,
    /// Platform calls not yet written to the request log (see `request_log`).
    pub(crate) call_log: std::sync::Arc<request_log::CallLog>,
}

impl std::fmt::Debug for Console {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Console")
            .field("store", &self.store)
            .field("actor", &self.actor)
            .field("profile_override", &self.profile_override)
            .finish_non_exhaustive()
    }
}

impl Console {
    /// `actor` names who makes the changes, in the audit log (`alice (cli)`).
    pub fn new(store: Store, actor: impl Into<String>) -> Self {
        Self {
            store,
            actor: actor.into(),
            client_options: ClientOptions::default(),
            profile_override: None,
            token_creation: tokio::sync::Mutex::new(()),
            live_runs: crate::oauth_run::LiveRuns::default(),
            call_log: std::sync::Arc::default(),
        }
    }

    /// Timeouts and retries for every platform call (tests shorten the backoffs).
    pub fn with_client_options(mut self, options: ClientOptions) -> Self {
        self.client_options = options;
        self
    }

    /// Runs every action against the profile with this name instead of the current one.
    pub fn with_profile(mut self, name: Option<String>) -> Self {
        self.profile_override = name.filter(|n| !n.trim().is_empty());
        self
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Closes the store (checkpointing its journal).
    pub async fn close(self) {
        if let Err(error) = self.flush_request_log().await {
            tracing::warn!("keeping the request log: {}", error.message);
        }
        self.store.close().await;
    }

    /// The profile actions run against.
    pub(crate) async fn active_profile(&self) -> Result<Profile, ConsoleError> {
        if let Some(name) = &self.profile_override {
            return self.profile_named(name).await;
        }
        self.store.profiles().current().await?.ok_or_else(|| {
            ConsoleError::not_found(
                "No profile is selected, so there is no platform to talk to: add a profile \
                 (an environment and its directory token), or choose one as the current profile.",
            )
        })
    }

    pub(crate) async fn profile_named(&self, name: &str) -> Result<Profile, ConsoleError> {
        if let Some(profile) = self.store.profiles().find_by_name(name).await? {
            return Ok(profile);
        }
        let names: Vec<String> = self
            .store
            .profiles()
            .list()
            .await?
            .into_iter()
            .map(|p| p.name)
            .collect();
        let known = if names.is_empty() {
            "there are no profiles yet: add one first".to_owned()
        } else {
            format!("the profiles are {}", names.join(", "))
        };
        Err(ConsoleError::not_found(format!(
            "There is no profile named {name:?}: {known}."
        )))
    }

    pub(crate) fn client_for(&self, profile: &Profile) -> PlatformClient {
        PlatformClient::with_options(
            profile.api_base.clone(),
            profile.directory_token.clone(),
            ClientOptions {
                allow_insecure_http: profile.allow_insecure_http,
                recorder: Some(self.call_log.recorder(profile.id)),
                ..self.client_options.clone()
            },
        )
    }

    /// The active profile and a client for it.
    pub(crate) async fn session(&self) -> Result<(Profile, PlatformClient), ConsoleError> {
        self.flush_request_log_if_due().await;
        let profile = self.active_profile().await?;
        let client = self.client_for(&profile);
        Ok((profile, client))
    }
}

/// An app named by the user (`intandem apps show <app>`): its code name.
pub(crate) fn app_code_name(text: &str) -> Result<AppCodeName, ConsoleError> {
    AppCodeName::existing(text.trim()).map_err(|error| ConsoleError {
        field: Some("app".to_owned()),
        ..ConsoleError::from(error)
    })
}

/// The desktop shell runs these methods from async Tauri commands, which need `Send`
/// futures: this only has to compile.
#[cfg(test)]
#[allow(dead_code)]
fn every_action_future_is_send(console: &Console) {
    fn send<T: Send>(_: T) {}
    send(console.profiles_list());
    send(console.profile_add(unreachable_input()));
    send(console.ensure_sandbox_profile("", "", crate::Secret::new("")));
    send(console.apps_list());
    send(console.app_show(""));
    send(console.app_create(AppInput::default()));
    send(console.app_update("", AppInput::default()));
    send(console.app_update_preview("", AppInput::default()));
    send(console.app_credentials("", true));
    send(console.redirect_uris_list(""));
    send(console.redirect_uris_apply("", RedirectUriChange::Add(Vec::new())));
    send(console.token_create(""));
    send(console.tokens_list(""));
    send(console.token_revoke("", ""));
    send(console.service_token(""));
    send(console.oauth_begin(OAuthBegin {
        app: String::new(),
        redirect_uri: String::new(),
        brand_url: None,
        pkce: true,
        scope: None,
    }));
    send(console.oauth_complete_with_progress("", &|_| {}));
    send(console.oauth_abandon(0, crate::store::OAuthOutcome::Cancelled, ""));
    send(console.oauth_runs("", 1));
    send(console.audit(None, None));
}

#[cfg(test)]
fn unreachable_input() -> NewProfileInput {
    unreachable!("never called: the futures above are only type-checked")
}
