//! What `Console` methods return: plain, serializable (snake_case) values for the GUI's
//! IPC and the CLI's `--json`.
//!
//! Invariant: no field holds a secret, except the five marked `SECRET`, which exist
//! because showing that secret is the whole point of their action; each is a
//! [`ShownSecret`] (serialized as its value, redacted in `Debug`), filled in the one
//! action that builds it. Everything else that names a secret is a mask (`…abcd`, from
//! `Secret::masked`). Vendor entities passed through (`App`, `UserInfo`) are scrubbed of
//! credential-named fields first (`scrub`).
//!
//! The GUI does not even get those, unless the user asks: a new app's secret and a new
//! app token reach the webview as [`CreatedAppShown`] and [`CreatedTokenShown`] (masks,
//! and the secret only when the store could not keep it, its last chance to be seen);
//! the webview copies them by reference and reveals a client secret on an explicit
//! Reveal. The CLI prints the full views: a terminal is where they are meant to be seen.

use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;

use super::oauth::timeline::TimelineStep;
use super::ConsoleError;
use crate::platform::{App, AppCodeName, UserInfo};
use crate::store::{CredentialSource, OAuthOutcome, ProfileKind};
use crate::ShownSecret;
use ts_rs::TS;

/// A profile as front ends see it: its directory token only as a mask.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProfileView {
    pub id: i64,
    pub name: String,
    pub kind: ProfileKind,
    pub api_base: String,
    pub brand_url: String,
    /// `…abcd`: the directory token is write-only once saved.
    pub directory_token: String,
    pub is_current: bool,
    /// Plain http to another computer (the user accepted it): shown with an "insecure" badge.
    pub insecure: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RemovedProfile {
    pub name: String,
    pub was_current: bool,
}

/// One app in a list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppSummary {
    pub app_code_name: AppCodeName,
    pub app_id: Option<String>,
    pub name: Option<String>,
    /// Whether this console holds the app's client id and secret.
    pub has_credentials: bool,
}

/// The apps of a profile: fresh from the platform, or the cached list when the
/// platform cannot be reached (`stale`, with when it was last synced and why not now).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppsListing {
    pub profile: String,
    pub apps: Vec<AppSummary>,
    pub stale: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub last_synced_at: Option<OffsetDateTime>,
    /// Why the list is stale.
    pub sync_error: Option<ConsoleError>,
}

/// One app in full, with what this console knows about it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppDetails {
    pub app: App,
    pub has_credentials: bool,
    pub credentials_source: Option<CredentialSource>,
    /// True when the platform could not be reached and this is the cached copy.
    pub stale: bool,
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub synced_at: Option<OffsetDateTime>,
    pub sync_error: Option<ConsoleError>,
}

/// The answer to creating an app: the only time its client secret is shown.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CreatedAppView {
    pub app_code_name: AppCodeName,
    pub app_id: String,
    pub name: String,
    pub client_id: String,
    /// SECRET: the client secret, shown once. It is already saved (encrypted) in the
    /// store when `secret_saved`.
    #[ts(type = "string")]
    pub client_secret: ShownSecret,
    /// The store kept the client id and secret (false: saving failed, see `warnings`).
    pub secret_saved: bool,
    /// The app as the platform has it after the create (and the redirect URI update).
    pub app: Option<App>,
    /// The extra OAuth redirect URIs registered right after the create, if any were given.
    pub redirect_uris: Option<RedirectUrisDiff>,
    /// Advice that does not stop the create (a missing `brand_host` URL parameter, a
    /// follow-up step that failed).
    pub warnings: Vec<String>,
}

/// One field an update changes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FieldChange {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// An update, previewed or applied.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppUpdateView {
    pub app_code_name: AppCodeName,
    /// Only the fields whose value differs from the platform's current one.
    pub changes: Vec<FieldChange>,
    /// False for a preview, or when nothing differed.
    pub applied: bool,
    /// The app as it is now (after the update, when applied).
    pub app: App,
}

