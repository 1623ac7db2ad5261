//! The middleware that applies `FaultInjector` decisions: it sleeps for the latency,
//! answers 429 (with `Retry-After`) or a 5xx in place of the handler, and cuts response
//! bodies in half. It marks each response with the faults it injected, for the log.

use crate::faults::InjectedAnswer;
use crate::platform::{lock, Platform};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, RETRY_AFTER};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::sync::Arc;

/// The faults injected into a response, comma-separated (`latency,truncated`).
#[derive(Clone, Debug)]
pub struct InjectedFault(pub String);

pub async fn inject_faults(
    State(platform): State<Arc<Platform>>,
    req: Request,
    next: Next,
) -> Response {
    let decision = lock(&platform.faults).decide(req.uri().path());
    let Some(decision) = decision else {
        return next.run(req).await;
    };
    let mut injected = Vec::new();
    if let Some(secs) = decision.advance_clock_secs {
        // Only a failed state save can fail here, and the clock moves in memory anyway.
        let _ = platform.mutate(|state| {
            state.clock.advance(secs);
            Ok::<_, crate::http::api_error::ApiError>(())
        });
        injected.push("clock_advanced");
    }
    if let Some(latency) = decision.latency {
        tokio::time::sleep(latency).await;
        injected.push("latency");
    }
    let mut response = match decision.answer {
        InjectedAnswer::Handle => next.run(req).await,
        InjectedAnswer::RateLimited { retry_after_secs } => {
            injected.push("rate_limited");
            let message = format!("Too many requests: retry after {retry_after_secs} seconds (fault injected by the sandbox)");
            (
                StatusCode::TOO_MANY_REQUESTS,
                [(RETRY_AFTER, retry_after_secs.to_string())],
                Json(json!({"status": "Error", "message": message})),
            )
                .into_response()
        }
        InjectedAnswer::ServerError { status } => {
            injected.push("server_error");
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let message = match status {
                StatusCode::INTERNAL_SERVER_ERROR => {
                    "Internal server error (fault injected by the sandbox)"
                }
                _ => "Service unavailable (fault injected by the sandbox)",
            };
            (status, Json(json!({"status": "Error", "message": message}))).into_response()
        }
    };
    if decision.truncate {
        response = truncated(response).await;
        injected.push("truncated");
    }
    if !injected.is_empty() {
        response
            .extensions_mut()
            .insert(InjectedFault(injected.join(",")));
    }
    response
}

/// The same response with the first half of its body, and a Content-Length to match,
/// so clients see a complete HTTP message whose JSON is cut short.
async fn truncated(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let kept = bytes.slice(..bytes.len() / 2);
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(kept))
}
