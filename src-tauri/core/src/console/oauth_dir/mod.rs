//! Testing an app's OAuth flow: `oauth_begin` makes the authorize URL (256-bit `state`,
//! optional PKCE S256) and keeps a pending run; `oauth_complete` takes the full URL the
//! browser was sent to, finds its run by `state`, checks the URL is exactly the run's
//! redirect URI, exchanges the code within its 30 seconds, reads the user's info, and
//! finishes the run with the access token (encrypted) and a timeline of every step.
//!
//! The GUI calls `oauth_complete` with the URL its OAuth window captured, the CLI with
//! the URL the user pastes: one code path. Once a redirect is matched to its run, the
//! run always finishes (succeeded or failed) and comes back as an [`OAuthCompletion`];
//! an `Err` means no run was touched (the URL was not one a run is waiting for).

use std::time::{Duration, Instant};

use serde::Deserialize;
use time::OffsetDateTime;
use url::Url;

use super::dto::{OAuthBeginView, OAuthCompletion, OAuthRunView, OAuthTimings, TokenMetadata};
use super::oauth_timeline::{
    bearer_request, error_response, exchange_request, grant_response, json_response, redacted_url,
    HttpRequestView, HttpResponseView, StepKind, TimelineStep,
};
use super::{app_code_name, Console, ConsoleError};
use crate::error::ErrorCode;
use crate::oauth::callback::CallbackError;
use crate::oauth::{Arrival, AuthorizePlan, Callback, PlanOptions, RedirectMatcher, CODE_LIFETIME};
use crate::platform::{
    probe_authorize, AppCodeName, AuthorizeProbe, CodeExchange, TokenGrant, UserInfo,
};
use crate::redirect_uri::RedirectUri;
use crate::store::{NewOAuthRun, OAuthOutcome, OAuthRun, OAuthRunFinish, OAuthRunId};
use crate::{PlatformError, Secret};
use ts_rs::TS;

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
    /// Makes the authorize URL and keeps the pending run (its `state` and PKCE verifier,
    /// encrypted). The redirect URI must be registered for the app, string for string.
    pub async fn oauth_begin(&self, request: OAuthBegin) -> Result<OAuthBeginView, ConsoleError> {
        let code = app_code_name(&request.app)?;
        let redirect = RedirectUri::parse(request.redirect_uri.trim()).map_err(|error| {
            ConsoleError::invalid_input(
                "redirect_uri",
                format!("The redirect URI is not valid: {error}."),
            )
        })?;
        let (profile, client) = self.session().await?;
        let app = client.get_app(&code).await?;
        let registered: Vec<&str> = app
            .redirect_uri
            .iter()
            .chain(app.oauth_redirect_uris.iter().flatten())
            .map(String::as_str)
            .collect();
        if !registered.contains(&redirect.as_str()) {
            return Err(ConsoleError::invalid_input(
                "redirect_uri",
                format!(
                    "{redirect} is not registered for app {code}, so the platform's authorize page \
                     would refuse it: {}; add it to the app's redirect URIs first, or use one of those.",
                    if registered.is_empty() {
                        "the app has no redirect URIs".to_owned()
                    } else {
                        format!("the registered ones are {}", registered.join(", "))
                    }
                ),
            ));
        }
        let credentials = self.credentials_of(&profile, &code).await?;
        let brand_url = match request.brand_url.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => match Url::parse(text) {
                Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => url,
                _ => {
                    return Err(ConsoleError::invalid_input(
                        "brand_url",
                        format!(
                            "The brand URL {text:?} is not an absolute http(s) URL: give the brand \
                             host users log in on, like https://app.vcita.com."
                        ),
                    ))
                }
            },
            _ => profile.brand_url.clone(),
        };
        let plan = AuthorizePlan::new(
            &brand_url,
            &credentials.client_id,
            redirect.clone(),
            &PlanOptions {
                pkce: request.pkce,
                scope: request.scope,
            },
        );
        let started_at = OffsetDateTime::now_utc();
        let runs = self.store.oauth_runs();
        let run_id = runs
            .start(NewOAuthRun {
                profile_id: profile.id,
                app_code_name: code.clone(),
                started_at,
                state: Secret::new(plan.state.clone()),
                pkce_verifier: plan.pkce.as_ref().map(|v| v.secret().clone()),
                redirect_uri: redirect.as_str().to_owned(),
            })
            .await?;
        let step = TimelineStep {
            kind: StepKind::Authorize,
            at: started_at,
            duration_ms: None,
            ok: true,
            summary: format!(
                "Authorize URL made on {} for redirect URI {redirect}{}.",
                brand_url.host_str().unwrap_or_default(),
                if request.pkce {
                    ", with a PKCE S256 challenge"
                } else {
                    ""
                }
            ),
            request: Some(HttpRequestView {
                method: "GET".into(),
                url: redacted_url(&plan.authorize_url),
                headers: Vec::new(),
                body: None,
            }),
            response: None,
        };
        let mut steps = vec![step];
        let probe_at = OffsetDateTime::now_utc();
        let started = Instant::now();
        let probe = probe_authorize(&plan.authorize_url, &self.client_options).await;
        let took = millis(started.elapsed());
        // Only the platform's own refusal stops the test: a 5xx, a 429, a gateway or an
        // unreachable host from here is noted, and the person may still get through.
        let refusal = match &probe {
            Ok(page) if page.is_refusal() => Some(refused_page_error(page, &code, &redirect)),
            _ => None,
        };
        let probe_ok = matches!(&probe, Ok(page) if page.is_usable());
        steps.push(TimelineStep {
            kind: StepKind::AuthorizePage,
            at: probe_at,
            duration_ms: Some(took),
            ok: probe_ok,
            summary: match (&probe, &refusal) {
                (_, Some(error)) => error.message.clone(),
                (Ok(page), None) if page.is_usable() => format!(
                    "The platform's authorize page answers (HTTP {}{}).",
                    page.status,
                    page.heading
                        .as_deref()
                        .map(|h| format!(": {h}"))
                        .unwrap_or_default()
                ),
                (Ok(page), None) => format!(
                    "The authorize page answered HTTP {} to a check from here; the login window \
                     opens anyway, in case it gets through.",
                    page.status
                ),
                (Err(error), None) => format!(
                    "{} The login window opens anyway, in case it gets through.",
                    error.message
                ),
            },
            request: Some(HttpRequestView {
                method: "GET".into(),
                url: redacted_url(&plan.authorize_url),
                headers: Vec::new(),
                body: None,
            }),
            response: probe.as_ref().ok().map(|page| HttpResponseView {
                status: Some(page.status),
                body: page
                    .heading
                    .iter()
                    .chain(page.detail.iter())
                    .map(|text| serde_json::Value::String(text.clone()))
                    .reduce(|a, b| {
                        serde_json::Value::String(format!(
                            "{}: {}",
                            a.as_str().unwrap_or_default(),
                            b.as_str().unwrap_or_default()
                        ))
                    }),
            }),
        });
        let timeline = serde_json::to_value(&steps).unwrap_or_default();
        if let Some(error) = refusal {
            // The platform would show its own error page and never redirect: end the
            // run now, with the reason, instead of opening a window that stalls.
            runs.finish(
                run_id,
                OAuthRunFinish {
                    finished_at: OffsetDateTime::now_utc(),
                    outcome: OAuthOutcome::Failed,
                    error: Some(error.message.clone()),
                    timeline,
                    access_token: None,
                    userinfo: None,
                },
            )
            .await?;
            return Err(error);
        }
        runs.update_timeline(run_id, &timeline).await?;
        Ok(OAuthBeginView {
            run_id: run_id.0,
            app_code_name: code,
            url: plan.authorize_url.to_string(),
            state: plan.state,
            redirect_uri: redirect.as_str().to_owned(),
            pkce: plan.pkce.is_some(),
            expires_at: started_at + PENDING_FLOW_LIFETIME,
        })
    }

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
        let Arrival {
            instant: arrived,
            at: arrived_at,
        } = arrival;
        let registered = RedirectUri::parse(&run.redirect_uri).map_err(|error| {
            ConsoleError::new(
                ErrorCode::Internal,
                format!("The OAuth test's stored redirect URI is not valid ({error}); start a new test."),
            )
        })?;
        if !RedirectMatcher::new(registered).matches(&url) {
            return Err(ConsoleError::invalid_input(
                "redirect_url",
                format!(
                    "{} is not the redirect URI this test uses ({}): a code on any other URL is \
                     ignored; give the URL the browser was finally sent to.",
                    redacted_url(&url),
                    run.redirect_uri
                ),
            ));
        }
        let mut flow = Flow {
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
        };
        flow.push(TimelineStep {
            kind: StepKind::Redirect,
            at: arrived_at,
            duration_ms: None,
            ok: callback.error.is_none(),
            summary: match &callback.error {
                None => "The browser was sent to the redirect URI with a code.".to_owned(),
                Some(error) => {
                    format!("The browser was sent to the redirect URI with error {error}.")
                }
            },
            request: Some(HttpRequestView {
                method: "GET".into(),
                url: redacted_url(&url),
                headers: Vec::new(),
                body: None,
            }),
            response: None,
        });

        if arrived_at > run.started_at + PENDING_FLOW_LIFETIME {
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
        let before_exchange = arrived.elapsed();
        let exchange_at = OffsetDateTime::now_utc();
        let timed = oauth.exchange_code(&exchange).await;
        let window_used = arrived.elapsed();
        flow.timings.before_exchange_ms = Some(millis(before_exchange));
        flow.timings.exchange_ms = Some(millis(timed.elapsed));
        flow.timings.window_used_ms = Some(millis(window_used));
        let token_url = profile
            .api_base
            .join("oauth/token")
            .unwrap_or(profile.api_base.clone());
        let grant = match timed.value {
            Ok(grant) => {
                flow.push(TimelineStep {
                    kind: StepKind::Exchange,
                    at: exchange_at,
                    duration_ms: Some(millis(timed.elapsed)),
                    ok: true,
                    summary: format!(
                        "The code was exchanged for an access token in {} ms, {:.1} s into its {} s life.",
                        millis(timed.elapsed),
                        window_used.as_secs_f64(),
                        CODE_LIFETIME.as_secs()
                    ),
                    request: Some(exchange_request(&token_url, &exchange)),
                    response: Some(grant_response(&grant, timed.status)),
                });
                grant
            }
            Err(error) => {
                flow.push(TimelineStep {
                    kind: StepKind::Exchange,
                    at: exchange_at,
                    duration_ms: Some(millis(timed.elapsed)),
                    ok: false,
                    summary: format!("The platform refused the exchange ({}).", error.code),
                    request: Some(exchange_request(&token_url, &exchange)),
                    response: Some(error_response(&error)),
                });
                let error = exchange_error(error, &run, window_used);
                return self.finish(&run, flow, Err(error), None).await;
            }
        };

        let userinfo_url = profile
            .api_base
            .join("oauth/userinfo")
            .unwrap_or(profile.api_base.clone());
        let userinfo_at = OffsetDateTime::now_utc();
        let started = Instant::now();
        let userinfo = oauth.userinfo_answered(&grant.access_token).await;
        let took = started.elapsed();
        flow.timings.userinfo_ms = Some(millis(took));
        let request = bearer_request("GET", &userinfo_url, &grant.access_token.masked());
        let result = match userinfo {
            Ok((info, status)) => {
                flow.push(TimelineStep {
                    kind: StepKind::UserInfo,
                    at: userinfo_at,
                    duration_ms: Some(millis(took)),
                    ok: true,
                    summary: format!(
                        "The access token works: it belongs to {} of business {}.",
                        info.email.as_deref().unwrap_or("an unnamed user"),
                        info.business_name
                            .as_deref()
                            .or(info.business_uid.as_deref())
                            .unwrap_or("(unnamed)")
                    ),
                    request: Some(request),
                    response: Some(json_response(
                        &serde_json::to_value(&info).unwrap_or_default(),
                        Some(status),
                    )),
                });
                Ok(info)
            }
            Err(error) => {
                flow.push(TimelineStep {
                    kind: StepKind::UserInfo,
                    at: userinfo_at,
                    duration_ms: Some(millis(took)),
                    ok: false,
                    summary: format!("Reading the user's info failed ({}).", error.code),
                    request: Some(request),
                    response: Some(error_response(&error)),
                });
                let message = format!(
                    "The code was exchanged for an access token, but reading the user's info with \
                     it failed: {}",
                    error.message
                );
                Err(ConsoleError::from(error).with_message(message))
            }
        };
        self.finish(&run, flow, result, Some(grant)).await
    }

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
                Some(super::scrub::userinfo(info)),
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

