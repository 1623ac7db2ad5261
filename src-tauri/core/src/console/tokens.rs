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
            token: crate::ShownSecret::new(&token),
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
            access_token: crate::ShownSecret::new(&grant.access_token),
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

/// How far apart the platform's and the store's creation times of one token may be: the
/// store notes the time when the create's answer arrived, by this machine's clock.
const SAME_CREATION: time::Duration = time::Duration::minutes(10);

/// One token of the app as the console knows it: kept here (its value known), listed by
/// the platform (in full or masked), or both.
#[derive(Debug)]
pub(crate) struct KnownToken<'a> {
    pub kept: Option<&'a KeptToken>,
    pub listed: Option<&'a ListedToken>,
}

impl KnownToken<'_> {
    /// The whole token, when the console knows it: only such a token can be revoked or copied.
    fn value(&self) -> Option<&Secret> {
        self.kept
            .map(|k| &k.token)
            .or_else(|| self.listed.and_then(ListedToken::full))
    }

    fn tail(&self) -> Option<String> {
        self.kept
            .map(|k| k.token_tail.clone())
            .or_else(|| self.listed.and_then(ListedToken::tail))
    }

    fn is_active(&self) -> bool {
        self.kept.is_none_or(|k| k.revoked_at.is_none())
    }

    fn mask(&self) -> String {
        match (self.value(), self.tail()) {
            (Some(value), _) => value.masked(),
            (None, Some(tail)) => format!("…{tail}"),
            (None, None) => "(not shown by the platform)".to_owned(),
        }
    }

    fn created_at(&self) -> Option<String> {
        self.listed
            .and_then(|l| l.created_at.clone())
            .or_else(|| self.kept.and_then(|k| rfc3339(k.created_at)))
    }
}

/// Pairs the kept tokens with the platform's entries: a token listed in full pairs with
/// the kept one of the same value; a masked entry with the kept one whose value ends the
/// same way and was created at the same time (when the platform says when).
pub(crate) fn pair<'a>(kept: &'a [KeptToken], listed: &'a [ListedToken]) -> Vec<KnownToken<'a>> {
    let mut taken = vec![false; listed.len()];
    let mut known: Vec<KnownToken<'a>> = Vec::new();
    for token in kept {
        let exact = listed
            .iter()
            .enumerate()
            .find(|(i, l)| !taken[*i] && l.is(&token.token));
        let by_mask = || {
            listed
                .iter()
                .enumerate()
                .filter(|(i, l)| !taken[*i] && l.full().is_none() && l.may_be(&token.token))
                .filter(|(_, l)| {
                    l.created_time()
                        .is_none_or(|at| (at - token.created_at).abs() <= SAME_CREATION)
                })
                .min_by_key(|(_, l)| {
                    l.created_time().map_or(i128::MAX, |at| {
                        (at - token.created_at).whole_milliseconds().abs()
                    })
                })
        };
        let found = exact.or_else(by_mask);
        if let Some((i, _)) = found {
            taken[i] = true;
        }
        known.push(KnownToken {
            kept: Some(token),
            listed: found.map(|(_, l)| l),
        });
    }
    known.extend(
        listed
            .iter()
            .enumerate()
            .filter(|(i, _)| !taken[*i])
            .map(|(_, l)| KnownToken {
                kept: None,
                listed: Some(l),
            }),
    );
    known
}

