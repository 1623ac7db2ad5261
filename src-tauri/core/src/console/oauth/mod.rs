//! Testing an app's OAuth flow: `oauth_begin` (begin.rs) makes the authorize URL (256-bit
//! `state`, optional PKCE S256) and keeps a pending run; `oauth_complete` (complete.rs)
//! takes the full URL the browser was sent to, finds its run by `state`, checks the URL is
//! exactly the run's redirect URI, exchanges the code within its 30 seconds, reads the
//! user's info, and finishes the run with the access token (encrypted) and a timeline of
//! every step. What each step says is in narration.rs, what each failure says in
//! errors.rs; the timeline's redaction in timeline.rs and the report in report.rs.
//!
//! The GUI calls `oauth_complete_run` with the URL its OAuth window captured, the CLI with
//! the URL its loopback listener caught or the user pastes: one code path. Once a redirect
//! is matched to its run, the run always finishes (succeeded or failed) and comes back as
//! an [`OAuthCompletion`](super::dto::OAuthCompletion); an `Err` means no run was touched
//! (the URL was not one a run is waiting for).

mod begin;
mod complete;
mod errors;
mod narration;
pub(crate) mod report;
pub(crate) mod timeline;

use std::time::Duration;

use serde::Deserialize;
use time::OffsetDateTime;
use ts_rs::TS;

use super::dto::OAuthRunView;
use super::{app_code_name, Console, ConsoleError};
use crate::store::{OAuthOutcome, OAuthRun, OAuthRunFinish, OAuthRunId};
use errors::already_ended;
use timeline::TimelineStep;

/// How long a started test waits for its redirect before it is refused.
pub const PENDING_FLOW_LIFETIME: time::Duration = time::Duration::minutes(10);

/// What starts an OAuth test.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct OAuthBegin {
    /// The app's code name.
    pub app: String,
    /// One of the app's registered redirect URIs, exactly.
    pub redirect_uri: String,
    /// A white-label brand host to log in on, instead of the profile's brand URL.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub brand_url: Option<String>,
    #[serde(default)]
    pub pkce: bool,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub scope: Option<String>,
}

/// Called with each timeline step as it is recorded (the GUI turns these into events).
pub type Progress<'a> = &'a (dyn Fn(&TimelineStep) + Send + Sync);

impl Console {
    /// Ends a pending test with `outcome`, recording `reason` as what happened (closed,
    /// stopped, timed out, its browser failed). A test that already ended stays as it was.
    pub(crate) async fn oauth_end_pending(
        &self,
        run_id: i64,
        outcome: OAuthOutcome,
        reason: &str,
    ) -> Result<OAuthRunView, ConsoleError> {
        let runs = self.store.oauth_runs();
        let run = runs.get(OAuthRunId(run_id)).await?.ok_or_else(|| {
            ConsoleError::not_found(format!(
                "There is no OAuth test {run_id}: it may have been removed with its profile."
            ))
        })?;
        if run.outcome.is_some() {
            return Ok(run_view(run));
        }
        let finished = runs
            .finish(
                run.id,
                OAuthRunFinish {
                    finished_at: OffsetDateTime::now_utc(),
                    outcome,
                    error: Some(reason.to_owned()),
                    timeline: run.timeline,
                    access_token: None,
                    userinfo: None,
                },
            )
            .await?;
        Ok(run_view(finished))
    }

    /// The app's OAuth tests, newest first.
    pub async fn oauth_runs(
        &self,
        app: &str,
        limit: u32,
    ) -> Result<Vec<OAuthRunView>, ConsoleError> {
        let code = app_code_name(app)?;
        let profile = self.active_profile().await?;
        let runs = self
            .store
            .oauth_runs()
            .list_for_app(profile.id, &code, limit)
            .await?;
        Ok(runs.into_iter().map(run_view).collect())
    }

    /// The run `run_id`, while it still waits for its redirect.
    async fn pending_run(&self, run_id: i64) -> Result<OAuthRun, ConsoleError> {
        let run = self
            .store
            .oauth_runs()
            .get(OAuthRunId(run_id))
            .await?
            .ok_or_else(|| {
                ConsoleError::not_found(format!(
                    "There is no OAuth test {run_id}: it may have been removed with its profile; \
                     start a new test."
                ))
            })?;
        match run.outcome {
            None => Ok(run),
            Some(outcome) => Err(already_ended(&run, outcome)),
        }
    }

    /// The pending run whose `state` the redirect carries.
    async fn run_waiting_for(&self, state: &str) -> Result<OAuthRun, ConsoleError> {
        let run = self
            .store
            .oauth_runs()
            .find_by_state(state)
            .await?
            .ok_or_else(|| {
                ConsoleError::not_found(
                "No OAuth test of this console is waiting for this redirect (its state matches \
                 none): start a test first, and give the URL its own login ends on.",
            )
            .with_field("redirect_url")
            })?;
        match run.outcome {
            None => Ok(run),
            Some(outcome) => Err(already_ended(&run, outcome)),
        }
    }
}

fn run_view(run: OAuthRun) -> OAuthRunView {
    OAuthRunView {
        run_id: run.id.0,
        app_code_name: run.app_code_name,
        redirect_uri: run.redirect_uri,
        started_at: run.started_at,
        finished_at: run.finished_at,
        outcome: run.outcome,
        error: run.error,
        has_access_token: run.access_token.is_some(),
        userinfo: run.userinfo,
        timeline: run.timeline,
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}
