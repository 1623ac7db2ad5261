//! Beginning an OAuth test: the redirect URI must be one the app registers, string for
//! string; the authorize URL is made on the profile's (or a given) brand host; the run is
//! kept pending with its `state` and PKCE verifier (encrypted); and the authorize page is
//! probed once, so a page the platform would refuse ends the run at once with the reason.

use std::time::Instant;

use time::OffsetDateTime;
use url::Url;

use super::errors::refused_page_error;
use super::narration;
use super::{millis, OAuthBegin, PENDING_FLOW_LIFETIME};
use crate::console::dto::OAuthBeginView;
use crate::console::{app_code_name, Console, ConsoleError};
use crate::oauth::{AuthorizePlan, PlanOptions};
use crate::platform::{probe_authorize, App, AppCodeName};
use crate::redirect_uri::RedirectUri;
use crate::store::{NewOAuthRun, OAuthOutcome, OAuthRunFinish, Profile};
use crate::Secret;

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
        ensure_registered(&app, &code, &redirect)?;
        let credentials = self.credentials_of(&profile, &code).await?;
        let brand_url = brand_url_for(request.brand_url.as_deref(), &profile)?;
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
        let mut steps = vec![narration::authorize(
            started_at,
            &plan.authorize_url,
            &brand_url,
            &redirect,
            request.pkce,
        )];
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
        steps.push(narration::authorize_page(
            probe_at,
            took,
            &plan.authorize_url,
            &probe,
            refusal.as_ref(),
        ));
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
}

/// The platform's authorize page refuses a redirect URI the app does not register, so a
/// test with one would stall on its error page: say so before starting.
fn ensure_registered(
    app: &App,
    code: &AppCodeName,
    redirect: &RedirectUri,
) -> Result<(), ConsoleError> {
    let registered: Vec<&str> = app
        .redirect_uri
        .iter()
        .chain(app.oauth_redirect_uris.iter().flatten())
        .map(String::as_str)
        .collect();
    if registered.contains(&redirect.as_str()) {
        return Ok(());
    }
    Err(ConsoleError::invalid_input(
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
    ))
}

/// The brand host the user logs in on: the one given (a white-label host), else the
/// profile's.
fn brand_url_for(given: Option<&str>, profile: &Profile) -> Result<Url, ConsoleError> {
    match given.map(str::trim) {
        Some(text) if !text.is_empty() => match Url::parse(text) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(url),
            _ => Err(ConsoleError::invalid_input(
                "brand_url",
                format!(
                    "The brand URL {text:?} is not an absolute http(s) URL: give the brand \
                     host users log in on, like https://app.vcita.com."
                ),
            )),
        },
        _ => Ok(profile.brand_url.clone()),
    }
}
