//! The short-lived listener behind a loopback redirect URI (`http://127.0.0.1:{port}/…`,
//! RFC 8252 §7.3), for a test run in the system browser: it answers the browser with a
//! small "you can close this window" page and hands the redirect's full URL over.
//!
//! Only requests for the registered redirect URI are taken; anything else (a favicon, a
//! stray probe) gets a 404 and the listener keeps waiting, until its deadline.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use url::{Host, Url};

use super::RedirectMatcher;
use crate::console::{Arrival, ConsoleError};
use crate::error::ErrorCode;
use crate::redirect_uri::RedirectUri;

/// The most of a request read before it is answered (a redirect is one request line).
const MAX_REQUEST: usize = 16 * 1024;

const DONE_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>inTandem App \
    Console</title></head><body style=\"font-family:sans-serif;margin:15vh auto;max-width:32em;\
    text-align:center\"><h1>You can close this window</h1><p>The console has the platform's \
    answer and finishes the OAuth test on its own.</p></body></html>";

const NOT_HERE_PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Not the \
    redirect URI</title></head><body><p>This is not the redirect URI the console's OAuth test \
    waits for.</p></body></html>";

pub struct LoopbackListener {
    listener: TcpListener,
    matcher: RedirectMatcher,
    origin: String,
}

impl LoopbackListener {
    /// Listens on the loopback address and port of `redirect`. The port must be explicit:
    /// the platform sends the browser to the URI as registered.
    pub async fn bind(redirect: &RedirectUri) -> Result<LoopbackListener, ConsoleError> {
        if !redirect.is_loopback_http() {
            return Err(ConsoleError::invalid_input(
                "redirect_uri",
                format!(
                    "{redirect} is not a loopback http URI, so no local listener can receive it: \
                     use the embedded window, or a redirect URI like http://127.0.0.1:8765/callback."
                ),
            ));
        }
        let url = redirect.url();
        let Some(port) = url.port() else {
            return Err(ConsoleError::invalid_input(
                "redirect_uri",
                format!(
                    "{redirect} has no port, so the system browser would go to port 80: register \
                     it with a port (like http://127.0.0.1:8765/callback) or use the embedded window."
                ),
            ));
        };
        let ip = match url.host() {
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
            // `localhost`: the IPv4 loopback, which is what browsers try first.
            _ => IpAddr::V4(Ipv4Addr::LOCALHOST),
        };
        let listener = TcpListener::bind(SocketAddr::new(ip, port))
            .await
            .map_err(|error| {
                ConsoleError::new(
                    ErrorCode::Network,
                    format!(
                        "Port {port} on {ip} could not be opened for the redirect ({error}): close \
                         whatever uses it, or use the embedded window."
                    ),
                )
            })?;
        let origin =
            format!("http://{}", url.host_str().unwrap_or("127.0.0.1")) + &format!(":{port}");
        Ok(LoopbackListener {
            listener,
            matcher: RedirectMatcher::new(redirect.clone()),
            origin,
        })
    }

    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.listener.local_addr().ok()
    }

    /// Waits for the browser to come back to the redirect URI, answers it, and returns the
    /// full URL it asked for, with when it arrived. Fails after `deadline`. Each connection
    /// is answered on its own task, so a browser's idle spare socket delays nothing.
    pub async fn wait_for_redirect(
        self,
        deadline: Duration,
    ) -> Result<(Url, Arrival), ConsoleError> {
        let LoopbackListener {
            listener,
            matcher,
            origin,
        } = self;
        let registered = matcher.registered().to_string();
        let context = Arc::new((matcher, origin));
        let (found_tx, mut found_rx) = tokio::sync::mpsc::channel(1);
        let waiting = async {
            loop {
                tokio::select! {
                    found = found_rx.recv() => {
                        if let Some(found) = found {
                            return found;
                        }
                    }
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
                    }
                }
            }
        };
        tokio::time::timeout(deadline, waiting).await.map_err(|_| {
            ConsoleError::new(
                ErrorCode::Timeout,
                format!(
                    "The browser did not come back to {registered} within {} minutes: start a \
                     new test.",
                    deadline.as_secs() / 60
                ),
            )
        })
    }
}

/// Reads one request; answers it; returns its URL when it is the redirect.
async fn answer(
    matcher: &RedirectMatcher,
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
    let found = target.filter(|url| matcher.matches(url));
    let (status, page) = match &found {
        Some(_) => ("200 OK", DONE_PAGE),
        None => ("404 Not Found", NOT_HERE_PAGE),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
    found.map(|url| (url, arrival))
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
        let response = reqwest::Client::new().get(url).send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    #[tokio::test]
    async fn answers_the_browser_and_hands_over_the_redirect_ignoring_other_paths() {
        let port = free_port();
        let redirect = RedirectUri::parse(&format!("http://127.0.0.1:{port}/callback")).unwrap();
        let listener = LoopbackListener::bind(&redirect).await.unwrap();
        let waiting = tokio::spawn(listener.wait_for_redirect(Duration::from_secs(10)));

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
    async fn an_idle_connection_does_not_hold_up_the_redirect() {
        let port = free_port();
        let redirect = RedirectUri::parse(&format!("http://127.0.0.1:{port}/cb")).unwrap();
        let listener = LoopbackListener::bind(&redirect).await.unwrap();
        let waiting = tokio::spawn(listener.wait_for_redirect(Duration::from_secs(10)));
        // A browser's spare socket: connected, silent.
        let _idle = tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .unwrap();
        let started = std::time::Instant::now();
        let (status, _) = get(&format!("http://127.0.0.1:{port}/cb?code=c&state=s")).await;
        assert_eq!(status, 200);
        waiting.await.unwrap().unwrap();
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "answered without waiting on the idle socket"
        );
    }

    #[tokio::test]
    async fn needs_a_loopback_uri_with_a_port_and_gives_up_at_its_deadline() {
        let https = RedirectUri::parse("https://example.com/cb").unwrap();
        assert!(LoopbackListener::bind(&https).await.is_err());
        let no_port = RedirectUri::parse("http://127.0.0.1/cb").unwrap();
        let error = LoopbackListener::bind(&no_port).await.err().unwrap();
        assert!(error.message.contains("no port"), "{}", error.message);

        let port = free_port();
        let redirect = RedirectUri::parse(&format!("http://127.0.0.1:{port}/cb")).unwrap();
        let listener = LoopbackListener::bind(&redirect).await.unwrap();
        let error = listener
            .wait_for_redirect(Duration::from_millis(200))
            .await
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::Timeout);
    }
}
