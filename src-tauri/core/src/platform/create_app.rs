//! `POST /platform/v1/apps`, never blindly retried.
//!
//! The create answer is the only time the platform shows an app's client secret, and a
//! second POST would make a second app. So a create is sent once (a 429 refusal or a
//! connection that never opened excepted: the platform did nothing), and when its
//! outcome is unknown (timeout, broken connection, 5xx, unreadable answer) the apps list
//! is read again and compared with a snapshot taken just before, to tell the truth:
//! created (secret lost), not created (safe to retry), or genuinely unknown.

use std::collections::HashSet;

use tracing::debug;

use super::apps::internal_serialization;
use super::client::PlatformClient;
use super::endpoint::Endpoint;
use super::envelope;
use super::models::{App, AppCodeName, CreatedApp, NewApp};
use super::reconcile::{find_created, Finding};
use super::transport::CallFailure;
use crate::error::{ErrorCode, PlatformError};

/// What a create achieved.
#[derive(Debug, Clone, PartialEq)]
pub enum CreateOutcome {
    /// The platform answered: the credentials (store the secret before showing anything).
    Created(CreatedApp),
    /// The app exists, but the platform's answer (and with it the client secret) was
    /// lost. `error` (code `unknown_outcome`) tells the person what happened and what to do.
    CreatedButAnswerLost { app: Box<App>, error: PlatformError },
}

impl PlatformClient {
    /// Creates an app. Fails with the platform's error when it refused, with the original
    /// failure's code and "it is safe to try again" when reconciliation shows nothing was
    /// created, and with `unknown_outcome` when even that cannot be known.
    pub async fn create_app(&self, new_app: &NewApp) -> Result<CreateOutcome, PlatformError> {
        new_app.validate()?;
        let before = self.snapshot_code_names().await?;
        let body =
            serde_json::to_vec(new_app).map_err(|e| internal_serialization(e, "the new app"))?;
        let call = self
            .call(Endpoint::CreateApp, &["platform", "v1", "apps"])
            .json_body(body);
        let lost = match self.transport.send(&call).await {
            Ok(answer) => match envelope::created_app(answer.status, &answer.body) {
                Ok(created) => return Ok(CreateOutcome::Created(created)),
                // The platform accepted the create (2xx) but its answer is unreadable.
                Err(error) => error,
            },
            Err(CallFailure {
                error,
                maybe_applied: false,
            }) => return Err(error),
            Err(CallFailure { error, .. }) => error,
        };
        debug!(code = %lost.code, "create outcome unknown: reconciling by listing apps");
        self.reconcile(new_app, &before, lost).await
    }

    async fn snapshot_code_names(&self) -> Result<HashSet<AppCodeName>, PlatformError> {
        match self.list_apps().await {
            Ok(apps) => Ok(apps.into_iter().map(|a| a.app_code_name).collect()),
            Err(error) => {
                let message = format!(
                    "Creating the app was not attempted, so nothing was created, because listing \
                     the existing apps first (to check the outcome should the answer be lost) \
                     failed: {}",
                    lowercase_first(&error.message)
                );
                Err(error.with_message(message))
            }
        }
    }

    async fn reconcile(
        &self,
        new_app: &NewApp,
        before: &HashSet<AppCodeName>,
        lost: PlatformError,
    ) -> Result<CreateOutcome, PlatformError> {
        let why = why_the_answer_was_lost(&lost);
        let after = match self.list_apps().await {
            Ok(after) => after,
            Err(list_error) => {
                let message = format!(
                    "Creating the app may or may not have worked: {why}, and listing apps to check \
                     failed too ({}); open the apps list before trying again, since a retry could \
                     create a second app.",
                    list_error.code
                );
                return Err(lost.recast(ErrorCode::UnknownOutcome, message));
            }
        };
        match find_created(new_app, before, after) {
            Finding::Found(listed) => {
                // The list may hold simplified entries: read the full app, keep the entry if that fails.
                let app = match self.get_app(&listed.app_code_name).await {
                    Ok(full) => Box::new(full),
                    Err(_) => listed,
                };
                let message = format!(
                    "The app was created (code name {}) but the platform's answer was lost ({why}), \
                     so its client secret cannot be recovered; create a new app, or ask the \
                     platform's support to reset this app's secret.",
                    app.app_code_name
                );
                let error = lost.recast(ErrorCode::UnknownOutcome, message);
                Ok(CreateOutcome::CreatedButAnswerLost { app, error })
            }
            Finding::NotFound => {
                let message = format!(
                    "Creating the app failed ({why}) and the app was not created (it is not in \
                     the apps list), so it is safe to try again."
                );
                Err(lost.with_message(message))
            }
            Finding::Ambiguous(candidates) => {
                let names: Vec<&str> = candidates.iter().map(AppCodeName::as_str).collect();
                let message = format!(
                    "Creating the app may have worked ({why}): new apps that match it appeared \
                     ({}), so which one is yours cannot be told; check the apps list before trying \
                     again, and remember a secret lost this way cannot be recovered.",
                    names.join(", ")
                );
                Err(lost.recast(ErrorCode::UnknownOutcome, message))
            }
        }
    }
}

fn why_the_answer_was_lost(error: &PlatformError) -> String {
    let status = error
        .status
        .map(|s| format!(" HTTP {s}"))
        .unwrap_or_default();
    match error.code {
        ErrorCode::Timeout => "the platform did not answer in time".to_owned(),
        ErrorCode::Network => "the connection broke before the answer arrived".to_owned(),
        ErrorCode::Decode => format!("the platform's{status} answer could not be read"),
        _ => match &error.vendor_message {
            Some(words) => format!("the platform failed with{status}: \"{words}\""),
            None => format!("the platform failed with{status}"),
        },
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
