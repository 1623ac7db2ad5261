//! The vendor's success envelopes, unwrapped in one place.
//!
//! The reference wraps payloads four ways: `{"apps":[…],"status":"OK"}` (list),
//! `{"data":{"application":{…},"success":true},"success":true}` (get),
//! `{"application":{…},"success":true}` (update), `{"data":{…},"status":"OK"}` (create,
//! tokens, branding), and bare objects for OAuth. Each payload is looked up at its
//! documented place first, then at the other places the vendor uses, so a change of
//! envelope between endpoints or versions does not break the console. An envelope that
//! declares failure (`"status":"Error"`, `"success":false`) is a failure even on a 2xx.
//!
//! Decode errors name the endpoint, the field and what was wrong, and never quote a
//! value from the body (it may hold a client secret or a token).

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::endpoint::Endpoint;
use super::models::{App, AppCodeName, AppToken, Branding, CreatedApp};
use super::vendor_error;
use crate::error::{ErrorCode, PlatformError};
use crate::text::capitalized;
use crate::Secret;

/// Where a payload may sit, tried in order; `&[]` is the root itself.
pub(crate) type Places = &'static [&'static [&'static str]];

/// The shape a located payload must have to be taken.
#[derive(Clone, Copy)]
enum Shape {
    Array,
    Object,
    /// An object that carries this key (tells a bare payload from an envelope).
    ObjectWith(&'static str),
    StringOrObject,
}

impl Shape {
    fn accepts(self, value: &Value) -> bool {
        match self {
            Self::Array => value.is_array(),
            Self::Object => value.is_object(),
            Self::ObjectWith(key) => value.get(key).is_some(),
            Self::StringOrObject => value.is_string() || value.is_object(),
        }
    }
}

/// `GET /platform/v1/apps`: `{"apps":[…],"status":"OK"}`.
pub(crate) fn apps_list(status: u16, body: &[u8]) -> Result<Vec<App>, PlatformError> {
    let endpoint = Endpoint::ListApps;
    let root = parse_root(endpoint, status, body)?;
    let places: Places = &[
        &["apps"],
        &["data", "apps"],
        &["data", "applications"],
        &["data"],
    ];
    let (path, payload) = locate(
        endpoint,
        status,
        &root,
        places,
        Shape::Array,
        "a list of apps",
    )?;
    typed(endpoint, status, &path, payload.clone())
}

/// `GET /platform/v1/apps/{id}` and `PUT /platform/v1/apps/{id}`. The update answer has
/// no `app_code_name` in the reference: the code name from the path is filled in.
pub(crate) fn app(
    endpoint: Endpoint,
    status: u16,
    body: &[u8],
    code_name: &AppCodeName,
) -> Result<App, PlatformError> {
    let root = parse_root(endpoint, status, body)?;
    let places: Places = &[
        &["data", "application"],
        &["application"],
        &["data", "app"],
        &["app"],
        &["data"],
    ];
    // A bare app at the top level is the last resort.
    let (path, payload) = locate(endpoint, status, &root, places, Shape::Object, "an app")
        .or_else(
            |error| match Shape::ObjectWith("app_code_name").accepts(&root) {
                true => Ok((String::new(), &root)),
                false => Err(error),
            },
        )?;
    let mut payload = payload.clone();
    if let Value::Object(fields) = &mut payload {
        fields
            .entry("app_code_name")
            .or_insert_with(|| Value::String(code_name.as_str().to_owned()));
    }
    typed(endpoint, status, &path, payload)
}

/// `POST /platform/v1/apps`: `{"data":{app_code_name, app_id, client_id, client_secret, name},"status":"OK"}`.
pub(crate) fn created_app(status: u16, body: &[u8]) -> Result<CreatedApp, PlatformError> {
    let endpoint = Endpoint::CreateApp;
    let root = parse_root(endpoint, status, body)?;
    let places: Places = &[&["data"], &["data", "application"], &["application"], &[]];
    let shape = Shape::ObjectWith("client_id");
    let (path, payload) = locate(
        endpoint,
        status,
        &root,
        places,
        shape,
        "the new app's credentials",
    )?;
    typed(endpoint, status, &path, payload.clone())
}

/// `POST /platform/v1/tokens`: `{"data":{"token":"…"},"status":"OK"}`.
pub(crate) fn created_token(status: u16, body: &[u8]) -> Result<Secret, PlatformError> {
    let endpoint = Endpoint::CreateAppToken;
    let root = parse_root(endpoint, status, body)?;
    let places: Places = &[&["data", "token"], &["token"], &["data"]];
    let (path, payload) = locate(
        endpoint,
        status,
        &root,
        places,
        Shape::StringOrObject,
        "the new token",
    )?;
    // A new token is shown whole, however short: no mask is read into it.
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum NewToken {
        Bare(Secret),
        Described {
            #[serde(default, alias = "access_token")]
            token: Option<Secret>,
        },
    }
    let token = match typed::<NewToken>(endpoint, status, &path, payload.clone())? {
        NewToken::Bare(token) => Some(token),
        NewToken::Described { token } => token,
    };
    token.filter(|t| !t.is_empty()).ok_or_else(|| {
        decode_error(
            endpoint,
            status,
            format!("{} holds no token value", label(&path)),
        )
    })
}

/// `GET /platform/v1/tokens`: `{"data":{"tokens":[…]},"status":"OK"}`.
pub(crate) fn tokens_list(status: u16, body: &[u8]) -> Result<Vec<AppToken>, PlatformError> {
    let endpoint = Endpoint::ListAppTokens;
    let root = parse_root(endpoint, status, body)?;
    let places: Places = &[&["data", "tokens"], &["tokens"], &["data"]];
    let (path, payload) = locate(
        endpoint,
        status,
        &root,
        places,
        Shape::Array,
        "a list of tokens",
    )?;
    typed(endpoint, status, &path, payload.clone())
}

/// `POST /platform/v1/tokens/revoke`: `{"status":"OK","data":{"revoked_tokens":[…]}}`.
/// An answer without the list is taken as success (the platform said OK).
pub(crate) fn revoked_tokens(status: u16, body: &[u8]) -> Result<Vec<Secret>, PlatformError> {
    let endpoint = Endpoint::RevokeAppToken;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Vec::new());
    }
    let root = parse_root(endpoint, status, body)?;
    let places: Places = &[&["data", "revoked_tokens"], &["revoked_tokens"]];
    match locate(
        endpoint,
        status,
        &root,
        places,
        Shape::Array,
        "the revoked tokens",
    ) {
        Ok((path, payload)) => typed(endpoint, status, &path, payload.clone()),
        Err(_) => Ok(Vec::new()),
    }
}

