//! The vendor's failure answers turned into [`PlatformError`]s, in one place.
//!
//! The reference uses three error bodies: `{"status":"Error","message":…}`,
//! `{"status":"Error","error":…}` and OAuth's `{"error":…,"error_description":…}`.
//! The vendor's words are kept verbatim (trimmed to a sane length); the HTTP status and,
//! where the vendor overloads a status, its words pick the code:
//! - `/oauth/token` and `/oauth/service/token`: the OAuth `error` decides
//!   (`invalid_grant`, `invalid_client`…); the service token's 400 means "Invalid credentials".
//! - tokens revoke answers 422 both for "Unauthorized" (forbidden) and "invalid token" (not found).
//! - a create refused because the code name is taken is a conflict, whatever its status.

use std::time::Duration;

use serde_json::Value;

use super::endpoint::Endpoint;
use crate::error::{ErrorCode, PlatformError};
use crate::text::capitalized;

/// Vendor messages longer than this are cut (an HTML error page is not a message).
const MAX_VENDOR_MESSAGE: usize = 300;

/// A non-success HTTP answer.
pub(crate) fn from_status(
    endpoint: Endpoint,
    status: u16,
    body: &[u8],
    retry_after: Option<Duration>,
    attempts: u32,
) -> PlatformError {
    let root: Option<Value> = serde_json::from_slice(body).ok();
    let vendor_message = root.as_ref().and_then(vendor_words);
    let oauth_error = root
        .as_ref()
        .and_then(|r| r.get("error"))
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    let code = code_for(
        endpoint,
        status,
        oauth_error.as_deref(),
        vendor_message.as_deref(),
    );
    let message = sentence(
        endpoint,
        code,
        Some(status),
        vendor_message.as_deref(),
        retry_after,
        attempts,
    );
    PlatformError::new(code, message)
        .with_status(status)
        .with_vendor_message(vendor_message)
        .with_retry_after(retry_after)
}

/// A 2xx answer whose envelope says `"status":"Error"` or `"success":false`.
pub(crate) fn declared_failure(endpoint: Endpoint, status: u16, root: &Value) -> PlatformError {
    let vendor_message = vendor_words(root);
    let message = format!(
        "{} failed: the platform answered HTTP {status} but reported an error{}; try again, \
         and contact the platform's support if it persists.",
        capitalized(endpoint.action()),
        said(vendor_message.as_deref()),
    );
    PlatformError::new(ErrorCode::Server, message)
        .with_status(status)
        .with_vendor_message(vendor_message)
}

fn code_for(
    endpoint: Endpoint,
    status: u16,
    oauth_error: Option<&str>,
    words: Option<&str>,
) -> ErrorCode {
    let words_lower = words.map(str::to_ascii_lowercase).unwrap_or_default();
    let oauth = matches!(endpoint, Endpoint::ExchangeCode | Endpoint::ServiceToken);
    if oauth {
        match oauth_error {
            Some("invalid_grant") => return ErrorCode::InvalidGrant,
            Some("invalid_client" | "unauthorized_client") => return ErrorCode::InvalidClient,
            Some("access_denied") => return ErrorCode::AccessDenied,
            Some("invalid_request" | "unsupported_grant_type" | "invalid_scope") => {
                return ErrorCode::Validation
            }
            _ => {}
        }
        if endpoint == Endpoint::ServiceToken && matches!(status, 400 | 401) {
            return ErrorCode::InvalidClient;
        }
    }
    if endpoint == Endpoint::RevokeAppToken && status == 422 {
        if words_lower.contains("invalid token") || words_lower.contains("not found") {
            return ErrorCode::NotFound;
        }
        if words_lower.contains("unauthorized") {
            return ErrorCode::Forbidden;
        }
    }
    if endpoint == Endpoint::CreateApp
        && (400..500).contains(&status)
        && status != 429
        && ["already", "taken", "duplicate", "not unique", "exists"]
            .iter()
            .any(|w| words_lower.contains(w))
    {
        return ErrorCode::Conflict;
    }
    match status {
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        409 => ErrorCode::Conflict,
        429 => ErrorCode::RateLimited,
        400..=499 => ErrorCode::Validation,
        _ => ErrorCode::Server,
    }
}

