//! The system clipboard, written from Rust so that copying a kept secret never passes it
//! through the webview. A copied secret is marked for exclusion from clipboard history
//! (and, on Windows, from the cloud clipboard) and cleared after [`SECRET_LIFETIME`],
//! unless something else was copied meanwhile; a clear still pending when the console
//! quits runs then ([`SystemClipboard::clear_pending`]), so a secret never outlives it.

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
    /// Secrets copied and not cleared yet.
    pending: Arc<Mutex<Vec<Secret>>>,
}

impl SystemClipboard {
    /// Puts plain text (an id, a URL) on the clipboard.
    pub fn copy_text(&self, text: &str) -> Result<(), ConsoleError> {
        self.with(|clipboard| clipboard.set_text(text))
    }

    /// What the clipboard holds as text (a redirect URL the user copied), read in Rust so
    /// a code it carries never passes through the webview.
    pub fn read_text(&self) -> Result<String, ConsoleError> {
        let mut text = String::new();
        self.with(|clipboard| {
            text = clipboard.get_text()?;
            Ok(())
        })?;
        Ok(text)
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
            #[cfg(target_os = "windows")]
            {
                // Neither the local clipboard history nor the cloud clipboard keeps it.
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
            #[cfg(not(any(target_os = "linux", target_os = "windows", target_os = "macos")))]
            {
                clipboard.set_text(secret.expose())
            }
        })?;
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

/// What clearing needs of a clipboard (the system's, or a test's).
trait Board {
    fn text(&mut self) -> Option<String>;
    fn clear(&mut self) -> Result<(), String>;
}

impl Board for arboard::Clipboard {
    fn text(&mut self) -> Option<String> {
        self.get_text().ok()
    }

    fn clear(&mut self) -> Result<(), String> {
        arboard::Clipboard::clear(self).map_err(|error| error.to_string())
    }
}

/// Clears `secret` from the clipboard when the clipboard still holds it (a later copy by
/// the user is left alone), and forgets it.
fn clear_if_still_there<B: Board>(
    inner: &Mutex<Option<B>>,
    pending: &Mutex<Vec<Secret>>,
    secret: &Secret,
) {
    if let Ok(mut pending) = pending.lock() {
        pending.retain(|kept| kept != secret);
    }
    let Ok(mut guard) = inner.lock() else { return };
    if let Some(clipboard) = guard.as_mut() {
        if clipboard.text().is_some_and(|now| now == secret.expose()) {
            if let Err(error) = clipboard.clear() {
                tracing::warn!("clearing a copied secret from the clipboard: {error}");
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    struct FakeBoard(Option<String>);

    impl Board for FakeBoard {
        fn text(&mut self) -> Option<String> {
            self.0.clone()
        }

        fn clear(&mut self) -> Result<(), String> {
            self.0 = None;
            Ok(())
        }
    }

    #[test]
    fn a_pending_secret_is_cleared_and_forgotten_and_a_later_copy_is_left_alone() {
        let secret = Secret::new("copied-client-secret-1234");
        let board = Mutex::new(Some(FakeBoard(Some(secret.expose().to_owned()))));
        let pending = Mutex::new(vec![secret.clone()]);
        clear_if_still_there(&board, &pending, &secret);
        assert_eq!(board.lock().unwrap().as_ref().unwrap().0, None);
        assert!(pending.lock().unwrap().is_empty());

        let board = Mutex::new(Some(FakeBoard(Some("the user's own text".to_owned()))));
        let pending = Mutex::new(vec![secret.clone()]);
        clear_if_still_there(&board, &pending, &secret);
        assert_eq!(
            board.lock().unwrap().as_ref().unwrap().0.as_deref(),
            Some("the user's own text")
        );
        assert!(pending.lock().unwrap().is_empty());
    }
}
