//! The clipboard on Windows and macOS, through arboard (see clipboard.rs; Linux has
//! clipboard_gtk.rs). One `arboard::Clipboard` is kept for the app's whole life. A copied
//! secret is excluded from clipboard history (and, on Windows, from the cloud clipboard);
//! it is cleared after its lifetime if the clipboard still holds it.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use intandem_core::{ConsoleError, Secret};
use tauri::AppHandle;

use super::{not_read, not_written};

/// The process's clipboard (managed state).
#[derive(Default)]
pub struct SystemClipboard {
    inner: Arc<Mutex<Option<arboard::Clipboard>>>,
    /// Secrets copied and not cleared yet.
    pending: Arc<Mutex<Vec<Secret>>>,
}

impl SystemClipboard {
    /// Puts plain text (an id, a URL) on the clipboard.
    pub async fn copy_text(&self, _app: &AppHandle, text: String) -> Result<(), ConsoleError> {
        self.with(|clipboard| clipboard.set_text(text))
            .map_err(not_written)
    }

    /// What the clipboard holds as text (a redirect URL the user copied).
    pub async fn read_text(&self, _app: &AppHandle) -> Result<String, ConsoleError> {
        let mut text = String::new();
        self.with(|clipboard| {
            text = clipboard.get_text()?;
            Ok(())
        })
        .map_err(not_read)?;
        Ok(text)
    }

    /// Puts a secret on the clipboard and clears it after `lifetime`, when the clipboard
    /// still holds it then (a later copy by the user is left alone).
    pub async fn copy_secret(
        &self,
        _app: &AppHandle,
        secret: Secret,
        lifetime: Duration,
    ) -> Result<(), ConsoleError> {
        self.with(|clipboard| {
            #[cfg(target_os = "windows")]
            {
                use arboard::SetExtWindows;
                clipboard
                    .set()
                    .exclude_from_monitoring()
                    .text(secret.expose().to_owned())
            }
            #[cfg(target_os = "macos")]
            {
                use arboard::SetExtApple;
                clipboard
                    .set()
                    .exclude_from_history()
                    .text(secret.expose().to_owned())
            }
            #[cfg(not(any(target_os = "windows", target_os = "macos")))]
            {
                clipboard.set_text(secret.expose())
            }
        })
        .map_err(not_written)?;
        if let Ok(mut pending) = self.pending.lock() {
            pending.push(secret.clone());
        }
        let inner = Arc::clone(&self.inner);
        let pending = Arc::clone(&self.pending);
        std::thread::spawn(move || {
            std::thread::sleep(lifetime);
            clear_if_still_there(&inner, &pending, &secret);
        });
        Ok(())
    }

    /// Clears every copied secret whose timer has not run yet, if the clipboard still
    /// holds it. Called when the console quits.
    pub fn clear_pending(&self) {
        let secrets: Vec<Secret> = match self.pending.lock() {
            Ok(pending) => pending.clone(),
            Err(_) => return,
        };
        for secret in &secrets {
            clear_if_still_there(&self.inner, &self.pending, secret);
        }
    }

    fn with(
        &self,
        work: impl FnOnce(&mut arboard::Clipboard) -> Result<(), arboard::Error>,
    ) -> Result<(), String> {
        let mut guard = self
            .inner
            .lock()
            .map_err(|_| "restart the console".to_owned())?;
        if guard.is_none() {
            // arboard's errors describe the clipboard, never its content.
            *guard = Some(arboard::Clipboard::new().map_err(|error| error.to_string())?);
        }
        let clipboard = guard.as_mut().expect("set just above");
        work(clipboard).map_err(|error| error.to_string())
    }
}

/// Clears `secret` from the clipboard when the clipboard still holds it, and forgets it.
fn clear_if_still_there(
    inner: &Mutex<Option<arboard::Clipboard>>,
    pending: &Mutex<Vec<Secret>>,
    secret: &Secret,
) {
    if let Ok(mut pending) = pending.lock() {
        pending.retain(|kept| kept != secret);
    }
    let Ok(mut guard) = inner.lock() else { return };
    if let Some(clipboard) = guard.as_mut() {
        if clipboard.get_text().is_ok_and(|now| now == secret.expose()) {
            if let Err(error) = clipboard.clear() {
                tracing::warn!("clearing a copied secret from the clipboard: {error}");
            }
        }
    }
}
