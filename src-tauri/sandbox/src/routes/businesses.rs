//! `/platform/v1/businesses` and `/platform/v1/businesses/{business_uid}/staffs`, as the
//! vendor documents them: list 200 `{"data":{"businesses":[uid…]},"status":"OK"}`; create
//! and read 200 `{"data":{"business":{admin_account, business, meta, integrations}}}`;
//! staff list and create 200 `{"data":{"staff":[…]},"status":"OK"}`, a create's
//! refusals 400 `{"status":"Error","message":"Unable to create staff","data":[…]}`.
//!
//! Who sees what: a directory token its directory's businesses; an app token those of
//! its app's directory; a staff token its own business; the internal token all. Another
//! directory's business is not found, never forbidden.

use crate::http::api_error::ApiError;
use crate::http::bearer::Principal;
use crate::http::body::JsonObject;
use crate::http::views;
use crate::model::directory::Business;
use crate::platform::Platform;
use crate::state::PlatformState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// Roles a staff member may be given (the vendor's access-control codes).
const STAFF_ROLES: &[&str] = &["admin", "manager", "marketing", "collaborator", "user"];

pub fn in_reach(principal: &Principal, business: &Business) -> bool {
    match principal {
        Principal::Internal => true,
        Principal::Staff { business_uid, .. } => *business_uid == business.uid,
        other => other.directory_uid() == Some(business.directory_uid.as_str()),
    }
}

fn visible<'a>(
    state: &'a PlatformState,
    principal: &Principal,
    uid: &str,
) -> Result<&'a Business, ApiError> {
    state
        .business(uid)
        .filter(|b| in_reach(principal, b))
        .ok_or_else(|| ApiError::NotFound("Business not found".into()))
}

pub async fn list(State(platform): State<Arc<Platform>>, principal: Principal) -> Response {
    let uids: Vec<String> = platform.read(|state| {
        state
            .businesses
            .iter()
            .filter(|b| in_reach(&principal, b))
            .map(|b| b.uid.clone())
            .collect()
    });
    Json(json!({"data": {"businesses": uids}, "status": "OK"})).into_response()
}

pub async fn read(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    Path(uid): Path<String>,
) -> Result<Response, ApiError> {
    let business = platform
        .read(|state| visible(state, &principal, &uid).map(|b| views::business_view(state, b)))?;
    Ok(Json(json!({"status": "OK", "data": {"business": business}})).into_response())
}

fn text<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    object
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn looks_like_an_email(text: &str) -> bool {
    let Some((name, domain)) = text.split_once('@') else {
        return false;
    };
    !name.is_empty() && domain.contains('.') && !text.contains(char::is_whitespace)
}

pub async fn create(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let directory_uid = match &principal {
        Principal::Directory { directory_uid } => directory_uid.clone(),
        Principal::Internal => platform.read(|state| state.identity.directory_uid.clone()),
        other => return Err(other.not_allowed("creating businesses", "directory")),
    };
    let empty = Map::new();
    let admin = body
        .get("admin_account")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let details = body
        .get("business")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let email = text(admin, "email")
        .ok_or_else(|| ApiError::BadRequest("admin_account.email is required".into()))?;
    if !looks_like_an_email(email) {
        return Err(ApiError::BadRequest(
            "admin_account.email must be valid".into(),
        ));
    }
    let password = match text(admin, "password") {
        Some(p) if !(6..=20).contains(&p.chars().count()) => {
            return Err(ApiError::BadRequest(
                "admin_account.password must be 6 to 20 characters".into(),
            ))
        }
        other => other.map(str::to_owned),
    };
    let name = text(details, "name").unwrap_or("New business").to_owned();
    let owner_name = text(admin, "display_name").map(str::to_owned);
    let view = platform.mutate(|state| {
        let (business, _) = state
            .create_business(&directory_uid, &name, email, password, owner_name)
            .map_err(ApiError::BadRequest)?;
        Ok::<_, ApiError>(views::business_view(state, &business))
    })?;
    Ok(Json(json!({"status": "OK", "data": {"business": view}})).into_response())
}

pub async fn list_staff(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    Path(uid): Path<String>,
) -> Result<Response, ApiError> {
    let staff = platform.read(|state| {
        visible(state, &principal, &uid).map(|b| {
            state
                .staff_of(&b.uid)
                .map(views::staff_entry)
                .collect::<Vec<_>>()
        })
    })?;
    Ok(Json(json!({"data": {"staff": staff}, "status": "OK"})).into_response())
}

/// A refused staff create, in the vendor's shape.
fn staff_refused(problems: Vec<String>) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"status": "Error", "message": "Unable to create staff", "data": problems})),
    )
        .into_response()
}

pub async fn create_staff(
    State(platform): State<Arc<Platform>>,
    principal: Principal,
    Path(uid): Path<String>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    platform.read(|state| visible(state, &principal, &uid).map(drop))?;
    let Some(staff) = body.get("staff").and_then(Value::as_object) else {
        return Ok((
            StatusCode::BAD_REQUEST,
            Json(
                json!({"status": "Error", "message": "staff parameters are missing", "data": null}),
            ),
        )
            .into_response());
    };
    let mut problems = Vec::new();
    let email = text(staff, "email");
    match email {
        None => problems.push("staff.email is required".to_owned()),
        Some(email) if !looks_like_an_email(email) => {
            problems.push("staff.email must be valid".to_owned())
        }
        Some(_) => {}
    }
    let display_name = text(staff, "display_name");
    if display_name.is_none() {
        problems.push("staff.display_name is a mandatory field".to_owned());
    }
    let role = text(staff, "role").unwrap_or("user");
    if !STAFF_ROLES.contains(&role) {
        problems.push("staff.role must be valid".to_owned());
    }
    if !problems.is_empty() {
        return Ok(staff_refused(problems));
    }
    let (email, display_name) = (email.unwrap_or_default(), display_name.unwrap_or_default());
    let created = platform
        .mutate(|state| Ok::<_, ApiError>(state.create_staff(&uid, email, display_name, role)))?;
    match created {
        Ok(staff) => Ok(Json(
            json!({"data": {"staff": [views::staff_entry(&staff)]}, "status": "OK"}),
        )
        .into_response()),
        Err(problems) => Ok(staff_refused(problems)),
    }
}
