//! The timeline of an OAuth test: each step with its HTTP request and response, as a
//! person debugging the flow wants to see them, and with every secret taken out.
//!
//! Invariant: nothing here holds a secret. Codes, client secrets, verifiers and `state`
//! are written as `[redacted]`; tokens as their mask `…abcd`. The store refuses a
//! timeline containing the run's own verifier or access token as a second line of defence.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use time::OffsetDateTime;
use url::Url;

use crate::platform::{CodeExchange, TokenGrant};
use crate::store::redaction::{without_secret_fields, REDACTED};
use crate::PlatformError;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// The authorize URL was made (the browser goes there).
    Authorize,
    /// The authorize page was looked at before anyone was sent there.
    AuthorizePage,
    /// The login window went to another page (login, consent, a brokered sign-in).
    Navigation,
    /// The browser was sent to the redirect URI.
    Redirect,
    /// `POST /oauth/token`.
    Exchange,
    /// `GET /oauth/userinfo`.
    UserInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimelineStep {
    pub kind: StepKind,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    pub duration_ms: Option<u64>,
    pub ok: bool,
    /// What happened, in plain words.
    pub summary: String,
    pub request: Option<HttpRequestView>,
    pub response: Option<HttpResponseView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HttpRequestView {
    pub method: String,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct HttpResponseView {
    /// `None` for a success: the platform client accepts any 2xx and does not say which.
    pub status: Option<u16>,
    pub body: Option<Value>,
}

/// A page the login window passed through, as shown and kept: its origin and path only.
/// Pages of other sign-in providers can carry tickets, tokens or an email in their query,
/// so no query value is kept, whatever its name (`?…` says there was one).
pub fn page_url(url: &Url) -> String {
    let origin = url.origin().ascii_serialization();
    let query = if url.query().is_some_and(|q| !q.is_empty()) {
        "?…"
    } else {
        ""
    };
    format!("{origin}{}{query}", url.path())
}

/// A URL with the values of `code`, `state` and other secret-like parameters redacted
/// (in its query and its fragment).
pub fn redacted_url(url: &Url) -> String {
    let mut shown = url.clone();
    let hide = |pairs: url::form_urlencoded::Parse<'_>| -> Option<String> {
        let pairs: Vec<(String, String)> = pairs.into_owned().collect();
        if pairs.is_empty() {
            return None;
        }
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in pairs {
            let secret = matches!(
                key.as_str(),
                "code" | "state" | "access_token" | "id_token" | "client_secret" | "code_verifier"
            );
            out.append_pair(&key, if secret { REDACTED } else { &value });
        }
        Some(out.finish())
    };
    if url.query().is_some() {
        shown.set_query(hide(url.query_pairs()).as_deref());
    }
    if let Some(fragment) = url.fragment() {
        let parsed = hide(url::form_urlencoded::parse(fragment.as_bytes()));
        shown.set_fragment(parsed.as_deref());
    }
    shown.to_string()
}

pub(crate) fn exchange_request(token_url: &Url, exchange: &CodeExchange) -> HttpRequestView {
    let mut body = json!({
        "grant_type": "authorization_code",
        "code": REDACTED,
        "client_id": exchange.client_id,
        "client_secret": REDACTED,
        "redirect_uri": exchange.redirect_uri,
    });
    if exchange.code_verifier.is_some() {
        body["code_verifier"] = json!(REDACTED);
    }
    HttpRequestView {
        method: "POST".into(),
        url: token_url.to_string(),
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: Some(body),
    }
}

pub(crate) fn grant_response(grant: &TokenGrant, status: Option<u16>) -> HttpResponseView {
    HttpResponseView {
        status,
        body: Some(json!({
            "access_token": grant.access_token.masked(),
            "token_type": grant.token_type,
            "expires_in": grant.expires_in,
            "created_at": grant.created_at.map(|at| at.unix_timestamp()),
            "refresh_token": grant.refresh_token.as_ref().map(|t| t.masked()),
            "scope": grant.scope,
        })),
    }
}

pub(crate) fn error_response(error: &PlatformError) -> HttpResponseView {
    HttpResponseView {
        status: error.status,
        body: Some(json!({
            "code": error.code,
            "vendor_message": error.vendor_message,
        })),
    }
}

/// A plain GET of `url` (a browser's navigation), its secrets redacted.
pub(crate) fn redacted_get(url: &Url) -> HttpRequestView {
    HttpRequestView {
        method: "GET".into(),
        url: redacted_url(url),
        headers: Vec::new(),
        body: None,
    }
}

pub(crate) fn bearer_request(method: &str, url: &Url, token_mask: &str) -> HttpRequestView {
    HttpRequestView {
        method: method.into(),
        url: url.to_string(),
        headers: vec![("Authorization".into(), format!("Bearer {token_mask}"))],
        body: None,
    }
}

pub(crate) fn json_response(value: &Value, status: Option<u16>) -> HttpResponseView {
    HttpResponseView {
        status,
        body: Some(without_secret_fields(value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_url_is_shown_without_its_code_or_state() {
        let url = Url::parse("https://app.example/cb?tenant=7&code=c0de-canary&state=st4te-canary")
            .unwrap();
        let shown = redacted_url(&url);
        assert!(!shown.contains("canary"), "{shown}");
        assert!(shown.contains("tenant=7"));
        assert!(shown.contains("code=%5Bredacted%5D"), "{shown}");
        let fragment = Url::parse("https://app.example/cb#code=c0de-canary&state=s").unwrap();
        assert!(!redacted_url(&fragment).contains("canary"));
    }
}