/// `GET /platform/v1/directory/branding`: `{"data":{colors, logo, name, uid},"success":true}`.
pub(crate) fn branding(status: u16, body: &[u8]) -> Result<Branding, PlatformError> {
    let endpoint = Endpoint::DirectoryBranding;
    let root = parse_root(endpoint, status, body)?;
    let places: Places = &[&["data", "branding"], &["data"], &["branding"]];
    let (path, payload) = match locate(
        endpoint,
        status,
        &root,
        places,
        Shape::Object,
        "the branding",
    ) {
        Ok(found) => found,
        Err(_) if root.get("colors").is_some() || root.get("uid").is_some() => {
            (String::new(), &root)
        }
        Err(error) => return Err(error),
    };
    typed(endpoint, status, &path, payload.clone())
}

/// The OAuth endpoints answer with a bare object (`/oauth/token`, `/oauth/userinfo`);
/// a `data` wrapper is tolerated.
pub(crate) fn bare<T: DeserializeOwned>(
    endpoint: Endpoint,
    status: u16,
    body: &[u8],
) -> Result<T, PlatformError> {
    let root = parse_root(endpoint, status, body)?;
    let only_an_envelope = root.as_object().is_some_and(|o| {
        o.keys()
            .all(|k| matches!(k.as_str(), "data" | "status" | "success"))
    });
    match root.get("data") {
        Some(data @ Value::Object(_)) if only_an_envelope => {
            typed(endpoint, status, "data", data.clone())
        }
        _ => typed(endpoint, status, "", root),
    }
}

