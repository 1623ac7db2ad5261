//! Unsaved edits, per profile: each app part's draft as the page last sent it (JSON
//! text), kept until the edit is saved or discarded. A row is replaced as the person
//! types and removed when the draft is gone. Vendor-style secret fields are redacted on
//! the way in, like every JSON column (see [`redaction`](super::redaction)).

use serde_json::Value;
use sqlx::SqlitePool;

use super::redaction::without_secret_fields;
use super::{ProfileId, StoreError};

/// One part's unsaved edit as the store keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDraft {
    pub app_code_name: String,
    /// `settings` or `redirect_uris`.
    pub part: String,
    pub body: Value,
}

pub struct Drafts<'a> {
    pool: &'a SqlitePool,
}

impl<'a> Drafts<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    /// The profile's drafts, by app and part.
    pub async fn list(&self, profile_id: ProfileId) -> Result<Vec<StoredDraft>, StoreError> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT app_code_name, part, body FROM drafts
             WHERE profile_id = ? ORDER BY app_code_name, part",
        )
        .bind(profile_id.0)
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db("listing the unsaved edits"))?;
        rows.into_iter()
            .map(|(app_code_name, part, body)| {
                Ok(StoredDraft {
                    body: serde_json::from_str(&body)
                        .map_err(|error| StoreError::invalid_row("draft", error))?,
                    app_code_name,
                    part,
                })
            })
            .collect()
    }

    /// Keeps `body` as the part's draft (replacing the one before), or forgets the part's
    /// draft when `body` is `None`.
    pub async fn keep(
        &self,
        profile_id: ProfileId,
        app_code_name: &str,
        part: &str,
        body: Option<&Value>,
    ) -> Result<(), StoreError> {
        let context = format!("keeping the unsaved edit of {app_code_name}");
        let query = match body {
            Some(body) => sqlx::query(
                "INSERT INTO drafts (profile_id, app_code_name, part, body) VALUES (?, ?, ?, ?)
                 ON CONFLICT (profile_id, app_code_name, part) DO UPDATE SET body = excluded.body",
            )
            .bind(profile_id.0)
            .bind(app_code_name)
            .bind(part)
            .bind(without_secret_fields(body).to_string()),
            None => sqlx::query(
                "DELETE FROM drafts WHERE profile_id = ? AND app_code_name = ? AND part = ?",
            )
            .bind(profile_id.0)
            .bind(app_code_name)
            .bind(part),
        };
        query
            .execute(self.pool)
            .await
            .map_err(StoreError::db(context))?;
        Ok(())
    }
}
