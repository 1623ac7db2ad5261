//! The short-lived listener behind a loopback redirect URI (`http://127.0.0.1:{port}/…`,
//! RFC 8252 §7.3), for a test run in the system browser: it answers the browser with a
//! small "you can close this window" page and hands the redirect's full URL over.
//!
//! It accepts only the real answer: a request for the registered redirect URI that
//! carries this run's `state` (compared in constant time). Any other page of the port (a
//! favicon, a stray probe) gets a 404, and a request for the redirect URI with a missing
//! or wrong `state` (a web page in the user's browser forging a login, RFC 6749 §10.12)
//! gets a 400; either way the listener keeps waiting, until the run stops it.
//!
//! A `localhost` redirect URI is served on both 127.0.0.1 and ::1, since a browser may
//! resolve the name to either (RFC 8252 §8.3); where this computer has no IPv6 loopback,
//! IPv4 alone serves it.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::{Host, Url};

use super::callback::constant_time_eq;
use super::{Arrival, RedirectMatcher};
use crate::redirect_uri::RedirectUri;
use crate::Secret;

/// The most of a request read before it is answered (a redirect is one request line).
const MAX_REQUEST: usize = 16 * 1024;

const DONE_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>inTandem App \
    Console</title></head><body style=\"font-family:sans-serif;margin:15vh auto;max-width:32em;\
    text-align:center\"><h1>You can close this window</h1><p>The console has the platform's \
    answer and finishes the OAuth test on its own.</p></body></html>";

const NOT_HERE_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Not the \
    redirect URI</title></head><body><p>This is not the redirect URI the console's OAuth test \
    waits for.</p></body></html>";

const WRONG_STATE_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Not \
    this test's answer</title></head><body><p>This request does not carry the state of the \
    console's OAuth test, so it was not used. If you are signing in for a test, finish the \
    sign-in in the window the console opened.</p></body></html>";

/// Why the listener could not start. Each message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoopbackError {
    #[error("{0} is not a loopback http URI, so no local listener can receive it: use the embedded window, or a redirect URI like http://127.0.0.1:8765/callback")]
    NotLoopback(String),
    #[error("{0} has no port, so the system browser would go to port 80: register it with a port (like http://127.0.0.1:8765/callback) or use the embedded window")]
    NoPort(String),
    #[error("port {port} on {ip} could not be opened for the redirect ({reason}): close whatever uses it, or use the embedded window")]
    Bind {
        ip: IpAddr,
        port: u16,
        reason: String,
    },
}

pub struct LoopbackListener {
    listeners: Vec<TcpListener>,
    port: u16,
}

/// What the listener needs to recognise the answer: the redirect URI and the run's state.
pub struct Expected {
    pub matcher: RedirectMatcher,
    pub state: Secret,
}

impl LoopbackListener {
    /// Listens on the loopback address and port of `redirect`. The port must be explicit:
    /// the platform sends the browser to the URI as registered. Call it inside a Tokio runtime.
    pub fn bind(redirect: &RedirectUri) -> Result<LoopbackListener, LoopbackError> {
        if !redirect.is_loopback_http() {
            return Err(LoopbackError::NotLoopback(redirect.to_string()));
        }
        let url = redirect.url();
        let Some(port) = url.port() else {
            return Err(LoopbackError::NoPort(redirect.to_string()));
        };
        let listeners = match url.host() {
            Some(Host::Ipv4(ip)) => vec![listen(IpAddr::V4(ip), port)?],
            Some(Host::Ipv6(ip)) => vec![listen(IpAddr::V6(ip), port)?],
            // `localhost`: both loopbacks, when this computer has both.
            _ => {
                let v4 = listen(IpAddr::V4(Ipv4Addr::LOCALHOST), port)?;
                let mut both = vec![v4];
                if let Ok(v6) = listen(IpAddr::V6(Ipv6Addr::LOCALHOST), port) {
                    both.push(v6);
                }
                both
            }
        };
        Ok(LoopbackListener { listeners, port })
    }

