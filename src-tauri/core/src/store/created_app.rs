//! Recording an app the console has just created: the cached entity, its
//! credentials and the audit entry, committed in one transaction (durable: WAL with
//! `synchronous = FULL`) before the caller shows the result to anyone. The client
//! secret is shown by the platform only once, so it must never be lost between the
//! create call returning and the user seeing it.

use serde_json::Value;

use super::apps_cache::{self, AppRecord, CachedApp};
use super::audit_log::{self, AuditAction, NewAuditEntry};
use super::connection::{begin_write, commit};
use super::credentials::{self, AppCredentials, CredentialSource, NewCredentials};
use super::{timestamp, ProfileId, Store, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct CreatedApp {
    pub app: CachedApp,
    pub credentials: AppCredentials,
}

impl Store {
    /// Records a newly created app and its credentials, audited, in one transaction.
    pub async fn record_created_app(
        &self,
        profile_id: ProfileId,
        app: &AppRecord,
        credentials: NewCredentials,
        actor: &str,
    ) -> Result<CreatedApp, StoreError> {
        let context = format!("recording the new app {}", app.app_code_name);
        let mut transaction = begin_write(&self.pool, &context).await?;
        apps_cache::upsert(&mut transaction, profile_id, app, timestamp::now()).await?;
        let saved = credentials::upsert(
            &mut transaction,
            profile_id,
            &app.app_code_name,
            app.app_id.as_deref(),
            &credentials,
            CredentialSource::CreatedHere,
        )
        .await?;
        let cached = apps_cache::fetch(&mut transaction, profile_id, &app.app_code_name)
            .await?
            .expect("the app was written in this transaction");
        let mut after = cached.entity.clone();
        if let Value::Object(fields) = &mut after {
            fields.insert("credentials".to_owned(), credentials::audit_view(&saved));
        }
        audit_log::insert(
            &mut transaction,
            &NewAuditEntry {
                actor: actor.to_owned(),
                profile_id: Some(profile_id),
                app_code_name: Some(app.app_code_name.clone()),
                action: AuditAction::AppCreated,
                before: None,
                after: Some(after),
            },
        )
        .await?;
        commit(transaction, &context).await?;
        Ok(CreatedApp {
            app: cached,
            credentials: saved,
        })
    }
}
