//! The request log the admin API serves: one entry per non-admin request (method, path,
//! query, status, latency, injected fault), newest last, at most `CAPACITY` entries.
//! Query values that are secrets (codes, state, tokens, secrets, verifiers, passwords)
//! are replaced by `[redacted]`; bodies and headers are never recorded.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

const CAPACITY: usize = 2000;
const REDACTED: &str = "[redacted]";
const SECRET_PARAMS: &[&str] = &[
    "code",
    "state",
    "token",
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "service_secret",
    "code_verifier",
    "password",
    "csrf_token",
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoggedRequest {
    /// Wall-clock time the request arrived (RFC 3339).
    pub at: String,
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub status: u16,
    pub latency_ms: u64,
    /// The injected fault, if any: `latency`, `rate_limited`, `server_error`, `truncated`.
    pub fault: Option<String>,
}

#[derive(Default)]
pub struct RequestLog {
    entries: VecDeque<LoggedRequest>,
}

impl RequestLog {
    pub fn record(&mut self, entry: LoggedRequest) {
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(entry);
    }

    pub fn entries(&self) -> Vec<LoggedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// The query string with the values of secret parameters replaced.
pub fn redact_query(query: &str) -> String {
    let mut out = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if SECRET_PARAMS
            .iter()
            .any(|secret| key.eq_ignore_ascii_case(secret))
        {
            out.append_pair(&key, REDACTED);
        } else {
            out.append_pair(&key, &value);
        }
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_query_values_are_redacted_and_the_rest_kept() {
        let redacted = redact_query(
            "client_id=abc&code=s3cret&state=xyz&redirect_uri=https%3A%2F%2Fa.example%2Fcb&Token=t",
        );
        assert!(
            !redacted.contains("s3cret") && !redacted.contains("xyz") && !redacted.contains("=t&")
        );
        assert!(redacted.contains("client_id=abc"));
        assert!(redacted.contains("redirect_uri=https%3A%2F%2Fa.example%2Fcb"));
        assert_eq!(redacted.matches("%5Bredacted%5D").count(), 3);
    }

    #[test]
    fn the_log_keeps_only_the_newest_entries() {
        let mut log = RequestLog::default();
        for i in 0..CAPACITY + 5 {
            log.record(LoggedRequest {
                at: String::new(),
                method: "GET".into(),
                path: format!("/{i}"),
                query: None,
                status: 200,
                latency_ms: 0,
                fault: None,
            });
        }
        let entries = log.entries();
        assert_eq!(entries.len(), CAPACITY);
        assert_eq!(entries[0].path, "/5");
    }
}
