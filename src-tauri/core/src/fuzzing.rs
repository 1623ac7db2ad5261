//! Entry points for the fuzz targets in `fuzz/` (cargo feature `fuzzing`, off by default):
//! thin public wrappers over the crate-private response parsers (re-exported for this
//! module alone in `platform/mod.rs`). Not an API: nothing outside `fuzz/` may use it.

use std::time::Duration;

use serde::de::DeserializeOwned;

pub use crate::platform::Endpoint;
use crate::platform::{self as p, App, AppCodeName, AppToken, Branding, CreatedApp};
use crate::{PlatformError, Secret};

/// `GET /platform/v1/apps` (a 2xx answer).
pub fn apps_list(status: u16, body: &[u8]) -> Result<Vec<App>, PlatformError> {
    p::apps_list(status, body)
}

/// `GET` or `PUT /platform/v1/apps/{code_name}` (a 2xx answer).
pub fn app(
    endpoint: Endpoint,
    status: u16,
    body: &[u8],
    code_name: &AppCodeName,
) -> Result<App, PlatformError> {
    p::app(endpoint, status, body, code_name)
}

/// `POST /platform/v1/apps` (a 2xx answer).
pub fn created_app(status: u16, body: &[u8]) -> Result<CreatedApp, PlatformError> {
    p::created_app(status, body)
}

/// `POST /platform/v1/tokens` (a 2xx answer).
pub fn created_token(status: u16, body: &[u8]) -> Result<Secret, PlatformError> {
    p::created_token(status, body)
}

/// `GET /platform/v1/tokens` (a 2xx answer).
pub fn tokens_list(status: u16, body: &[u8]) -> Result<Vec<AppToken>, PlatformError> {
    p::tokens_list(status, body)
}

/// `POST /platform/v1/tokens/revoke` (a 2xx answer).
pub fn revoked_tokens(status: u16, body: &[u8]) -> Result<Vec<Secret>, PlatformError> {
    p::revoked_tokens(status, body)
}

/// `GET /platform/v1/directory/branding` (a 2xx answer).
pub fn branding(status: u16, body: &[u8]) -> Result<Branding, PlatformError> {
    p::branding(status, body)
}

/// The OAuth endpoints' bare objects (a 2xx answer): `TokenGrant`, `UserInfo`.
pub fn bare<T: DeserializeOwned>(
    endpoint: Endpoint,
    status: u16,
    body: &[u8],
) -> Result<T, PlatformError> {
    p::bare(endpoint, status, body)
}

/// A non-2xx answer turned into its error.
pub fn vendor_error(
    endpoint: Endpoint,
    status: u16,
    body: &[u8],
    retry_after: Option<Duration>,
    attempts: u32,
) -> PlatformError {
    p::from_status(endpoint, status, body, retry_after, attempts)
}
