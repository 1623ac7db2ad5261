//! `ConsoleError`: the one error every `Console` method returns, and what front ends show.
//!
//! It crosses the IPC boundary as `{code, message, …}`: front ends switch on `code` (an
//! [`ErrorCode`], stable snake_case), never on `message`, which is one sentence for a
//! person (what happened, why, what to do). It never holds a secret: it is built from
//! [`PlatformError`]s and [`StoreError`]s, whose messages never carry one, and from the
//! console's own input checks.

use std::fmt;

use serde::Serialize;

use crate::error::{ErrorCode, PlatformError};
use crate::store::StoreError;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConsoleError {
    pub code: ErrorCode,
    pub message: String,
    /// The HTTP status, when the platform answered.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<u16>,
    /// The platform's own words, verbatim.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub vendor_message: Option<String>,
    /// How long the platform asked to wait before trying again.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub retry_after_secs: Option<u64>,
    /// For `invalid_input`: the input field that was refused (`name`, `redirect_uri`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// For store failures: the store's own code (`wrong_key`, `profile_name_taken`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub store_code: Option<&'static str>,
}

impl ConsoleError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            status: None,
            vendor_message: None,
            retry_after_secs: None,
            field: None,
            store_code: None,
        }
    }

    /// The user's input was refused before anything was sent.
    pub fn invalid_input(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.to_owned()),
            ..Self::new(ErrorCode::InvalidInput, message)
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    /// The input field the error is about.
    pub fn with_field(mut self, field: &str) -> Self {
        self.field = Some(field.to_owned());
        self
    }

    /// The same error, told with more context (`message` replaces the old one).
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Whether the failure means the platform could not be reached or failed on its side,
    /// so that cached data is the best that can be shown.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self.code,
            ErrorCode::Network | ErrorCode::Timeout | ErrorCode::Server | ErrorCode::RateLimited
        )
    }
}

impl fmt::Display for ConsoleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConsoleError {}

impl From<PlatformError> for ConsoleError {
    fn from(error: PlatformError) -> Self {
        Self {
            status: error.status,
            vendor_message: error.vendor_message,
            retry_after_secs: error
                .retry_after
                .map(|wait| wait.as_secs() + u64::from(wait.subsec_nanos() > 0)),
            ..Self::new(error.code, error.message)
        }
    }
}

impl From<StoreError> for ConsoleError {
    fn from(error: StoreError) -> Self {
        let code = match &error {
            StoreError::ProfileNameTaken { .. } | StoreError::OAuthRunAlreadyFinished { .. } => {
                ErrorCode::Conflict
            }
            StoreError::ProfileNotFound { .. }
            | StoreError::AppTokenNotFound { .. }
            | StoreError::OAuthRunNotFound { .. } => ErrorCode::NotFound,
            StoreError::NotInitialized { .. }
            | StoreError::WrongKey { .. }
            | StoreError::KeyMissing { .. }
            | StoreError::NoKeyring { .. }
            | StoreError::UnlockMethodMismatch { .. }
            | StoreError::PassphraseTooShort { .. }
            | StoreError::PassphraseTooWeak { .. } => ErrorCode::Locked,
            StoreError::SecretInPlainColumn { .. } => ErrorCode::Internal,
            _ => ErrorCode::Store,
        };
        Self {
            store_code: Some(error.code()),
            ..Self::new(code, sentence(&error.to_string()))
        }
    }
}

/// Store messages are written lower-case to be embedded; shown alone they are sentences.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_platform_error_keeps_its_code_status_vendor_words_and_wait() {
        let platform = PlatformError::new(ErrorCode::RateLimited, "Slow down.")
            .with_status(429)
            .with_vendor_message(Some("Too many requests".into()))
            .with_retry_after(Some(Duration::from_millis(2500)));
        let error = ConsoleError::from(platform);
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json["code"], "rate_limited");
        assert_eq!(json["message"], "Slow down.");
        assert_eq!(json["status"], 429);
        assert_eq!(json["vendor_message"], "Too many requests");
        assert_eq!(json["retry_after_secs"], 3);
        assert!(json.get("field").is_none());
    }

    #[test]
    fn a_store_error_becomes_a_sentence_with_the_stores_code() {
        let error = ConsoleError::from(StoreError::ProfileNameTaken {
            name: "Production".into(),
        });
        assert_eq!(error.code, ErrorCode::Conflict);
        assert_eq!(error.store_code, Some("profile_name_taken"));
        assert!(
            error.message.starts_with("A profile named"),
            "{}",
            error.message
        );
        assert!(error.message.ends_with('.'));
    }

    #[test]
    fn invalid_input_names_the_field() {
        let error = ConsoleError::invalid_input("name", "Too short.");
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(
            serde_json::to_value(&error).unwrap()["field"],
            serde_json::json!("name")
        );
    }
}
