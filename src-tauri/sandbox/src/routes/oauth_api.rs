//! The OAuth API: `POST /oauth/token` (authorization code → access token),
//! `POST /oauth/service/token` (client credentials → a one-hour app token) and
//! `GET /oauth/userinfo`. Token requests take JSON or a form; their errors are OAuth-shaped.
//!
//! A code is checked in this order: it exists; it was issued to this client; it has not
//! been used (a replay revokes the token the first exchange produced); it is younger
//! than 30 seconds; the redirect URI matches the one sent to authorize; the PKCE verifier
//! matches. Failed checks leave the code usable, except a replay.

use crate::clock::vendor_timestamp;
use crate::http::api_error::ApiError;
use crate::http::bearer::Principal;
use crate::http::body::OAuthParams;
use crate::http::oauth_error::OAuthError;
use crate::http::views;
use crate::launch::TraceEvent;
use crate::model::issued_token::{TokenGrant, TokenOrigin};
use crate::platform::Platform;
use crate::state::PlatformState;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, PRAGMA};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;
use time::Duration;

/// The vendor's example answer: `"expires_in": 631139040` (about 20 years).
const ACCESS_TOKEN_LIFETIME_SECS: i64 = 631_139_040;
const SERVICE_TOKEN_LIFETIME_SECS: i64 = 3600;

fn token_response(body: Value) -> Response {
    (
        StatusCode::OK,
        [(CACHE_CONTROL, "no-store"), (PRAGMA, "no-cache")],
        Json(body),
    )
        .into_response()
}

pub async fn exchange_code(
    State(platform): State<Arc<Platform>>,
    params: OAuthParams,
) -> Result<Response, OAuthError> {
    let grant_type = params.require("grant_type")?;
    if grant_type != "authorization_code" {
        return Err(OAuthError::unsupported_grant_type(format!(
            "grant_type must be authorization_code: got {grant_type:?}"
        )));
    }
    let client_id = params.require("client_id")?;
    let client_secret = params.require("client_secret")?;
    let code = params.require("code")?;
    let redirect_uri = params.require("redirect_uri")?;
    let verifier = params.get("code_verifier")?;

    // What the launch trace learns of this exchange, whatever its outcome.
    let mut seen = ExchangeSeen::default();
    let issued = platform.mutate(|state| {
        let now = state.now();
        let digest = crate::ids::sha256_hex(code);
        let found = state
            .codes
            .iter()
            .position(|c| crate::ids::constant_time_eq(&c.digest, &digest));
        if let Some(index) = found {
            let stored = &state.codes[index];
            seen.launch_id = stored.launch_id.clone();
            seen.probe = stored.probe;
            seen.code_age_secs = Some((now - stored.issued_at).whole_seconds());
            seen.same_redirect_uri = Some(stored.redirect_uri == redirect_uri);
            seen.reused = stored.exchanged_for.is_some();
        }
        let app = state
            .app_by_client_id(client_id)
            .filter(|app| PlatformState::client_secret_matches(app, client_secret))
            .ok_or_else(|| {
                OAuthError::invalid_client("Client authentication failed. The client_id or client_secret is invalid.")
            })?;
        seen.client_authenticated = true;
        let (app_id, owner) = (app.app_id.clone(), app.owner_directory_uid.clone());
        let Some(index) = found else {
            return Err(OAuthError::invalid_grant("The authorization code is invalid."));
        };
        let stored = state.codes[index].clone();
        if stored.client_id != client_id {
            return Err(OAuthError::invalid_grant("The authorization code was issued to another client."));
        }
        if let Some(token) = &stored.exchanged_for {
            state.revoke_token(token);
            return Err(OAuthError::invalid_grant(
                "The authorization code has already been used; the access token it produced has been revoked.",
            ));
        }
        if stored.is_expired(now) {
            let age = (now - stored.issued_at).whole_seconds();
            return Err(OAuthError::invalid_grant(format!(
                "The authorization code has expired: codes are valid for 30 seconds and this one was issued {age} seconds ago."
            )));
        }
        if stored.redirect_uri != redirect_uri {
            return Err(OAuthError::invalid_grant(format!(
                "redirect_uri does not match the one sent to authorize: expected {:?}, got {redirect_uri:?}",
                stored.redirect_uri
            )));
        }
        stored.check_verifier(verifier).map_err(OAuthError::invalid_grant)?;
        let business_uid = state
            .user(&stored.user_uid)
            .map(|u| u.business_uid.clone())
            .ok_or_else(|| OAuthError::invalid_grant("The user who authorized this code no longer exists."))?;
        let grant = TokenGrant::Staff { user_uid: stored.user_uid.clone(), business_uid, app_id: Some(app_id) };
        let token = state.issue_token(
            grant,
            owner,
            TokenOrigin::AuthorizationCode,
            Some(Duration::seconds(ACCESS_TOKEN_LIFETIME_SECS)),
        );
        if let Some(issued) = state.tokens.iter_mut().find(|t| t.digest == token.digest) {
            issued.launch_id = stored.launch_id.clone();
        }
        state.codes[index].exchanged_for = Some(token.digest.clone());
        Ok(token)
    });
    let launch_id = seen.launch_id.clone().or_else(|| {
        let now = platform.read(PlatformState::now);
        crate::platform::lock(&platform.launches).open_for(client_id, now)
    });
    if let Some(launch_id) = launch_id {
        platform.trace(
            &launch_id,
            TraceEvent::Exchange {
                at: platform.read(PlatformState::now),
                probe: seen.probe,
                code_age_secs: seen.code_age_secs,
                redirect_uri: Some(redirect_uri.to_owned()),
                same_redirect_uri: seen.same_redirect_uri,
                client_authenticated: seen.client_authenticated,
                reused: seen.reused,
                outcome: match &issued {
                    Ok(_) => "ok".to_owned(),
                    Err(error) => error.summary(),
                },
            },
        );
    }
    let issued = issued?;
    Ok(token_response(json!({
        "access_token": issued.value,
        "created_at": issued.created_at.unix_timestamp(),
        "expires_in": ACCESS_TOKEN_LIFETIME_SECS,
        "token_type": "Bearer",
    })))
}

