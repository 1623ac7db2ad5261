//! App tokens (create, list, revoke) and the app's service token.
//!
//! A token is named by its value or by its last four characters; the list merges the
//! platform's tokens with those this console created (whose values it keeps, encrypted).

use serde_json::json;
use time::OffsetDateTime;

use super::dto::{
    AppTokenView, AppTokensView, CreatedTokenView, RevokedTokenView, ServiceTokenView,
};
use super::{app_code_name, Console, ConsoleError};
use crate::error::ErrorCode;
use crate::platform::{AppCodeName, AppToken as ListedToken, PlatformClient, ServiceCredentials};
use crate::store::{AppToken as KeptToken, AuditAction, NewAuditEntry, Profile};
use crate::Secret;

/// How many characters name a token by its tail.
const TAIL_CHARS: usize = 4;

impl Console {
    /// Issues an app token, keeps it (encrypted, audited) and shows it.
    pub async fn token_create(&self, app: &str) -> Result<CreatedTokenView, ConsoleError> {
        let code = app_code_name(app)?;
        let (profile, client) = self.session().await?;
        let app_id = self.app_id(&profile, &client, &code).await?;
        // Held until the token is kept: were two creates to overlap, one whose answer is
        // lost could take the token the other made (the only new one in the list) for its own.
        let _one_at_a_time = self.token_creation.lock().await;
        let token = client.create_app_token(&app_id).await?;
        let kept = self
            .store
            .app_tokens()
            .record_created(profile.id, &code, token.clone(), &self.actor)
            .await
            .map_err(|error| {
                ConsoleError::from(error).with_message(format!(
                    "The app token {} was created on the platform, but keeping it in the local \
                     store failed; list the app's tokens to see it, or revoke it.",
                    token.masked()
                ))
            })?;
        Ok(CreatedTokenView {
            app_code_name: code,
            // Showing the new token is this action's purpose.
            token: token.expose().to_owned(),
            tail: kept.token_tail,
            created_at: kept.created_at,
        })
    }

    /// The app's tokens: the platform's list merged with the ones this console created.
    /// When the platform's list cannot be read, the kept ones come back with the reason.
    pub async fn tokens_list(&self, app: &str) -> Result<AppTokensView, ConsoleError> {
        let code = app_code_name(app)?;
        let (profile, client) = self.session().await?;
        let kept = self.store.app_tokens().list(profile.id, &code).await?;
        let (listed, sync_error) = match self.app_id(&profile, &client, &code).await {
            Ok(app_id) => match client.list_app_tokens(&app_id).await {
                Ok(listed) => (listed, None),
                Err(error) => (Vec::new(), Some(ConsoleError::from(error))),
            },
            Err(error) => (Vec::new(), Some(error)),
        };
        if let Some(error) = &sync_error {
            if kept.is_empty() {
                return Err(error.clone());
            }
        }
        Ok(AppTokensView {
            app_code_name: code,
            tokens: merge(&kept, &listed),
            sync_error,
        })
    }

    /// Revokes a token named by its value or its last four characters. A tail that fits
    /// several active tokens is refused, listing them.
    pub async fn token_revoke(
        &self,
        app: &str,
        token_or_tail: &str,
    ) -> Result<RevokedTokenView, ConsoleError> {
        let code = app_code_name(app)?;
        let given = token_or_tail.trim();
        if given.is_empty() {
            return Err(ConsoleError::invalid_input(
                "token",
                "Name the token to revoke: give the token, or its last 4 characters.",
            ));
        }
        let (profile, client) = self.session().await?;
        let app_id = self.app_id(&profile, &client, &code).await?;
        let kept: Vec<KeptToken> = self
            .store
            .app_tokens()
            .list(profile.id, &code)
            .await?
            .into_iter()
            .filter(|t| t.revoked_at.is_none())
            .collect();
        let target = if given.chars().count() <= TAIL_CHARS {
            match client.list_app_tokens(&app_id).await {
                Ok(listed) => by_tail(&code, given, &kept, &listed)?,
                // The kept tokens can still be named; say why others could not be.
                Err(list_error) => by_tail(&code, given, &kept, &[]).map_err(|error| {
                    let message = format!(
                        "{} (The platform's token list could not be read to look further: {})",
                        error.message, list_error.message
                    );
                    error.with_message(message)
                })?,
            }
        } else {
            Secret::new(given)
        };
        let already_revoked = match client.revoke_app_token(&app_id, &target).await {
            Ok(()) => false,
            // The platform no longer knows a token this console kept as active.
            Err(error)
                if error.code == ErrorCode::NotFound && kept.iter().any(|t| t.token == target) =>
            {
                true
            }
            Err(error) => return Err(error.into()),
        };
        match kept.iter().find(|t| t.token == target) {
            Some(kept) => {
                self.store
                    .app_tokens()
                    .record_revoked(kept.id, &self.actor)
                    .await?;
            }
            None => {
                self.store
                    .audit_log()
                    .record(NewAuditEntry {
                        actor: self.actor.clone(),
                        profile_id: Some(profile.id),
                        app_code_name: Some(code.clone()),
                        action: AuditAction::TokenRevoked,
                        before: Some(json!({ "token_tail": target.tail() })),
                        after: Some(json!({ "revoked_at": rfc3339(OffsetDateTime::now_utc()) })),
                    })
                    .await?;
            }
        }
        Ok(RevokedTokenView {
            app_code_name: code,
            token: target.masked(),
            already_revoked,
        })
    }

