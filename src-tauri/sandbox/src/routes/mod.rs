//! The router: every vendor endpoint, the brand pages, the admin API, vendor-shaped 404
//! and 405 answers, the body limit, and the fault and request-log middleware.

mod admin;
mod admin_token;
mod apps;
mod authorize;
mod authorize_forms;
mod branding;
mod businesses;
mod installs;
mod launch;
mod oauth_api;
mod tokens;

pub use admin::ClockReading;

use crate::http::api_error::ApiError;
use crate::http::body::BODY_LIMIT_BYTES;
use crate::http::{fault_layer, host_guard, log_layer};
use crate::platform::Platform;
use axum::extract::DefaultBodyLimit;
use axum::http::{Method, Uri};
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;

pub fn router(platform: Arc<Platform>) -> Router {
    Router::new()
        .route("/platform/v1/apps", get(apps::list).post(apps::create))
        .route("/platform/v1/apps/{id}", get(apps::read).put(apps::update))
        .route(
            "/platform/v1/tokens",
            get(tokens::list).post(tokens::create),
        )
        .route("/platform/v1/tokens/revoke", post(tokens::revoke))
        .route("/platform/v1/directory/branding", get(branding::read))
        .route(
            "/platform/v1/businesses",
            get(businesses::list).post(businesses::create),
        )
        .route(
            "/platform/v1/businesses/{business_uid}",
            get(businesses::read),
        )
        .route(
            "/platform/v1/businesses/{business_uid}/staffs",
            get(businesses::list_staff).post(businesses::create_staff),
        )
        .route(
            "/v3/apps/business_app_installs",
            get(installs::list).post(installs::create),
        )
        .route(
            "/v3/apps/business_app_installs/{uid}",
            get(installs::read).delete(installs::delete),
        )
        .route("/oauth/token", post(oauth_api::exchange_code))
        .route("/oauth/service/token", post(oauth_api::service_token))
        .route("/oauth/userinfo", get(oauth_api::userinfo))
        .route("/app/oauth/authorize", get(authorize::start))
        .route("/oauth/authorize", get(authorize::start))
        .route("/app/oauth/login", post(authorize_forms::login))
        .route("/app/launch/{launch_id}", get(launch::open))
        .route("/app/oauth/consent", post(authorize_forms::decide))
        .nest("/__admin", admin::router())
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .layer(from_fn_with_state(
            platform.clone(),
            fault_layer::inject_faults,
        ))
        .layer(from_fn_with_state(
            platform.clone(),
            log_layer::record_requests,
        ))
        // Outermost: a request for another name is refused before it is logged or faulted.
        .layer(from_fn_with_state(
            platform.clone(),
            host_guard::refuse_foreign_hosts,
        ))
        .with_state(platform)
}

async fn not_found(method: Method, uri: Uri) -> ApiError {
    ApiError::NotFound(format!("No such endpoint: {method} {}", uri.path()))
}

async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::MethodNotAllowed(format!("{method} is not supported on {}", uri.path()))
}
