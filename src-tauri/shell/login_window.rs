//! The embedded login window: a Tauri window with its own label, an incognito data store,
//! no capability and none of Tauri's scripts (so no IPC: its pages are the partner's, run
//! as in a browser), as a core [`Browser`] for an OAuth test or an app launch.
//!
//! The window reports every navigation, and stops the one to an OAuth test's redirect URI
//! (no request is made) to hand it to the run: the code, the client secret and the tokens
//! never reach any webview (a launch only watches: the partner's app takes its own
//! redirect). Its title shows the address of the page it is on, with a lock for https and
//! a warning for plain http, so the user sees where they type their password.

use std::sync::Arc;

use intandem_core::oauth_run::{Browser, RedirectCatch, RunInbox, RunInput};
use intandem_core::{ConsoleError, ErrorCode};
use tauri::webview::PageLoadEvent;
use tauri::webview::{NewWindowFeatures, NewWindowResponse};
use tauri::{AppHandle, Manager, Url, WebviewUrl, WebviewWindowBuilder, WindowEvent, Wry};

/// What a login window is for: its label's prefix and its title's suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    OAuthTest,
    Launch,
}

impl Purpose {
    /// The window's label for run (or launch) `id`.
    pub fn label(self, id: i64) -> String {
        match self {
            Purpose::OAuthTest => format!("oauth-{id}"),
            Purpose::Launch => format!("launch-{id}"),
        }
    }

    fn title(self) -> &'static str {
        match self {
            Purpose::OAuthTest => "Sign in · OAuth test",
            Purpose::Launch => "App launch",
        }
    }
}

/// The embedded login window as a [`Browser`].
pub struct LoginWindow {
    app: AppHandle,
    purpose: Purpose,
    label: Option<String>,
}

impl LoginWindow {
    pub fn new(app: AppHandle, purpose: Purpose) -> LoginWindow {
        LoginWindow {
            app,
            purpose,
            label: None,
        }
    }
}

impl Browser for LoginWindow {
    fn open(
        &mut self,
        url: &Url,
        catch: Arc<RedirectCatch>,
        inbox: RunInbox,
    ) -> Result<(), ConsoleError> {
        let label = self.purpose.label(inbox.run_id());
        let purpose = self.purpose;
        let on_navigation = {
            let inbox = inbox.clone();
            let app = self.app.clone();
            let label = label.clone();
            move |url: &Url| -> bool {
                if !inbox.is_open() {
                    return false;
                }
                if catch.is_redirect(url) {
                    // The exact redirect URI: stop here (no request is made) and let the run
                    // finish in Rust. Codes on any other URL are never looked at.
                    inbox.send(RunInput::Redirect {
                        url: url.clone(),
                        arrival: intandem_core::oauth::Arrival::now(),
                    });
                    return false;
                }
                show_address(&app, &label, url, purpose);
                inbox.send(RunInput::Navigated(url.clone()));
                true
            }
        };
        let window =
            WebviewWindowBuilder::new(&self.app, &label, WebviewUrl::External(url.clone()))
                .title(address_title(url, purpose))
                .inner_size(560.0, 720.0)
                .incognito(true)
                // The partner's pages run as in a browser: none of Tauri's scripts, no IPC.
                .plain_page()
                .on_navigation(on_navigation)
                .on_new_window(new_window)
                .on_page_load({
                    let inbox = inbox.clone();
                    move |_window, payload| {
                        if matches!(payload.event(), PageLoadEvent::Finished) {
                            inbox.send(RunInput::PageLoaded(payload.url().clone()));
                        }
                    }
                })
                .build()
                .map_err(|error| {
                    ConsoleError::new(
                        ErrorCode::Internal,
                        format!(
                            "The login window could not be opened ({error}); try the test again."
                        ),
                    )
                })?;
        end_the_run_if_its_page_dies(&window, inbox.clone(), purpose);
        window.on_window_event(move |event| {
            if matches!(event, WindowEvent::Destroyed) {
                // After a redirect or a stop the run no longer listens: this changes nothing.
                inbox.send(RunInput::Closed);
            }
        });
        self.label = Some(label);
        Ok(())
    }