    /// An app access token from the platform's `/oauth/service/token`, with the client
    /// credentials this console kept for the app.
    pub async fn service_token(&self, app: &str) -> Result<ServiceTokenView, ConsoleError> {
        let code = app_code_name(app)?;
        let (profile, client) = self.session().await?;
        let credentials = self.credentials_of(&profile, &code).await?;
        let grant = client
            .oauth()
            .service_token(&ServiceCredentials {
                service_id: credentials.client_id,
                service_secret: credentials.client_secret,
            })
            .await?;
        Ok(ServiceTokenView {
            app_code_name: code,
            expires_at: grant.expires_at().or_else(|| {
                let seconds = i64::try_from(grant.expires_in?).ok()?;
                Some(OffsetDateTime::now_utc() + time::Duration::seconds(seconds))
            }),
            // Showing the issued token is this action's purpose; it is not stored.
            access_token: grant.access_token.expose().to_owned(),
            token_type: grant.token_type,
            expires_in: grant.expires_in,
        })
    }

    /// The app's `app_id` (what the token endpoints take): from the cache or the kept
    /// credentials, else from the platform's apps list.
    pub(crate) async fn app_id(
        &self,
        profile: &Profile,
        client: &PlatformClient,
        code: &AppCodeName,
    ) -> Result<String, ConsoleError> {
        if let Some(cached) = self.store.apps_cache().get(profile.id, code).await? {
            if let Some(app_id) = cached.app_id {
                return Ok(app_id);
            }
        }
        if let Some(app_id) = self
            .store
            .credentials()
            .get(profile.id, code)
            .await?
            .and_then(|c| c.app_id)
        {
            return Ok(app_id);
        }
        // A single app's read does not carry its app_id; the list's entries do.
        let listed = client
            .list_apps()
            .await?
            .into_iter()
            .find(|app| &app.app_code_name == code)
            .ok_or_else(|| {
                ConsoleError::not_found(format!(
                    "There is no app {code} in this profile's directory: check the code name in \
                     the apps list."
                ))
                .with_field("app")
            })?;
        listed.app_id.or(listed.uid).ok_or_else(|| {
            ConsoleError::new(
                ErrorCode::Decode,
                format!(
                    "The platform's description of app {code} has no app_id, which its tokens \
                     are filed under; try again, and report it if it persists."
                ),
            )
        })
    }
}

/// The one active token ending in `tail`, among the kept and listed ones.
fn by_tail(
    code: &AppCodeName,
    tail: &str,
    kept: &[KeptToken],
    listed: &[ListedToken],
) -> Result<Secret, ConsoleError> {
    let mut candidates: Vec<(Secret, String)> = Vec::new();
    for token in kept {
        candidates.push((
            token.token.clone(),
            format!(
                "{} (created here {})",
                token.token.masked(),
                token.created_at.date()
            ),
        ));
    }
    for token in listed
        .iter()
        .filter_map(|t| t.token.as_ref().map(|v| (v, t)))
    {
        let (value, entry) = token;
        if !candidates.iter().any(|(known, _)| known == value) {
            let when = entry
                .created_at
                .as_deref()
                .map(|at| format!(" (created {at})"))
                .unwrap_or_default();
            candidates.push((value.clone(), format!("{}{when}", value.masked())));
        }
    }
    let matching: Vec<&(Secret, String)> = candidates
        .iter()
        .filter(|(t, _)| t.tail() == tail)
        .collect();
    match matching.as_slice() {
        [(only, _)] => Ok(only.clone()),
        [] => Err(ConsoleError::not_found(format!(
            "No active token of app {code} ends in {tail:?}: list the app's tokens to see their \
             last four characters, or give the whole token."
        ))
        .with_field("token")),
        several => {
            let names: Vec<&str> = several.iter().map(|(_, name)| name.as_str()).collect();
            Err(ConsoleError::invalid_input(
                "token",
                format!(
                    "{} active tokens of app {code} end in {tail:?} ({}): give the whole token \
                     to say which one to revoke.",
                    several.len(),
                    names.join(", ")
                ),
            ))
        }
    }
}

