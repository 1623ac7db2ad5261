//! App launches ("Open app") and what the partner's app did after each one, as the
//! platform sees it: the integration trace.
//!
//! A launch is made through the admin API for an app, a business where it is installed
//! and one of the business's staff; its page on the brand host (`/app/launch/{id}`) signs
//! that staff member in and redirects to the app's `app_host`. From then on every
//! platform request of the app's client is written to the launch's trace: the authorize
//! request (on which host, with which parameters), the consent, the code, the exchange
//! (how old the code was, which `redirect_uri`, a second use), `/oauth/userinfo` and any
//! later API call made with the token. Requests are tied to a launch by the code and
//! token it produced, or, before there is one, by the client id of the app launched last.
//! Kept in memory: a trace is read right after its launch.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// How long a launch still takes its app's requests (the console waits 2 minutes).
const OPEN_FOR: time::Duration = time::Duration::minutes(15);
/// Launches kept; older ones are forgotten.
const KEPT: usize = 200;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LaunchTrace {
    pub launch_id: String,
    pub app_code_name: String,
    pub client_id: String,
    pub business_uid: String,
    pub staff_uid: String,
    /// `host[:port]` the launch was made on: where the app must send the user to authorize.
    pub brand_host: String,
    pub launch_url: String,
    pub app_host: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    pub events: Vec<TraceEvent>,
}

/// One thing the app (or the user, in the app's flow) did, as the platform saw it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TraceEvent {
    /// The launch page asked the staff member to sign in.
    LoginShown {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// The launch page sent the browser to the app.
    Launched {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        app_host: String,
    },
    /// The app sent the browser to the authorize URL.
    Authorize {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        /// The `Host` the request came to.
        host: String,
        client_id: Option<String>,
        redirect_uri: Option<String>,
        /// `redirect_uri` is, character for character, one of the app's.
        redirect_uri_registered: bool,
        response_type: Option<String>,
        state: Option<StateLook>,
        pkce: bool,
        /// What the platform did: `login`, `consent`, `code`, `error_page`, `error_redirect`.
        outcome: String,
        /// Why, for an error page or redirect.
        detail: Option<String>,
    },
    /// The user answered the consent page.
    Decision {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        approved: bool,
    },
    /// A code was issued (by the flow, or for the console's state probe).
    CodeIssued {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        redirect_uri: String,
        probe: bool,
    },
    /// The app's back end asked `/oauth/token` for a token.
    Exchange {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        /// The code was the console's probe (sent with a state the app never issued).
        probe: bool,
        /// Seconds between the code's issue and this exchange.
        code_age_secs: Option<i64>,
        redirect_uri: Option<String>,
        /// The same `redirect_uri` as the authorize request that produced the code.
        same_redirect_uri: Option<bool>,
        client_authenticated: bool,
        /// The code had been exchanged before.
        reused: bool,
        /// `ok`, or the OAuth error the platform answered (`invalid_grant: …`).
        outcome: String,
    },
    /// `/oauth/userinfo` with the token the flow produced.
    Userinfo {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        ok: bool,
    },
    /// Another API call with that token.
    ApiCall {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
        method: String,
        path: String,
    },
}

/// What a `state` looks like, without the value itself.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StateLook {
    pub chars: usize,
    pub distinct_chars: usize,
    /// Length × log2 of the alphabet its characters come from (digits, hex, letters…).
    pub estimated_bits: u32,
}

impl StateLook {
    pub fn of(state: &str) -> StateLook {
        let chars: Vec<char> = state.chars().collect();
        let mut distinct = chars.clone();
        distinct.sort_unstable();
        distinct.dedup();
        let alphabet: f64 = if chars.iter().all(char::is_ascii_digit) {
            10.0
        } else if chars.iter().all(char::is_ascii_hexdigit) {
            16.0
        } else if chars
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        {
            64.0
        } else {
            94.0
        };
        // A value built from very few distinct characters is barely random, whatever its length.
        let per_char = alphabet.min(distinct.len().max(1) as f64 * 2.0).log2();
        StateLook {
            chars: chars.len(),
            distinct_chars: distinct.len(),
            estimated_bits: (chars.len() as f64 * per_char).floor() as u32,
        }
    }
}

#[derive(Default)]
pub struct Launches {
    traces: Vec<LaunchTrace>,
}

impl Launches {
    pub fn add(&mut self, trace: LaunchTrace) {
        if self.traces.len() >= KEPT {
            self.traces.remove(0);
        }
        self.traces.push(trace);
    }

    pub fn get(&self, launch_id: &str) -> Option<&LaunchTrace> {
        self.traces.iter().find(|t| t.launch_id == launch_id)
    }

    /// The launch still open for `client_id` (the latest one), if any.
    pub fn open_for(&self, client_id: &str, now: OffsetDateTime) -> Option<String> {
        self.traces
            .iter()
            .rev()
            .find(|t| t.client_id == client_id && now - t.created_at < OPEN_FOR)
            .map(|t| t.launch_id.clone())
    }

    pub fn record(&mut self, launch_id: &str, event: TraceEvent) {
        if let Some(trace) = self.traces.iter_mut().find(|t| t.launch_id == launch_id) {
            trace.events.push(event);
        }
    }

    pub fn clear(&mut self) {
        self.traces.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_is_described_by_its_length_and_how_random_it_looks() {
        let random = StateLook::of("k2J9_x8QwLr4Zt7pV1nB0aYcM5dE3fG6");
        assert_eq!(random.chars, 32);
        assert!(random.estimated_bits >= 128, "{random:?}");
        let weak = StateLook::of("12345");
        assert!(weak.estimated_bits < 20, "{weak:?}");
        let repeated = StateLook::of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assert!(repeated.estimated_bits <= 32, "{repeated:?}");
    }
}
