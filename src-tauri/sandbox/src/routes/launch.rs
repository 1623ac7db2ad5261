//! "Open app", as the App Market does it: `GET /app/launch/{launch_id}` on the brand host
//! signs the launch's staff member in (the login page, when the browser has no session as
//! them) and redirects to the app's `app_host`, resolved for that business and staff.
//!
//! Launches are made, read and probed through the admin API (`/__admin/launches`,
//! `/__admin/launches/{id}`, `/__admin/launches/{id}/probe`): see `crate::launch`.

use super::admin_token::AdminToken;
use super::authorize::{brand_of, redirect, session_cookie, set_session_cookie};
use crate::http::api_error::ApiError;
use crate::http::body::JsonObject;
use crate::ids;
use crate::launch::{LaunchTrace, TraceEvent};
use crate::model::authorization_code::AuthorizationCode;
use crate::pages::{page_response, Brand, ErrorPage, LoginPage};
use crate::platform::{lock, Platform};
use crate::state::people::{app_host, LaunchContext};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

/// `POST /__admin/launches {app_code_name, business_uid, staff_uid}`: a launch of the
/// app for that staff member. Refused (422) when the app is not installed in the business,
/// the staff member is not the business's, or cannot sign in.
pub async fn create(
    State(platform): State<Arc<Platform>>,
    _: AdminToken,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let field = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .ok_or_else(|| ApiError::Validation(format!("{key} is required")))
    };
    let (code_name, business_uid, staff_uid) = (
        field("app_code_name")?,
        field("business_uid")?,
        field("staff_uid")?,
    );
    let launch_id = ids::uid();
    let brand_host = platform.urls.brand_host.clone();
    let launch_url = format!("{}/app/launch/{launch_id}", platform.urls.brand_url);
    let trace = platform.read(|state| {
        let app = state
            .app_by_code_name(&code_name)
            .ok_or_else(|| ApiError::Validation(format!("there is no app {code_name}")))?;
        let business = state
            .business(&business_uid)
            .ok_or_else(|| ApiError::Validation(format!("there is no business {business_uid}")))?;
        if !state.is_installed(&business.uid, app.app_code_name.as_str()) {
            return Err(ApiError::Validation(format!(
                "app {code_name} is not installed in business {business_uid}: install it first"
            )));
        }
        let staff = state
            .user(&staff_uid)
            .filter(|u| u.business_uid == business.uid)
            .ok_or_else(|| {
                ApiError::Validation(format!(
                    "{staff_uid} is not a staff member of business {business_uid}"
                ))
            })?;
        if staff.password.is_none() {
            return Err(ApiError::Validation(format!(
                "staff member {} cannot sign in: they were added without a password (the \
                 platform invites them by email), so no one can launch the app as them",
                staff.email
            )));
        }
        let context = LaunchContext {
            brand_host: &brand_host,
            business: Some(business),
            staff: Some(staff),
        };
        Ok(LaunchTrace {
            launch_id: launch_id.clone(),
            app_code_name: app.app_code_name.as_str().to_owned(),
            client_id: app.client_id.clone(),
            business_uid: business.uid.clone(),
            staff_uid: staff.uid.clone(),
            brand_host: brand_host.clone(),
            launch_url: launch_url.clone(),
            app_host: app_host(app, &context),
            created_at: state.now(),
            events: Vec::new(),
        })
    })?;
    let answer = json!({
        "launch_id": trace.launch_id,
        "launch_url": trace.launch_url,
        "app_host": trace.app_host,
    });
    lock(&platform.launches).add(trace);
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

/// `GET /__admin/launches/{id}`: the launch and its trace so far.
pub async fn read(
    State(platform): State<Arc<Platform>>,
    _: AdminToken,
    Path(launch_id): Path<String>,
) -> Result<Json<LaunchTrace>, ApiError> {
    lock(&platform.launches)
        .get(&launch_id)
        .cloned()
        .map(Json)
        .ok_or_else(|| ApiError::NotFound(format!("there is no launch {launch_id}")))
}

