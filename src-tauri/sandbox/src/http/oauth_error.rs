//! `OAuthError`: errors of `/oauth/token` and `/oauth/service/token` in the OAuth shape
//! `{"error":…,"error_description":…}`, with the statuses the vendor reference lists
//! (400 for malformed requests, 401 for bad client credentials or a bad code).

use crate::platform::PersistFailure;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug)]
pub struct OAuthError {
    pub status: StatusCode,
    pub error: &'static str,
    pub description: String,
}

impl OAuthError {
    /// `error: description`, as a launch trace records it.
    pub fn summary(&self) -> String {
        format!("{}: {}", self.error, self.description)
    }

    pub fn invalid_request(description: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_request",
            description: description.into(),
        }
    }

    pub fn unsupported_grant_type(description: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            error: "unsupported_grant_type",
            description: description.into(),
        }
    }

    pub fn invalid_client(description: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_client",
            description: description.into(),
        }
    }

    /// A bad, expired, reused or mismatched code: 401, as the reference's
    /// "Invalid client credentials or authorization code" says.
    pub fn invalid_grant(description: impl Into<String>) -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_grant",
            description: description.into(),
        }
    }

    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let body = json!({"error": self.error, "error_description": self.description});
        (self.status, Json(body)).into_response()
    }
}

impl From<PersistFailure> for OAuthError {
    fn from(failure: PersistFailure) -> Self {
        Self {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "server_error",
            description: format!("saving the sandbox state failed: {}", failure.0),
        }
    }
}
