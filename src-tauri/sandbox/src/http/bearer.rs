//! `Principal`: who the bearer token says the caller is. The admin token acts as an
//! internal token; directory tokens see their directory's apps; app tokens see their own
//! app; staff tokens (OAuth access tokens and business tokens) act for a user. A missing,
//! unknown, revoked or expired token is 401 `{"status":"Error","message":"Unauthorized"}`.

use super::api_error::ApiError;
use crate::ids;
use crate::launch::TraceEvent;
use crate::model::app::App;
use crate::model::issued_token::TokenGrant;
use crate::platform::Platform;
use crate::state::PlatformState;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principal {
    Internal,
    Directory {
        directory_uid: String,
    },
    App {
        app_id: String,
        directory_uid: Option<String>,
    },
    Staff {
        user_uid: String,
        business_uid: String,
        directory_uid: String,
    },
}

impl Principal {
    /// Resolves a bearer token against the state; `None` if it grants nothing (now).
    pub fn resolve(state: &PlatformState, token: &str) -> Option<Self> {
        if ids::constant_time_eq(token, &state.identity.admin_token) {
            return Some(Self::Internal);
        }
        match &state.active_token(token)?.grant {
            TokenGrant::Directory { directory_uid } => {
                state.directory(directory_uid)?;
                Some(Self::Directory {
                    directory_uid: directory_uid.clone(),
                })
            }
            TokenGrant::App { app_id } => {
                let app = state.app_by_id(app_id)?;
                Some(Self::App {
                    app_id: app_id.clone(),
                    directory_uid: app.owner_directory_uid.clone(),
                })
            }
            TokenGrant::Staff {
                user_uid,
                business_uid,
                ..
            } => {
                state.user(user_uid)?;
                let directory = state.directory_of_business(business_uid)?;
                Some(Self::Staff {
                    user_uid: user_uid.clone(),
                    business_uid: business_uid.clone(),
                    directory_uid: directory.uid.clone(),
                })
            }
        }
    }

    /// Whether the caller may see this app at all. Apps it may not see are answered as
    /// not found, never as forbidden: another directory's app simply does not exist.
    pub fn can_see(&self, app: &App) -> bool {
        match self {
            Self::Internal => true,
            Self::Directory { directory_uid } | Self::Staff { directory_uid, .. } => {
                app.is_owned_by(directory_uid)
            }
            Self::App { app_id, .. } => app.app_id == *app_id,
        }
    }

    /// The directory whose branding and tokens the caller works with.
    pub fn directory_uid(&self) -> Option<&str> {
        match self {
            Self::Internal => None,
            Self::Directory { directory_uid } | Self::Staff { directory_uid, .. } => {
                Some(directory_uid)
            }
            Self::App { directory_uid, .. } => directory_uid.as_deref(),
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Self::Internal => "internal",
            Self::Directory { .. } => "directory",
            Self::App { .. } => "application",
            Self::Staff { .. } => "staff",
        }
    }

    /// The error for a token kind an endpoint is not available for.
    pub fn not_allowed(&self, endpoint: &str, allowed: &str) -> ApiError {
        ApiError::TokenKindNotAllowed(format!(
            "Unauthorized: {endpoint} is available for {allowed} tokens, and this is {} {} token",
            if self.kind() == "application" || self.kind() == "internal" {
                "an"
            } else {
                "a"
            },
            self.kind()
        ))
    }
}

/// The token from `Authorization: Bearer <token>` (scheme matched case-insensitively).
pub fn bearer_token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

impl FromRequestParts<Arc<Platform>> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        platform: &Arc<Platform>,
    ) -> Result<Self, ApiError> {
        let token = bearer_token(parts).ok_or(ApiError::Unauthorized)?;
        let (principal, launch_id, now) = platform.read(|state| {
            let launch_id = state.active_token(token).and_then(|t| t.launch_id.clone());
            (Self::resolve(state, token), launch_id, state.now())
        });
        // A token from a launched app's flow: its calls go to the launch's trace
        // (`/oauth/userinfo` records its own, richer event).
        if let (Some(launch_id), Some(_)) = (&launch_id, &principal) {
            if parts.uri.path() != "/oauth/userinfo" {
                platform.trace(
                    launch_id,
                    TraceEvent::ApiCall {
                        at: now,
                        method: parts.method.to_string(),
                        path: parts.uri.path().to_owned(),
                    },
                );
            }
        }
        principal.ok_or(ApiError::Unauthorized)
    }
}