/// The one active token ending in `tail`, among the kept and listed ones.
fn by_tail(
    code: &AppCodeName,
    tail: &str,
    kept: &[KeptToken],
    listed: &[ListedToken],
) -> Result<Secret, ConsoleError> {
    let known = pair(kept, listed);
    let matching: Vec<&KnownToken> = known
        .iter()
        .filter(|t| t.is_active() && t.tail().as_deref() == Some(tail))
        .collect();
    match matching.as_slice() {
        [only] => only.value().cloned().ok_or_else(|| {
            ConsoleError::invalid_input(
                "token",
                format!(
                    "The token {} of app {code} was not created in this console and the platform \
                     lists it masked, so its whole value is unknown here: revoking it needs the \
                     whole token (`intandem tokens revoke {code} -` reads it from standard input).",
                    only.mask()
                ),
            )
        }),
        [] => Err(ConsoleError::not_found(format!(
            "No active token of app {code} ends in {tail:?}: list the app's tokens to see their \
             last four characters, or give the whole token."
        ))
        .with_field("token")),
        several => {
            let names: Vec<String> = several
                .iter()
                .map(|t| match (t.kept, t.created_at()) {
                    (Some(k), _) => format!("{} (created here {})", t.mask(), k.created_at.date()),
                    (None, Some(at)) => format!("{} (created {at})", t.mask()),
                    (None, None) => t.mask(),
                })
                .collect();
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
    pair(kept, listed)
        .iter()
        .map(|token| AppTokenView {
            token: token.mask(),
            tail: token.tail(),
            created_here: token.kept.is_some(),
            listed_on_platform: token.listed.is_some(),
            revocable: token.value().is_some() && token.is_active(),
            created_at: token.created_at(),
            expires_at: token.listed.and_then(|l| l.expires_at.clone()),
            revoked_at: token.kept.and_then(|k| k.revoked_at),
        })
        .collect()
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

    fn listed_masked(mask: &str, created_at: &str) -> ListedToken {
        serde_json::from_value(json!({"token": mask, "created_at": created_at})).unwrap()
    }

    fn kept_at(id: i64, value: &str, created_at: &str) -> KeptToken {
        KeptToken {
            created_at: OffsetDateTime::parse(
                created_at,
                &time::format_description::well_known::Rfc3339,
            )
            .unwrap(),
            ..kept(id, value)
        }
    }

    #[test]
    fn a_masked_entry_is_the_kept_token_with_its_tail_and_creation_time() {
        let code = AppCodeName::existing("tokenapp").unwrap();
        let tokens = [kept_at(1, "kept-token-value-0066", "2026-11-22T10:00:02Z")];
        let listed = [listed_masked("****0066", "2026-11-22T10:00:00.000Z")];
        let found = by_tail(&code, "0066", &tokens, &listed).unwrap();
        assert_eq!(found.expose(), "kept-token-value-0066");
        let views = merge(&tokens, &listed);
        assert_eq!(views.len(), 1, "one token, not two: {views:?}");
        assert!(views[0].created_here && views[0].listed_on_platform && views[0].revocable);
        assert_eq!(views[0].token, "…0066");
    }

    #[test]
    fn a_masked_entry_of_another_time_is_another_token() {
        let code = AppCodeName::existing("tokenapp").unwrap();
        let tokens = [kept_at(1, "kept-token-value-0066", "2026-11-22T10:00:00Z")];
        let listed = [
            listed_masked("****0066", "2026-11-22T10:00:01Z"),
            listed_masked("****0066", "2026-11-23T09:00:00Z"),
        ];
        let views = merge(&tokens, &listed);
        assert_eq!(views.len(), 2);
        assert!(views[0].created_here && views[0].listed_on_platform);
        assert!(!views[1].created_here && !views[1].revocable);
        let error = by_tail(&code, "0066", &tokens, &listed).unwrap_err();
        assert!(
            error.message.starts_with("2 active tokens"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_token_known_only_by_its_mask_cannot_be_revoked_by_its_tail() {
        let code = AppCodeName::existing("tokenapp").unwrap();
        let listed = [listed_masked("xxxxxxxxxxxx9c9c", "2026-11-22T10:00:00Z")];
        let error = by_tail(&code, "9c9c", &[], &listed).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(
            error.message.contains("needs the whole token"),
            "{}",
            error.message
        );
        assert!(error.message.contains("…9c9c"), "{}", error.message);
        let views = merge(&[], &listed);
        assert!(views[0].listed_on_platform && !views[0].created_here && !views[0].revocable);
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
