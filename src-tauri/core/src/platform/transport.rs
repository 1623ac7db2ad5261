//! One HTTP exchange with the platform, and the retry loop around it: timeouts on every
//! attempt, backoff and `Retry-After` per [`super::retry::decide`], and debug logs of
//! method, path, status and latency (never headers, never bodies).
//!
//! What the client refuses, whatever the server does: plain http to a host that is not
//! this computer (unless the profile opted in), any redirect (a 3xx is an error naming
//! where it pointed; following it could carry the bearer token or a client secret to
//! another host), and an answer body over `max_body_bytes` (refused by its
//! `Content-Length`, or cut off while it streams).

use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use time::OffsetDateTime;
use tracing::debug;
use url::Url;

use super::call_log::{app_of, logged_body, logged_path, LoggedCall};
use super::endpoint::Endpoint;
use super::options::ClientOptions;
use super::retry::{decide, parse_retry_after, AttemptFailure, Decision};
use super::vendor_error;
use crate::error::{ErrorCode, PlatformError};
use crate::store::redaction::REDACTED;
use crate::text::capitalized;
use crate::Secret;

/// A request to send: the endpoint, its path segments below the API base, and what to carry.
pub(crate) struct Call<'a> {
    pub endpoint: Endpoint,
    pub path: Vec<&'a str>,
    pub query: Vec<(&'static str, String)>,
    /// Serialized JSON. Bodies that hold a secret are built in `request_bodies`.
    pub body: Option<Vec<u8>>,
    pub bearer: Option<&'a Secret>,
}

impl<'a> Call<'a> {
    pub fn new(endpoint: Endpoint, path: &[&'a str]) -> Self {
        Self {
            endpoint,
            path: path.to_vec(),
            query: Vec::new(),
            body: None,
            bearer: None,
        }
    }

    pub fn bearer(mut self, token: &'a Secret) -> Self {
        self.bearer = Some(token);
        self
    }

    pub fn query(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }

    pub fn json_body(mut self, body: Vec<u8>) -> Self {
        self.body = Some(body);
        self
    }
}

/// A 2xx answer, read to its end.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: u16,
    pub body: Vec<u8>,
}

/// A call that failed for good, and whether the platform may have acted on it anyway.
#[derive(Debug)]
pub(crate) struct CallFailure {
    pub error: PlatformError,
    /// True after a timeout, a connection broken after sending, or a 5xx: the write may
    /// have been applied. False when the platform refused (4xx) or was never reached.
    pub maybe_applied: bool,
}

