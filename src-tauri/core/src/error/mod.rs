//! The error vocabulary shared by every face of the console: [`ErrorCode`], the stable
//! code a front end switches on, [`PlatformError`], what the platform client returns, and
//! [`ConsoleError`], what every `Console` method returns (console_error.rs).
//!
//! Invariants: a code's serialized name never changes once shipped (the UI and the CLI
//! switch on it, never on message text); a message never contains a token, a client
//! secret, an authorization code or a response body that could hold one.

mod console_error;

pub use console_error::ConsoleError;

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

/// What kind of failure happened, as a stable snake_case name (`rate_limited`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The platform did not accept the bearer token (HTTP 401).
    Unauthorized,
    /// The token is valid but not allowed to do this (HTTP 403, or the vendor's 422 "Unauthorized").
    Forbidden,
    /// The app, token or resource does not exist (HTTP 404, or the vendor's 422 "invalid token").
    NotFound,
    /// The thing already exists (HTTP 409, or a duplicate app code name).
    Conflict,
    /// The platform rejected the request's content (HTTP 400/422).
    Validation,
    /// The platform asked us to slow down (HTTP 429); `retry_after` says for how long.
    RateLimited,
    /// The platform failed (HTTP 5xx).
    Server,
    /// The platform could not be reached, or the connection broke.
    Network,
    /// The platform did not answer in time.
    Timeout,
    /// The platform answered, but the answer could not be read.
    Decode,
    /// OAuth: the authorization code was rejected (expired, used, or for another redirect URI).
    InvalidGrant,
    /// OAuth: the client id or client secret was rejected.
    InvalidClient,
    /// OAuth: the user (or the platform) refused the authorization.
    AccessDenied,
    /// A write whose answer was lost: the truth is told in the message.
    UnknownOutcome,
    /// The user stopped it (closed the login window, pressed Stop or Ctrl-C).
    Cancelled,
    /// The user's input was refused before anything was sent (e.g. an invalid app code name).
    InvalidInput,
    /// The local encrypted store failed.
    Store,
    /// The local store is locked: unlock it first.
    Locked,
    /// A bug in the console itself.
    Internal,
}

impl ErrorCode {
    /// The stable name, as serialized (`"rate_limited"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Conflict => "conflict",
            Self::Validation => "validation",
            Self::RateLimited => "rate_limited",
            Self::Server => "server",
            Self::Network => "network",
            Self::Timeout => "timeout",
            Self::Decode => "decode",
            Self::InvalidGrant => "invalid_grant",
            Self::InvalidClient => "invalid_client",
            Self::AccessDenied => "access_denied",
            Self::UnknownOutcome => "unknown_outcome",
            Self::Cancelled => "cancelled",
            Self::InvalidInput => "invalid_input",
            Self::Store => "store",
            Self::Locked => "locked",
            Self::Internal => "internal",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A failed platform call. `message` is one sentence for a person: what happened, why,
/// and what to do now; `vendor_message` is the platform's own words, kept verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlatformError {
    pub code: ErrorCode,
    /// The HTTP status, when the platform answered at all.
    pub status: Option<u16>,
    /// The platform's own message (`message`, `error` or `error_description`).
    pub vendor_message: Option<String>,
    pub message: String,
    /// How long the platform asked us to wait (from `Retry-After`), when it did.
    #[serde(with = "optional_seconds")]
    pub retry_after: Option<Duration>,
}

impl PlatformError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            status: None,
            vendor_message: None,
            message: message.into(),
            retry_after: None,
        }
    }

    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    pub fn with_vendor_message(mut self, vendor_message: Option<String>) -> Self {
        self.vendor_message = vendor_message;
        self
    }

    pub fn with_retry_after(mut self, retry_after: Option<Duration>) -> Self {
        self.retry_after = retry_after;
        self
    }

    /// The same failure, re-told (used when more is known about what happened).
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// The same failure, re-coded and re-told (used when reconciliation learns the truth).
    pub fn recast(mut self, code: ErrorCode, message: impl Into<String>) -> Self {
        self.code = code;
        self.message = message.into();
        self
    }
}

impl fmt::Display for PlatformError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PlatformError {}

/// `retry_after` crosses IPC as whole seconds (`null` when absent).
mod optional_seconds {
    use std::time::Duration;

    use serde::Serializer;

    pub fn serialize<S: Serializer>(value: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(duration) => s.serialize_some(&duration.as_secs_f64().ceil()),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_stable_snake_case_names() {
        for code in [
            ErrorCode::RateLimited,
            ErrorCode::UnknownOutcome,
            ErrorCode::InvalidGrant,
            ErrorCode::NotFound,
        ] {
            let json = serde_json::to_value(code).unwrap();
            assert_eq!(json, serde_json::Value::String(code.as_str().to_owned()));
        }
        assert_eq!(ErrorCode::RateLimited.as_str(), "rate_limited");
    }

    #[test]
    fn display_is_the_message_and_serialization_carries_every_field() {
        let error = PlatformError::new(ErrorCode::RateLimited, "Slow down: wait 3 s.")
            .with_status(429)
            .with_vendor_message(Some("Too many requests".into()))
            .with_retry_after(Some(Duration::from_millis(2500)));
        assert_eq!(error.to_string(), "Slow down: wait 3 s.");
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["code"], "rate_limited");
        assert_eq!(json["status"], 429);
        assert_eq!(json["vendor_message"], "Too many requests");
        assert_eq!(json["retry_after"], 3.0);
    }
}
