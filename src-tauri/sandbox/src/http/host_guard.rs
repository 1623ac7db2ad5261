//! The sandbox answers only to its own name: a request whose `Host` is not
//! `127.0.0.1:<port>`, `localhost:<port>` or `[::1]:<port>` is refused (421) before any
//! route sees it. A web page the user visits could otherwise point a name it controls at
//! 127.0.0.1 (DNS rebinding) and read the sandbox's answers as same-origin.

use crate::platform::Platform;
use axum::extract::{Request, State};
use axum::http::header::HOST;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use std::sync::Arc;

/// Whether `host` (a `Host` header's value) names this sandbox on `port`.
pub fn is_own_host(host: &str, port: u16) -> bool {
    let host = host.trim().to_ascii_lowercase();
    ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|name| host == format!("{name}:{port}"))
}

pub async fn refuse_foreign_hosts(
    State(platform): State<Arc<Platform>>,
    req: Request,
    next: Next,
) -> Response {
    let host = req
        .headers()
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        // HTTP/2 and absolute-form requests carry the authority in the URI.
        .or_else(|| req.uri().authority().map(|a| a.as_str()));
    match host {
        Some(host) if is_own_host(host, platform.urls.port) => next.run(req).await,
        _ => (
            StatusCode::MISDIRECTED_REQUEST,
            Json(json!({
                "status": "Error",
                "message": format!(
                    "This is the inTandem sandbox on 127.0.0.1:{port}; it answers only to \
                     127.0.0.1:{port}, localhost:{port} or [::1]:{port}.",
                    port = platform.urls.port
                ),
            })),
        )
            .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_loopback_names_with_the_right_port_are_the_sandbox() {
        for own in [
            "127.0.0.1:4100",
            "localhost:4100",
            "LOCALHOST:4100",
            "[::1]:4100",
        ] {
            assert!(is_own_host(own, 4100), "{own}");
        }
        for foreign in [
            "evil.example",
            "evil.example:4100",
            "127.0.0.1",
            "127.0.0.1:4101",
            "127.0.0.2:4100",
            "localhost.evil.example:4100",
            "",
        ] {
            assert!(!is_own_host(foreign, 4100), "{foreign}");
        }
    }
}
