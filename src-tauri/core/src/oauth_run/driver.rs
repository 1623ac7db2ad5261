//! Following a run from its browser's first page to its end: one task reads the run's
//! inbox in order, so the timeline is written by one writer and a stop can never race a
//! captured redirect (once the redirect is taken, the run finishes on its own).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;
use url::Url;

use super::browser::{Browser, RedirectCatch, RunInbox, RunInput};
use super::events::OAuthEvent;
use crate::console::dto::{OAuthBeginView, OAuthCompletion, OAuthRunView};
use crate::console::{page_url, redacted_url, Console, ConsoleError, OAuthBegin};
use crate::error::ErrorCode;
use crate::oauth::Arrival;
use crate::redirect_uri::RedirectUri;
use crate::store::OAuthOutcome;
use crate::Secret;

/// The runs that are live in this process, by run id: where to send a stop or a pasted
/// redirect URL.
#[derive(Default)]
pub struct LiveRuns(Mutex<HashMap<i64, RunInbox>>);

impl LiveRuns {
    fn insert(&self, run_id: i64, inbox: RunInbox) {
        if let Ok(mut runs) = self.0.lock() {
            runs.insert(run_id, inbox);
        }
    }

    fn remove(&self, run_id: i64) {
        if let Ok(mut runs) = self.0.lock() {
            runs.remove(&run_id);
        }
    }

    fn get(&self, run_id: i64) -> Option<RunInbox> {
        self.0.lock().ok()?.get(&run_id).cloned()
    }
}

/// A begun run whose browser is open: [`LiveRun::drive`] follows it to its end.
pub struct LiveRun {
    /// The run as begun. It holds the `state`: a GUI shows its page a `StartedRun` instead.
    pub begun: OAuthBeginView,
    browser: Box<dyn Browser>,
    inbox: mpsc::UnboundedReceiver<RunInput>,
    timeout: Duration,
}

/// How a run ended.
#[derive(Debug)]
pub enum RunEnd {
    /// The redirect arrived and was processed: the completion says whether it succeeded.
    Completed(Box<OAuthCompletion>),
    /// It ended without a completion: stopped or closed (cancelled, `error` is `None`),
    /// or timed out, or its browser failed (failed, with the error).
    Ended {
        run: Box<OAuthRunView>,
        reason: String,
        error: Option<ConsoleError>,
    },
}

impl Console {
    /// Begins a test of `begin` (see [`Console::oauth_begin`]) and opens `browser` at its
    /// authorize URL. A browser that cannot open ends the run as failed, with the reason.
    /// The run then has `timeout` to see its redirect.
    pub async fn oauth_test_start(
        &self,
        begin: OAuthBegin,
        mut browser: Box<dyn Browser>,
        timeout: Duration,
    ) -> Result<LiveRun, ConsoleError> {
        let begun = self.oauth_begin(begin).await?;
        let run_id = begun.run_id;
        let (redirect, url) = match (
            RedirectUri::parse(&begun.redirect_uri),
            Url::parse(&begun.url),
        ) {
            (Ok(redirect), Ok(url)) => (redirect, url),
            _ => {
                let error = ConsoleError::new(
                    ErrorCode::Internal,
                    "The OAuth test's redirect URI or authorize URL could not be read back; start a new test.",
                );
                self.oauth_abandon(run_id, OAuthOutcome::Failed, &error.message)
                    .await?;
                return Err(error);
            }
        };
        let catch = Arc::new(RedirectCatch::new(
            redirect,
            Secret::new(begun.state.clone()),
        ));
        let (sender, inbox) = mpsc::unbounded_channel();
        let sender = RunInbox { sender, run_id };
        if let Err(error) = browser.open(&url, catch, sender.clone()) {
            self.oauth_abandon(run_id, OAuthOutcome::Failed, &error.message)
                .await?;
            return Err(error);
        }
        self.live_runs.insert(run_id, sender);
        Ok(LiveRun {
            begun,
            browser,
            inbox,
            timeout,
        })
    }

    /// Stops live run `run_id` for `reason`, unless its redirect was already taken (it
    /// then finishes on its own). False when no such run is live in this process.
    pub fn oauth_stop(&self, run_id: i64, reason: &str) -> bool {
        match self.live_runs.get(run_id) {
            Some(inbox) => {
                inbox.send(RunInput::Stop(reason.to_owned()));
                true
            }
            None => false,
        }
    }

    /// Hands live run `run_id` the URL its browser was sent to, as the user pasted it
    /// (for a browser the console cannot watch). The URL is checked like any redirect.
    pub fn oauth_paste_redirect(&self, run_id: i64, text: &str) -> Result<(), ConsoleError> {
        let url = Url::parse(text.trim()).map_err(|_| {
            ConsoleError::invalid_input(
                "redirect_url",
                "That is not a URL: paste the full address the browser was sent to after the \
                 consent page, starting with http:// or https://.",
            )
        })?;
        let inbox = self.live_runs.get(run_id).ok_or_else(|| {
            ConsoleError::not_found(format!(
                "OAuth test {run_id} is not running any more: start a new test."
            ))
        })?;
        inbox.send(RunInput::Redirect {
            url,
            arrival: Arrival::now(),
        });
        Ok(())
    }

