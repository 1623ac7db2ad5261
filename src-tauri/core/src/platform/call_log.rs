//! The request log: every attempt of every platform call a profile made (method, path,
//! status, time, the headers sent and the bodies both ways), redacted before it is kept,
//! as a support agent asks a partner for first. The transport hands each attempt to a
//! [`CallRecorder`]; the console keeps them (see `console::request_log`).
//!
//! Nothing secret is recorded: the `Authorization` header is shown as `Bearer
//! [redacted]`, every body field named like a secret (`client_secret`, `token`, `code`,
//! `password`…) is replaced at any depth, the query's secret-like values too, and a body
//! that is not JSON is not kept at all (only its size).

use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;
use time::OffsetDateTime;
use ts_rs::TS;
use url::Url;

use crate::store::redaction::{without_secret_fields, REDACTED};

/// A body longer than this (after redaction) is cut, and says so.
pub const MAX_LOGGED_BODY_CHARS: usize = 16 * 1024;

/// One attempt of one platform call.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, TS)]
pub struct LoggedCall {
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    /// What the call was for, in words (`listing the apps`).
    pub action: String,
    pub method: String,
    /// The path and query below the host, secret-like query values redacted.
    pub path: String,
    /// The app the call was about, when its path or body names one.
    pub app_code_name: Option<String>,
    /// The answer's status; none when no answer came (a timeout, a refused connection).
    pub status: Option<u16>,
    pub duration_ms: u64,
    /// 1 for the first try, 2 for the first retry…
    pub attempt: u32,
    /// Why no answer came, when none did.
    pub error: Option<String>,
    /// As sent, redacted: `Accept`, `Content-Type`, `Authorization: Bearer [redacted]`.
    pub request_headers: Vec<(String, String)>,
    pub request_body: Option<String>,
    pub response_body: Option<String>,
}

/// Where the transport reports each attempt.
pub trait CallRecorder: Send + Sync {
    fn record(&self, call: LoggedCall);
}

/// A recorder in `ClientOptions` (compared by identity, shown by name).
#[derive(Clone)]
pub struct Recorder(pub Arc<dyn CallRecorder>);

impl std::fmt::Debug for Recorder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Recorder")
    }
}

impl PartialEq for Recorder {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for Recorder {}

/// Query keys whose values are never logged.
const SECRET_QUERY_KEYS: &[&str] = &[
    "code",
    "state",
    "token",
    "access_token",
    "client_secret",
    "code_verifier",
];

/// Body fields redacted in the log beyond the store's list: an authorization code.
const MORE_SECRET_FIELDS: &[&str] = &["code"];

/// `url`'s path and query, secret-like values replaced.
pub(crate) fn logged_path(url: &Url) -> String {
    let mut path = url.path().to_owned();
    if url.query().is_some() {
        let pairs: Vec<String> = url
            .query_pairs()
            .map(|(k, v)| {
                let v = if SECRET_QUERY_KEYS.contains(&k.as_ref()) {
                    REDACTED.into()
                } else {
                    v
                };
                format!("{k}={v}")
            })
            .collect();
        path.push('?');
        path.push_str(&pairs.join("&"));
    }
    path
}

fn redact_more(value: Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(name, field)| {
                    let field = if MORE_SECRET_FIELDS.contains(&name.as_str()) && !field.is_null() {
                        Value::String(REDACTED.to_owned())
                    } else {
                        redact_more(field)
                    };
                    (name, field)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(redact_more).collect()),
        other => other,
    }
}

/// A body as logged: JSON redacted and pretty-printed, cut at [`MAX_LOGGED_BODY_CHARS`];
/// anything else only by its size.
pub(crate) fn logged_body(bytes: &[u8]) -> Option<String> {
    if bytes.is_empty() {
        return None;
    }
    let Ok(value) = serde_json::from_slice::<Value>(bytes) else {
        return Some(format!("({} bytes, not JSON: not kept)", bytes.len()));
    };
    let text = serde_json::to_string_pretty(&redact_more(without_secret_fields(&value)))
        .unwrap_or_default();
    if text.chars().count() > MAX_LOGGED_BODY_CHARS {
        let cut: String = text.chars().take(MAX_LOGGED_BODY_CHARS).collect();
        Some(format!("{cut}\n… (cut: {} bytes in all)", bytes.len()))
    } else {
        Some(text)
    }
}

/// The app a call is about: `/platform/v1/apps/{code}…`, or a body's `app_code_name`.
pub(crate) fn app_of(path: &[&str], body: Option<&[u8]>) -> Option<String> {
    if let ["platform", "v1", "apps", code, ..] = path {
        return Some((*code).to_owned());
    }
    let body: Value = serde_json::from_slice(body?).ok()?;
    body.get("app_code_name")?.as_str().map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_queries_and_bodies_are_never_logged() {
        let url =
            Url::parse("https://api.example.com/cb?code=SECRETCODE&state=S1&tenant=7").unwrap();
        let path = logged_path(&url);
        assert!(
            !path.contains("SECRETCODE") && !path.contains("S1"),
            "{path}"
        );
        assert!(path.contains("tenant=7"));
        let body = br#"{"grant_type":"authorization_code","code":"C0DE","client_secret":"SEKRET","redirect_uri":"https://a/cb","data":{"token":"T0K"}}"#;
        let logged = logged_body(body).unwrap();
        for secret in ["C0DE", "SEKRET", "T0K"] {
            assert!(!logged.contains(secret), "{logged}");
        }
        assert!(logged.contains("https://a/cb"));
        assert_eq!(
            logged_body(b"<html>secret</html>").unwrap(),
            "(19 bytes, not JSON: not kept)"
        );
    }

    #[test]
    fn a_long_body_is_cut_and_says_so() {
        let big = serde_json::to_vec(&vec!["x".repeat(100); 400]).unwrap();
        let logged = logged_body(&big).unwrap();
        assert!(logged.ends_with(&format!("(cut: {} bytes in all)", big.len())));
    }

    #[test]
    fn the_app_is_named_from_the_path_or_the_body() {
        assert_eq!(
            app_of(&["platform", "v1", "apps", "myapp"], None).as_deref(),
            Some("myapp")
        );
        assert_eq!(
            app_of(
                &["v3", "apps", "business_app_installs"],
                Some(br#"{"app_code_name":"other"}"#)
            )
            .as_deref(),
            Some("other")
        );
        assert_eq!(app_of(&["platform", "v1", "apps"], None), None);
    }
}
