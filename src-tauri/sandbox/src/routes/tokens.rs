//! `/platform/v1/tokens` (list 201 `{"data":{"tokens":[…]},"status":"OK"}`, each token masked
//! as `****abcd` unless the sandbox is set to list them in full; create 201
//! `{"data":{"token":…},"status":"OK"}`) and `/platform/v1/tokens/revoke` (201
//! `{"status":"OK","data":{"revoked_tokens":[…]}}`; 422 `{"status":"Error","error":"invalid token"}`
//! for an unknown token and `"error":"Unauthorized"` for someone else's).
//!
//! Who sees what: a directory token lists and revokes the tokens issued inside its
//! directory; an app token those issued for its app; a staff token its user's tokens;
//! the internal (admin) token everything. Seeded directory tokens are never listed and
//! only the internal token may revoke them.

use crate::http::api_error::ApiError;
use crate::http::bearer::Principal;
use crate::http::body::JsonObject;
use crate::http::views;
use crate::model::issued_token::{IssuedToken, TokenGrant, TokenOrigin};
use crate::platform::{lock, Platform};
use crate::state::PlatformState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use std::sync::Arc;

fn in_reach(principal: &Principal, token: &IssuedToken) -> bool {
    match principal {
        Principal::Internal => true,
        Principal::Directory { directory_uid } => {
            token.origin != TokenOrigin::Seed
                && token.directory_uid.as_deref() == Some(directory_uid)
        }
        Principal::App { app_id, .. } => {
            token.origin != TokenOrigin::Seed && token.app_id() == Some(app_id)
        }
        Principal::Staff { user_uid, .. } => token.user_uid() == Some(user_uid),
    }
}

pub async fn list(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    RawQuery(query): RawQuery,
) -> Response {
    let filters: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .filter(|(key, value)| {
                !value.is_empty() && ["app_id", "user_id", "directory_id"].contains(&key.as_str())
            })
            .collect();
    let in_full = lock(&platform.settings).list_tokens_in_full;
    let tokens: Vec<Value> = platform.read(|state| {
        let now = state.now();
        state
            .tokens
            .iter()
            .filter(|t| {
                t.is_active(now) && t.origin != TokenOrigin::Seed && in_reach(&principal, t)
            })
            .map(|t| views::token_entry(state, t, in_full))
            .filter(|entry| {
                filters
                    .iter()
                    .all(|(key, value)| matches_filter(entry, key, value))
            })
            .collect()
    });
    (
        StatusCode::CREATED,
        Json(json!({"data": {"tokens": tokens}, "status": "OK"})),
    )
        .into_response()
}

fn matches_filter(entry: &Value, key: &str, wanted: &str) -> bool {
    match entry.get(key) {
        Some(Value::String(s)) => s == wanted,
        Some(Value::Number(n)) => n.to_string() == wanted,
        _ => false,
    }
}

/// The identifier a create request names, in the order the platform considers them.
enum TokenSubject {
    App(String),
    Business(String),
    Directory(u64),
}

fn token_subject(body: &Map<String, Value>) -> Result<TokenSubject, ApiError> {
    let text = |key: &str| match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(ApiError::BadRequest(format!("{key} must be a string"))),
    };
    if let Some(app_id) = text("app_id")? {
        return Ok(TokenSubject::App(app_id));
    }
    if let Some(business_id) = text("business_id")? {
        return Ok(TokenSubject::Business(business_id));
    }
    match body.get("directory_id") {
        None | Some(Value::Null) => Err(ApiError::BadRequest(
            "At least one identifier must be provided".into(),
        )),
        Some(Value::Number(n)) => n.as_u64().map(TokenSubject::Directory).ok_or_else(|| {
            ApiError::BadRequest(format!("directory_id must be a positive integer: got {n}"))
        }),
        Some(Value::String(s)) => s.parse().map(TokenSubject::Directory).map_err(|_| {
            ApiError::BadRequest(format!(
                "directory_id must be an integer (e.g. 1121, not the uid): got {s:?}"
            ))
        }),
        Some(_) => Err(ApiError::BadRequest(
            "directory_id must be an integer".into(),
        )),
    }
}

fn not_found() -> ApiError {
    ApiError::NotFound("Resource not found".into())
}

/// The grant a new token gets and the directory it lives in, if the caller may create it.
fn grant_for(
    state: &PlatformState,
    principal: &Principal,
    subject: &TokenSubject,
) -> Result<(TokenGrant, Option<String>), ApiError> {
    match subject {
        TokenSubject::App(app_id) => {
            let app = state
                .app_by_id(app_id)
                .filter(|app| principal.can_see(app))
                .ok_or_else(not_found)?;
            Ok((
                TokenGrant::App {
                    app_id: app.app_id.clone(),
                },
                app.owner_directory_uid.clone(),
            ))
        }
        TokenSubject::Business(business_uid) => {
            let business = state
                .business(business_uid)
                .filter(|b| match principal {
                    Principal::Internal => true,
                    Principal::Staff { business_uid, .. } => *business_uid == b.uid,
                    other => other.directory_uid() == Some(b.directory_uid.as_str()),
                })
                .ok_or_else(not_found)?;
            let owner = state
                .users
                .iter()
                .find(|u| u.business_uid == business.uid)
                .ok_or_else(not_found)?;
            let grant = TokenGrant::Staff {
                user_uid: owner.uid.clone(),
                business_uid: business.uid.clone(),
                app_id: None,
            };
            Ok((grant, Some(business.directory_uid.clone())))
        }
        TokenSubject::Directory(id) => {
            let directory = state
                .directories
                .iter()
                .find(|d| d.id == *id)
                .filter(|d| match principal {
                    Principal::Internal => true,
                    Principal::Directory { directory_uid } => *directory_uid == d.uid,
                    _ => false,
                })
                .ok_or_else(not_found)?;
            let grant = TokenGrant::Directory {
                directory_uid: directory.uid.clone(),
            };
            Ok((grant, Some(directory.uid.clone())))
        }
    }
}

pub async fn create(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let subject = token_subject(&body)?;
    let token = platform.mutate(|state| {
        let (grant, directory_uid) = grant_for(state, &principal, &subject)?;
        Ok::<_, ApiError>(
            state
                .issue_token(grant, directory_uid, TokenOrigin::TokensApi, None)
                .value,
        )
    })?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"data": {"token": token}, "status": "OK"})),
    )
        .into_response())
}

pub async fn revoke(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let value = match body.get("token") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            return Err(ApiError::BadRequest(
                "token is required: the token value to revoke".into(),
            ))
        }
        Some(_) => return Err(ApiError::BadRequest("token must be a string".into())),
    };
    platform.mutate(|state| {
        let now = state.now();
        let token = state
            .tokens
            .iter()
            .find(|t| t.is(&value) && t.is_active(now))
            .ok_or(ApiError::RevokeRefused("invalid token"))?;
        if !in_reach(&principal, token) {
            return Err(ApiError::RevokeRefused("Unauthorized"));
        }
        let digest = token.digest.clone();
        state.revoke_token(&digest);
        Ok(())
    })?;
    let body = json!({"status": "OK", "data": {"revoked_tokens": [value]}});
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
