//! The user's own browser, for a loopback redirect URI: a listener on the redirect's
//! port takes the answer (only with this run's `state`, see `oauth::loopback`), and the
//! authorize URL is opened with the system's opener (`xdg-open`, `open`, the Windows URL
//! handler) or handed to the caller to show (`intandem oauth test --no-browser`).

use std::sync::Arc;

use url::Url;

use super::browser::{Browser, RedirectCatch, RunInbox, RunInput};
use crate::console::ConsoleError;
use crate::error::ErrorCode;
use crate::oauth::LoopbackListener;
use crate::text::capitalized;

/// How the authorize URL reaches the user.
pub enum Opener {
    /// The system's default browser.
    System,
    /// The caller shows it (prints it, say); the user opens it where they like.
    Show(Box<dyn FnMut(&Url) + Send>),
}

pub struct SystemBrowser {
    /// Bound ahead of time (a port picked for a redirect URI registered for this run), or
    /// bound when the browser opens.
    listener: Option<LoopbackListener>,
    opener: Opener,
    waiting: Option<tokio::task::JoinHandle<()>>,
}

impl SystemBrowser {
    pub fn new(opener: Opener) -> SystemBrowser {
        SystemBrowser {
            listener: None,
            opener,
            waiting: None,
        }
    }

    /// Uses a listener already bound on the redirect URI's port.
    pub fn with_listener(listener: LoopbackListener, opener: Opener) -> SystemBrowser {
        SystemBrowser {
            listener: Some(listener),
            opener,
            waiting: None,
        }
    }
}

impl SystemBrowser {
    fn show(&mut self, url: &Url) -> Result<(), ConsoleError> {
        match &mut self.opener {
            Opener::System => open_in_system_browser(url.as_str()),
            Opener::Show(show) => {
                show(url);
                Ok(())
            }
        }
    }
}

impl Browser for SystemBrowser {
    fn open(
        &mut self,
        url: &Url,
        catch: Arc<RedirectCatch>,
        inbox: RunInbox,
    ) -> Result<(), ConsoleError> {
        // Only watching (an app launch): the partner's app takes the redirect itself.
        let (Some(redirect), Some(expected)) = (catch.redirect_uri(), catch.expected()) else {
            return self.show(url);
        };
        let listener = match self.listener.take() {
            Some(listener) => listener,
            None => LoopbackListener::bind(redirect).map_err(|error| {
                ConsoleError::invalid_input(
                    "redirect_uri",
                    format!("{}.", capitalized(&error.to_string())),
                )
            })?,
        };
        self.show(url)?;
        self.waiting = Some(tokio::spawn(async move {
            match listener.wait_for_answer(expected).await {
                Some((url, arrival)) => inbox.send(RunInput::Redirect { url, arrival }),
                None => inbox.send(RunInput::Failed(ConsoleError::new(
                    ErrorCode::Network,
                    "The local listener for the redirect stopped; start a new test.",
                ))),
            }
        }));
        Ok(())
    }

    fn close(&mut self) {
        // Dropping the wait closes the port at once.
        if let Some(waiting) = self.waiting.take() {
            waiting.abort();
        }
    }
}

impl Drop for SystemBrowser {
    fn drop(&mut self) {
        self.close();
    }
}

fn open_in_system_browser(url: &str) -> Result<(), ConsoleError> {
    #[cfg(target_os = "linux")]
    let mut command = std::process::Command::new("xdg-open");
    #[cfg(target_os = "macos")]
    let mut command = std::process::Command::new("open");
    #[cfg(target_os = "windows")]
    let mut command = {
        let mut command = std::process::Command::new("rundll32");
        command.arg("url.dll,FileProtocolHandler");
        command
    };
    command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        // The opener exits at once; reap it so it leaves no zombie.
        .map(|mut child| {
            std::thread::spawn(move || child.wait());
        })
        .map_err(|error| {
            ConsoleError::new(
                ErrorCode::Internal,
                format!(
                    "The system browser could not be opened ({error}): copy the authorize URL \
                     into a browser yourself, or use the embedded window."
                ),
            )
        })
}
