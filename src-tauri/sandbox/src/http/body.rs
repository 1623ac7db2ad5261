//! Request bodies, read defensively: the content type is checked first (415), the size
//! is capped by the router's body limit (413), and the bytes are parsed by hand (400), so
//! bad input gets a vendor-shaped error and never a panic or a 500.
//! `JsonObject` is for the platform API (JSON only); `OAuthParams` is for `/oauth/*`,
//! which takes JSON (as the guide shows) or a form (as OAuth clients usually send).

use super::api_error::ApiError;
use super::oauth_error::OAuthError;
use crate::pages::ErrorPage;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FailedToBufferBody};
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::StatusCode;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The limit the router enforces on request bodies.
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BodyKind {
    Json,
    Form,
}

#[derive(Debug)]
enum BodyRejection {
    UnsupportedMediaType(String),
    TooLarge,
    Malformed(String),
}

impl From<BodyRejection> for ApiError {
    fn from(rejection: BodyRejection) -> Self {
        match rejection {
            BodyRejection::UnsupportedMediaType(m) => ApiError::UnsupportedMediaType(m),
            BodyRejection::TooLarge => ApiError::PayloadTooLarge(too_large_message()),
            BodyRejection::Malformed(m) => ApiError::BadRequest(m),
        }
    }
}

impl From<BodyRejection> for OAuthError {
    fn from(rejection: BodyRejection) -> Self {
        match rejection {
            BodyRejection::UnsupportedMediaType(m) => {
                OAuthError::invalid_request(m).with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE)
            }
            BodyRejection::TooLarge => OAuthError::invalid_request(too_large_message())
                .with_status(StatusCode::PAYLOAD_TOO_LARGE),
            BodyRejection::Malformed(m) => OAuthError::invalid_request(m),
        }
    }
}

fn too_large_message() -> String {
    format!(
        "Request body is larger than the {} KiB limit",
        BODY_LIMIT_BYTES / 1024
    )
}

fn content_kind(req: &Request) -> Option<BodyKind> {
    let value = req.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    let essence = value.split(';').next()?.trim().to_ascii_lowercase();
    if essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
    {
        Some(BodyKind::Json)
    } else if essence == "application/x-www-form-urlencoded" {
        Some(BodyKind::Form)
    } else {
        None
    }
}

fn describe_content_type(req: &Request) -> String {
    match req.headers().get(CONTENT_TYPE) {
        None => "no Content-Type".to_string(),
        Some(value) => format!(
            "Content-Type {:?}",
            String::from_utf8_lossy(value.as_bytes())
        ),
    }
}

async fn read_bytes<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, BodyRejection> {
    Bytes::from_request(req, state)
        .await
        .map_err(|rejection| match rejection {
            BytesRejection::FailedToBufferBody(FailedToBufferBody::LengthLimitError(_)) => {
                BodyRejection::TooLarge
            }
            other => BodyRejection::Malformed(format!("Could not read the request body: {other}")),
        })
}

fn parse_json_object(bytes: &[u8]) -> Result<Map<String, Value>, BodyRejection> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BodyRejection::Malformed(
            "Request body is empty: send a JSON object".into(),
        ));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(BodyRejection::Malformed(
            "Request body must be a JSON object".into(),
        )),
        Err(e) => Err(BodyRejection::Malformed(format!(
            "Request body is not valid JSON: {e}"
        ))),
    }
}

/// A JSON object body (`Content-Type: application/json`).
pub struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if content_kind(&req) != Some(BodyKind::Json) {
            return Err(ApiError::UnsupportedMediaType(format!(
                "Content-Type must be application/json: got {}",
                describe_content_type(&req)
            )));
        }
        let bytes = read_bytes(req, state).await?;
        Ok(Self(parse_json_object(&bytes)?))
    }
}

/// OAuth request parameters from a JSON object or a urlencoded form.
pub struct OAuthParams(Map<String, Value>);

impl OAuthParams {
    /// A parameter as a string: `None` if absent, null or empty; an error if not a string.
    pub fn get(&self, key: &str) -> Result<Option<&str>, OAuthError> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(OAuthError::invalid_request(format!(
                "{key} must be a string"
            ))),
        }
    }

    pub fn require(&self, key: &str) -> Result<&str, OAuthError> {
        self.get(key)?.ok_or_else(|| {
            OAuthError::invalid_request(format!(
                "The request is missing the required parameter {key}"
            ))
        })
    }
}

impl<S: Send + Sync> FromRequest<S> for OAuthParams {
    type Rejection = OAuthError;

    async fn from_request(req: Request, state: &S) -> Result<Self, OAuthError> {
        let Some(kind) = content_kind(&req) else {
            return Err(BodyRejection::UnsupportedMediaType(format!(
                "Content-Type must be application/json or application/x-www-form-urlencoded: got {}",
                describe_content_type(&req)
            ))
            .into());
        };
        let bytes = read_bytes(req, state).await?;
        let params = match kind {
            BodyKind::Json => parse_json_object(&bytes)?,
            BodyKind::Form => url::form_urlencoded::parse(&bytes)
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect(),
        };
        Ok(Self(params))
    }
}

/// The fields of an HTML form post (`application/x-www-form-urlencoded`); problems are
/// answered with an error page, since a person is looking at the result.
pub struct FormFields(pub HashMap<String, String>);

impl FormFields {
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map(String::as_str).unwrap_or_default()
    }
}

impl<S: Send + Sync> FromRequest<S> for FormFields {
    type Rejection = ErrorPage;

    async fn from_request(req: Request, state: &S) -> Result<Self, ErrorPage> {
        if content_kind(&req) != Some(BodyKind::Form) {
            let detail = format!(
                "This form must be sent as application/x-www-form-urlencoded: got {}",
                describe_content_type(&req)
            );
            return Err(ErrorPage::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "Unsupported form",
                detail,
            ));
        }
        let bytes = read_bytes(req, state)
            .await
            .map_err(|rejection| match rejection {
                BodyRejection::TooLarge => ErrorPage::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Form too large",
                    too_large_message(),
                ),
                BodyRejection::UnsupportedMediaType(m) | BodyRejection::Malformed(m) => {
                    ErrorPage::new(StatusCode::BAD_REQUEST, "Unreadable form", m)
                }
            })?;
        Ok(Self(
            url::form_urlencoded::parse(&bytes).into_owned().collect(),
        ))
    }
}