    /// Ends a pending run with `outcome` and the real reason; a run that already ended
    /// stays as it was.
    pub async fn oauth_abandon(
        &self,
        run_id: i64,
        outcome: OAuthOutcome,
        reason: &str,
    ) -> Result<OAuthRunView, ConsoleError> {
        self.oauth_end_pending(run_id, outcome, reason).await
    }
}

impl LiveRun {
    pub fn run_id(&self) -> i64 {
        self.begun.run_id
    }

    /// Follows the run to its end, reporting to `observe` as it goes, then closes the
    /// browser. `Err` only when the store itself fails.
    pub async fn drive(
        mut self,
        console: &Console,
        observe: &(dyn Fn(OAuthEvent) + Send + Sync),
    ) -> Result<RunEnd, ConsoleError> {
        let run_id = self.run_id();
        let end = self.follow(console, observe).await;
        self.browser.close();
        console.live_runs.remove(run_id);
        end
    }

    async fn follow(
        &mut self,
        console: &Console,
        observe: &(dyn Fn(OAuthEvent) + Send + Sync),
    ) -> Result<RunEnd, ConsoleError> {
        let run_id = self.run_id();
        let deadline = tokio::time::Instant::now() + self.timeout;
        loop {
            let input = tokio::select! {
                input = self.inbox.recv() => input,
                () = tokio::time::sleep_until(deadline) => None,
            };
            let Some(input) = input else {
                let error = ConsoleError::new(
                    ErrorCode::Timeout,
                    format!(
                        "No redirect arrived within {}: the sign-in was not finished in time; \
                         start a new test.",
                        duration_words(self.timeout)
                    ),
                );
                return failed(console, run_id, error, observe).await;
            };
            match input {
                RunInput::Navigated(url) => {
                    match console.oauth_record_navigation(run_id, &url).await {
                        Ok(Some(step)) => observe(OAuthEvent::Step { run_id, step }),
                        Ok(None) => {}
                        Err(error) => {
                            tracing::warn!(run_id, "recording a login page: {}", error.message)
                        }
                    }
                }
                RunInput::PageLoaded(url) => observe(OAuthEvent::PageLoaded {
                    run_id,
                    url: page_url(&url),
                }),
                RunInput::Redirect { url, arrival } => {
                    self.browser.close();
                    return complete(console, run_id, url, arrival, observe).await;
                }
                RunInput::Closed => {
                    let reason = "The login window was closed before the platform redirected back.";
                    return cancelled(console, run_id, reason, observe).await;
                }
                RunInput::Stop(reason) => {
                    return cancelled(console, run_id, &reason, observe).await;
                }
                RunInput::Failed(error) => return failed(console, run_id, error, observe).await,
            }
        }
    }
}

async fn complete(
    console: &Console,
    run_id: i64,
    url: Url,
    arrival: Arrival,
    observe: &(dyn Fn(OAuthEvent) + Send + Sync),
) -> Result<RunEnd, ConsoleError> {
    let captured_at_ms = arrival.unix_ms();
    observe(OAuthEvent::Captured {
        run_id,
        url: redacted_url(&url),
        captured_at_ms,
    });
    observe(OAuthEvent::Exchanging { run_id });
    let progress = |step: &crate::console::TimelineStep| {
        observe(OAuthEvent::Step {
            run_id,
            step: step.clone(),
        })
    };
    match console
        .oauth_complete_run(run_id, url.as_str(), arrival, &progress)
        .await
    {
        Ok(completion) => {
            observe(OAuthEvent::Finished {
                run_id,
                completion: Box::new(completion.clone()),
                captured_at_ms,
            });
            Ok(RunEnd::Completed(Box::new(completion)))
        }
        // The redirect could not be matched to the run at all (it had ended already).
        Err(error) => failed(console, run_id, error, observe).await,
    }
}

/// Records a run stopped before its redirect (closed, stopped), and reports it.
async fn cancelled(
    console: &Console,
    run_id: i64,
    reason: &str,
    observe: &(dyn Fn(OAuthEvent) + Send + Sync),
) -> Result<RunEnd, ConsoleError> {
    let run = console
        .oauth_abandon(run_id, OAuthOutcome::Cancelled, reason)
        .await?;
    observe(OAuthEvent::Cancelled {
        run_id,
        reason: reason.to_owned(),
    });
    Ok(RunEnd::Ended {
        run: Box::new(run),
        reason: reason.to_owned(),
        error: None,
    })
}

/// Records a run that could not go on (timed out, its browser failed), and reports it.
async fn failed(
    console: &Console,
    run_id: i64,
    error: ConsoleError,
    observe: &(dyn Fn(OAuthEvent) + Send + Sync),
) -> Result<RunEnd, ConsoleError> {
    let run = console
        .oauth_abandon(run_id, OAuthOutcome::Failed, &error.message)
        .await?;
    observe(OAuthEvent::Failed {
        run_id,
        error: error.clone(),
    });
    Ok(RunEnd::Ended {
        run: Box::new(run),
        reason: error.message.clone(),
        error: Some(error),
    })
}

/// "2 minutes", "45 s": how long a run waited.
fn duration_words(duration: Duration) -> String {
    let secs = duration.as_secs();
    if secs >= 120 && secs.is_multiple_of(60) {
        format!("{} minutes", secs / 60)
    } else {
        format!("{secs} s")
    }
}
