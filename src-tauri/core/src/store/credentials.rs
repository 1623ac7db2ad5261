//! App credentials: the OAuth `client_id` and `client_secret` of an app, per
//! profile. The platform shows a client secret only once, in the response that
//! creates the app, so those are written by [`super::Store::record_created_app`] in
//! the transaction that records the app; credentials from elsewhere are imported.

use serde::Serialize;
use serde_json::{json, Value};
use sqlx::{SqliteConnection, SqlitePool};
use time::OffsetDateTime;

use super::apps_cache::profile_error;
use super::audit_log::{self, AuditAction, NewAuditEntry};
use super::columns::code_name;
use super::connection::{begin_write, commit};
use super::{timestamp, ProfileId, StoreError};
use crate::platform::AppCodeName;
use crate::Secret;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CredentialSource {
    /// Saved from the response of an app created through the console.
    CreatedHere,
    /// Entered by the user for an app created elsewhere.
    Imported,
}

impl CredentialSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialSource::CreatedHere => "created_here",
            CredentialSource::Imported => "imported",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::CreatedHere, Self::Imported]
            .into_iter()
            .find(|source| source.as_str() == text)
    }
}

#[derive(Debug, Clone)]
pub struct NewCredentials {
    pub client_id: String,
    pub client_secret: Secret,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppCredentials {
    pub profile_id: ProfileId,
    pub app_code_name: AppCodeName,
    pub app_id: Option<String>,
    pub client_id: String,
    pub client_secret: Secret,
    pub created_at: OffsetDateTime,
    pub source: CredentialSource,
}

pub struct Credentials<'a> {
    pool: &'a SqlitePool,
}

const SELECT_CREDENTIALS: &str =
    "SELECT profile_id, app_code_name, app_id, client_id, client_secret, created_at, source
     FROM app_credentials";

impl<'a> Credentials<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn get(
        &self,
        profile_id: ProfileId,
        app_code_name: &AppCodeName,
    ) -> Result<Option<AppCredentials>, StoreError> {
        let mut connection = self
            .pool
            .acquire()
            .await
            .map_err(StoreError::db("reading app credentials"))?;
        fetch(&mut connection, profile_id, app_code_name).await
    }

    /// The credentials kept for the profile's apps, by code name.
    pub async fn list(&self, profile_id: ProfileId) -> Result<Vec<AppCredentials>, StoreError> {
        let rows: Vec<CredentialsRow> = sqlx::query_as(&format!(
            "{SELECT_CREDENTIALS} WHERE profile_id = ? ORDER BY app_code_name"
        ))
        .bind(profile_id.0)
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db(format!(
            "reading the app credentials of profile {profile_id}"
        )))?;
        rows.into_iter()
            .map(CredentialsRow::into_credentials)
            .collect()
    }

    /// Keeps credentials the user entered for an app (replacing any kept before),
    /// audited with the client ids before and after.
    pub async fn import(
        &self,
        profile_id: ProfileId,
        app_code_name: &AppCodeName,
        app_id: Option<&str>,
        credentials: NewCredentials,
        actor: &str,
    ) -> Result<AppCredentials, StoreError> {
        let context = format!("saving the credentials of app {app_code_name}");
        let mut transaction = begin_write(self.pool, &context).await?;
        let before = fetch(&mut transaction, profile_id, app_code_name).await?;
        let saved = upsert(
            &mut transaction,
            profile_id,
            app_code_name,
            app_id,
            &credentials,
            CredentialSource::Imported,
        )
        .await?;
        audit_log::insert(
            &mut transaction,
            &NewAuditEntry {
                actor: actor.to_owned(),
                profile_id: Some(profile_id),
                app_code_name: Some(app_code_name.clone()),
                action: AuditAction::CredentialsImported,
                before: before.as_ref().map(audit_view),
                after: Some(audit_view(&saved)),
            },
        )
        .await?;
        commit(transaction, &context).await?;
        Ok(saved)
    }
}