impl From<CallFailure> for PlatformError {
    fn from(failure: CallFailure) -> Self {
        failure.error
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Transport {
    http: reqwest::Client,
    api_base: Url,
    options: ClientOptions,
}

/// What one attempt produced.
enum Attempt {
    Answered {
        status: u16,
        headers: HeaderMap,
        body: Vec<u8>,
    },
    Failed {
        failure: AttemptFailure,
        error: reqwest::Error,
    },
    /// The answer was longer than the limit: it was not read (or not read to its end).
    TooLarge { status: u16, declared: Option<u64> },
}

impl Transport {
    pub fn new(api_base: Url, options: ClientOptions) -> Self {
        let http = crate::platform::http_client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .user_agent(options.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none())
            .https_only(https_only(&api_base, &options))
            .build()
            // Building only fails when the TLS backend cannot start; the per-request
            // timeout set in `attempt` still bounds every call on the fallback client.
            .unwrap_or_default();
        Self {
            http,
            api_base,
            options,
        }
    }

    pub fn api_base(&self) -> &Url {
        &self.api_base
    }

    pub fn options(&self) -> &ClientOptions {
        &self.options
    }

    /// Sends `call`, retrying as its endpoint allows, until a 2xx answer or a final failure.
    pub async fn send(&self, call: &Call<'_>) -> Result<Answer, CallFailure> {
        let url = self.url(call)?;
        let class = call.endpoint.retry_class();
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = self.attempt(call, &url, attempt).await;
            let (failure, retry_after) = match &outcome {
                Attempt::Answered { status, body, .. } if (200..300).contains(status) => {
                    if !is_cut_off(body) {
                        return Ok(Answer {
                            status: *status,
                            body: body.clone(),
                        });
                    }
                    // Cut off on the way: a read may try again; a write reconciles.
                    (AttemptFailure::MaybeSent, None)
                }
                Attempt::Answered {
                    status, headers, ..
                } => (AttemptFailure::Status(*status), retry_after(headers)),
                Attempt::Failed { failure, .. } => (*failure, None),
                // Asking again brings the same answer.
                Attempt::TooLarge { .. } => return self.give_up(call.endpoint, outcome, attempt),
            };
            match decide(&self.options.retry, class, attempt, failure, retry_after) {
                Decision::RetryAfter(wait) => {
                    debug!(endpoint = ?call.endpoint, attempt, wait_ms = wait.as_millis() as u64, "platform call will be retried");
                    tokio::time::sleep(wait).await;
                }
                Decision::GiveUp => return self.give_up(call.endpoint, outcome, attempt),
            }
        }
    }

    async fn attempt(&self, call: &Call<'_>, url: &Url, attempt: u32) -> Attempt {
        let method = call.endpoint.method();
        let mut request = self
            .http
            .request(method.clone(), url.clone())
            .timeout(self.options.request_timeout)
            .header(ACCEPT, "application/json");
        if let Some(token) = call.bearer {
            request = request.bearer_auth(token.expose());
        }
        if let Some(body) = &call.body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.clone());
        }
        let started = Instant::now();
        let limit = self.options.max_body_bytes;
        let result: Result<_, (Option<u16>, reqwest::Error)> = async {
            let mut response = request.send().await.map_err(|e| (None, e))?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let declared = response.content_length();
            if declared.is_some_and(|length| length > limit as u64) {
                return Ok(Err(Attempt::TooLarge { status, declared }));
            }
            let mut body = Vec::with_capacity(declared.unwrap_or(0) as usize);
            while let Some(chunk) = response.chunk().await.map_err(|e| (Some(status), e))? {
                if body.len() + chunk.len() > limit {
                    return Ok(Err(Attempt::TooLarge { status, declared }));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(Ok((status, headers, body)))
        }
        .await;
        let latency_ms = started.elapsed().as_millis() as u64;
        if let Some(recorder) = &self.options.recorder {
            let (status, body, error) = match &result {
                Ok(Ok((status, _, body))) => (Some(*status), logged_body(body), None),
                Ok(Err(Attempt::TooLarge { status, declared })) => (
                    Some(*status),
                    Some(format!(
                        "(longer than {} bytes{}: not read)",
                        limit,
                        declared
                            .map(|d| format!(", {d} declared"))
                            .unwrap_or_default()
                    )),
                    None,
                ),
                Ok(Err(_)) => (None, None, None),
                Err((status, error)) => (
                    *status,
                    None,
                    Some(if error.is_timeout() {
                        format!(
                            "no answer within {} s",
                            self.options.request_timeout.as_secs()
                        )
                    } else if error.is_connect() {
                        "the connection was refused or could not be made".to_owned()
                    } else {
                        "the connection broke".to_owned()
                    }),
                ),
            };
            let mut headers = vec![("Accept".to_owned(), "application/json".to_owned())];
            if call.body.is_some() {
                headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
            }
            if call.bearer.is_some() {
                headers.push(("Authorization".to_owned(), format!("Bearer {REDACTED}")));
            }
            recorder.0.record(LoggedCall {
                at: time::OffsetDateTime::now_utc(),
                action: call.endpoint.action().to_owned(),
                method: method.to_string(),
                path: logged_path(url),
                app_code_name: app_of(&call.path, call.body.as_deref()),
                status,
                duration_ms: latency_ms,
                attempt,
                error,
                request_headers: headers,
                request_body: call.body.as_deref().and_then(logged_body),
                response_body: body,
            });
        }
        match result {
            Ok(Err(too_large)) => {
                debug!(%method, path = url.path(), latency_ms, attempt, limit, "platform answer too large");
                too_large
            }
            Ok(Ok((status, headers, body))) => {
                debug!(%method, path = url.path(), status, latency_ms, attempt, "platform call");
                Attempt::Answered {
                    status,
                    headers,
                    body,
                }
            }
            Err((status, error)) => {
                let failure = if error.is_connect() {
                    AttemptFailure::NotSent
                } else {
                    AttemptFailure::MaybeSent
                };
                debug!(%method, path = url.path(), status = ?status, latency_ms, attempt, failure = ?failure, timeout = error.is_timeout(), "platform call failed");
                Attempt::Failed { failure, error }
            }
        }
    }

    fn url(&self, call: &Call<'_>) -> Result<Url, CallFailure> {
        if self.api_base.scheme() == "http" && https_only(&self.api_base, &self.options) {
            return Err(CallFailure {
                error: PlatformError::new(
                    ErrorCode::InvalidInput,
                    format!(
                        "{} was not attempted: the profile's API address {} is plain http to \
                         another computer, so the directory token would cross the network \
                         unencrypted; change it to https (or allow insecure http for this profile).",
                        capitalized(call.endpoint.action()),
                        self.api_base.as_str()
                    ),
                ),
                maybe_applied: false,
            });
        }
        let mut url = self.api_base.clone();
        let usable = matches!(url.scheme(), "http" | "https") && url.has_host();
        match url.path_segments_mut() {
            Ok(mut segments) if usable => {
                segments.pop_if_empty().extend(&call.path);
            }
            _ => {
                return Err(CallFailure {
                    error: PlatformError::new(
                        ErrorCode::InvalidInput,
                        format!(
                            "{} was not attempted: the profile's API address {:?} is not an http(s) URL; \
                             correct it in the profile (for example https://api.vcita.biz).",
                            capitalized(call.endpoint.action()),
                            self.api_base.as_str()
                        ),
                    ),
                    maybe_applied: false,
                })
            }
        }
        if !call.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&call.query);
        }
        Ok(url)
    }

    /// The last attempt's outcome as the call's result. A 2xx answer is returned even if
    /// cut off: the envelope names what is wrong with it, and a create reconciles.
    fn give_up(
        &self,
        endpoint: Endpoint,
        outcome: Attempt,
        attempts: u32,
    ) -> Result<Answer, CallFailure> {
        match outcome {
            Attempt::Answered { status, body, .. } if (200..300).contains(&status) => {
                Ok(Answer { status, body })
            }
            Attempt::Answered {
                status, headers, ..
            } if (300..400).contains(&status) => Err(CallFailure {
                error: redirect_error(endpoint, status, &headers),
                maybe_applied: false,
            }),
            Attempt::TooLarge { status, declared } => Err(CallFailure {
                error: too_large_error(endpoint, declared, self.options.max_body_bytes),
                // A write answered 2xx was applied; only its answer is unusable.
                maybe_applied: (200..300).contains(&status),
            }),
            Attempt::Answered {
                status,
                headers,
                body,
            } => Err(CallFailure {
                error: vendor_error::from_status(
                    endpoint,
                    status,
                    &body,
                    retry_after(&headers),
                    attempts,
                ),
                maybe_applied: status >= 500,
            }),
            Attempt::Failed { failure, error } => Err(CallFailure {
                error: self.transport_error(endpoint, failure, &error, attempts),
                maybe_applied: failure != AttemptFailure::NotSent,
            }),
        }
    }

    fn transport_error(
        &self,
        endpoint: Endpoint,
        failure: AttemptFailure,
        error: &reqwest::Error,
        attempts: u32,
    ) -> PlatformError {
        let host = self.api_base.host_str().unwrap_or("the platform");
        let action = capitalized(endpoint.action());
        let tries = if attempts > 1 {
            format!(" after {attempts} attempts")
        } else {
            String::new()
        };
        let reason = innermost_reason(error);
        let seconds = |d: Duration| d.as_secs_f64();
        if error.is_timeout() {
            let (what, limit) = if failure == AttemptFailure::NotSent {
                ("no connection to", self.options.connect_timeout)
            } else {
                ("no answer from", self.options.request_timeout)
            };
            return PlatformError::new(
                ErrorCode::Timeout,
                format!(
                    "{action} failed{tries}: {what} {host} within {} s; try again, and check the \
                     network or the platform's status if it keeps happening.",
                    seconds(limit)
                ),
            );
        }
        let what = if failure == AttemptFailure::NotSent {
            format!("{host} could not be reached ({reason}); check the network connection and the profile's API address, then try again")
        } else {
            format!(
                "the connection to {host} broke before the answer arrived ({reason}); try again"
            )
        };
        PlatformError::new(
            ErrorCode::Network,
            format!("{action} failed{tries}: {what}."),
        )
    }
}