/// A list (`array`) or an object of type `T`, at the first of `places` where one is: for
/// the endpoints whose envelopes need no special case (businesses, staff, installs).
pub(crate) fn payload_at<T: DeserializeOwned>(
    endpoint: Endpoint,
    status: u16,
    body: &[u8],
    places: Places,
    array: bool,
    what: &str,
) -> Result<T, PlatformError> {
    let root = parse_root(endpoint, status, body)?;
    let shape = if array { Shape::Array } else { Shape::Object };
    let (path, payload) = locate(endpoint, status, &root, places, shape, what)?;
    typed(endpoint, status, &path, payload.clone())
}

/// Parses the body and refuses an envelope that declares failure.
fn parse_root(endpoint: Endpoint, status: u16, body: &[u8]) -> Result<Value, PlatformError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(decode_error(
            endpoint,
            status,
            "the answer was empty".to_owned(),
        ));
    }
    let root: Value = serde_json::from_slice(body).map_err(|error| {
        let place = format!("line {} column {}", error.line(), error.column());
        let what = if error.is_eof() {
            format!("the answer was cut off before its end, at {place}")
        } else {
            format!("the answer is not valid JSON, at {place}")
        };
        decode_error(endpoint, status, what)
    })?;
    if !root.is_object() {
        return Err(decode_error(
            endpoint,
            status,
            "the answer is not a JSON object".to_owned(),
        ));
    }
    if declares_failure(&root) {
        return Err(vendor_error::declared_failure(endpoint, status, &root));
    }
    Ok(root)
}

fn declares_failure(root: &Value) -> bool {
    let status_says_error = root
        .get("status")
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("error") || s.eq_ignore_ascii_case("fail"));
    let success_is_false = root.get("success") == Some(&Value::Bool(false));
    status_says_error || success_is_false
}

fn locate<'a>(
    endpoint: Endpoint,
    status: u16,
    root: &'a Value,
    places: Places,
    shape: Shape,
    what: &str,
) -> Result<(String, &'a Value), PlatformError> {
    for place in places {
        let found = place.iter().try_fold(root, |value, key| value.get(key));
        if let Some(value) = found.filter(|v| shape.accepts(v)) {
            return Ok((place.join("."), value));
        }
    }
    let expected = places
        .first()
        .map(|p| {
            if p.is_empty() {
                "the top level".to_owned()
            } else {
                format!("`{}`", p.join("."))
            }
        })
        .unwrap_or_default();
    let keys = root
        .as_object()
        .map(|o| {
            o.keys()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    Err(decode_error(
        endpoint,
        status,
        format!("expected {what} at {expected}, but the answer has only {keys}"),
    ))
}

fn typed<T: DeserializeOwned>(
    endpoint: Endpoint,
    status: u16,
    path: &str,
    payload: Value,
) -> Result<T, PlatformError> {
    serde_path_to_error::deserialize(payload).map_err(|error| {
        let inner = error.path().to_string();
        let field = match (path.is_empty(), inner == ".") {
            (true, true) => "the answer".to_owned(),
            (true, false) => format!("`{inner}`"),
            (false, true) => format!("`{path}`"),
            (false, false) => format!("`{path}.{inner}`"),
        };
        let why = redact_quoted(&error.into_inner().to_string());
        decode_error(endpoint, status, format!("{field}: {why}"))
    })
}

fn label(path: &str) -> String {
    if path.is_empty() {
        "the answer".to_owned()
    } else {
        format!("`{path}`")
    }
}

/// serde quotes offending string values (`invalid type: string "…"`): drop them. They are
/// quoted with `Debug`, so a `"` inside one is escaped (`\"`) and does not end it.
fn redact_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut inside = false;
    let mut escaped = false;
    for c in message.chars() {
        if inside {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => inside = false,
                _ => {}
            }
        } else if c == '"' {
            out.push_str("\"…\"");
            inside = true;
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn decode_error(endpoint: Endpoint, status: u16, what: String) -> PlatformError {
    PlatformError::new(
        ErrorCode::Decode,
        format!(
            "{} failed: the platform answered HTTP {status} but its answer could not be read \
             ({what}); try again, and report it to the platform's support if it persists.",
            capitalized(endpoint.action())
        ),
    )
    .with_status(status)
}

#[cfg(test)]
#[path = "envelope_tests.rs"]
mod tests;
