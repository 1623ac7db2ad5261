//! The inTandem platform client: every endpoint the console uses, the vendor quirks absorbed in one place.
//!
//! - [`PlatformClient`] holds a bearer token and calls the management API: apps
//!   (list, get, create, update), app tokens (create, list, revoke), directory branding.
//! - [`OAuthClient`] calls the token-less OAuth endpoints: `/oauth/token`,
//!   `/oauth/service/token`, `/oauth/userinfo`.
//! - Quirks live in `envelope` (four success envelopes, 200 vs 201), `vendor_error`
//!   (three error bodies, overloaded statuses) and `models` (`trusted` as a string on
//!   writes and a boolean on reads, `created_at` as Unix seconds or ISO 8601, …).
//! - Every call has a timeout; reads and updates retry (`retry`); writes never retry
//!   blindly and reconcile by listing when their outcome is unknown (`create_app`, `app_tokens`).
//!
//! Failures are [`PlatformError`](crate::error::PlatformError)s with a stable code.

mod app_tokens;
mod apps;
mod authorize_probe;
pub mod call_log;
mod client;
mod create_app;
mod endpoint;
mod envelope;
pub mod http_client;
mod lifecycle;
pub mod models;
mod oauth;
mod options;
mod reconcile;
#[cfg(test)]
mod reference_examples;
mod request_bodies;
mod retry;
mod sandbox_admin;
mod transport;
mod vendor_error;

// The fuzz targets' way in (`crate::fuzzing`): absent from normal builds.
#[cfg(feature = "fuzzing")]
pub use self::endpoint::Endpoint;
#[cfg(feature = "fuzzing")]
pub(crate) use self::{
    envelope::{
        app, apps_list, bare, branding, created_app, created_token, revoked_tokens, tokens_list,
    },
    vendor_error::from_status,
};

pub use authorize_probe::{probe_authorize, AuthorizeProbe};
pub use client::PlatformClient;
pub use create_app::CreateOutcome;
pub use lifecycle::{Business, Install, Staff};
pub(crate) use models::with_app_fields;
pub use models::{
    App, AppCodeName, AppDescription, AppToken, AppUpdate, BrandColors, BrandTheme, Branding,
    CodeExchange, CreatedApp, DeepLink, MenuItem, MenuItems, NewApp, ServiceCredentials,
    ServiceToken, TokenGrant, UserInfo, SHARED_APP_FIELDS,
};
pub use oauth::{OAuthClient, Timed};
pub use options::{ClientOptions, RetryPolicy};
pub(crate) use reconcile::looks_like;
pub use sandbox_admin::{ProbeCode, SandboxLaunch};
