//! The clipboard on Linux, through GTK's (see clipboard.rs): the toolkit the windows are
//! drawn with, so it works wherever they do (X11, Wayland) with no second connection to
//! the display. GTK's clipboard lives on the main thread: each call is sent there and its
//! answer awaited. A copied secret is offered as text and with KDE's password-manager
//! hint (`x-kde-passwordManagerHint: secret`), which clipboard managers read as "keep out
//! of history"; GTK drops the copy (and the secret) as soon as anything else takes the
//! clipboard, which is how a timer knows a later copy must be left alone.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gtk::{gdk, glib, TargetEntry, TargetFlags};
use intandem_core::{ConsoleError, Secret};
use tauri::AppHandle;

use super::{not_read, not_written};

/// The text targets GTK itself offers for copied text (a secret's also gets the history
/// hint, added after them).
const TEXT_TARGETS: [&str; 6] = [
    "UTF8_STRING",
    "text/plain;charset=utf-8",
    "TEXT",
    "COMPOUND_TEXT",
    "STRING",
    "text/plain",
];
const HISTORY_HINT: &str = "x-kde-passwordManagerHint";
/// The `info` of the history hint's target (the text targets have 0).
const HINT: u32 = 1;
const NO_ANSWER: &str = "the window's main loop did not answer";

/// The process's clipboard (managed state).
#[derive(Default)]
pub struct SystemClipboard {
    /// Whether the clipboard still holds the last secret copied, if one was.
    last_secret: Mutex<Option<Held>>,
}

/// True while the clipboard holds one copied secret; set false when GTK drops the copy.
#[derive(Clone, Default)]
struct Held(Arc<AtomicBool>);

impl Held {
    fn get(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Owned by a copy's data: dropped (by GTK, when the clipboard changes hands or is
/// cleared) with the secret it serves.
struct HeldWhileAlive(Held);

impl Drop for HeldWhileAlive {
    fn drop(&mut self) {
        self.0 .0.store(false, Ordering::SeqCst);
    }
}

impl SystemClipboard {
    /// Puts plain text (an id, a URL) on the clipboard.
    pub async fn copy_text(&self, app: &AppHandle, text: String) -> Result<(), ConsoleError> {
        on_main_thread(app, move |clipboard| clipboard.set_text(&text))
            .await
            .map_err(not_written)
    }

    /// What the clipboard holds as text (a redirect URL the user copied), read in Rust so
    /// a code it carries never passes through the webview. Asked with a callback, not GTK's `wait_for_text`, whose nested main loop would
    /// re-enter the window's event loop.
    pub async fn read_text(&self, app: &AppHandle) -> Result<String, ConsoleError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        app.run_on_main_thread(move || {
            system_clipboard().request_text(move |_, text| {
                let _ = answer.send(text.map(str::to_owned));
            });
        })
        .map_err(not_read)?;
        answered
            .await
            .map_err(|_| not_read(NO_ANSWER))?
            .ok_or_else(|| not_read("it is empty or holds no text"))
    }

    /// Puts a secret on the clipboard and clears it after `lifetime`, when the clipboard
    /// still holds it then (a later copy, by the user or the console, is left alone).
    pub async fn copy_secret(
        &self,
        app: &AppHandle,
        secret: Secret,
        lifetime: Duration,
    ) -> Result<(), ConsoleError> {
        let held = Held::default();
        let for_copy = held.clone();
        on_main_thread(app, move |clipboard| {
            offer_secret(clipboard, secret, for_copy, lifetime)
        })
        .await
        .map_err(not_written)?
        .map_err(not_written)?;
        if let Ok(mut last) = self.last_secret.lock() {
            *last = Some(held);
        }
        Ok(())
    }

    /// Clears the last copied secret if the clipboard still holds it. Called on the main
    /// thread when the console quits.
    pub fn clear_pending(&self) {
        let held = self.last_secret.lock().ok().and_then(|last| last.clone());
        if held.is_some_and(|held| held.get()) && gtk::is_initialized_main_thread() {
            system_clipboard().clear();
        }
    }
}

fn system_clipboard() -> gtk::Clipboard {
    gtk::Clipboard::get(&gdk::SELECTION_CLIPBOARD)
}

/// On the main thread: offers `secret` as text and with the history hint, and clears it
/// after `lifetime` if it is still there.
fn offer_secret(
    clipboard: &gtk::Clipboard,
    secret: Secret,
    held: Held,
    lifetime: Duration,
) -> Result<(), &'static str> {
    let mut targets: Vec<TargetEntry> = TEXT_TARGETS
        .iter()
        .map(|target| TargetEntry::new(target, TargetFlags::empty(), 0))
        .collect();
    targets.push(TargetEntry::new(HISTORY_HINT, TargetFlags::empty(), HINT));
    held.0.store(true, Ordering::SeqCst);
    let alive = HeldWhileAlive(held.clone());
    let offered = clipboard.set_with_data(&targets, move |_, data, info| {
        let _owned_by_this_copy = &alive;
        if info == HINT {
            data.set(&data.target(), 8, b"secret");
        } else {
            data.set_text(secret.expose());
        }
    });
    if !offered {
        return Err("the display refused the clipboard");
    }
    glib::timeout_add_local_once(lifetime, move || {
        if held.get() {
            system_clipboard().clear();
        }
    });
    Ok(())
}

/// Runs `work` with the clipboard on the main thread (GTK's) and returns its answer.
async fn on_main_thread<T: Send + 'static>(
    app: &AppHandle,
    work: impl FnOnce(&gtk::Clipboard) -> T + Send + 'static,
) -> Result<T, String> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    app.run_on_main_thread(move || {
        let _ = answer.send(work(&system_clipboard()));
    })
    .map_err(|error| error.to_string())?;
    answered.await.map_err(|_| NO_ANSWER.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_holds_the_clipboard_until_its_data_is_dropped() {
        let held = Held::default();
        assert!(!held.get());
        held.0.store(true, Ordering::SeqCst);
        let alive = HeldWhileAlive(held.clone());
        assert!(held.get());
        drop(alive);
        assert!(!held.get(), "GTK dropping the copy's data ends the hold");
    }
}
