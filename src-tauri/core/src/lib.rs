//! intandem-core: everything the console does, with no Tauri dependency.
//! The desktop shell and the `intandem` CLI are thin faces over [`Console`].

/// The vendor reference's enumerations for app fields (`url_params`, `app_type`, …): the
/// repository's one copy, shared with the sandbox.
pub mod app_vocabulary {
    include!("../../../vendor-reference/app_vocabulary.rs");
}
pub mod bindings;
pub mod checks;
pub mod console;
pub mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod launch;
pub mod logging;
pub mod manifest;
pub mod oauth;
pub mod oauth_run;
pub mod platform;
pub mod process_hygiene;
pub mod redirect_uri;
pub mod secret;
pub mod store;
pub mod text;

pub use console::{Console, ConsoleError};
pub use error::{ErrorCode, PlatformError};
pub use secret::{Secret, ShownSecret};