/// An app's OAuth credentials, with the secret masked unless revealed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CredentialsView {
    pub app_code_name: AppCodeName,
    pub app_id: Option<String>,
    pub client_id: String,
    /// SECRET when `revealed` (an explicit reveal); otherwise the mask `…abcd`.
    #[ts(type = "string")]
    pub client_secret: ShownSecret,
    pub revealed: bool,
    pub source: CredentialSource,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
    /// On import: whether the platform accepted the pair (`false`: it could not be asked).
    pub verified: Option<bool>,
    /// On import: what the user should know (saved without checking…).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RedirectUriRole {
    /// The app's main `redirect_uri` (its landing page); the authorize page accepts it too.
    LandingPage,
    /// An entry of `oauth_redirect_uris`.
    OAuth,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RedirectUriEntry {
    pub uri: String,
    pub role: RedirectUriRole,
}

/// Every redirect URI the authorize page accepts for an app.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RedirectUrisView {
    pub app_code_name: AppCodeName,
    pub uris: Vec<RedirectUriEntry>,
}

/// What a change to an app's `oauth_redirect_uris` does (or did).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RedirectUrisDiff {
    pub app_code_name: AppCodeName,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub unchanged: Vec<String>,
    /// The list after the change.
    pub oauth_redirect_uris: Vec<String>,
    /// Near-duplicates and other things worth a second look.
    pub warnings: Vec<String>,
    /// False for a preview, or when the change changes nothing.
    pub applied: bool,
}

/// An app token as listed: platform list and local records merged, masked.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppTokenView {
    /// `…abcd`, or `(not shown by the platform)`.
    pub token: String,
    /// The last four characters: what `tokens revoke` accepts.
    pub tail: Option<String>,
    /// Created through this console (its value is kept in the store).
    pub created_here: bool,
    /// Listed by the platform right now (false: revoked, or listing failed).
    pub listed_on_platform: bool,
    /// The console knows the whole token, so it can revoke and copy it (false for a token
    /// created elsewhere that the platform lists masked, and for a revoked one).
    pub revocable: bool,
    pub created_at: Option<String>,
    pub expires_at: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub revoked_at: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppTokensView {
    pub app_code_name: AppCodeName,
    pub tokens: Vec<AppTokenView>,
    /// Set when the platform's list could not be read (only local records are shown).
    pub sync_error: Option<ConsoleError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CreatedTokenView {
    pub app_code_name: AppCodeName,
    /// SECRET: the new app token (also kept, encrypted, in the store).
    #[ts(type = "string")]
    pub token: ShownSecret,
    pub tail: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
}

/// A created app as the GUI sees it: the secret as a mask, since it is already in the
/// store (copy it by reference, or reveal it on purpose).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CreatedAppShown {
    pub app_code_name: AppCodeName,
    pub app_id: String,
    pub name: String,
    pub client_id: String,
    /// `…abcd`
    pub client_secret_mask: String,
    pub secret_saved: bool,
    /// SECRET, only when the store could not keep it (`secret_saved` false): the platform
    /// never shows it again, so this is the user's last chance to copy it.
    #[ts(type = "string | null")]
    pub unsaved_client_secret: Option<ShownSecret>,
    pub app: Option<App>,
    pub redirect_uris: Option<RedirectUrisDiff>,
    pub warnings: Vec<String>,
}

impl From<CreatedAppView> for CreatedAppShown {
    fn from(view: CreatedAppView) -> CreatedAppShown {
        let secret = crate::Secret::new(view.client_secret.expose());
        CreatedAppShown {
            app_code_name: view.app_code_name,
            app_id: view.app_id,
            name: view.name,
            client_id: view.client_id,
            client_secret_mask: secret.masked(),
            secret_saved: view.secret_saved,
            unsaved_client_secret: (!view.secret_saved).then(|| ShownSecret::new(&secret)),
            app: view.app,
            redirect_uris: view.redirect_uris,
            warnings: view.warnings,
        }
    }
}

