//! One HTTP exchange with the platform, and the retry loop around it: timeouts on every
//! attempt, backoff and `Retry-After` per [`super::retry::decide`], and debug logs of
//! method, path, status and latency (never headers, never bodies).

use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, ACCEPT, CONTENT_TYPE, RETRY_AFTER};
use time::OffsetDateTime;
use tracing::debug;
use url::Url;

use super::endpoint::Endpoint;
use super::envelope::capitalized;
use super::options::ClientOptions;
use super::retry::{decide, parse_retry_after, AttemptFailure, Decision};
use super::vendor_error;
use crate::error::{ErrorCode, PlatformError};
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
}

impl Transport {
    pub fn new(api_base: Url, options: ClientOptions) -> Self {
        let http = reqwest::Client::builder()
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .user_agent(options.user_agent.clone())
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
        let result: Result<_, (Option<u16>, reqwest::Error)> = async {
            let response = request.send().await.map_err(|e| (None, e))?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response.bytes().await.map_err(|e| (Some(status), e))?;
            Ok((status, headers, body.to_vec()))
        }
        .await;
        let latency_ms = started.elapsed().as_millis() as u64;
        match result {
            Ok((status, headers, body)) => {
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
