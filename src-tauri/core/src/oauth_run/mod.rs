//! One OAuth test run, from plan to verdict, for every face of the console.
//!
//! A run is begun ([`Console::oauth_test_start`]: the authorize URL, its `state`, the
//! pending record), its browser is opened, and then [`LiveRun::drive`] follows it to its
//! end: the pages the browser went to, the redirect (caught, never loaded), the state
//! check, the exchange within the code's 30 seconds, userinfo, the timeline; or a stop,
//! a closed window, a browser that failed, or the deadline. Every end is recorded with
//! its real outcome, and reported to an observer as [`OAuthEvent`]s.
//!
//! The browser is anything that implements [`Browser`]: the desktop app's embedded login
//! window (the shell's only part), the user's own browser with a loopback listener
//! ([`SystemBrowser`]), or a redirect URL the user pastes or pipes in ([`PastedRedirect`]).
//! A browser only opens a URL and reports what it sees on the run's [`RunInbox`]; the run
//! owns the rules. A run can also be told things from outside while it is live (stop, a
//! pasted redirect URL): see [`Console::oauth_stop`] and [`Console::oauth_paste_redirect`].

mod browser;
mod driver;
mod events;
mod loopback_redirect;
mod pasted;
mod system_browser;

pub use browser::{Browser, RedirectCatch, RunInbox, RunInput};
pub use driver::{LiveRun, LiveRuns, RunEnd};
pub use events::OAuthEvent;
pub use loopback_redirect::TemporaryRedirect;
pub use pasted::PastedRedirect;
pub use system_browser::{Opener, SystemBrowser};

#[cfg(doc)]
use crate::Console;
