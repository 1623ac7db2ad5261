//! The sandbox's launch trace, as the console reads it (`GET /__admin/launches/{id}`):
//! what a partner's app did after "Open app", as the platform saw it. Read leniently: an
//! event of a kind this console does not know is kept as `Other` and ignored.

use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
pub struct LaunchTrace {
    pub launch_id: String,
    pub app_code_name: String,
    pub client_id: String,
    pub business_uid: String,
    pub staff_uid: String,
    /// `host[:port]` of the brand host the app was opened from.
    pub brand_host: String,
    pub app_host: String,
    #[serde(default)]
    pub events: Vec<TraceEvent>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TraceEvent {
    LoginShown {},
    Launched {},
    Authorize {
        host: String,
        #[serde(default)]
        client_id: Option<String>,
        #[serde(default)]
        redirect_uri: Option<String>,
        #[serde(default)]
        redirect_uri_registered: bool,
        #[serde(default)]
        state: Option<StateLook>,
        #[serde(default)]
        pkce: bool,
        outcome: String,
        #[serde(default)]
        detail: Option<String>,
    },
    Decision {
        approved: bool,
    },
    CodeIssued {
        #[serde(default)]
        probe: bool,
    },
    Exchange {
        #[serde(default)]
        probe: bool,
        #[serde(default)]
        code_age_secs: Option<i64>,
        #[serde(default)]
        same_redirect_uri: Option<bool>,
        #[serde(default)]
        client_authenticated: bool,
        #[serde(default)]
        reused: bool,
        outcome: String,
    },
    Userinfo {
        ok: bool,
    },
    ApiCall {
        method: String,
        path: String,
    },
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StateLook {
    pub chars: usize,
    #[serde(default)]
    pub estimated_bits: u32,
}

impl LaunchTrace {
    /// Whether the app's flow has come to an end the console can judge: the user's info
    /// was read, the user denied, the platform showed an error page or refused the
    /// exchange. (The caller also stops at its deadline.)
    pub fn flow_ended(&self) -> bool {
        self.events.iter().any(|event| match event {
            TraceEvent::Userinfo { .. } => true,
            TraceEvent::Decision { approved } => !approved,
            TraceEvent::Authorize { outcome, .. } => outcome.starts_with("error"),
            TraceEvent::Exchange { probe, outcome, .. } => !probe && outcome != "ok",
            _ => false,
        })
    }

    /// The flow's own authorize requests and exchanges (not the probe's).
    pub fn authorizes(&self) -> impl Iterator<Item = &TraceEvent> {
        self.events
            .iter()
            .filter(|e| matches!(e, TraceEvent::Authorize { .. }))
    }
}
