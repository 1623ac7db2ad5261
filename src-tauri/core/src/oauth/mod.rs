//! The OAuth 2.0 authorization-code flow, as the console tests it: a plan (authorize
//! URL, `state`, optional PKCE), a redirect matcher that recognises the one URL the
//! platform redirects to, and the callback parser. The exchange and userinfo calls are
//! the platform client's; `Console` strings them together and keeps the timeline.

pub mod callback;
pub mod loopback;
pub mod pkce;
pub mod plan;

pub use callback::{Callback, CallbackMatch, RedirectMatcher};
pub use loopback::LoopbackListener;
pub use pkce::PkceVerifier;
pub use plan::{AuthorizePlan, PlanOptions};

/// How long the platform's authorization codes live (the vendor's OAuth guide).
pub const CODE_LIFETIME: std::time::Duration = std::time::Duration::from_secs(30);