/// `POST /__admin/launches/{id}/probe`: a fresh code for the launch's staff member, for
/// the redirect URI the app authorized with. The console sends it to the app with a
/// `state` the app never issued: an app that checks `state` will not exchange it.
pub async fn probe(
    State(platform): State<Arc<Platform>>,
    _: AdminToken,
    Path(launch_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let trace = lock(&platform.launches)
        .get(&launch_id)
        .cloned()
        .ok_or_else(|| ApiError::NotFound(format!("there is no launch {launch_id}")))?;
    let redirect_uri = trace
        .events
        .iter()
        .rev()
        .find_map(|event| match event {
            TraceEvent::Authorize {
                redirect_uri: Some(uri),
                redirect_uri_registered: true,
                ..
            } => Some(uri.clone()),
            _ => None,
        })
        .ok_or_else(|| {
            ApiError::Validation(
                "the app never authorized with a registered redirect URI, so there is nothing to probe"
                    .into(),
            )
        })?;
    let value = ids::credential();
    let now = platform.mutate(|state| {
        let now = state.now();
        state.codes.push(AuthorizationCode {
            digest: ids::sha256_hex(&value),
            client_id: trace.client_id.clone(),
            redirect_uri: redirect_uri.clone(),
            user_uid: trace.staff_uid.clone(),
            scope: None,
            code_challenge: None,
            issued_at: now,
            exchanged_for: None,
            launch_id: Some(launch_id.clone()),
            probe: true,
        });
        Ok::<_, ApiError>(now)
    })?;
    platform.trace(
        &launch_id,
        TraceEvent::CodeIssued {
            at: now,
            redirect_uri: redirect_uri.clone(),
            probe: true,
        },
    );
    Ok(Json(json!({"code": value, "redirect_uri": redirect_uri})))
}

/// `GET /app/launch/{id}` on the brand host.
pub async fn open(
    State(platform): State<Arc<Platform>>,
    headers: HeaderMap,
    Path(launch_id): Path<String>,
) -> Response {
    let brand_name = platform.read(|state| brand_of(state).0);
    let Some(trace) = lock(&platform.launches).get(&launch_id).cloned() else {
        return ErrorPage::new(
            StatusCode::NOT_FOUND,
            "Unknown launch",
            "This app launch link is not known (it may be from before the sandbox restarted): open the app again from the console.",
        )
        .with_brand(&brand_name)
        .into_response();
    };
    let (session_id, is_new, csrf_token, user_uid) = {
        let mut sessions = lock(&platform.sessions);
        let (id, is_new) = sessions.get_or_create(session_cookie(&headers));
        let Some(session) = sessions.get_mut(&id) else {
            return super::authorize::server_error_page("The browser session vanished.");
        };
        (
            id,
            is_new,
            session.csrf_token.clone(),
            session.user_uid.clone(),
        )
    };
    let now = platform.read(crate::state::PlatformState::now);
    let mut response = if user_uid.as_deref() == Some(trace.staff_uid.as_str()) {
        platform.trace(
            &launch_id,
            TraceEvent::Launched {
                at: now,
                app_host: trace.app_host.clone(),
            },
        );
        redirect(&trace.app_host)
    } else {
        platform.trace(&launch_id, TraceEvent::LoginShown { at: now });
        let html = platform.read(|state| {
            let (name, color) = brand_of(state);
            let app_name = state
                .app_by_code_name(&trace.app_code_name)
                .map_or_else(|| trace.app_code_name.clone(), |app| app.name.clone());
            let email = state
                .user(&trace.staff_uid)
                .map(|u| u.email.clone())
                .unwrap_or_default();
            LoginPage {
                brand: Brand {
                    name: &name,
                    primary_color: &color,
                },
                app_name: &app_name,
                csrf_token: &csrf_token,
                return_to: "",
                launch: Some(&launch_id),
                email: &email,
                error: None,
            }
            .render()
        });
        page_response(StatusCode::OK, html)
    };
    if is_new {
        set_session_cookie(&mut response, &session_id);
    }
    response
}
