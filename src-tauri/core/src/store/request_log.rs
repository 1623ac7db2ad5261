//! The request log as kept: every attempt of every platform call, per profile, already
//! redacted by the transport (`platform::call_log`), the newest [`KEPT_PER_PROFILE`] kept.

use sqlx::SqlitePool;

use super::connection::{begin_write, commit};
use super::{ProfileId, StoreError};
use crate::platform::call_log::LoggedCall;

/// How many calls a profile's log keeps.
pub const KEPT_PER_PROFILE: i64 = 2000;

pub struct RequestLog<'a> {
    pool: &'a SqlitePool,
}

impl<'a> RequestLog<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    /// Appends calls (oldest first) and trims each profile to the newest kept.
    pub async fn append(&self, calls: &[(ProfileId, LoggedCall)]) -> Result<(), StoreError> {
        if calls.is_empty() {
            return Ok(());
        }
        let context = "keeping the request log";
        let mut transaction = begin_write(self.pool, context).await?;
        let mut profiles = Vec::new();
        for (profile, call) in calls {
            let entry = serde_json::to_string(call)
                .map_err(|e| StoreError::invalid_row("request log entry", e.to_string()))?;
            // A profile removed meanwhile has no log any more: its calls are dropped.
            let _ = sqlx::query(
                "INSERT INTO request_log (profile_id, app_code_name, entry)
                 SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM profiles WHERE id = ?)",
            )
            .bind(profile.0)
            .bind(&call.app_code_name)
            .bind(entry)
            .bind(profile.0)
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::db(context))?;
            if !profiles.contains(profile) {
                profiles.push(*profile);
            }
        }
        for profile in profiles {
            sqlx::query(
                "DELETE FROM request_log WHERE profile_id = ? AND id <= (
                     SELECT id FROM request_log WHERE profile_id = ?
                     ORDER BY id DESC LIMIT 1 OFFSET ?)",
            )
            .bind(profile.0)
            .bind(profile.0)
            .bind(KEPT_PER_PROFILE)
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::db(context))?;
        }
        commit(transaction, context).await
    }

    /// The profile's calls, newest first, only those about `app` when given.
    pub async fn list(
        &self,
        profile_id: ProfileId,
        app: Option<&str>,
        limit: u32,
    ) -> Result<Vec<LoggedCall>, StoreError> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT entry FROM request_log
             WHERE profile_id = ? AND (? IS NULL OR app_code_name = ?)
             ORDER BY id DESC LIMIT ?",
        )
        .bind(profile_id.0)
        .bind(app)
        .bind(app)
        .bind(limit)
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db("reading the request log"))?;
        rows.into_iter()
            .map(|(entry,)| {
                serde_json::from_str(&entry)
                    .map_err(|e| StoreError::invalid_row("request log entry", e.to_string()))
            })
            .collect()
    }
}
