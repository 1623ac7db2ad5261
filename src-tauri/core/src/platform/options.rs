//! `ClientOptions`: the platform client's timeouts and retry policy, with defaults fit
//! for a person waiting on a desktop app (tests shrink the backoffs).

use std::time::Duration;

/// Timeouts and retries for every platform call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientOptions {
    /// How long to wait for a TCP + TLS connection.
    pub connect_timeout: Duration,
    /// How long one attempt may take, from sending the request to the last byte of the answer.
    pub request_timeout: Duration,
    pub retry: RetryPolicy,
    /// Sent as `User-Agent`.
    pub user_agent: String,
    /// Allow plain http to a platform that is not on this computer (the user opted in for
    /// this profile). Without it every call to such a platform is refused before it is sent,
    /// and the client follows nothing to http: the directory token and client secrets
    /// would cross the network unencrypted. Loopback platforms (the sandbox) need no opt-in.
    pub allow_insecure_http: bool,
    /// The most an answer body may hold; a longer one is refused (`decode`) before or while
    /// it is read, so a broken or hostile server cannot exhaust memory.
    pub max_body_bytes: usize,
    /// Where each attempt is reported, redacted (the request log); none by default.
    pub recorder: Option<super::call_log::Recorder>,
}

/// 16 MiB: the reference's largest answers (an apps list of thousands) are a few MiB.
pub const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(20),
            retry: RetryPolicy::default(),
            user_agent: concat!("intandem-console/", env!("CARGO_PKG_VERSION")).to_owned(),
            allow_insecure_http: false,
            max_body_bytes: MAX_BODY_BYTES,
            recorder: None,
        }
    }
}

/// When and how long to wait before trying a call again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// The wait before the second attempt; it doubles at each further attempt (with jitter).
    pub base_backoff: Duration,
    /// No computed backoff waits longer than this.
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this is not waited out: the call fails at once as
    /// `rate_limited`, carrying the wait the platform asked for, so the person decides.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}
