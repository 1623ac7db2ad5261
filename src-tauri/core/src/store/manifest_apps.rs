//! Apps as code, per profile: which platform app a manifest's app is (code names are unique
//! across the platform, so applying a manifest to a second directory may get a derived
//! one), and the values last applied of fields the platform never returns on a read, so a
//! plan can tell whether they changed. Nothing secret is kept here.

use serde_json::{Map, Value};
use sqlx::SqlitePool;

use super::apps_cache::profile_error;
use super::connection::{begin_write, commit};
use super::{ProfileId, StoreError};

/// A manifest app as this profile knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ManifestApp {
    pub manifest_code_name: String,
    pub platform_code_name: String,
    /// Field name → the value last sent, for fields the platform does not return.
    pub applied: Map<String, Value>,
}

pub struct ManifestApps<'a> {
    pool: &'a SqlitePool,
}

impl<'a> ManifestApps<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    /// Every manifest app this profile has applied.
    pub async fn list(&self, profile_id: ProfileId) -> Result<Vec<ManifestApp>, StoreError> {
        let rows: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT manifest_code_name, platform_code_name, applied FROM manifest_apps
             WHERE profile_id = ? ORDER BY manifest_code_name",
        )
        .bind(profile_id.0)
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db("listing the manifest's apps"))?;
        rows.into_iter()
            .map(|(manifest_code_name, platform_code_name, applied)| {
                let applied = match serde_json::from_str(&applied) {
                    Ok(Value::Object(map)) => map,
                    _ => {
                        return Err(StoreError::invalid_row(
                            "manifest app",
                            "applied is not a JSON object".to_owned(),
                        ))
                    }
                };
                Ok(ManifestApp {
                    manifest_code_name,
                    platform_code_name,
                    applied,
                })
            })
            .collect()
    }

    /// Records (or replaces) what this profile's platform calls the manifest's app, and
    /// merges `applied` into the values last sent.
    pub async fn record(
        &self,
        profile_id: ProfileId,
        manifest_code_name: &str,
        platform_code_name: &str,
        applied: &Map<String, Value>,
    ) -> Result<(), StoreError> {
        let context = format!("recording manifest app {manifest_code_name}");
        let mut transaction = begin_write(self.pool, &context).await?;
        let before: Option<String> = sqlx::query_scalar(
            "SELECT applied FROM manifest_apps WHERE profile_id = ? AND manifest_code_name = ?",
        )
        .bind(profile_id.0)
        .bind(manifest_code_name)
        .fetch_optional(&mut *transaction)
        .await
        .map_err(StoreError::db(&context))?;
        let mut merged = match before.map(|b| serde_json::from_str::<Value>(&b)) {
            Some(Ok(Value::Object(map))) => map,
            _ => Map::new(),
        };
        for (field, value) in applied {
            merged.insert(field.clone(), value.clone());
        }
        sqlx::query(
            "INSERT INTO manifest_apps (profile_id, manifest_code_name, platform_code_name, applied)
             VALUES (?, ?, ?, ?)
             ON CONFLICT (profile_id, manifest_code_name)
             DO UPDATE SET platform_code_name = excluded.platform_code_name,
                           applied = excluded.applied",
        )
        .bind(profile_id.0)
        .bind(manifest_code_name)
        .bind(platform_code_name)
        .bind(Value::Object(merged).to_string())
        .execute(&mut *transaction)
        .await
        .map_err(|error| profile_error(profile_id, &context, error))?;
        commit(transaction, &context).await
    }
}
