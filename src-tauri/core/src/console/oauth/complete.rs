//! Completing an OAuth test with the redirect its browser was sent to: the URL must be the
//! run's redirect URI exactly, the run still pending and younger than its lifetime, the
//! `state` its own; then the code is exchanged (timed against its 30 seconds) and the
//! user's info read with the token. Each step is recorded (and reported) as it happens.

use std::time::Instant;

use time::OffsetDateTime;
use url::Url;

use super::errors::{callback_error, exchange_error, parse_redirect_url};
use super::timeline::{redacted_url, TimelineStep};
use super::{millis, narration, Progress, PENDING_FLOW_LIFETIME};
use crate::console::dto::{OAuthCompletion, OAuthTimings, TokenMetadata};
use crate::console::{Console, ConsoleError};
use crate::error::ErrorCode;
use crate::oauth::{Arrival, Callback, RedirectMatcher, CODE_LIFETIME};
use crate::platform::{CodeExchange, TokenGrant, UserInfo};
use crate::redirect_uri::RedirectUri;
use crate::store::{OAuthOutcome, OAuthRun, OAuthRunFinish};

impl Console {
    /// Completes the test the redirect belongs to. See the module documentation.
    pub async fn oauth_complete(
        &self,
        redirect_url: &str,
    ) -> Result<OAuthCompletion, ConsoleError> {
        self.oauth_complete_with_progress(redirect_url, &|_| {})
            .await
    }

    /// [`Console::oauth_complete`], calling `progress` with each step as it is recorded.
    pub async fn oauth_complete_with_progress(
        &self,
        redirect_url: &str,
        progress: Progress<'_>,
    ) -> Result<OAuthCompletion, ConsoleError> {
        let arrival = Arrival::now();
        let url = parse_redirect_url(redirect_url)?;
        let callback = Callback::parse(&url);
        let Some(state) = callback.state.clone() else {
            return Err(ConsoleError::invalid_input(
                "redirect_url",
                "The URL carries no state parameter, so it is not the platform's answer to a test \
                 of this console: give the full URL the browser was sent to (…?code=…&state=…).",
            ));
        };
        let run = self.run_waiting_for(&state).await?;
        self.complete(run, url, callback, arrival, progress).await
    }

    /// Completes the pending run `run_id` with the redirect its own window (or loopback
    /// listener) captured at `arrival`. Unlike [`Console::oauth_complete`], the run is
    /// known, so a redirect whose `state` differs ends it as failed (a state mismatch)
    /// instead of matching no run.
    pub async fn oauth_complete_run(
        &self,
        run_id: i64,
        redirect_url: &str,
        arrival: Arrival,
        progress: Progress<'_>,
    ) -> Result<OAuthCompletion, ConsoleError> {
        let url = parse_redirect_url(redirect_url)?;
        let callback = Callback::parse(&url);
        let run = self.pending_run(run_id).await?;
        self.complete(run, url, callback, arrival, progress).await
    }

    async fn complete(
        &self,
        run: OAuthRun,
        url: Url,
        callback: Callback,
        arrival: Arrival,
        progress: Progress<'_>,
    ) -> Result<OAuthCompletion, ConsoleError> {
        ensure_redirect_of(&run, &url)?;
        let mut flow = Flow::resume(&run, progress);
        flow.push(narration::redirect(
            arrival.at,
            &url,
            callback.error.as_deref(),
        ));
        if arrival.at > run.started_at + PENDING_FLOW_LIFETIME {
            let error = ConsoleError::invalid_input(
                "redirect_url",
                format!(
                    "This OAuth test was started more than {} minutes ago, so its redirect is no \
                     longer accepted: start a new test.",
                    PENDING_FLOW_LIFETIME.whole_minutes()
                ),
            );
            return self.finish(&run, flow, Err(error), None).await;
        }
        let code = match callback.into_code(run.state.expose()) {
            Ok(code) => code,
            Err(error) => {
                return self
                    .finish(&run, flow, Err(callback_error(error)), None)
                    .await
            }
        };
        let profile = self
            .store
            .profiles()
            .get(run.profile_id)
            .await?
            .ok_or_else(|| {
                ConsoleError::not_found("The OAuth test's profile was removed: start a new test.")
            })?;
        let credentials = match self.credentials_of(&profile, &run.app_code_name).await {
            Ok(credentials) => credentials,
            Err(error) => return self.finish(&run, flow, Err(error), None).await,
        };
        let oauth = self.client_for(&profile).oauth();
        let exchange = CodeExchange {
            client_id: credentials.client_id,
            client_secret: credentials.client_secret,
            code,
            redirect_uri: run.redirect_uri.clone(),
            code_verifier: run.pkce_verifier.clone(),
        };

        // The exchange, timed from the redirect's arrival against the code's 30 seconds.
        let before_exchange = arrival.instant.elapsed();
        let exchange_at = OffsetDateTime::now_utc();
        let timed = oauth.exchange_code(&exchange).await;
        let window_used = arrival.instant.elapsed();
        flow.timings.before_exchange_ms = Some(millis(before_exchange));
        flow.timings.exchange_ms = Some(millis(timed.elapsed));
        flow.timings.window_used_ms = Some(millis(window_used));
        let token_url = endpoint(&profile.api_base, "oauth/token");
        let grant = match timed.value {
            Ok(grant) => {
                flow.push(narration::exchanged(
                    exchange_at,
                    timed.elapsed,
                    window_used,
                    &token_url,
                    &exchange,
                    &grant,
                    timed.status,
                ));
                grant
            }
            Err(error) => {
                flow.push(narration::exchange_refused(
                    exchange_at,
                    timed.elapsed,
                    &token_url,
                    &exchange,
                    &error,
                ));
                let error = exchange_error(error, &run, window_used);
                return self.finish(&run, flow, Err(error), None).await;
            }
        };

        // The userinfo call proves the token works.
        let userinfo_at = OffsetDateTime::now_utc();
        let started = Instant::now();
        let answer = oauth.userinfo_answered(&grant.access_token).await;
        let took = started.elapsed();
        flow.timings.userinfo_ms = Some(millis(took));
        flow.push(narration::userinfo(
            userinfo_at,
            took,
            &endpoint(&profile.api_base, "oauth/userinfo"),
            &grant.access_token.masked(),
            &answer,
        ));
        let result = answer.map(|(info, _)| info).map_err(|error| {
            let message = format!(
                "The code was exchanged for an access token, but reading the user's info with \
                 it failed: {}",
                error.message
            );
            ConsoleError::from(error).with_message(message)
        });
        self.finish(&run, flow, result, Some(grant)).await
    }

