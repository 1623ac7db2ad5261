//! intandem-sandbox: the inTandem (vcita) platform, emulated on loopback, for tests, the
//! CLI and the console's Sandbox profile. It follows the vendor reference
//! (`shared/api/intandem-platform.openapi.json`) to the letter, quirks included: apps,
//! app tokens, the OAuth API, directory branding, and the brand host's login and consent
//! pages with single-use 30-second codes. An admin API drives the clock, injects faults
//! and reads the (redacted) request log.
//!
//! Embed it with [`Sandbox::start`], or run it with [`run_standalone`]. Tests of other
//! crates can use [`AdminClient`] and [`drive_consent`] (which plays the user in the browser).

mod admin_client;
mod app_body;
mod authorize_request;
mod browser_sessions;
mod clock;
mod consent_driver;
mod error;
mod faults;
mod http;
mod ids;
mod info;
mod launch;
mod launch_driver;
mod model;
mod pages;
mod platform;
mod request_log;
mod routes;
mod sandbox;
mod state;

pub use admin_client::{AdminClient, AdminClientError, CreatedLaunch};
pub use consent_driver::{drive_consent, ConsentDriveError};
pub use error::SandboxError;
pub use faults::{FaultDraws, Faults};
pub use info::SandboxInfo;
pub use launch::{LaunchTrace, StateLook, TraceEvent};
pub use launch_driver::{browse, Browsed, Person};
pub use platform::SandboxSettings;
pub use request_log::LoggedRequest;
pub use routes::ClockReading;
pub use sandbox::{run_standalone, Sandbox, SandboxConfig};
pub use state::seed::{SeededBusiness, SeededLogin};