/// Why the authorize page will not lead back: it is the platform's error page.
fn refused_page_error(
    page: &AuthorizeProbe,
    code: &AppCodeName,
    redirect: &RedirectUri,
) -> ConsoleError {
    let said: Vec<&str> = page
        .heading
        .iter()
        .chain(page.detail.iter())
        .map(String::as_str)
        .collect();
    let vendor_message = (!said.is_empty()).then(|| said.join(": "));
    ConsoleError {
        status: Some(page.status),
        vendor_message: vendor_message.clone(),
        ..ConsoleError::new(
            ErrorCode::Validation,
            format!(
                "The platform's authorize page refused this request (HTTP {}{}) and would show \
                 its own error page without ever redirecting back: either the client id this \
                 console keeps for app {code} is not the platform's (import the right \
                 credentials), or {redirect} is not registered for the app on this brand host \
                 (check the app's redirect URIs and the brand URL). No login window was opened.",
                page.status,
                vendor_message
                    .as_deref()
                    .map(|m| format!(": \"{m}\""))
                    .unwrap_or_default()
            ),
        )
    }
}

fn parse_redirect_url(text: &str) -> Result<Url, ConsoleError> {
    Url::parse(text.trim()).map_err(|_| {
        ConsoleError::invalid_input(
            "redirect_url",
            "That is not a URL: give the full URL the browser was sent to after the consent \
             page, starting with http:// or https://.",
        )
    })
}