/// A new app token as the GUI sees it: kept in the store, so only its mask and tail
/// (what copying it by reference and revoking it take).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CreatedTokenShown {
    pub app_code_name: AppCodeName,
    /// `…abcd`
    pub token_mask: String,
    pub tail: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
}

impl From<CreatedTokenView> for CreatedTokenShown {
    fn from(view: CreatedTokenView) -> CreatedTokenShown {
        CreatedTokenShown {
            app_code_name: view.app_code_name,
            token_mask: crate::Secret::new(view.token.expose()).masked(),
            tail: view.tail,
            created_at: view.created_at,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RevokedTokenView {
    pub app_code_name: AppCodeName,
    /// `…abcd`
    pub token: String,
    /// The platform no longer knew the token (it was revoked already).
    pub already_revoked: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ServiceTokenView {
    pub app_code_name: AppCodeName,
    /// SECRET: the app access token the platform just issued (not stored).
    #[ts(type = "string")]
    pub access_token: ShownSecret,
    pub token_type: String,
    pub expires_in: Option<u64>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub expires_at: Option<OffsetDateTime>,
}

/// A started OAuth test: open `url` in a browser; the platform redirects to the
/// redirect URI, and that full URL goes to `oauth_complete`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OAuthBeginView {
    pub run_id: i64,
    pub app_code_name: AppCodeName,
    pub url: String,
    /// The 256-bit `state` the redirect must carry back (already in `url`).
    pub state: String,
    pub redirect_uri: String,
    pub pkce: bool,
    /// After this the pending test is refused: start a new one.
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub expires_at: OffsetDateTime,
}

/// A started test as the GUI's page sees it: no `state`, and the authorize URL redacted
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
    pub expires_at: OffsetDateTime,
}

impl StartedRun {
    pub fn of(begun: &OAuthBeginView) -> StartedRun {
        StartedRun {
            run_id: begun.run_id,
            app_code_name: begun.app_code_name.to_string(),
            redirect_uri: begun.redirect_uri.clone(),
            pkce: begun.pkce,
            authorize_url: url::Url::parse(&begun.url)
                .map(|url| super::redacted_url(&url))
                .unwrap_or_default(),
            expires_at: begun.expires_at,
        }
    }
}

/// The access token's description: never the token itself.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TokenMetadata {
    /// `…abcd`
    pub access_token: String,
    pub token_type: String,
    pub expires_in: Option<u64>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub expires_at: Option<OffsetDateTime>,
    pub scope: Option<String>,
    pub has_refresh_token: bool,
}

/// How the 30-second life of the authorization code was spent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OAuthTimings {
    pub code_lifetime_ms: u64,
    /// From the redirect's arrival to the exchange request being sent.
    pub before_exchange_ms: Option<u64>,
    /// The exchange call itself.
    pub exchange_ms: Option<u64>,
    /// From the redirect's arrival to the exchange's answer.
    pub window_used_ms: Option<u64>,
    pub userinfo_ms: Option<u64>,
    /// From the start of the test (authorize URL made) to its end.
    pub total_ms: u64,
}

/// How an OAuth test ended. A failure still comes back as a completion (with `error`
/// set and `outcome` failed): the run and its timeline are kept either way.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OAuthCompletion {
    pub run_id: i64,
    pub app_code_name: AppCodeName,
    pub outcome: OAuthOutcome,
    pub error: Option<ConsoleError>,
    pub userinfo: Option<UserInfo>,
    pub token: Option<TokenMetadata>,
    pub timings: OAuthTimings,
    pub timeline: Vec<TimelineStep>,
}

/// A past or pending OAuth test, for the app's history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OAuthRunView {
    pub run_id: i64,
    pub app_code_name: AppCodeName,
    pub redirect_uri: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub started_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub finished_at: Option<OffsetDateTime>,
    /// `None` while pending.
    pub outcome: Option<OAuthOutcome>,
    pub error: Option<String>,
    pub has_access_token: bool,
    pub userinfo: Option<Value>,
    pub timeline: Value,
}