    /// Listens on 127.0.0.1 at a free port the system picks (for a redirect URI the
    /// console registers for one run, `http://127.0.0.1:<port>/callback`).
    pub fn bind_any_port() -> Result<LoopbackListener, LoopbackError> {
        let listener = listen(IpAddr::V4(Ipv4Addr::LOCALHOST), 0)?;
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
        Ok(LoopbackListener {
            listeners: vec![listener],
            port,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The addresses it listens on.
    pub fn local_addrs(&self) -> Vec<SocketAddr> {
        self.listeners
            .iter()
            .filter_map(|l| l.local_addr().ok())
            .collect()
    }

    /// Waits for the browser to come back to the redirect URI with this run's state,
    /// answers it, and returns the full URL it asked for, with when it arrived. Each
    /// connection is answered on its own task, so a browser's idle spare socket delays
    /// nothing. It waits until the future is dropped (the run owns the deadline), which
    /// closes the port at once.
    pub async fn wait_for_answer(self, expected: Expected) -> Option<(Url, Arrival)> {
        let host = expected
            .matcher
            .registered()
            .url()
            .host_str()
            .unwrap_or("127.0.0.1")
            .to_owned();
        let context = Arc::new((expected, format!("http://{host}:{}", self.port)));
        let (found_tx, mut found_rx) = tokio::sync::mpsc::channel(1);
        for listener in self.listeners {
            let context = Arc::clone(&context);
            let found_tx = found_tx.clone();
            tokio::spawn(async move {
                loop {
                    tokio::select! {
                        // The run stopped waiting: close the port.
                        _ = found_tx.closed() => return,
                        accepted = listener.accept() => match accepted {
                            Ok((stream, _)) => {
                                let context = Arc::clone(&context);
                                let found_tx = found_tx.clone();
                                tokio::spawn(async move {
                                    if let Some(found) = answer(&context.0, &context.1, stream).await {
                                        let _ = found_tx.send(found).await;
                                    }
                                });
                            }
                            // Out of file descriptors or similar: wait a little, don't spin.
                            Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
                        },
                    }
                }
            });
        }
        drop(found_tx);
        found_rx.recv().await
    }
}

fn listen(ip: IpAddr, port: u16) -> Result<TcpListener, LoopbackError> {
    let bind_error = |reason: std::io::Error| LoopbackError::Bind {
        ip,
        port,
        reason: reason.to_string(),
    };
    let listener = std::net::TcpListener::bind(SocketAddr::new(ip, port)).map_err(bind_error)?;
    listener.set_nonblocking(true).map_err(bind_error)?;
    TcpListener::from_std(listener).map_err(bind_error)
}

/// What a request to the port turned out to be.
#[derive(Debug, PartialEq, Eq)]
enum Judgement {
    Answer,
    WrongState,
    Elsewhere,
}

fn judge(expected: &Expected, url: &Url) -> Judgement {
    if !expected.matcher.matches(url) {
        return Judgement::Elsewhere;
    }
    let state = url
        .query_pairs()
        .find(|(key, _)| key == "state")
        .map(|(_, value)| value.into_owned());
    match state {
        Some(state) if constant_time_eq(state.as_bytes(), expected.state.expose().as_bytes()) => {
            Judgement::Answer
        }
        _ => Judgement::WrongState,
    }
}

/// Reads one request; answers it; returns its URL when it is this run's answer.
async fn answer(
    expected: &Expected,
    origin: &str,
    mut stream: TcpStream,
) -> Option<(Url, Arrival)> {
    let mut buffer = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    let read = async {
        while !buffer.windows(4).any(|w| w == b"\r\n\r\n") && buffer.len() < MAX_REQUEST {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
    };
    if tokio::time::timeout(Duration::from_secs(5), read)
        .await
        .is_err()
    {
        return None;
    }
    let arrival = Arrival::now();
    let text = String::from_utf8_lossy(&buffer);
    let target = text
        .lines()
        .next()
        .and_then(|line| {
            let mut parts = line.split(' ');
            match (parts.next(), parts.next()) {
                (Some("GET"), Some(target)) if target.starts_with('/') => Some(target),
                _ => None,
            }
        })
        .and_then(|target| Url::parse(&format!("{origin}{target}")).ok());
    let judgement = target
        .as_ref()
        .map_or(Judgement::Elsewhere, |url| judge(expected, url));
    let (status, page) = match judgement {
        Judgement::Answer => ("200 OK", DONE_PAGE),
        Judgement::WrongState => ("400 Bad Request", WRONG_STATE_PAGE),
        Judgement::Elsewhere => ("404 Not Found", NOT_HERE_PAGE),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
    (judgement == Judgement::Answer)
        .then_some(target)
        .flatten()
        .map(|url| (url, arrival))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn free_port() -> u16 {
        std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }

    async fn get(url: &str) -> (u16, String) {
        let response = reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap()
            .get(url)
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    fn expected(redirect: &RedirectUri, state: &str) -> Expected {
        Expected {
            matcher: RedirectMatcher::new(redirect.clone()),
            state: Secret::new(state),
        }
    }

    #[tokio::test]
    async fn answers_the_browser_and_hands_over_the_redirect_ignoring_other_paths() {
        let port = free_port();
        let redirect = RedirectUri::parse(&format!("http://127.0.0.1:{port}/callback")).unwrap();
        let listener = LoopbackListener::bind(&redirect).unwrap();
        let waiting = tokio::spawn(listener.wait_for_answer(expected(&redirect, "xyz")));

        let (status, _) = get(&format!("http://127.0.0.1:{port}/favicon.ico")).await;
        assert_eq!(status, 404);
        let (status, page) = get(&format!(
            "http://127.0.0.1:{port}/callback?code=abc&state=xyz"
        ))
        .await;
        assert_eq!(status, 200);
        assert!(page.contains("You can close this window"));

        let (url, _) = waiting.await.unwrap().unwrap();
        assert_eq!(url.path(), "/callback");
        assert!(url.query_pairs().any(|(k, v)| k == "code" && v == "abc"));
    }

    #[tokio::test]
    async fn a_request_with_a_wrong_or_missing_state_gets_a_400_and_the_listener_keeps_waiting() {
        let port = free_port();
        let redirect = RedirectUri::parse(&format!("http://127.0.0.1:{port}/callback")).unwrap();
        let listener = LoopbackListener::bind(&redirect).unwrap();
        let waiting = tokio::spawn(listener.wait_for_answer(expected(&redirect, "the-real-state")));

        let (status, page) = get(&format!(
            "http://127.0.0.1:{port}/callback?code=forged&state=attacker"
        ))
        .await;
        assert_eq!(status, 400);
        assert!(page.contains("does not carry the state"), "{page}");
        let (status, _) = get(&format!("http://127.0.0.1:{port}/callback?code=forged")).await;
        assert_eq!(status, 400);
        assert!(!waiting.is_finished(), "a forged redirect is not taken");

        let (status, _) = get(&format!(
            "http://127.0.0.1:{port}/callback?code=real&state=the-real-state"
        ))
        .await;
        assert_eq!(status, 200);
        let (url, _) = waiting.await.unwrap().unwrap();
        assert!(url.query_pairs().any(|(k, v)| k == "code" && v == "real"));
    }

    #[tokio::test]
    async fn a_localhost_redirect_uri_is_served_on_both_loopbacks() {
        let port = free_port();
        let redirect = RedirectUri::parse(&format!("http://localhost:{port}/cb")).unwrap();
        let listener = LoopbackListener::bind(&redirect).unwrap();
        let addrs = listener.local_addrs();
        assert!(addrs
            .iter()
            .any(|a| a.ip() == IpAddr::V4(Ipv4Addr::LOCALHOST)));
        let has_v6 = std::net::TcpListener::bind("[::1]:0").is_ok();
        assert_eq!(
            addrs
                .iter()
                .any(|a| a.ip() == IpAddr::V6(Ipv6Addr::LOCALHOST)),
            has_v6,
            "::1 is served when this computer has it: {addrs:?}"
        );
        let waiting = tokio::spawn(listener.wait_for_answer(expected(&redirect, "s")));
        let host = if has_v6 { "[::1]" } else { "127.0.0.1" };
        let (status, _) = get(&format!("http://{host}:{port}/cb?code=c&state=s")).await;
        assert_eq!(status, 200);
        waiting.await.unwrap();
    }

    #[tokio::test]
    async fn an_idle_connection_does_not_hold_up_the_redirect() {
        let port = free_port();
        let redirect = RedirectUri::parse(&format!("http://127.0.0.1:{port}/cb")).unwrap();
        let listener = LoopbackListener::bind(&redirect).unwrap();
        let waiting = tokio::spawn(listener.wait_for_answer(expected(&redirect, "s")));
        // A browser's spare socket: connected, silent.
        let _idle = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        let started = std::time::Instant::now();
        let (status, _) = get(&format!("http://127.0.0.1:{port}/cb?code=c&state=s")).await;
        assert_eq!(status, 200);
        waiting.await.unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "answered without waiting on the idle socket"
        );
    }

    #[tokio::test]
    async fn a_listener_no_longer_awaited_frees_its_port() {
        let port = free_port();
        let redirect = RedirectUri::parse(&format!("http://127.0.0.1:{port}/cb")).unwrap();
        let listener = LoopbackListener::bind(&redirect).unwrap();
        let waiting = tokio::spawn(listener.wait_for_answer(expected(&redirect, "s")));
        tokio::time::sleep(Duration::from_millis(50)).await;
        waiting.abort();
        let mut freed = false;
        for _ in 0..50 {
            tokio::time::sleep(Duration::from_millis(20)).await;
            if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
                freed = true;
                break;
            }
        }
        assert!(freed, "the port is free again once the run stops waiting");
    }

    #[tokio::test]
    async fn needs_a_loopback_uri_with_a_port() {
        let https = RedirectUri::parse("https://example.com/cb").unwrap();
        assert!(matches!(
            LoopbackListener::bind(&https),
            Err(LoopbackError::NotLoopback(_))
        ));
        let no_port = RedirectUri::parse("http://127.0.0.1/cb").unwrap();
        let error = LoopbackListener::bind(&no_port).err().unwrap();
        assert!(error.to_string().contains("no port"), "{error}");
        let any = LoopbackListener::bind_any_port().unwrap();
        assert_ne!(any.port(), 0);
    }
}
