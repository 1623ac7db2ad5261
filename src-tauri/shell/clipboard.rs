//! The system clipboard, written from Rust so that copying a kept secret never passes it
//! through the webview. A copied secret is marked for exclusion from clipboard history
//! and cleared after [`SECRET_LIFETIME`], unless something else was copied meanwhile; a
//! clear still pending when the console quits runs then
//! ([`SystemClipboard::clear_pending`]), so a secret never outlives it.
//!
//! On Linux through GTK's clipboard (clipboard_gtk.rs): the toolkit the windows are drawn
//! with, on X11 and Wayland alike. Elsewhere through arboard (clipboard_arboard.rs).

use std::time::Duration;

use intandem_core::{ConsoleError, ErrorCode};

#[cfg(not(target_os = "linux"))]
#[path = "clipboard_arboard.rs"]
mod system;
#[cfg(target_os = "linux")]
#[path = "clipboard_gtk.rs"]
mod system;

pub use system::SystemClipboard;

/// How long a copied secret stays on the clipboard.
pub const SECRET_LIFETIME: Duration = Duration::from_secs(30);

/// How long a copied secret stays: [`SECRET_LIFETIME`], or `INTANDEM_CLIPBOARD_CLEAR_SECS`
/// (the end-to-end tests shorten it to watch it being cleared).
pub fn secret_lifetime() -> Duration {
    std::env::var("INTANDEM_CLIPBOARD_CLEAR_SECS")
        .ok()
        .and_then(|secs| secs.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(SECRET_LIFETIME)
}

/// The clipboard could not be written; `detail` describes the clipboard, never its content.
fn not_written(detail: impl std::fmt::Display) -> ConsoleError {
    ConsoleError::new(
        ErrorCode::Internal,
        format!(
            "The system clipboard could not be written ({detail}): select the value and copy it \
             by hand, or try again."
        ),
    )
}

/// The clipboard could not be read, or holds no text.
fn not_read(detail: impl std::fmt::Display) -> ConsoleError {
    ConsoleError::new(
        ErrorCode::InvalidInput,
        format!(
            "The clipboard could not be read ({detail}): copy the address again, or paste it \
             into the field by hand."
        ),
    )
}
