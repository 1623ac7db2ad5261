//! The apps cache: each profile's apps as last listed or fetched from the platform
//! (the full entity, secrets redacted), and the state of the last sync.
//!
//! A full sync ([`AppsCache::replace_all`]) writes every app and drops the ones
//! the platform no longer lists, in one transaction: 10,000 apps take well under a
//! second. Only an update made through the console is audited.

use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::{SqliteConnection, SqlitePool};
use time::OffsetDateTime;

use super::audit_log::{self, AuditAction, NewAuditEntry};
use super::columns::code_name;
use super::connection::{begin_write, commit, is_foreign_key_violation};
use super::redaction::without_secret_fields;
use super::{timestamp, ProfileId, StoreError};
use crate::platform::{App, AppCodeName};

/// An app as the platform returned it, to be cached.
#[derive(Debug, Clone, PartialEq)]
pub struct AppRecord {
    pub app_code_name: AppCodeName,
    pub app_id: Option<String>,
    /// Absent from some list entries.
    pub name: Option<String>,
    /// The whole entity; fields named like secrets are redacted before writing.
    pub entity: Value,
}

impl AppRecord {
    /// The record of an app as the platform client read it.
    pub fn from_app(app: &App) -> Self {
        Self {
            app_code_name: app.app_code_name.clone(),
            app_id: app.app_id.clone().or_else(|| app.uid.clone()),
            name: app.name.clone(),
            entity: serde_json::to_value(app).expect("an App serializes to JSON"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CachedApp {
    pub profile_id: ProfileId,
    pub app_code_name: AppCodeName,
    pub app_id: Option<String>,
    pub name: Option<String>,
    pub entity: Value,
    #[serde(with = "time::serde::rfc3339")]
    pub synced_at: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncState {
    /// When the last successful sync finished; `None` if there never was one.
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_synced_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub last_attempt_at: Option<OffsetDateTime>,
    /// Why the last attempt failed; `None` if it succeeded.
    pub last_error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncSummary {
    pub written: usize,
    /// Apps that were cached but are no longer listed.
    pub removed: u64,
    #[serde(with = "time::serde::rfc3339")]
    pub synced_at: OffsetDateTime,
}

pub struct AppsCache<'a> {
    pool: &'a SqlitePool,
}

const SELECT_APP: &str = "SELECT profile_id, app_code_name, app_id, name, json, synced_at
                          FROM apps_cache";

impl<'a> AppsCache<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    /// A full sync: caches exactly `apps` for the profile and records the sync.
    pub async fn replace_all(
        &self,
        profile_id: ProfileId,
        apps: &[AppRecord],
    ) -> Result<SyncSummary, StoreError> {
        let context = format!("caching the apps of profile {profile_id}");
        let synced_at = timestamp::now();
        let mut transaction = begin_write(self.pool, &context).await?;
        for app in apps {
            upsert(&mut transaction, profile_id, app, synced_at).await?;
        }
        // Everything listed now carries this sync's time; anything older is gone.
        let removed = sqlx::query("DELETE FROM apps_cache WHERE profile_id = ? AND synced_at <> ?")
            .bind(profile_id.0)
            .bind(timestamp::encode(synced_at))
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::db(&context))?
            .rows_affected();
        sqlx::query(
            "INSERT INTO sync_state (profile_id, last_synced_at, last_attempt_at, last_error)
             VALUES (?1, ?2, ?2, NULL)
             ON CONFLICT (profile_id) DO UPDATE
             SET last_synced_at = ?2, last_attempt_at = ?2, last_error = NULL",
        )
        .bind(profile_id.0)
        .bind(timestamp::encode(synced_at))
        .execute(&mut *transaction)
        .await
        .map_err(StoreError::db(&context))?;
        commit(transaction, &context).await?;
        Ok(SyncSummary {
            written: apps.len(),
            removed,
            synced_at,
        })
    }

    /// Records that a sync failed; the cached apps stay as they were.
    pub async fn record_sync_failure(
        &self,
        profile_id: ProfileId,
        error: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO sync_state (profile_id, last_synced_at, last_attempt_at, last_error)
             VALUES (?1, NULL, ?2, ?3)
             ON CONFLICT (profile_id) DO UPDATE SET last_attempt_at = ?2, last_error = ?3",
        )
        .bind(profile_id.0)
        .bind(timestamp::encode(timestamp::now()))
        .bind(error)
        .execute(self.pool)
        .await
        .map_err(|error| profile_error(profile_id, "recording a failed sync", error))?;
        Ok(())
    }

    pub async fn sync_state(&self, profile_id: ProfileId) -> Result<SyncState, StoreError> {
        const WHAT: &str = "sync state";
        let row: Option<(Option<String>, String, Option<String>)> = sqlx::query_as(
            "SELECT last_synced_at, last_attempt_at, last_error FROM sync_state
             WHERE profile_id = ?",
        )
        .bind(profile_id.0)
        .fetch_optional(self.pool)
        .await
        .map_err(StoreError::db(format!(
            "reading the sync state of profile {profile_id}"
        )))?;
        Ok(match row {
            None => SyncState {
                last_synced_at: None,
                last_attempt_at: None,
                last_error: None,
            },
            Some((synced, attempt, error)) => SyncState {
                last_synced_at: timestamp::decode_optional(WHAT, synced.as_deref())?,
                last_attempt_at: Some(timestamp::decode(WHAT, &attempt)?),
                last_error: error,
            },
        })
    }

    /// The profile's cached apps, by code name.
    pub async fn list(&self, profile_id: ProfileId) -> Result<Vec<CachedApp>, StoreError> {
        let rows: Vec<AppRow> = sqlx::query_as(&format!(
            "{SELECT_APP} WHERE profile_id = ? ORDER BY app_code_name"
        ))
        .bind(profile_id.0)
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db(format!(
            "reading the cached apps of profile {profile_id}"
        )))?;
        rows.into_iter().map(AppRow::into_app).collect()
    }

    /// The cached apps' names only (code name, app id, name), without reading or parsing
    /// their entities: what the apps list paints first.
    pub async fn list_names(
        &self,
        profile_id: ProfileId,
    ) -> Result<Vec<(AppCodeName, Option<String>, Option<String>)>, StoreError> {
        let rows: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(LIST_NAMES)
            .bind(profile_id.0)
            .fetch_all(self.pool)
            .await
            .map_err(StoreError::db(format!(
                "reading the cached apps of profile {profile_id}"
            )))?;
        rows.into_iter()
            .map(|(code, app_id, name)| Ok((code_name("cached app", code)?, app_id, name)))
            .collect()
    }

    pub async fn get(
        &self,
        profile_id: ProfileId,
        app_code_name: &AppCodeName,
    ) -> Result<Option<CachedApp>, StoreError> {
        let mut connection = self
            .pool
            .acquire()
            .await
            .map_err(StoreError::db("reading a cached app"))?;
        fetch(&mut connection, profile_id, app_code_name).await
    }

    /// Caches one app as just fetched (a refresh, not a change: not audited).
    pub async fn upsert(
        &self,
        profile_id: ProfileId,
        app: &AppRecord,
    ) -> Result<CachedApp, StoreError> {
        let context = format!("caching the app {}", app.app_code_name);
        let mut transaction = begin_write(self.pool, &context).await?;
        upsert(&mut transaction, profile_id, app, timestamp::now()).await?;
        let cached = fetch(&mut transaction, profile_id, &app.app_code_name)
            .await?
            .expect("the app was written in this transaction");
        commit(transaction, &context).await?;
        Ok(cached)
    }

    /// Caches an app the console has just updated on the platform, with an audit
    /// entry holding the cached entity before and the new one after.
    ///
    /// The audit entry holds only the fields that changed, each with its value before
    /// and after. `previous` is the full app as the platform had it before the update;
    /// without it the cached copy (a list entry, with fewer fields) is compared instead.
    pub async fn record_updated_app(
        &self,
        profile_id: ProfileId,
        app: &AppRecord,
        previous: Option<&Value>,
        actor: &str,
    ) -> Result<CachedApp, StoreError> {
        let context = format!("recording the update of app {}", app.app_code_name);
        let mut transaction = begin_write(self.pool, &context).await?;
        let cached = fetch(&mut transaction, profile_id, &app.app_code_name).await?;
        upsert(&mut transaction, profile_id, app, timestamp::now()).await?;
        let after = fetch(&mut transaction, profile_id, &app.app_code_name)
            .await?
            .expect("the app was written in this transaction");
        let before = match previous {
            Some(previous) => without_secret_fields(previous),
            None => cached.map(|app| app.entity).unwrap_or(Value::Null),
        };
        let (before, changed) = changed_fields(&before, &after.entity);
        audit_log::insert(
            &mut transaction,
            &NewAuditEntry {
                actor: actor.to_owned(),
                profile_id: Some(profile_id),
                app_code_name: Some(app.app_code_name.clone()),
                action: AuditAction::AppUpdated,
                before: Some(before),
                after: Some(changed),
            },
        )
        .await?;
        commit(transaction, &context).await?;
        Ok(after)
    }
}

pub(crate) async fn upsert(
    connection: &mut SqliteConnection,
    profile_id: ProfileId,
    app: &AppRecord,
    synced_at: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO apps_cache (profile_id, app_code_name, app_id, name, json, synced_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (profile_id, app_code_name) DO UPDATE
         SET app_id = excluded.app_id, name = excluded.name, json = excluded.json,
             synced_at = excluded.synced_at",
    )
    .bind(profile_id.0)
    .bind(app.app_code_name.as_str())
    .bind(&app.app_id)
    .bind(&app.name)
    .bind(without_secret_fields(&app.entity).to_string())
    .bind(timestamp::encode(synced_at))
    .execute(connection)
    .await
    .map_err(|error| {
        profile_error(
            profile_id,
            &format!("caching the app {}", app.app_code_name),
            error,
        )
    })?;
    Ok(())
}

pub(crate) async fn fetch(
    connection: &mut SqliteConnection,
    profile_id: ProfileId,
    app_code_name: &AppCodeName,
) -> Result<Option<CachedApp>, StoreError> {
    let row: Option<AppRow> = sqlx::query_as(&format!(
        "{SELECT_APP} WHERE profile_id = ? AND app_code_name = ?"
    ))
    .bind(profile_id.0)
    .bind(app_code_name.as_str())
    .fetch_optional(connection)
    .await
    .map_err(StoreError::db(format!(
        "reading the cached app {app_code_name}"
    )))?;
    row.map(AppRow::into_app).transpose()
}

/// A foreign-key failure on a profile's row means the profile is gone.
pub(crate) fn profile_error(
    profile_id: ProfileId,
    context: &str,
    error: sqlx::Error,
) -> StoreError {
    if is_foreign_key_violation(&error) {
        StoreError::ProfileNotFound { id: profile_id.0 }
    } else {
        StoreError::db(context)(error)
    }
}

#[derive(sqlx::FromRow)]
struct AppRow {
    profile_id: i64,
    app_code_name: String,
    app_id: Option<String>,
    name: Option<String>,
    json: String,
    synced_at: String,
}

impl AppRow {
    fn into_app(self) -> Result<CachedApp, StoreError> {
        const WHAT: &str = "cached app";
        Ok(CachedApp {
            profile_id: ProfileId(self.profile_id),
            entity: serde_json::from_str(&self.json)
                .map_err(|error| StoreError::invalid_row(WHAT, error))?,
            synced_at: timestamp::decode(WHAT, &self.synced_at)?,
            app_code_name: code_name(WHAT, self.app_code_name)?,
            app_id: self.app_id,
            name: self.name,
        })
    }
}

/// The fields of two app entities that differ, as `(before, after)` objects holding
/// only those fields. An absent field, `null` and an empty list count as the same.
fn changed_fields(before: &Value, after: &Value) -> (Value, Value) {
    let empty = Map::new();
    let old = before.as_object().unwrap_or(&empty);
    let new = after.as_object().unwrap_or(&empty);
    let blank = |value: Option<&Value>| match value {
        None | Some(Value::Null) => true,
        Some(Value::Array(items)) => items.is_empty(),
        Some(_) => false,
    };
    let mut was = Map::new();
    let mut now = Map::new();
    let mut keys: Vec<&String> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (a, b) = (old.get(key), new.get(key));
        if a == b || (blank(a) && blank(b)) {
            continue;
        }
        was.insert(key.clone(), a.cloned().unwrap_or(Value::Null));
        now.insert(key.clone(), b.cloned().unwrap_or(Value::Null));
    }
    (Value::Object(was), Value::Object(now))
}

/// The apps list's query (the first screen): answered from the covering index
/// `apps_cache_listing` alone (migration 0002), without reading the apps' JSON.
const LIST_NAMES: &str =
    "SELECT app_code_name, app_id, name FROM apps_cache WHERE profile_id = ? ORDER BY app_code_name";

#[cfg(test)]
mod tests {
    use super::LIST_NAMES;

    #[tokio::test]
    async fn the_apps_list_reads_only_its_covering_index() {
        // The schema in a plain in-memory database: this checks SQLite's plan for the
        // query, which the encryption does not change.
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        crate::store::opening::MIGRATOR.run(&pool).await.unwrap();
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(&format!("EXPLAIN QUERY PLAN {LIST_NAMES}"))
                .bind(1)
                .fetch_all(&pool)
                .await
                .unwrap();
        let steps: Vec<String> = plan.into_iter().map(|(_, _, _, step)| step).collect();
        assert!(
            steps
                .iter()
                .any(|step| step.contains("USING COVERING INDEX apps_cache_listing")),
            "{steps:?}"
        );
        assert!(
            !steps.iter().any(|step| step.contains("TEMP B-TREE")),
            "no sort step: {steps:?}"
        );
    }
}
