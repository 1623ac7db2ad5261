//! The middleware that records every non-admin request in the request log: method, path,
//! redacted query, status, latency and injected faults. Never bodies, never headers.

use super::fault_layer::InjectedFault;
use crate::platform::{lock, Platform};
use crate::request_log::{redact_query, LoggedRequest};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;
use std::time::Instant;
use time::format_description::well_known::Rfc3339;

pub async fn record_requests(
    State(platform): State<Arc<Platform>>,
    req: Request,
    next: Next,
) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/__admin") {
        return next.run(req).await;
    }
    let method = req.method().to_string();
    let query = req.uri().query().map(redact_query);
    let at = platform
        .read(|state| state.now())
        .format(&Rfc3339)
        .unwrap_or_default();
    let started = Instant::now();
    let response = next.run(req).await;
    let entry = LoggedRequest {
        at,
        method,
        path,
        query,
        status: response.status().as_u16(),
        latency_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        fault: response
            .extensions()
            .get::<InjectedFault>()
            .map(|f| f.0.clone()),
    };
    lock(&platform.log).record(entry);
    response
}