/// What an exchange showed about the code it presented.
#[derive(Default)]
struct ExchangeSeen {
    launch_id: Option<String>,
    probe: bool,
    code_age_secs: Option<i64>,
    same_redirect_uri: Option<bool>,
    client_authenticated: bool,
    reused: bool,
}

pub async fn service_token(
    State(platform): State<Arc<Platform>>,
    params: OAuthParams,
) -> Result<Response, OAuthError> {
    let service_id = params.require("service_id")?;
    let service_secret = params.require("service_secret")?;
    let issued = platform.mutate(|state| {
        let app = state
            .app_by_client_id(service_id)
            .filter(|app| PlatformState::client_secret_matches(app, service_secret))
            .ok_or_else(|| {
                OAuthError::invalid_client(
                    "Invalid credentials: service_id and service_secret must be an app's client_id and client_secret.",
                )
                .with_status(StatusCode::BAD_REQUEST)
            })?;
        let (grant, owner) = (TokenGrant::App { app_id: app.app_id.clone() }, app.owner_directory_uid.clone());
        Ok::<_, OAuthError>(state.issue_token(
            grant,
            owner,
            TokenOrigin::ServiceCredentials,
            Some(Duration::seconds(SERVICE_TOKEN_LIFETIME_SECS)),
        ))
    })?;
    Ok(token_response(json!({
        "access_token": issued.value,
        "created_at": vendor_timestamp(issued.created_at),
        "expires_in": SERVICE_TOKEN_LIFETIME_SECS,
        "token_type": "Bearer",
    })))
}

pub async fn userinfo(
    State(platform): State<Arc<Platform>>,
    headers: axum::http::HeaderMap,
    principal: Principal,
) -> Result<Response, ApiError> {
    let Principal::Staff {
        user_uid,
        business_uid,
        directory_uid,
    } = &principal
    else {
        return Err(principal.not_allowed("/oauth/userinfo", "staff (OAuth access)"));
    };
    let body = platform.read(|state| {
        let user = state.user(user_uid)?;
        let business = state.business(business_uid)?;
        let directory = state.directory(directory_uid)?;
        Some(views::userinfo(
            user,
            business,
            directory,
            &platform.urls.brand_host,
        ))
    });
    if let Some(launch_id) = launch_of_bearer(&platform, &headers) {
        let at = platform.read(PlatformState::now);
        platform.trace(
            &launch_id,
            TraceEvent::Userinfo {
                at,
                ok: body.is_some(),
            },
        );
    }
    body.map(|body| (StatusCode::OK, Json(body)).into_response())
        .ok_or(ApiError::Unauthorized)
}

/// The launch whose flow produced the request's bearer token, if any.
pub fn launch_of_bearer(platform: &Platform, headers: &axum::http::HeaderMap) -> Option<String> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .trim()
        .split_once(' ')?
        .1
        .trim();
    platform.read(|state| state.active_token(token)?.launch_id.clone())
}