/// Kept tokens first (oldest first), then tokens only the platform lists.
fn merge(kept: &[KeptToken], listed: &[ListedToken]) -> Vec<AppTokenView> {
    let mut views: Vec<AppTokenView> = kept
        .iter()
        .map(|token| {
            let on_platform = listed.iter().find(|l| l.is(&token.token));
            AppTokenView {
                token: token.token.masked(),
                tail: Some(token.token_tail.clone()),
                created_here: true,
                listed_on_platform: on_platform.is_some(),
                created_at: on_platform
                    .and_then(|l| l.created_at.clone())
                    .or_else(|| rfc3339(token.created_at)),
                expires_at: on_platform.and_then(|l| l.expires_at.clone()),
                revoked_at: token.revoked_at,
            }
        })
        .collect();
    for entry in listed {
        if let Some(value) = &entry.token {
            if kept.iter().any(|k| &k.token == value) {
                continue;
            }
        }
        views.push(AppTokenView {
            token: entry
                .token
                .as_ref()
                .map(Secret::masked)
                .unwrap_or_else(|| "(not shown by the platform)".to_owned()),
            tail: entry.token.as_ref().map(Secret::tail),
            created_here: false,
            listed_on_platform: true,
            created_at: entry.created_at.clone(),
            expires_at: entry.expires_at.clone(),
            revoked_at: None,
        });
    }
    views
}

fn rfc3339(at: OffsetDateTime) -> Option<String> {
    at.format(&time::format_description::well_known::Rfc3339)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{AppTokenId, ProfileId};

    fn kept(id: i64, value: &str) -> KeptToken {
        KeptToken {
            id: AppTokenId(id),
            profile_id: ProfileId(1),
            app_code_name: AppCodeName::existing("tokenapp").unwrap(),
            token: Secret::new(value),
            token_tail: Secret::new(value).tail(),
            created_at: OffsetDateTime::UNIX_EPOCH,
            revoked_at: None,
        }
    }

    fn listed(value: &str) -> ListedToken {
        serde_json::from_value(json!({"token": value, "created_at": "2026-11-22T10:00:00Z"}))
            .unwrap()
    }

    #[test]
    fn a_tail_names_the_one_token_ending_in_it() {
        let code = AppCodeName::existing("tokenapp").unwrap();
        let tokens = [
            kept(1, "first-token-value-aaaa"),
            kept(2, "second-token-value-bbbb"),
        ];
        let found = by_tail(&code, "bbbb", &tokens, &[listed("platform-token-cccc")]).unwrap();
        assert_eq!(found.expose(), "second-token-value-bbbb");
        let found = by_tail(&code, "cccc", &tokens, &[listed("platform-token-cccc")]).unwrap();
        assert_eq!(found.expose(), "platform-token-cccc");
        let missing = by_tail(&code, "dddd", &tokens, &[]).unwrap_err();
        assert_eq!(missing.code, ErrorCode::NotFound);
    }

    #[test]
    fn an_ambiguous_tail_is_refused_listing_the_candidates_without_their_values() {
        let code = AppCodeName::existing("tokenapp").unwrap();
        let tokens = [kept(1, "first-token-value-abcd")];
        let error = by_tail(
            &code,
            "abcd",
            &tokens,
            &[
                listed("first-token-value-abcd"),
                listed("other-token-value-abcd"),
            ],
        )
        .unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            error.message.starts_with("2 active tokens"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("created here 1970-01-01"),
            "{}",
            error.message
        );
        assert!(
            error.message.contains("created 2026-11-22"),
            "{}",
            error.message
        );
        assert!(!error.message.contains("token-value"), "{}", error.message);
    }

    #[test]
    fn the_list_merges_kept_and_listed_tokens_masked() {
        let views = merge(
            &[kept(1, "kept-token-value-1111")],
            &[
                listed("kept-token-value-1111"),
                listed("other-token-value-2222"),
            ],
        );
        assert_eq!(views.len(), 2);
        assert!(views[0].created_here && views[0].listed_on_platform);
        assert_eq!(views[0].token, "…1111");
        assert!(!views[1].created_here);
        assert_eq!(views[1].tail.as_deref(), Some("2222"));
        assert!(!serde_json::to_string(&views)
            .unwrap()
            .contains("token-value"));
    }
}