/// One sentence: what failed, why (with the vendor's words), what to do now.
pub(crate) fn sentence(
    endpoint: Endpoint,
    code: ErrorCode,
    status: Option<u16>,
    vendor_message: Option<&str>,
    retry_after: Option<Duration>,
    attempts: u32,
) -> String {
    let http = status.map(|s| format!("HTTP {s}")).unwrap_or_default();
    let (why, advice) = match code {
        ErrorCode::Unauthorized => (
            "the platform did not accept the token".to_owned(),
            endpoint.unauthorized_advice().to_owned(),
        ),
        ErrorCode::InvalidClient => (
            "the platform rejected the client credentials".to_owned(),
            "check the app's client id and client secret (a secret is shown only once, at creation)".to_owned(),
        ),
        ErrorCode::InvalidGrant => (
            "the platform rejected the authorization code".to_owned(),
            "codes are single-use and expire after 30 seconds, and the redirect URI must match the \
             authorization request exactly: run the authorization again and exchange the new code at once"
                .to_owned(),
        ),
        ErrorCode::AccessDenied => (
            "the authorization was refused".to_owned(),
            "approve the consent screen, or check the app's setup".to_owned(),
        ),
        ErrorCode::Forbidden => (
            "the token is not allowed to do this".to_owned(),
            "use a directory token of the directory that owns this app".to_owned(),
        ),
        ErrorCode::NotFound => (
            endpoint.missing_thing().to_owned(),
            "check the name, or refresh the list and pick it again".to_owned(),
        ),
        ErrorCode::Conflict => (
            "the platform says it already exists".to_owned(),
            "choose another app code name".to_owned(),
        ),
        ErrorCode::Validation => (
            "the platform rejected the request as invalid".to_owned(),
            "correct what the platform names and try again".to_owned(),
        ),
        ErrorCode::RateLimited => (
            "the platform is limiting how often it may be called".to_owned(),
            match retry_after {
                Some(wait) => format!("wait {} s and try again", wait.as_secs_f64().ceil()),
                None => "wait a minute and try again".to_owned(),
            },
        ),
        ErrorCode::Server => (
            "the platform had an internal error".to_owned(),
            "try again in a few minutes, and check the platform's status if it persists".to_owned(),
        ),
        _ => (
            "the platform answered unexpectedly".to_owned(),
            "try again, and report it if it persists".to_owned(),
        ),
    };
    let tries = if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    };
    let details = match vendor_message {
        Some(words) => format!(" ({http}, the platform said: \"{words}\")"),
        None if http.is_empty() => String::new(),
        None => format!(" ({http})"),
    };
    format!(
        "{} failed{tries}: {why}{details}; {advice}.",
        capitalized(endpoint.action())
    )
}

fn said(vendor_message: Option<&str>) -> String {
    vendor_message
        .map(|words| format!(" (the platform said: \"{words}\")"))
        .unwrap_or_default()
}

/// The vendor's own message: `error_description`, `message`, `error` (a string or an
/// object with a `message`), or a list of `errors`.
fn vendor_words(root: &Value) -> Option<String> {
    let text = |v: &Value| {
        v.as_str()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let candidates = [
        root.get("error_description").and_then(text),
        root.get("message").and_then(text),
        root.get("error")
            .and_then(|e| text(e).or_else(|| e.get("message").and_then(text))),
        root.get("errors").and_then(|errors| {
            let list: Vec<String> = match errors {
                Value::Array(items) => items
                    .iter()
                    .filter_map(|i| text(i).or_else(|| i.get("message").and_then(text)))
                    .collect(),
                Value::Object(fields) => fields
                    .iter()
                    .map(|(field, why)| match why {
                        Value::Array(items) => format!(
                            "{field} {}",
                            items.iter().filter_map(text).collect::<Vec<_>>().join(", ")
                        ),
                        other => format!("{field} {}", text(other).unwrap_or_default()),
                    })
                    .collect(),
                other => text(other).into_iter().collect(),
            };
            (!list.is_empty()).then(|| list.join("; "))
        }),
        root.get("data")
            .and_then(|d| d.get("message"))
            .and_then(text),
    ];
    candidates.into_iter().flatten().next().map(|words| {
        if words.chars().count() > MAX_VENDOR_MESSAGE {
            let cut: String = words.chars().take(MAX_VENDOR_MESSAGE).collect();
            format!("{cut}…")
        } else {
            words
        }
    })
}

#[cfg(test)]
#[path = "vendor_error_tests.rs"]
mod tests;
