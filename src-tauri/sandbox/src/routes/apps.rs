//! `/platform/v1/apps` and `/platform/v1/apps/{id}`, with the vendor's statuses and
//! envelopes: list 201 `{"apps":[…],"status":"OK"}`; create 201
//! `{"data":{…},"status":"OK"}`; read 200 `{"data":{"application":…,"success":true},"success":true}`;
//! update 200 `{"application":…,"success":true}`. `{id}` is the app_code_name.

use crate::app_body::parse_app_body;
use crate::http::api_error::ApiError;
use crate::http::bearer::Principal;
use crate::http::body::JsonObject;
use crate::http::views;
use crate::model::app::AppProfile;
use crate::platform::Platform;
use crate::state::people::{app_host, LaunchContext};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::sync::Arc;

pub async fn list(State(platform): State<Arc<Platform>>, principal: Principal) -> Response {
    let apps: Vec<_> = platform.read(|state| {
        // A staff caller opens apps for its own business; others have no business here.
        let (business, staff) = match &principal {
            Principal::Staff {
                user_uid,
                business_uid,
                ..
            } => (state.business(business_uid), state.user(user_uid)),
            _ => (None, None),
        };
        let context = LaunchContext {
            brand_host: &platform.urls.brand_host,
            business,
            staff,
        };
        state
            .apps
            .iter()
            .filter(|app| principal.can_see(app))
            .map(|app| views::app_list_entry(app, &app_host(app, &context)))
            .collect()
    });
    (
        StatusCode::CREATED,
        Json(json!({"apps": apps, "status": "OK"})),
    )
        .into_response()
}

pub async fn create(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let owner = match &principal {
        Principal::Directory { directory_uid } => Some(directory_uid.clone()),
        Principal::Internal => None,
        other => return Err(other.not_allowed("creating apps", "directory and internal")),
    };
    let changes = parse_app_body(&body, &AppProfile::default()).map_err(ApiError::Validation)?;
    let data = platform.mutate(|state| {
        let created = state
            .create_app(owner, changes)
            .map_err(ApiError::Validation)?;
        Ok::<_, ApiError>(views::app_created_view(
            &created.app,
            &created.client_secret,
        ))
    })?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"data": data, "status": "OK"})),
    )
        .into_response())
}

pub async fn read(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    code_name: Result<Path<String>, PathRejection>,
) -> Result<Response, ApiError> {
    let code_name = app_code_name(code_name)?;
    let application = platform
        .read(|state| {
            state
                .app_by_code_name(&code_name)
                .filter(|app| principal.can_see(app))
                .map(views::app_read_view)
        })
        .ok_or_else(|| app_not_found(&code_name))?;
    let body = json!({"data": {"application": application, "success": true}, "success": true});
    Ok((StatusCode::OK, Json(body)).into_response())
}

pub async fn update(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    code_name: Result<Path<String>, PathRejection>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let code_name = app_code_name(code_name)?;
    if !matches!(principal, Principal::Directory { .. } | Principal::Internal) {
        return Err(principal.not_allowed("updating apps", "directory and internal"));
    }
    let may_change_trusted = principal == Principal::Internal;
    let application = platform.mutate(|state| {
        let app = state
            .app_by_code_name(&code_name)
            .filter(|app| principal.can_see(app))
            .ok_or_else(|| app_not_found(&code_name))?;
        let changes = parse_app_body(&body, &app.profile).map_err(ApiError::Validation)?;
        let updated = state
            .update_app(&code_name, changes, may_change_trusted)
            .map_err(ApiError::Validation)?;
        Ok::<_, ApiError>(views::app_update_view(&updated))
    })?;
    Ok((
        StatusCode::OK,
        Json(json!({"application": application, "success": true})),
    )
        .into_response())
}

fn app_code_name(path: Result<Path<String>, PathRejection>) -> Result<String, ApiError> {
    path.map(|Path(code_name)| code_name).map_err(|e| {
        ApiError::BadRequest(format!(
            "The app code name in the path is not readable: {e}"
        ))
    })
}

fn app_not_found(code_name: &str) -> ApiError {
    ApiError::NotFound(format!(
        "App not found: no app with app_code_name {code_name:?}"
    ))
}