fn already_ended(run: &OAuthRun, outcome: OAuthOutcome) -> ConsoleError {
    ConsoleError::new(
        ErrorCode::Conflict,
        format!(
            "This redirect was already used: OAuth test {} of app {} has ended ({}); an \
             authorization code works once, so start a new test.",
            run.id.0,
            run.app_code_name,
            outcome.as_str()
        ),
    )
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

fn callback_error(error: CallbackError) -> ConsoleError {
    match error {
        CallbackError::Platform { error, description } if error == "access_denied" => {
            ConsoleError::new(
                ErrorCode::AccessDenied,
                format!(
                    "The authorization was refused (access_denied{}): the user chose Deny on the \
                     consent page, or the platform refused the app; run the test again and approve it.",
                    description.map(|d| format!(": {d}")).unwrap_or_default()
                ),
            )
        }
        CallbackError::Platform { error, description } => ConsoleError {
            vendor_message: description.clone(),
            ..ConsoleError::new(
                ErrorCode::Validation,
                format!(
                    "The platform sent the browser back with error {error}{}: check the app's \
                     redirect URIs and the test's options, then run it again.",
                    description.map(|d| format!(" ({d})")).unwrap_or_default()
                ),
            )
        },
        // A state that is missing or wrong has its own field, for a screen to explain it.
        other @ (CallbackError::MissingState | CallbackError::StateMismatch) => {
            ConsoleError::invalid_input("state", format!("{}.", capitalized(&other.to_string())))
        }
        other => ConsoleError::invalid_input("redirect_url", format!("{}.", capitalized(&other.to_string()))),
    }
}

fn exchange_error(error: PlatformError, run: &OAuthRun, window_used: Duration) -> ConsoleError {
    let message =
        match error.code {
            ErrorCode::InvalidGrant => format!(
            "The platform refused the authorization code (invalid_grant{}): it had expired (codes \
             live {} s; this one was about {:.1} s old when the answer came), was already used, or \
             was issued for another redirect URI or PKCE verifier; run the test again and complete \
             it promptly.",
            error.vendor_message.as_deref().map(|m| format!(": {m}")).unwrap_or_default(),
            CODE_LIFETIME.as_secs(),
            window_used.as_secs_f64()
        ),
            ErrorCode::InvalidClient => format!(
                "The platform refused the client id or secret of app {} (invalid_client): the \
             credentials this console keeps for it are not the platform's; import the right ones \
             and run the test again.",
                run.app_code_name
            ),
            _ => format!(
                "Exchanging the authorization code failed: {}",
                error.message
            ),
        };
    ConsoleError::from(error).with_message(message)
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

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
