//! The admin API for tests, under `/__admin/`, guarded by `Authorization: Bearer <admin_token>`:
//! `GET /clock`, `POST /clock/advance {"seconds":N}`; `GET|PUT|DELETE /faults`;
//! `GET|DELETE /requests` (the redacted request log); `GET|PUT /settings` (see
//! [`SandboxSettings`]); `POST /launches`, `GET /launches/{id}` and
//! `POST /launches/{id}/probe` (app launches and their traces, see `crate::launch`);
//! `POST /reset`.
//! Faults never apply here and these requests are not logged.

use super::admin_token::AdminToken;
use crate::clock::VirtualClock;
use crate::faults::{FaultInjector, Faults};
use crate::http::api_error::ApiError;
use crate::http::body::JsonObject;
use crate::platform::{lock, Platform, SandboxSettings};
use axum::extract::State;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::sync::Arc;
use time::format_description::well_known::Rfc3339;

/// What the clock endpoints answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClockReading {
    /// The platform's current time (RFC 3339).
    pub now: String,
    /// How far the clock has been advanced, in seconds.
    pub offset_secs: i64,
}

fn reading(clock: &VirtualClock) -> ClockReading {
    ClockReading {
        now: clock.now().format(&Rfc3339).unwrap_or_default(),
        offset_secs: clock.offset_secs(),
    }
}

pub fn router() -> Router<Arc<Platform>> {
    Router::new()
        .route("/clock", get(read_clock))
        .route("/clock/advance", post(advance_clock))
        .route(
            "/faults",
            get(read_faults)
                .put(set_faults)
                .post(set_faults)
                .delete(clear_faults),
        )
        .route("/requests", get(read_requests).delete(clear_requests))
        .route("/settings", get(read_settings).put(set_settings))
        .route("/launches", post(super::launch::create))
        .route("/launches/{launch_id}", get(super::launch::read))
        .route("/launches/{launch_id}/probe", post(super::launch::probe))
        .route("/reset", post(reset))
}

async fn read_clock(State(platform): State<Arc<Platform>>, _: AdminToken) -> Json<ClockReading> {
    Json(platform.read(|state| reading(&state.clock)))
}

async fn advance_clock(
    State(platform): State<Arc<Platform>>,
    _: AdminToken,
    JsonObject(body): JsonObject,
) -> Result<Json<ClockReading>, ApiError> {
    let seconds = body.get("seconds").and_then(Value::as_u64).ok_or_else(|| {
        ApiError::Validation(
            "seconds must be a non-negative integer: the clock only moves forward".into(),
        )
    })?;
    let clock = platform.mutate(|state| {
        state.clock.advance(seconds);
        Ok::<_, ApiError>(reading(&state.clock))
    })?;
    Ok(Json(clock))
}

async fn read_faults(State(platform): State<Arc<Platform>>, _: AdminToken) -> Json<Faults> {
    Json(lock(&platform.faults).faults().clone())
}

async fn set_faults(
    State(platform): State<Arc<Platform>>,
    _: AdminToken,
    JsonObject(body): JsonObject,
) -> Result<Json<Faults>, ApiError> {
    let faults: Faults = serde_json::from_value(Value::Object(body))
        .map_err(|e| ApiError::Validation(format!("faults: {e}")))?;
    faults.validate().map_err(ApiError::Validation)?;
    *lock(&platform.faults) = FaultInjector::new(faults.clone());
    Ok(Json(faults))
}

async fn clear_faults(State(platform): State<Arc<Platform>>, _: AdminToken) -> Json<Faults> {
    *lock(&platform.faults) = FaultInjector::default();
    Json(Faults::default())
}

async fn read_settings(
    State(platform): State<Arc<Platform>>,
    _: AdminToken,
) -> Json<SandboxSettings> {
    Json(lock(&platform.settings).clone())
}

async fn set_settings(
    State(platform): State<Arc<Platform>>,
    _: AdminToken,
    JsonObject(body): JsonObject,
) -> Result<Json<SandboxSettings>, ApiError> {
    let settings: SandboxSettings = serde_json::from_value(Value::Object(body))
        .map_err(|e| ApiError::Validation(format!("settings: {e}")))?;
    *lock(&platform.settings) = settings.clone();
    Ok(Json(settings))
}

async fn read_requests(State(platform): State<Arc<Platform>>, _: AdminToken) -> Json<Value> {
    Json(json!({"requests": lock(&platform.log).entries()}))
}

async fn clear_requests(State(platform): State<Arc<Platform>>, _: AdminToken) -> Json<Value> {
    lock(&platform.log).clear();
    Json(json!({"requests": []}))
}

async fn reset(
    State(platform): State<Arc<Platform>>,
    _: AdminToken,
) -> Result<Json<Value>, ApiError> {
    platform.reset()?;
    Ok(Json(json!({"status": "OK"})))
}
