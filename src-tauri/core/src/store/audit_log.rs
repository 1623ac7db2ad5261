//! The audit log: every change made through the console (who, when, what, before
//! and after). Entries are written inside the transaction of the change they
//! describe, so there is never a change without its entry or an entry without its
//! change. Before/after are redacted JSON and never hold a secret.

use serde::Serialize;
use serde_json::Value;
use sqlx::{SqliteConnection, SqlitePool};
use time::OffsetDateTime;

use super::columns::code_name;
use super::connection::{begin_write, commit};
use super::redaction::without_secret_fields;
use super::{timestamp, ProfileId, StoreError};
use crate::platform::AppCodeName;
use ts_rs::TS;

/// What kind of change an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    ProfileAdded,
    ProfileUpdated,
    ProfileRemoved,
    AppCreated,
    AppUpdated,
    CredentialsImported,
    CredentialsRemoved,
    TokenCreated,
    TokenRevoked,
}

const ACTIONS: [AuditAction; 9] = [
    AuditAction::ProfileAdded,
    AuditAction::ProfileUpdated,
    AuditAction::ProfileRemoved,
    AuditAction::AppCreated,
    AuditAction::AppUpdated,
    AuditAction::CredentialsImported,
    AuditAction::CredentialsRemoved,
    AuditAction::TokenCreated,
    AuditAction::TokenRevoked,
];

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::ProfileAdded => "profile_added",
            AuditAction::ProfileUpdated => "profile_updated",
            AuditAction::ProfileRemoved => "profile_removed",
            AuditAction::AppCreated => "app_created",
            AuditAction::AppUpdated => "app_updated",
            AuditAction::CredentialsImported => "credentials_imported",
            AuditAction::CredentialsRemoved => "credentials_removed",
            AuditAction::TokenCreated => "token_created",
            AuditAction::TokenRevoked => "token_revoked",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        ACTIONS.into_iter().find(|action| action.as_str() == text)
    }
}

/// A change to record. `before`/`after` are redacted again on the way in.
#[derive(Debug, Clone)]
pub struct NewAuditEntry {
    /// Who made the change, e.g. `alice (cli)`.
    pub actor: String,
    pub profile_id: Option<ProfileId>,
    pub app_code_name: Option<AppCodeName>,
    pub action: AuditAction,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AuditEntry {
    pub id: i64,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub at: OffsetDateTime,
    pub actor: String,
    pub profile_id: Option<ProfileId>,
    /// The profile's name when the entry was written (kept after it is removed).
    pub profile_name: Option<String>,
    pub app_code_name: Option<AppCodeName>,
    pub action: AuditAction,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Which entries to list, newest first.
#[derive(Debug, Clone)]
pub struct AuditQuery {
    pub profile_id: Option<ProfileId>,
    pub app_code_name: Option<AppCodeName>,
    /// Only entries older than this one (for paging).
    pub before_id: Option<i64>,
    pub limit: u32,
}

impl Default for AuditQuery {
    fn default() -> Self {
        Self {
            profile_id: None,
            app_code_name: None,
            before_id: None,
            limit: 200,
        }
    }
}

pub struct AuditLog<'a> {
    pool: &'a SqlitePool,
}

impl<'a> AuditLog<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    /// Records a change the store has no audited function for (its own transaction).
    pub async fn record(&self, entry: NewAuditEntry) -> Result<AuditEntry, StoreError> {
        const CONTEXT: &str = "writing to the audit log";
        let mut transaction = begin_write(self.pool, CONTEXT).await?;
        let id = insert(&mut transaction, &entry).await?;
        let written = fetch(&mut transaction, id).await?;
        commit(transaction, CONTEXT).await?;
        Ok(written)
    }

    pub async fn list(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
        let rows: Vec<AuditRow> = sqlx::query_as(
            "SELECT id, at, actor, profile_id, profile_name, app_code_name, action,
                    before_json, after_json
             FROM audit_log
             WHERE (?1 IS NULL OR profile_id = ?1)
               AND (?2 IS NULL OR app_code_name = ?2)
               AND (?3 IS NULL OR id < ?3)
             ORDER BY id DESC
             LIMIT ?4",
        )
        .bind(query.profile_id.map(|id| id.0))
        .bind(query.app_code_name.as_ref().map(AppCodeName::as_str))
        .bind(query.before_id)
        .bind(i64::from(query.limit))
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db("reading the audit log"))?;
        rows.into_iter().map(AuditRow::into_entry).collect()
    }
}

/// Writes `entry` on `connection`, which is inside the transaction of the change.
pub(crate) async fn insert(
    connection: &mut SqliteConnection,
    entry: &NewAuditEntry,
) -> Result<i64, StoreError> {
    let json = |value: &Option<Value>| {
        value
            .as_ref()
            .map(|value| without_secret_fields(value).to_string())
    };
    sqlx::query_scalar(
        "INSERT INTO audit_log
             (at, actor, profile_id, profile_name, app_code_name, action, before_json, after_json)
         VALUES (?1, ?2, ?3, (SELECT name FROM profiles WHERE id = ?3), ?4, ?5, ?6, ?7)
         RETURNING id",
    )
    .bind(timestamp::encode(timestamp::now()))
    .bind(&entry.actor)
    .bind(entry.profile_id.map(|id| id.0))
    .bind(entry.app_code_name.as_ref().map(AppCodeName::as_str))
    .bind(entry.action.as_str())
    .bind(json(&entry.before))
    .bind(json(&entry.after))
    .fetch_one(connection)
    .await
    .map_err(StoreError::db("writing to the audit log"))
}

async fn fetch(connection: &mut SqliteConnection, id: i64) -> Result<AuditEntry, StoreError> {
    let row: AuditRow = sqlx::query_as(
        "SELECT id, at, actor, profile_id, profile_name, app_code_name, action,
                before_json, after_json
         FROM audit_log WHERE id = ?",
    )
    .bind(id)
    .fetch_one(connection)
    .await
    .map_err(StoreError::db("reading the audit log"))?;
    row.into_entry()
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: String,
    actor: String,
    profile_id: Option<i64>,
    profile_name: Option<String>,
    app_code_name: Option<String>,
    action: String,
    before_json: Option<String>,
    after_json: Option<String>,
}

impl AuditRow {
    fn into_entry(self) -> Result<AuditEntry, StoreError> {
        const WHAT: &str = "audit log entry";
        let json = |text: Option<String>| {
            text.map(|text| serde_json::from_str(&text))
                .transpose()
                .map_err(|error| StoreError::invalid_row(WHAT, error))
        };
        Ok(AuditEntry {
            id: self.id,
            at: timestamp::decode(WHAT, &self.at)?,
            actor: self.actor,
            profile_id: self.profile_id.map(ProfileId),
            profile_name: self.profile_name,
            app_code_name: self
                .app_code_name
                .map(|text| code_name(WHAT, text))
                .transpose()?,
            action: AuditAction::parse(&self.action).ok_or_else(|| {
                StoreError::invalid_row(WHAT, format!("unknown action {:?}", self.action))
            })?,
            before: json(self.before_json)?,
            after: json(self.after_json)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_parses_back_from_its_name() {
        for action in ACTIONS {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
            assert_eq!(
                serde_json::to_value(action).unwrap(),
                Value::String(action.as_str().to_owned())
            );
        }
        assert_eq!(AuditAction::parse("app_deleted"), None);
    }
}