/// Whether the client must refuse plain http for this platform: always, unless it is on
/// this computer or the profile opted in.
fn https_only(api_base: &Url, options: &ClientOptions) -> bool {
    !options.allow_insecure_http && !crate::redirect_uri::is_loopback(api_base)
}

fn redirect_error(endpoint: Endpoint, status: u16, headers: &HeaderMap) -> PlatformError {
    let target = headers
        .get(reqwest::header::LOCATION)
        .and_then(|value| value.to_str().ok())
        .map(|location| match Url::parse(location) {
            Ok(url) => url.host_str().unwrap_or("another address").to_owned(),
            // A relative Location stays on the platform's own host.
            Err(_) => "another path on the same host".to_owned(),
        })
        .unwrap_or_else(|| "an address it did not give".to_owned());
    PlatformError::new(
        ErrorCode::Decode,
        format!(
            "{} failed: the platform answered with a redirect (HTTP {status}) to {target}, and \
             the console follows no redirects (one could carry your token elsewhere), so nothing \
             was sent there; check the profile's API address.",
            capitalized(endpoint.action())
        ),
    )
    .with_status(status)
}

fn too_large_error(endpoint: Endpoint, declared: Option<u64>, limit: usize) -> PlatformError {
    let limit = size_words(limit as u64);
    let what = match declared {
        Some(length) => format!(
            "the platform's answer is {}, over the {limit} this console reads, so it was not read",
            size_words(length)
        ),
        None => format!(
            "the platform's answer went on past the {limit} this console reads, so reading it stopped"
        ),
    };
    PlatformError::new(
        ErrorCode::Decode,
        format!(
            "{} failed: {what}; try again later, and report it to the platform if it persists.",
            capitalized(endpoint.action())
        ),
    )
}

/// "100.0 MiB", "64 KiB".
fn size_words(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// A JSON body that ends before its last closing bracket (a proxy or the server cut it).
fn is_cut_off(body: &[u8]) -> bool {
    !body.is_empty()
        && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_err_and(|e| e.is_eof())
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()
        .and_then(|value| parse_retry_after(value, OffsetDateTime::now_utc()))
}

/// The root cause's own words ("Connection refused (os error 111)"); reqwest's outer
/// message repeats the URL, which the message already names by host.
fn innermost_reason(error: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}
