//! Apps: list (fresh, or the cache when the platform is unreachable), show, create
//! (credentials recorded in one store transaction before anything is shown), and
//! update (only the fields that change, audited).

use std::collections::HashSet;

use serde_json::{json, Value};
use tracing::warn;

use super::app_diff::{audit_before, merged, plan_update};
use super::app_input::AppInput;
use super::dto::{AppDetails, AppSummary, AppUpdateView, AppsListing, CreatedAppView};
use super::{app_code_name, scrub, Console, ConsoleError};
use crate::platform::{App, AppCodeName, AppUpdate, CreateOutcome, CreatedApp, PlatformClient};
use crate::store::{AppRecord, AuditAction, NewAuditEntry, NewCredentials, Profile};
use crate::ShownSecret;

impl Console {
    /// The active profile's apps from the platform (the cache is replaced with them).
    /// When the platform cannot be reached (network, timeout, 5xx, 429) the cached list
    /// comes back instead, marked `stale`, with when it was last synced and why not now.
    pub async fn apps_list(&self) -> Result<AppsListing, ConsoleError> {
        let (profile, client) = self.session().await?;
        let with_credentials = self.credentialed_apps(&profile).await?;
        let summary =
            |code: &AppCodeName, app_id: Option<String>, name: Option<String>| AppSummary {
                has_credentials: with_credentials.contains(code),
                app_code_name: code.clone(),
                app_id,
                name,
            };
        match client.list_apps().await {
            Ok(apps) => {
                let mut records: Vec<AppRecord> = apps.iter().map(AppRecord::from_app).collect();
                // The cache lists by code name: so does a fresh list, so the two read alike.
                records.sort_by(|a, b| a.app_code_name.cmp(&b.app_code_name));
                let synced = self
                    .store
                    .apps_cache()
                    .replace_all(profile.id, &records)
                    .await?;
                Ok(AppsListing {
                    profile: profile.name,
                    apps: records
                        .into_iter()
                        .map(|r| summary(&r.app_code_name, r.app_id, r.name))
                        .collect(),
                    stale: false,
                    last_synced_at: Some(synced.synced_at),
                    sync_error: None,
                })
            }
            Err(error) => {
                let error = ConsoleError::from(error);
                let cache = self.store.apps_cache();
                let state = cache.sync_state(profile.id).await?;
                if !error.is_unreachable() || state.last_synced_at.is_none() {
                    return Err(error);
                }
                cache
                    .record_sync_failure(profile.id, &error.message)
                    .await?;
                let cached = cache.list(profile.id).await?;
                Ok(AppsListing {
                    profile: profile.name,
                    apps: cached
                        .into_iter()
                        .map(|c| summary(&c.app_code_name, c.app_id, c.name))
                        .collect(),
                    stale: true,
                    last_synced_at: state.last_synced_at,
                    sync_error: Some(error),
                })
            }
        }
    }

    /// One app in full, fresh from the platform (the cached copy when it is unreachable).
    pub async fn app_show(&self, app: &str) -> Result<AppDetails, ConsoleError> {
        let code = app_code_name(app)?;
        let (profile, client) = self.session().await?;
        let credentials = self.store.credentials().get(profile.id, &code).await?;
        let (app, stale, synced_at, sync_error) = match client.get_app(&code).await {
            Ok(mut app) => {
                let record = self.record_of(&profile, &app).await?;
                let cached = self.store.apps_cache().upsert(profile.id, &record).await?;
                app.app_id = app.app_id.or(record.app_id);
                (app, false, Some(cached.synced_at), None)
            }
            Err(error) => {
                let error = ConsoleError::from(error);
                let cached = self.store.apps_cache().get(profile.id, &code).await?;
                match cached {
                    Some(cached) if error.is_unreachable() => {
                        let app: App = serde_json::from_value(cached.entity).map_err(|e| {
                            error.clone().with_message(format!(
                                "{} The cached copy cannot be read either ({e}).",
                                error.message
                            ))
                        })?;
                        (app, true, Some(cached.synced_at), Some(error))
                    }
                    _ => return Err(error),
                }
            }
        };
        Ok(AppDetails {
            app: scrub::app(app),
            has_credentials: credentials.is_some(),
            credentials_source: credentials.map(|c| c.source),
            stale,
            synced_at,
            sync_error,
        })
    }