    async fn finish(
        &self,
        run: &OAuthRun,
        mut flow: Flow<'_>,
        result: Result<UserInfo, ConsoleError>,
        grant: Option<TokenGrant>,
    ) -> Result<OAuthCompletion, ConsoleError> {
        let finished_at = OffsetDateTime::now_utc();
        flow.timings.total_ms =
            u64::try_from((finished_at - run.started_at).whole_milliseconds()).unwrap_or(0);
        let (outcome, userinfo, error) = match result {
            Ok(info) => (
                OAuthOutcome::Succeeded,
                Some(crate::console::scrub::userinfo(info)),
                None,
            ),
            Err(error) => (OAuthOutcome::Failed, None, Some(error)),
        };
        let userinfo_json = userinfo.as_ref().and_then(|u| serde_json::to_value(u).ok());
        self.store
            .oauth_runs()
            .finish(
                run.id,
                OAuthRunFinish {
                    finished_at,
                    outcome,
                    error: error.as_ref().map(|e| e.message.clone()),
                    timeline: serde_json::to_value(&flow.steps).unwrap_or_default(),
                    access_token: grant.as_ref().map(|g| g.access_token.clone()),
                    userinfo: userinfo_json,
                },
            )
            .await?;
        Ok(OAuthCompletion {
            run_id: run.id.0,
            app_code_name: run.app_code_name.clone(),
            outcome,
            error,
            userinfo,
            token: grant.map(|grant| TokenMetadata {
                access_token: grant.access_token.masked(),
                expires_at: grant.expires_at(),
                token_type: grant.token_type,
                expires_in: grant.expires_in,
                scope: grant.scope,
                has_refresh_token: grant.refresh_token.is_some(),
            }),
            timings: flow.timings,
            timeline: flow.steps,
        })
    }
}

/// The steps of a run being completed, reported as they are recorded.
struct Flow<'a> {
    steps: Vec<TimelineStep>,
    progress: Progress<'a>,
    timings: OAuthTimings,
}

impl Flow<'_> {
    fn push(&mut self, step: TimelineStep) {
        (self.progress)(&step);
        self.steps.push(step);
    }
}

impl<'a> Flow<'a> {
    /// The run's steps so far (those of its beginning), with no timings yet.
    fn resume(run: &OAuthRun, progress: Progress<'a>) -> Self {
        Flow {
            steps: serde_json::from_value(run.timeline.clone()).unwrap_or_default(),
            progress,
            timings: OAuthTimings {
                code_lifetime_ms: millis(CODE_LIFETIME),
                before_exchange_ms: None,
                exchange_ms: None,
                window_used_ms: None,
                userinfo_ms: None,
                total_ms: 0,
            },
        }
    }
}

/// A code on any URL but the run's own redirect URI is ignored, as the platform's
/// redirect would never land there.
fn ensure_redirect_of(run: &OAuthRun, url: &Url) -> Result<(), ConsoleError> {
    let registered = RedirectUri::parse(&run.redirect_uri).map_err(|error| {
        ConsoleError::new(
            ErrorCode::Internal,
            format!(
                "The OAuth test's stored redirect URI is not valid ({error}); start a new test."
            ),
        )
    })?;
    if RedirectMatcher::new(registered).matches(url) {
        return Ok(());
    }
    Err(ConsoleError::invalid_input(
        "redirect_url",
        format!(
            "{} is not the redirect URI this test uses ({}): a code on any other URL is \
             ignored; give the URL the browser was finally sent to.",
            redacted_url(url),
            run.redirect_uri
        ),
    ))
}

/// An endpoint of the platform's API under the profile's base.
fn endpoint(api_base: &Url, path: &str) -> Url {
    api_base.join(path).unwrap_or_else(|_| api_base.clone())
}