    fn close(&mut self) {
        if let Some(window) = self
            .label
            .take()
            .and_then(|label| self.app.get_webview_window(&label))
        {
            let _ = window.close();
        }
    }
}

/// If the login window's web process dies (WebKit crashing on the partner's page, the
/// out-of-memory killer), the window would keep its last picture and answer no click, and
/// the run would wait out its time. It ends at once instead, saying why, and the window
/// closes: an OAuth test fails (start it again); a launch is judged on what was seen until
/// then, with the stop in its notes (a partner page that brings WebKit down is a finding).
fn end_the_run_if_its_page_dies(window: &tauri::WebviewWindow, inbox: RunInbox, purpose: Purpose) {
    #[cfg(target_os = "linux")]
    let _ = window.with_webview(move |webview| {
        use webkit2gtk::{WebProcessTerminationReason, WebViewExt};
        webview
            .inner()
            .connect_web_process_terminated(move |_view, reason| {
                let why = match reason {
                    // Only an explicit `webkit_web_view_terminate_web_process`, which the
                    // console never calls (closing the window and process swaps on a
                    // cross-site navigation do not raise this signal at all).
                    WebProcessTerminationReason::TerminatedByApi => return,
                    WebProcessTerminationReason::ExceededMemoryLimit => {
                        "used more memory than WebKit allows"
                    }
                    _ => "crashed or was killed",
                };
                tracing::warn!(
                    ?reason,
                    "a login window's page stopped (its web process ended)"
                );
                inbox.send(page_stopped_input(purpose, why));
            });
    });
    #[cfg(not(target_os = "linux"))]
    let _ = (window, inbox, purpose);
}

/// What the run is told when its window's page stopped because WebKit's process for it `why`.
fn page_stopped_input(purpose: Purpose, why: &str) -> RunInput {
    match purpose {
        Purpose::OAuthTest => RunInput::Failed(ConsoleError::new(
            ErrorCode::Internal,
            format!(
                "The login window's page stopped: WebKit's process for it {why}. Start the \
                 test again; if it stops again, the page it was on is the likely cause."
            ),
        )),
        Purpose::Launch => RunInput::Stop(format!(
            "the app's page stopped: WebKit's process for it {why}"
        )),
    }
}

/// A new window the partner's page opens (a `target="_blank"` link, `window.open` on a
/// click) opens as a browser opens it: WebKit's own window beside this one, in the same
/// session. Tauri's page scripts reach it as they reach this window, and no command answers
/// it (it is no window of Tauri's; the e2e pop-up test checks). Without this, WebKit drops
/// such windows, and a partner app's help link or sign-in pop-up did nothing here while it
/// works in the App Market. Only web addresses; WebKit's pop-up blocker still refuses
/// windows a page opens without a click.
fn new_window(url: Url, _features: NewWindowFeatures) -> NewWindowResponse<Wry> {
    if matches!(url.scheme(), "http" | "https") {
        NewWindowResponse::Allow
    } else {
        NewWindowResponse::Deny
    }
}

/// "🔒 https://app.vcita.com — Sign in · OAuth test" or "⚠ Not secure: http://… — …".
fn address_title(url: &Url, purpose: Purpose) -> String {
    let origin = url.origin().ascii_serialization();
    let what = purpose.title();
    if url.scheme() == "https" {
        format!("🔒 {origin} — {what}")
    } else {
        format!("⚠ Not secure: {origin} — {what}")
    }
}

fn show_address(app: &AppHandle, label: &str, url: &Url, purpose: Purpose) {
    if let Some(window) = app.get_webview_window(label) {
        let _ = window.set_title(&address_title(url, purpose));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_names_the_pages_origin_with_a_lock_or_a_warning() {
        let https = Url::parse("https://app.vcita.com/app/oauth/login?state=secret").unwrap();
        assert_eq!(
            address_title(&https, Purpose::OAuthTest),
            "🔒 https://app.vcita.com — Sign in · OAuth test"
        );
        let http = Url::parse("http://127.0.0.1:4100/app/oauth/authorize?code=x").unwrap();
        let title = address_title(&http, Purpose::Launch);
        assert!(
            title.starts_with("⚠ Not secure: http://127.0.0.1:4100 — "),
            "{title}"
        );
        assert!(!title.contains("code") && !title.contains("state"));
    }
}