    /// Creates an app. The client id and secret are written to the store, with the
    /// cached app and the audit entry, in one transaction before this returns. Extra
    /// OAuth redirect URIs are registered by an update right after (the create body
    /// cannot carry them); a failure there is a warning, never a lost secret.
    pub async fn app_create(&self, input: AppInput) -> Result<CreatedAppView, ConsoleError> {
        let checked = input.for_create()?;
        let (profile, client) = self.session().await?;
        let mut warnings = checked.warnings;
        let created = match client.create_app(&checked.new_app).await? {
            CreateOutcome::Created(created) => created,
            CreateOutcome::CreatedButAnswerLost { app, error } => {
                self.record_app_without_credentials(&profile, &app).await;
                // `created`: the app was found after the lost answer (only its secret is
                // lost), unlike an outcome nobody could check.
                return Err(ConsoleError::from(error).with_field("created"));
            }
        };
        let record = created_record(&created, &checked.new_app);
        let credentials = NewCredentials {
            client_id: created.client_id.clone(),
            client_secret: created.client_secret.clone(),
        };
        let saved = self
            .store
            .record_created_app(profile.id, &record, credentials, &self.actor)
            .await;
        let secret_saved = saved.is_ok();
        if let Err(error) = saved {
            // The platform never shows this secret again: show it rather than lose it.
            warnings.insert(
                0,
                format!(
                    "The app was created, but saving its credentials in the local store failed \
                     ({error}): copy the client secret now, it cannot be shown again."
                ),
            );
        }

        let code = created.app_code_name.clone();
        let mut redirect_uris = None;
        let mut app = None;
        match client.get_app(&code).await {
            Ok(full) => {
                if let Some(uris) = checked.oauth_redirect_uris {
                    match self
                        .register_after_create(&profile, &client, &full, uris)
                        .await
                    {
                        Ok((after, diff)) => {
                            app = Some(after);
                            redirect_uris = Some(diff);
                        }
                        Err(error) => {
                            warnings.push(format!(
                                "The app was created, but registering its OAuth redirect URIs \
                                 failed: {} Add them again with the redirect URI editor.",
                                error.message
                            ));
                            app = Some(full);
                        }
                    }
                } else {
                    self.refresh_cache(&profile, &full).await;
                    app = Some(full);
                }
            }
            Err(error) => warnings.push(format!(
                "The app was created, but reading it back failed ({}); open it again later{}.",
                error.message.trim_end_matches('.'),
                if checked.oauth_redirect_uris.is_some() {
                    " and add its OAuth redirect URIs"
                } else {
                    ""
                }
            )),
        }
        Ok(CreatedAppView {
            app_code_name: code,
            app_id: created.app_id.clone(),
            name: if created.name.is_empty() {
                checked.new_app.name.clone()
            } else {
                created.name.clone()
            },
            client_id: created.client_id.clone(),
            // The one place a new app's secret leaves its wrapper: this is its only showing.
            client_secret: ShownSecret::new(&created.client_secret),
            secret_saved,
            app: app.map(scrub::app),
            redirect_uris,
            warnings,
        })
    }

    /// What an update would change, without changing anything (the review step).
    pub async fn app_update_preview(
        &self,
        app: &str,
        input: AppInput,
    ) -> Result<AppUpdateView, ConsoleError> {
        self.update(app, input, false).await
    }

    /// Sends only the fields that differ from the platform's current app, then records
    /// the app (audited, before and after). `trusted` cannot be changed.
    /// After a create whose outcome is unknown: the directory's app that looks like the one
    /// asked for (its code name, or its name and landing page), if there is one. `None`
    /// means it was not created and may be created again.
    pub async fn app_find_created(
        &self,
        input: AppInput,
    ) -> Result<Option<AppSummary>, ConsoleError> {
        let checked = input.for_create()?;
        let (_, client) = self.session().await?;
        let apps = client.list_apps().await?;
        let wanted = &checked.new_app;
        let found = apps.into_iter().find(|app| match &wanted.app_code_name {
            Some(code) => {
                &app.app_code_name == code
                    || (app.app_code_name.as_str().starts_with(code.as_str())
                        && crate::platform::looks_like(app, wanted))
            }
            None => crate::platform::looks_like(app, wanted),
        });
        Ok(found.map(|app| AppSummary {
            app_id: app.app_id.clone().or_else(|| app.uid.clone()),
            name: app.name.clone(),
            app_code_name: app.app_code_name,
            // The platform shows a secret once: an answer that was lost took it along.
            has_credentials: false,
        }))
    }

    pub async fn app_update(
        &self,
        app: &str,
        input: AppInput,
    ) -> Result<AppUpdateView, ConsoleError> {
        self.update(app, input, true).await
    }

