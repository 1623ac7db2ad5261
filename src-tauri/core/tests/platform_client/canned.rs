//! A loopback HTTP server that answers from a script, for testing the platform client
//! against the vendor's documented answers and against failures: per route, a queue of
//! canned replies (the last one repeats), each with a status, headers, body and delay.
//! Every request is recorded (method, path and query, Authorization header, body).

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, Method, Response, Uri};
use axum::Router;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use url::Url;

#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: impl ToString) -> Self {
        Self {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.to_string(),
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path_and_query: String,
    pub authorization: Option<String>,
    pub body: String,
}

#[derive(Default)]
struct Script {
    routes: HashMap<String, VecDeque<Reply>>,
    log: Vec<Recorded>,
}

pub struct CannedServer {
    pub base: Url,
    script: Arc<Mutex<Script>>,
}

impl CannedServer {
    /// `routes`: ("GET /platform/v1/apps", replies in order).
    pub async fn start(routes: Vec<(&str, Vec<Reply>)>) -> Self {
        let script = Script {
            routes: routes
                .into_iter()
                .map(|(route, replies)| (route.to_owned(), replies.into()))
                .collect(),
            log: Vec::new(),
        };
        let script = Arc::new(Mutex::new(script));
        let app = Router::new().fallback(answer).with_state(script.clone());
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { base, script }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.script.lock().unwrap().log.clone()
    }

    /// How many requests `route` ("POST /platform/v1/apps") received.
    pub fn count(&self, route: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| {
                format!(
                    "{} {}",
                    r.method,
                    r.path_and_query.split('?').next().unwrap()
                ) == route
            })
            .count()
    }
}

async fn answer(
    State(script): State<Arc<Mutex<Script>>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response<Body> {
    let reply = {
        let mut script = script.lock().unwrap();
        script.log.push(Recorded {
            method: method.to_string(),
            path_and_query: uri
                .path_and_query()
                .map(|p| p.to_string())
                .unwrap_or_default(),
            authorization: headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
            body: String::from_utf8_lossy(&body).into_owned(),
        });
        let route = format!("{method} {}", uri.path());
        match script.routes.get_mut(&route) {
            Some(queue) if queue.len() > 1 => queue.pop_front(),
            Some(queue) => queue.front().cloned(),
            None => None,
        }
        .unwrap_or_else(|| Reply::json(404, r#"{"status":"Error","message":"no canned reply"}"#))
    };
    tokio::time::sleep(reply.delay).await;
    let mut response = Response::builder().status(reply.status);
    for (name, value) in &reply.headers {
        response = response.header(*name, value);
    }
    response.body(Body::from(reply.body)).unwrap()
}

/// A server speaking raw HTTP/1.1: connection N gets `responses[N]` (the last repeats),
/// written as-is and then closed, so an answer can be cut off mid-body.
pub async fn raw_server(responses: Vec<String>) -> (Url, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
    let served = Arc::new(Mutex::new(0usize));
    let counter = served.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let index = {
                let mut n = counter.lock().unwrap();
                *n += 1;
                (*n - 1).min(responses.len() - 1)
            };
            let response = responses[index].clone();
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 16 * 1024];
                let _ = socket.read(&mut buffer).await;
                let _ = socket.write_all(response.as_bytes()).await;
                let _ = socket.shutdown().await;
            });
        }
    });
    (base, served)
}

/// A loopback port nothing listens on.
pub async fn dead_port() -> Url {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
    drop(listener);
    base
}
