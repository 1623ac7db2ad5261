//! What a run needs of a browser ([`Browser`]), what it gives one to recognise the
//! redirect ([`RedirectCatch`]), and what a browser, or anyone else, tells a live run
//! ([`RunInput`], sent through its [`RunInbox`]).

use std::sync::Arc;

use tokio::sync::mpsc;
use url::Url;

use crate::console::ConsoleError;
use crate::oauth::{Arrival, Expected, RedirectMatcher};
use crate::redirect_uri::RedirectUri;
use crate::Secret;

/// Something that shows the user the platform's login and consent pages.
pub trait Browser: Send {
    /// Opens `url` (the authorize URL). From then on the browser reports on `inbox`: the
    /// pages it goes to, and the redirect, which it must not load. `catch` says which URL
    /// is the redirect.
    fn open(
        &mut self,
        url: &Url,
        catch: Arc<RedirectCatch>,
        inbox: RunInbox,
    ) -> Result<(), ConsoleError>;

    /// The run has ended (or no longer needs the browser): close the window, free the port.
    fn close(&mut self);
}

/// How a browser recognises the redirect: the run's redirect URI (matched exactly) and
/// its `state` (for a listener that must refuse anything else, see `oauth::loopback`).
pub struct RedirectCatch {
    /// `None` when the browser only watches (an app launch: the partner's app takes its
    /// own redirect).
    matcher: Option<RedirectMatcher>,
    state: Secret,
}

impl RedirectCatch {
    pub fn new(redirect: RedirectUri, state: Secret) -> RedirectCatch {
        RedirectCatch {
            matcher: Some(RedirectMatcher::new(redirect)),
            state,
        }
    }

    /// Catches nothing: every navigation goes on and is only reported.
    pub fn observe_only() -> RedirectCatch {
        RedirectCatch {
            matcher: None,
            state: Secret::new(""),
        }
    }

    /// Whether a navigation goes to the redirect URI: a browser stops it there.
    pub fn is_redirect(&self, url: &Url) -> bool {
        self.matcher.as_ref().is_some_and(|m| m.matches(url))
    }

    pub fn redirect_uri(&self) -> Option<&RedirectUri> {
        self.matcher.as_ref().map(RedirectMatcher::registered)
    }

    /// What the loopback listener waits for (nothing when only watching).
    pub(crate) fn expected(&self) -> Option<Expected> {
        Some(Expected {
            matcher: self.matcher.clone()?,
            state: self.state.clone(),
        })
    }
}

/// What a live run is told.
#[derive(Debug)]
pub enum RunInput {
    /// The browser went to a page that is not the redirect.
    Navigated(Url),
    /// The browser finished loading a page: the user can act on it.
    PageLoaded(Url),
    /// The browser was sent to the redirect URI (and did not load it); the code's 30
    /// seconds started at `arrival`.
    Redirect { url: Url, arrival: Arrival },
    /// The user closed the browser window before the redirect.
    Closed,
    /// The browser could not go on (its opener or listener failed).
    Failed(ConsoleError),
    /// Someone stopped the run (the Stop button, Ctrl-C), saying why.
    Stop(String),
}

/// Where a live run's inputs go. Cheap to clone; sending to an ended run does nothing.
#[derive(Clone, Debug)]
pub struct RunInbox {
    pub(crate) sender: mpsc::UnboundedSender<RunInput>,
    pub(crate) run_id: i64,
}

impl RunInbox {
    pub fn send(&self, input: RunInput) {
        let _ = self.sender.send(input);
    }

    /// Whether the run still listens.
    pub fn is_open(&self) -> bool {
        !self.sender.is_closed()
    }

    /// The run's id (the GUI names its login window after it).
    pub fn run_id(&self) -> i64 {
        self.run_id
    }
}
