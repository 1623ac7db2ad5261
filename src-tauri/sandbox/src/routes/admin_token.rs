//! `AdminToken`: the extractor that admits a request to the admin API (`/__admin/…`) only
//! with `Authorization: Bearer <admin_token>`, compared in constant time. Used by the
//! admin routes and the launch routes they mount.

use crate::http::api_error::ApiError;
use crate::http::bearer::bearer_token;
use crate::ids;
use crate::platform::Platform;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::sync::Arc;

/// Proof that the request carries the admin token.
pub struct AdminToken;

impl FromRequestParts<Arc<Platform>> for AdminToken {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        platform: &Arc<Platform>,
    ) -> Result<Self, ApiError> {
        let token = bearer_token(parts).ok_or(ApiError::Unauthorized)?;
        let expected = platform.read(|state| state.identity.admin_token.clone());
        if ids::constant_time_eq(token, &expected) {
            Ok(Self)
        } else {
            Err(ApiError::Unauthorized)
        }
    }
}
