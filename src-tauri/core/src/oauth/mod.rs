//! The OAuth 2.0 authorization-code flow, as the console tests it: a plan (authorize
//! URL, `state`, optional PKCE), a redirect matcher that recognises the one URL the
//! platform redirects to, and the callback parser. The exchange and userinfo calls are
//! the platform client's; `Console` strings them together and keeps the timeline.

pub mod callback;
pub mod loopback;
pub mod pkce;
pub mod plan;

pub use callback::{Callback, CallbackMatch, RedirectMatcher};
pub use loopback::{Expected, LoopbackError, LoopbackListener};
pub use pkce::PkceVerifier;
pub use plan::{AuthorizePlan, PlanOptions};

/// How long the platform's authorization codes live (the vendor's OAuth guide).
pub const CODE_LIFETIME: std::time::Duration = std::time::Duration::from_secs(30);

/// When a redirect arrived: the start of its code's 30-second window.
#[derive(Debug, Clone, Copy)]
pub struct Arrival {
    pub instant: std::time::Instant,
    pub at: time::OffsetDateTime,
}

impl Arrival {
    pub fn now() -> Arrival {
        Arrival {
            instant: std::time::Instant::now(),
            at: time::OffsetDateTime::now_utc(),
        }
    }

    /// The arrival as Unix milliseconds (what the GUI's countdown starts from).
    pub fn unix_ms(&self) -> u64 {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        u64::try_from(now.saturating_sub(self.instant.elapsed()).as_millis()).unwrap_or(0)
    }
}
