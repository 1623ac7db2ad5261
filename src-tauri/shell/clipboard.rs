//! The system clipboard, written from Rust so that copying a kept secret never passes it
//! through the webview. A copied secret is marked for exclusion from clipboard history
//! and cleared after [`SECRET_LIFETIME`], unless something else was copied meanwhile.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use intandem_core::{ConsoleError, ErrorCode, Secret};

/// How long a copied secret stays on the clipboard.
pub const SECRET_LIFETIME: Duration = Duration::from_secs(30);

/// The process's clipboard. X11 and Wayland clipboards are served by the process that
/// owns their content, so one `arboard::Clipboard` is kept for the app's whole life.
#[derive(Default)]
pub struct SystemClipboard {
    inner: Arc<Mutex<Option<arboard::Clipboard>>>,
}

impl SystemClipboard {
    /// Puts plain text (an id, a URL) on the clipboard.
    pub fn copy_text(&self, text: &str) -> Result<(), ConsoleError> {
        self.with(|clipboard| clipboard.set_text(text))
    }

    /// Puts a secret on the clipboard and clears it after `lifetime`, when the clipboard
    /// still holds it then (a later copy by the user is left alone).
    pub fn copy_secret(&self, secret: Secret, lifetime: Duration) -> Result<(), ConsoleError> {
        self.with(|clipboard| {
            #[cfg(target_os = "linux")]
            {
                use arboard::SetExtLinux;
                clipboard
                    .set()
                    .exclude_from_history()
                    .text(secret.expose().to_owned())
            }
            #[cfg(not(target_os = "linux"))]
            {
                clipboard.set_text(secret.expose())
            }
        })?;
        let inner = Arc::clone(&self.inner);
        std::thread::spawn(move || {
            std::thread::sleep(lifetime);
            let Ok(mut guard) = inner.lock() else { return };
            if let Some(clipboard) = guard.as_mut() {
                if clipboard.get_text().is_ok_and(|now| now == secret.expose()) {
                    if let Err(error) = clipboard.clear() {
                        tracing::warn!("clearing a copied secret from the clipboard: {error}");
                    }
                }
            }
        });
        Ok(())
    }

    fn with(
        &self,
        write: impl FnOnce(&mut arboard::Clipboard) -> Result<(), arboard::Error>,
    ) -> Result<(), ConsoleError> {
        let mut guard = self.inner.lock().map_err(|_| {
            ConsoleError::new(
                ErrorCode::Internal,
                "The clipboard is unavailable: restart the console.",
            )
        })?;
        if guard.is_none() {
            *guard = Some(arboard::Clipboard::new().map_err(unavailable)?);
        }
        let clipboard = guard.as_mut().expect("set just above");
        write(clipboard).map_err(unavailable)
    }
}

fn unavailable(error: arboard::Error) -> ConsoleError {
    // arboard's errors describe the clipboard, never its content.
    ConsoleError::new(
        ErrorCode::Internal,
        format!(
            "The system clipboard could not be written ({error}): select the value and copy it by \
         hand, or try again."
        ),
    )
}

/// How long a copied secret stays: [`SECRET_LIFETIME`], or `INTANDEM_CLIPBOARD_CLEAR_SECS`
/// (the end-to-end tests shorten it to watch it being cleared).
pub fn secret_lifetime() -> Duration {
    std::env::var("INTANDEM_CLIPBOARD_CLEAR_SECS")
        .ok()
        .and_then(|secs| secs.parse().ok())
        .map(Duration::from_secs)
        .unwrap_or(SECRET_LIFETIME)
}
