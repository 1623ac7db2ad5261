//! App tokens: create, list and revoke (`/platform/v1/tokens`, `/platform/v1/tokens/revoke`).
//!
//! Create and revoke are writes, never blindly retried. When their outcome is unknown the
//! app's tokens are listed to learn the truth: a token that appeared since a snapshot
//! taken just before the create is the one created (recovered when the list shows its
//! value, not a mask); a revoked token is gone from the list (no entry is it, nor a mask
//! ending the way it does).

use super::client::PlatformClient;
use super::endpoint::Endpoint;
use super::envelope;
use super::models::AppToken;
use super::request_bodies;
use super::transport::CallFailure;
use crate::error::{ErrorCode, PlatformError};
use crate::Secret;

const TOKENS: &[&str] = &["platform", "v1", "tokens"];

impl PlatformClient {
    /// The tokens issued for the app with this `app_id`.
    pub async fn list_app_tokens(&self, app_id: &str) -> Result<Vec<AppToken>, PlatformError> {
        let call = self
            .call(Endpoint::ListAppTokens, TOKENS)
            .query("app_id", app_id);
        let answer = self.transport.send(&call).await?;
        envelope::tokens_list(answer.status, &answer.body)
    }

    /// Issues an API token for the app with this `app_id` (the app's `app_id`, not its code name).
    pub async fn create_app_token(&self, app_id: &str) -> Result<Secret, PlatformError> {
        // Best effort: without a snapshot a lost answer can only be reported, not reconciled.
        let before = self.list_app_tokens(app_id).await.ok();
        let body = serde_json::json!({ "app_id": app_id })
            .to_string()
            .into_bytes();
        let call = self.call(Endpoint::CreateAppToken, TOKENS).json_body(body);
        let lost = match self.transport.send(&call).await {
            Ok(answer) => match envelope::created_token(answer.status, &answer.body) {
                Ok(token) => return Ok(token),
                Err(error) => error,
            },
            Err(CallFailure {
                error,
                maybe_applied: false,
            }) => return Err(error),
            Err(CallFailure { error, .. }) => error,
        };
        let after = self.list_app_tokens(app_id).await.ok();
        let (Some(before), Some(after)) = (before, after) else {
            let message = format!(
                "Creating the app token may or may not have worked ({}), and the app's tokens could \
                 not be listed to check; list them before trying again, and revoke any you do not recognise.",
                lost.message.trim_end_matches('.')
            );
            return Err(lost.recast(ErrorCode::UnknownOutcome, message));
        };
        let fresh: Vec<AppToken> = after.into_iter().filter(|t| !before.contains(t)).collect();
        match (fresh.len(), fresh.first().and_then(|t| t.full().cloned())) {
            (0, _) => {
                let message = "Creating the app token failed and no token was created (the app's \
                               token list is unchanged), so it is safe to try again."
                    .to_owned();
                Err(lost.with_message(message))
            }
            (1, Some(token)) => Ok(token),
            _ => {
                let message = "An app token was created but the platform's answer was lost and the \
                               list does not show its value; revoke the tokens you do not recognise \
                               and create a new one."
                    .to_owned();
                Err(lost.recast(ErrorCode::UnknownOutcome, message))
            }
        }
    }

    /// Revokes `token`, one of the tokens of the app with this `app_id` (used to check
    /// the outcome if the platform's answer is lost).
    pub async fn revoke_app_token(
        &self,
        app_id: &str,
        token: &Secret,
    ) -> Result<(), PlatformError> {
        let call = self
            .call(
                Endpoint::RevokeAppToken,
                &["platform", "v1", "tokens", "revoke"],
            )
            .json_body(request_bodies::revoke_token(token));
        let lost = match self.transport.send(&call).await {
            Ok(answer) => match envelope::revoked_tokens(answer.status, &answer.body) {
                Ok(_) => return Ok(()),
                Err(error) => error,
            },
            Err(CallFailure {
                error,
                maybe_applied: false,
            }) => return Err(error),
            Err(CallFailure { error, .. }) => error,
        };
        // Gone for sure only when no entry is it, and every entry shows enough to tell.
        let listed = self.list_app_tokens(app_id).await;
        let still_listed = listed.as_ref().ok().map(|tokens| {
            if tokens.iter().any(|t| t.is(token)) {
                Some(true)
            } else if tokens.iter().any(|t| t.may_be(token) || t.tail().is_none()) {
                None
            } else {
                Some(false)
            }
        });
        match still_listed.flatten() {
            Some(false) => Ok(()),
            Some(true) => {
                let message = format!(
                    "Revoking the app token {} failed and the token is still active (it is still \
                     in the app's token list), so it is safe to try again.",
                    token.masked()
                );
                Err(lost.with_message(message))
            }
            _ => {
                let message = format!(
                    "Revoking the app token {} may or may not have worked, and the app's token list \
                     could not tell; revoke it again (the platform answers \"invalid token\" if it is \
                     already gone).",
                    token.masked()
                );
                Err(lost.recast(ErrorCode::UnknownOutcome, message))
            }
        }
    }
}