impl Credentials<'_> {
    /// Forgets the app's kept credentials (the platform's app is untouched), with an audit
    /// entry. False when none were kept.
    pub async fn remove(
        &self,
        profile_id: ProfileId,
        app_code_name: &AppCodeName,
        actor: &str,
    ) -> Result<bool, StoreError> {
        let context = format!("removing the credentials of app {app_code_name}");
        let mut transaction = begin_write(self.pool, &context).await?;
        let Some(before) = fetch(&mut transaction, profile_id, app_code_name).await? else {
            return Ok(false);
        };
        sqlx::query("DELETE FROM app_credentials WHERE profile_id = ? AND app_code_name = ?")
            .bind(profile_id.0)
            .bind(app_code_name.as_str())
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::db(&context))?;
        audit_log::insert(
            &mut transaction,
            &NewAuditEntry {
                actor: actor.to_owned(),
                profile_id: Some(profile_id),
                app_code_name: Some(app_code_name.clone()),
                action: AuditAction::CredentialsRemoved,
                before: Some(audit_view(&before)),
                after: None,
            },
        )
        .await?;
        commit(transaction, &context).await?;
        Ok(true)
    }
}

/// Credentials as the audit log shows them: never the secret.
pub(crate) fn audit_view(credentials: &AppCredentials) -> Value {
    json!({
        "client_id": credentials.client_id,
        "source": credentials.source,
    })
}

pub(crate) async fn upsert(
    connection: &mut SqliteConnection,
    profile_id: ProfileId,
    app_code_name: &AppCodeName,
    app_id: Option<&str>,
    credentials: &NewCredentials,
    source: CredentialSource,
) -> Result<AppCredentials, StoreError> {
    let context = format!("saving the credentials of app {app_code_name}");
    sqlx::query(
        "INSERT INTO app_credentials
             (profile_id, app_code_name, app_id, client_id, client_secret, created_at, source)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (profile_id, app_code_name) DO UPDATE
         SET app_id = excluded.app_id, client_id = excluded.client_id,
             client_secret = excluded.client_secret, created_at = excluded.created_at,
             source = excluded.source",
    )
    .bind(profile_id.0)
    .bind(app_code_name.as_str())
    .bind(app_id)
    .bind(&credentials.client_id)
    .bind(credentials.client_secret.expose())
    .bind(timestamp::encode(timestamp::now()))
    .bind(source.as_str())
    .execute(&mut *connection)
    .await
    .map_err(|error| profile_error(profile_id, &context, error))?;
    Ok(fetch(connection, profile_id, app_code_name)
        .await?
        .expect("the credentials were written on this connection"))
}

async fn fetch(
    connection: &mut SqliteConnection,
    profile_id: ProfileId,
    app_code_name: &AppCodeName,
) -> Result<Option<AppCredentials>, StoreError> {
    let row: Option<CredentialsRow> = sqlx::query_as(&format!(
        "{SELECT_CREDENTIALS} WHERE profile_id = ? AND app_code_name = ?"
    ))
    .bind(profile_id.0)
    .bind(app_code_name.as_str())
    .fetch_optional(connection)
    .await
    .map_err(StoreError::db(format!(
        "reading the credentials of app {app_code_name}"
    )))?;
    row.map(CredentialsRow::into_credentials).transpose()
}

#[derive(sqlx::FromRow)]
struct CredentialsRow {
    profile_id: i64,
    app_code_name: String,
    app_id: Option<String>,
    client_id: String,
    client_secret: String,
    created_at: String,
    source: String,
}

impl CredentialsRow {
    fn into_credentials(self) -> Result<AppCredentials, StoreError> {
        const WHAT: &str = "app credentials";
        Ok(AppCredentials {
            profile_id: ProfileId(self.profile_id),
            app_code_name: code_name(WHAT, self.app_code_name)?,
            app_id: self.app_id,
            client_id: self.client_id,
            client_secret: Secret::new(self.client_secret),
            created_at: timestamp::decode(WHAT, &self.created_at)?,
            source: CredentialSource::parse(&self.source).ok_or_else(|| {
                StoreError::invalid_row(WHAT, format!("unknown source {:?}", self.source))
            })?,
        })
    }
}