    async fn update(
        &self,
        app: &str,
        input: AppInput,
        apply: bool,
    ) -> Result<AppUpdateView, ConsoleError> {
        let code = app_code_name(app)?;
        let (profile, client) = self.session().await?;
        let current = client.get_app(&code).await?;
        let (update, changes) = plan_update(&current, &input)?;
        if !apply || update.is_empty() {
            return Ok(AppUpdateView {
                app_code_name: code,
                changes,
                applied: false,
                app: scrub::app(current),
            });
        }
        let after = self
            .send_update(&profile, &client, &current, &update)
            .await?;
        Ok(AppUpdateView {
            app_code_name: code,
            changes,
            applied: true,
            app: scrub::app(after),
        })
    }

    /// Sends an update and records its result (audited).
    pub(crate) async fn send_update(
        &self,
        profile: &Profile,
        client: &PlatformClient,
        current: &App,
        update: &AppUpdate,
    ) -> Result<App, ConsoleError> {
        let answer = client.update_app(&current.app_code_name, update).await?;
        let mut after = merged(current, &answer);
        let record = self.record_of(profile, &after).await?;
        // The "before" is the recorded app with only the fields sent as they were: the
        // entry names this update's changes, not those someone made since `current` was read.
        let previous = audit_before(current, update, &record.entity);
        self.store
            .apps_cache()
            .record_updated_app(profile.id, &record, previous.as_ref(), &self.actor)
            .await?;
        after.app_id = after.app_id.or(record.app_id);
        Ok(after)
    }

    /// The cache record of an app as just read. A single app's read does not carry its
    /// `app_id` (only the list and the create answer do), so the known one is kept.
    pub(crate) async fn record_of(
        &self,
        profile: &Profile,
        app: &App,
    ) -> Result<AppRecord, ConsoleError> {
        let mut record = AppRecord::from_app(app);
        if app.app_id.is_none() {
            let cached = self
                .store
                .apps_cache()
                .get(profile.id, &app.app_code_name)
                .await?;
            if let Some(app_id) = cached.and_then(|c| c.app_id) {
                if let Value::Object(fields) = &mut record.entity {
                    fields.insert("app_id".to_owned(), json!(app_id));
                }
                record.app_id = Some(app_id);
            }
        }
        Ok(record)
    }

    /// The code names of the profile's apps this console holds credentials for.
    pub(crate) async fn credentialed_apps(
        &self,
        profile: &Profile,
    ) -> Result<HashSet<AppCodeName>, ConsoleError> {
        Ok(self
            .store
            .credentials()
            .list(profile.id)
            .await?
            .into_iter()
            .map(|c| c.app_code_name)
            .collect())
    }

    /// Best effort: a refresh of the cache is never worth failing an action for.
    async fn refresh_cache(&self, profile: &Profile, app: &App) {
        let record = match self.record_of(profile, app).await {
            Ok(record) => record,
            Err(_) => AppRecord::from_app(app),
        };
        if let Err(error) = self.store.apps_cache().upsert(profile.id, &record).await {
            warn!(%error, app = %app.app_code_name, "the app could not be cached");
        }
    }

    /// An app that exists although the create's answer (and its secret) was lost: cached
    /// and audited, so the console shows it and why it has no credentials.
    async fn record_app_without_credentials(&self, profile: &Profile, app: &App) {
        self.refresh_cache(profile, app).await;
        let mut after = serde_json::to_value(app).unwrap_or(Value::Null);
        if let Value::Object(fields) = &mut after {
            fields.insert(
                "credentials".to_owned(),
                json!("lost: the platform's answer to the create did not arrive"),
            );
        }
        let entry = NewAuditEntry {
            actor: self.actor.clone(),
            profile_id: Some(profile.id),
            app_code_name: Some(app.app_code_name.clone()),
            action: AuditAction::AppCreated,
            before: None,
            after: Some(after),
        };
        if let Err(error) = self.store.audit_log().record(entry).await {
            warn!(%error, "the app created without its answer could not be audited");
        }
    }
}

/// The app as the create answer and the request describe it, to cache at once.
fn created_record(created: &CreatedApp, request: &crate::platform::NewApp) -> AppRecord {
    let mut entity = serde_json::to_value(request).unwrap_or_else(|_| json!({}));
    if let Value::Object(fields) = &mut entity {
        fields.insert("app_code_name".into(), json!(created.app_code_name));
        fields.insert("app_id".into(), json!(created.app_id));
        if !created.name.is_empty() {
            fields.insert("name".into(), json!(created.name));
        }
    }
    AppRecord {
        app_code_name: created.app_code_name.clone(),
        app_id: Some(created.app_id.clone()),
        name: Some(if created.name.is_empty() {
            request.name.clone()
        } else {
            created.name.clone()
        }),
        entity,
    }
}
