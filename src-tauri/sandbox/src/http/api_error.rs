//! `ApiError`: every non-OAuth error the platform API answers, in the vendor's shape
//! `{"status":"Error","message":…}`, except token revocation refusals, which the
//! reference documents as `{"status":"Error","error":…}` with 422.

use crate::platform::PersistFailure;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug)]
pub enum ApiError {
    /// Missing, unknown, revoked or expired bearer token.
    Unauthorized,
    /// A valid token of a kind this endpoint is not available for (the vendor answers 401).
    TokenKindNotAllowed(String),
    NotFound(String),
    BadRequest(String),
    Validation(String),
    PayloadTooLarge(String),
    UnsupportedMediaType(String),
    MethodNotAllowed(String),
    /// `POST /platform/v1/tokens/revoke` refusals: "invalid token" or "Unauthorized".
    RevokeRefused(&'static str),
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Unauthorized | Self::TokenKindNotAllowed(_) => StatusCode::UNAUTHORIZED,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Validation(_) | Self::RevokeRefused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        let body = match self {
            Self::Unauthorized => json!({"status": "Error", "message": "Unauthorized"}),
            Self::RevokeRefused(error) => json!({"status": "Error", "error": error}),
            Self::TokenKindNotAllowed(message)
            | Self::NotFound(message)
            | Self::BadRequest(message)
            | Self::Validation(message)
            | Self::PayloadTooLarge(message)
            | Self::UnsupportedMediaType(message)
            | Self::MethodNotAllowed(message)
            | Self::Internal(message) => json!({"status": "Error", "message": message}),
        };
        (status, Json(body)).into_response()
    }
}

impl From<PersistFailure> for ApiError {
    fn from(failure: PersistFailure) -> Self {
        Self::Internal(format!(
            "The change was made but saving the sandbox state failed: {}",
            failure.0
        ))
    }
}
