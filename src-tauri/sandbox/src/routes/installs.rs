//! `/v3/apps/business_app_installs` and `/v3/apps/business_app_installs/{uid}` with the
//! v3 envelope `{"success": true, "data": …}`: list 200 (filters `business_uid`,
//! `app_code_name`, `page`, `per_page`), create 201 (422 when the business or the app is
//! not found for the caller, or the business's account is blocked), read 200 or 404,
//! delete 200 or 404. Available for staff and directory tokens.

use crate::http::bearer::Principal;
use crate::http::body::JsonObject;
use crate::http::views;
use crate::platform::Platform;
use crate::state::PlatformState;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::sync::Arc;

fn refused(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({"success": false, "data": null, "message": message})),
    )
        .into_response()
}

/// The refusal for a token kind these endpoints are not available for.
fn refusal_for(principal: &Principal) -> Option<Response> {
    match principal {
        Principal::Internal | Principal::Directory { .. } | Principal::Staff { .. } => None,
        other => Some(refused(
            StatusCode::UNAUTHORIZED,
            &format!(
                "Unauthorized: business app installs are available for staff and directory tokens, and this is an {} token",
                other.kind()
            ),
        )),
    }
}

/// Whether the caller may see installs of this business.
fn business_in_reach(state: &PlatformState, principal: &Principal, business_uid: &str) -> bool {
    state
        .business(business_uid)
        .is_some_and(|b| super::businesses::in_reach(principal, b))
}

pub async fn list(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    RawQuery(query): RawQuery,
) -> Response {
    if let Some(refusal) = refusal_for(&principal) {
        return refusal;
    }
    let filters: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let filter = |key: &str| {
        filters
            .iter()
            .find(|(k, v)| k == key && !v.is_empty())
            .map(|(_, v)| v.clone())
    };
    let number = |key: &str, default: usize| {
        filter(key)
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|n| *n > 0)
            .unwrap_or(default)
    };
    let (page, per_page) = (number("page", 1), number("per_page", 25).min(100));
    let (business, app) = (filter("business_uid"), filter("app_code_name"));
    let installs: Vec<Value> = platform.read(|state| {
        state
            .installs
            .iter()
            .filter(|i| business_in_reach(state, &principal, &i.business_uid))
            .filter(|i| business.as_ref().is_none_or(|b| *b == i.business_uid))
            .filter(|i| app.as_ref().is_none_or(|a| *a == i.app_code_name))
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(views::install_view)
            .collect()
    });
    Json(json!({"success": true, "data": {"business_app_installs": installs}})).into_response()
}

pub async fn create(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    JsonObject(body): JsonObject,
) -> Response {
    if let Some(refusal) = refusal_for(&principal) {
        return refusal;
    }
    let field = |key: &str| {
        body.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let (Some(business_uid), Some(app_code_name)) = (field("business_uid"), field("app_code_name"))
    else {
        return refused(
            StatusCode::BAD_REQUEST,
            "business_uid and app_code_name are required",
        );
    };
    let result = platform.mutate(|state| {
        let business = state
            .business(&business_uid)
            .filter(|b| super::businesses::in_reach(&principal, b));
        let app = state
            .app_by_code_name(&app_code_name)
            .filter(|a| business.is_some_and(|b| a.is_owned_by(&b.directory_uid)));
        match (business, app) {
            (None, _) | (_, None) => Ok::<_, crate::platform::PersistFailure>(Err(refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                "business_uid or app_code_name not found",
            ))),
            (Some(b), Some(_)) if b.blocked_at.is_some() => Ok(Err(refused(
                StatusCode::UNPROCESSABLE_ENTITY,
                "The business account is blocked: apps cannot be installed in it",
            ))),
            (Some(_), Some(app)) => {
                let code = app.app_code_name.as_str().to_owned();
                Ok(Ok(state.install_app(&business_uid, &code)))
            }
        }
    });
    match result {
        Ok(Ok(install)) => (
            StatusCode::CREATED,
            Json(json!({"success": true, "data": views::install_view(&install)})),
        )
            .into_response(),
        Ok(Err(refusal)) => refusal,
        Err(failure) => refused(StatusCode::INTERNAL_SERVER_ERROR, &failure.0),
    }
}

pub async fn read(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    Path(uid): Path<String>,
) -> Response {
    if let Some(refusal) = refusal_for(&principal) {
        return refusal;
    }
    let found = platform.read(|state| {
        state
            .install(&uid)
            .filter(|i| business_in_reach(state, &principal, &i.business_uid))
            .map(views::install_view)
    });
    match found {
        Some(install) => Json(json!({"success": true, "data": install})).into_response(),
        None => refused(StatusCode::NOT_FOUND, "Business app install not found"),
    }
}

pub async fn delete(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    Path(uid): Path<String>,
) -> Response {
    if let Some(refusal) = refusal_for(&principal) {
        return refusal;
    }
    let removed = platform.mutate(|state| {
        let reachable = state
            .install(&uid)
            .is_some_and(|i| business_in_reach(state, &principal, &i.business_uid));
        if reachable {
            state.installs.retain(|i| i.uid != uid);
        }
        Ok::<_, crate::platform::PersistFailure>(reachable)
    });
    match removed {
        Ok(true) => Json(json!({"success": true, "data": {"uid": uid}})).into_response(),
        Ok(false) => refused(StatusCode::NOT_FOUND, "Business app install not found"),
        Err(failure) => refused(StatusCode::INTERNAL_SERVER_ERROR, &failure.0),
    }
}
