//! Profiles: a platform environment (API base, brand URL) and the directory token
//! used against it. At most one is current. Adding, changing and removing a profile
//! are audited; choosing the current one is a view choice and is not.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sqlx::{SqliteConnection, SqlitePool};
use time::OffsetDateTime;
use url::Url;

use super::audit_log::{self, AuditAction, NewAuditEntry};
use super::connection::{begin_write, commit, is_unique_violation};
use super::{timestamp, StoreError};
use crate::Secret;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(transparent)]
pub struct ProfileId(pub i64);

impl std::fmt::Display for ProfileId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    /// The emulated platform the console starts for new users.
    Sandbox,
    Production,
    Custom,
}

impl ProfileKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProfileKind::Sandbox => "sandbox",
            ProfileKind::Production => "production",
            ProfileKind::Custom => "custom",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Sandbox, Self::Production, Self::Custom]
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

#[derive(Debug, Clone)]
pub struct NewProfile {
    pub name: String,
    pub kind: ProfileKind,
    pub api_base: Url,
    pub brand_url: Url,
    pub directory_token: Secret,
    /// The user accepted plain http to a host that is not this computer.
    pub allow_insecure_http: bool,
    /// A sandbox's admin token: what reading its launch traces takes.
    pub sandbox_admin_token: Option<Secret>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub id: ProfileId,
    pub name: String,
    pub kind: ProfileKind,
    pub api_base: Url,
    pub brand_url: Url,
    pub directory_token: Secret,
    /// The token's last four characters, to name it without revealing it.
    pub token_tail: String,
    pub created_at: OffsetDateTime,
    pub is_current: bool,
    /// The user accepted plain http to a host that is not this computer.
    pub allow_insecure_http: bool,
    /// A sandbox's admin token (sandbox profiles only).
    pub sandbox_admin_token: Option<Secret>,
}

/// What to change in a profile; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct ProfileChanges {
    pub name: Option<String>,
    pub kind: Option<ProfileKind>,
    pub api_base: Option<Url>,
    pub brand_url: Option<Url>,
    pub directory_token: Option<Secret>,
    pub allow_insecure_http: Option<bool>,
    pub sandbox_admin_token: Option<Secret>,
}

pub struct Profiles<'a> {
    pool: &'a SqlitePool,
}

const SELECT_PROFILE: &str = "SELECT id, name, kind, api_base, brand_url, directory_token,
                                     token_tail, created_at, is_current, allow_insecure_http,
                                     sandbox_admin_token
                              FROM profiles";

impl<'a> Profiles<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    /// Adds a profile (not current until [`Profiles::set_current`]), audited.
    pub async fn add(&self, new: NewProfile, actor: &str) -> Result<Profile, StoreError> {
        let context = format!("adding the profile {:?}", new.name);
        let mut transaction = begin_write(self.pool, &context).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO profiles
                 (name, kind, api_base, brand_url, directory_token, token_tail, created_at,
                  allow_insecure_http, sandbox_admin_token)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             RETURNING id",
        )
        .bind(&new.name)
        .bind(new.kind.as_str())
        .bind(new.api_base.as_str())
        .bind(new.brand_url.as_str())
        .bind(new.directory_token.expose())
        .bind(new.directory_token.tail())
        .bind(timestamp::encode(timestamp::now()))
        .bind(new.allow_insecure_http)
        .bind(new.sandbox_admin_token.as_ref().map(Secret::expose))
        .fetch_one(&mut *transaction)
        .await
        .map_err(|error| name_error(&new.name, &context, error))?;
        let profile = fetch(&mut transaction, ProfileId(id)).await?;
        audit_log::insert(
            &mut transaction,
            &NewAuditEntry {
                actor: actor.to_owned(),
                profile_id: Some(profile.id),
                app_code_name: None,
                action: AuditAction::ProfileAdded,
                before: None,
                after: Some(audit_view(&profile)),
            },
        )
        .await?;
        commit(transaction, &context).await?;
        Ok(profile)
    }

    /// All profiles, by name.
    pub async fn list(&self) -> Result<Vec<Profile>, StoreError> {
        let rows: Vec<ProfileRow> = sqlx::query_as(&format!("{SELECT_PROFILE} ORDER BY name"))
            .fetch_all(self.pool)
            .await
            .map_err(StoreError::db("listing the profiles"))?;
        rows.into_iter().map(ProfileRow::into_profile).collect()
    }

    pub async fn get(&self, id: ProfileId) -> Result<Option<Profile>, StoreError> {
        let row: Option<ProfileRow> = sqlx::query_as(&format!("{SELECT_PROFILE} WHERE id = ?"))
            .bind(id.0)
            .fetch_optional(self.pool)
            .await
            .map_err(StoreError::db(format!("reading the profile {id}")))?;
        row.map(ProfileRow::into_profile).transpose()
    }

    pub async fn find_by_name(&self, name: &str) -> Result<Option<Profile>, StoreError> {
        let row: Option<ProfileRow> = sqlx::query_as(&format!("{SELECT_PROFILE} WHERE name = ?"))
            .bind(name)
            .fetch_optional(self.pool)
            .await
            .map_err(StoreError::db(format!("reading the profile {name:?}")))?;
        row.map(ProfileRow::into_profile).transpose()
    }

    pub async fn current(&self) -> Result<Option<Profile>, StoreError> {
        let row: Option<ProfileRow> =
            sqlx::query_as(&format!("{SELECT_PROFILE} WHERE is_current = 1"))
                .fetch_optional(self.pool)
                .await
                .map_err(StoreError::db("reading the current profile"))?;
        row.map(ProfileRow::into_profile).transpose()
    }

    /// Makes `id` the current profile (and no other).
    pub async fn set_current(&self, id: ProfileId) -> Result<Profile, StoreError> {
        let context = format!("making profile {id} the current one");
        let mut transaction = begin_write(self.pool, &context).await?;
        let exists = sqlx::query("SELECT 1 FROM profiles WHERE id = ?")
            .bind(id.0)
            .fetch_optional(&mut *transaction)
            .await
            .map_err(StoreError::db(&context))?;
        if exists.is_none() {
            return Err(StoreError::ProfileNotFound { id: id.0 });
        }
        sqlx::query("UPDATE profiles SET is_current = 0 WHERE is_current = 1 AND id <> ?")
            .bind(id.0)
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::db(&context))?;
        sqlx::query("UPDATE profiles SET is_current = 1 WHERE id = ?")
            .bind(id.0)
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::db(&context))?;
        let profile = fetch(&mut transaction, id).await?;
        commit(transaction, &context).await?;
        Ok(profile)
    }

    /// Changes a profile, audited with its before and after (token tails only).
    pub async fn update(
        &self,
        id: ProfileId,
        changes: ProfileChanges,
        actor: &str,
    ) -> Result<Profile, StoreError> {
        let context = format!("changing the profile {id}");
        let mut transaction = begin_write(self.pool, &context).await?;
        let before = fetch(&mut transaction, id).await?;
        let name = changes.name.unwrap_or_else(|| before.name.clone());
        let token = changes
            .directory_token
            .unwrap_or_else(|| before.directory_token.clone());
        sqlx::query(
            "UPDATE profiles
             SET name = ?, kind = ?, api_base = ?, brand_url = ?, directory_token = ?,
                 token_tail = ?, allow_insecure_http = ?, sandbox_admin_token = ?
             WHERE id = ?",
        )
        .bind(&name)
        .bind(changes.kind.unwrap_or(before.kind).as_str())
        .bind(
            changes
                .api_base
                .as_ref()
                .unwrap_or(&before.api_base)
                .as_str(),
        )
        .bind(
            changes
                .brand_url
                .as_ref()
                .unwrap_or(&before.brand_url)
                .as_str(),
        )
        .bind(token.expose())
        .bind(token.tail())
        .bind(
            changes
                .allow_insecure_http
                .unwrap_or(before.allow_insecure_http),
        )
        .bind(
            changes
                .sandbox_admin_token
                .as_ref()
                .or(before.sandbox_admin_token.as_ref())
                .map(Secret::expose),
        )
        .bind(id.0)
        .execute(&mut *transaction)
        .await
        .map_err(|error| name_error(&name, &context, error))?;
        let after = fetch(&mut transaction, id).await?;
        audit_log::insert(
            &mut transaction,
            &NewAuditEntry {
                actor: actor.to_owned(),
                profile_id: Some(id),
                app_code_name: None,
                action: AuditAction::ProfileUpdated,
                before: Some(audit_view(&before)),
                after: Some(audit_view(&after)),
            },
        )
        .await?;
        commit(transaction, &context).await?;
        Ok(after)
    }

    /// Removes a profile with its cached apps, credentials, tokens and OAuth runs.
    /// Its audit entries stay (with the profile's name).
    pub async fn remove(&self, id: ProfileId, actor: &str) -> Result<(), StoreError> {
        let context = format!("removing the profile {id}");
        let mut transaction = begin_write(self.pool, &context).await?;
        let before = fetch(&mut transaction, id).await?;
        // Written first, while the name can still be copied from the profile.
        audit_log::insert(
            &mut transaction,
            &NewAuditEntry {
                actor: actor.to_owned(),
                profile_id: Some(id),
                app_code_name: None,
                action: AuditAction::ProfileRemoved,
                before: Some(audit_view(&before)),
                after: None,
            },
        )
        .await?;
        sqlx::query("DELETE FROM profiles WHERE id = ?")
            .bind(id.0)
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::db(&context))?;
        commit(transaction, &context).await
    }
}

/// A profile as the audit log shows it: no token, only its tail.
fn audit_view(profile: &Profile) -> Value {
    json!({
        "name": profile.name,
        "kind": profile.kind,
        "api_base": profile.api_base.as_str(),
        "brand_url": profile.brand_url.as_str(),
        "token_tail": profile.token_tail,
        "allow_insecure_http": profile.allow_insecure_http,
    })
}

fn name_error(name: &str, context: &str, error: sqlx::Error) -> StoreError {
    if is_unique_violation(&error) {
        StoreError::ProfileNameTaken {
            name: name.to_owned(),
        }
    } else {
        StoreError::db(context)(error)
    }
}

pub(crate) async fn fetch(
    connection: &mut SqliteConnection,
    id: ProfileId,
) -> Result<Profile, StoreError> {
    let row: Option<ProfileRow> = sqlx::query_as(&format!("{SELECT_PROFILE} WHERE id = ?"))
        .bind(id.0)
        .fetch_optional(connection)
        .await
        .map_err(StoreError::db(format!("reading the profile {id}")))?;
    row.ok_or(StoreError::ProfileNotFound { id: id.0 })?
        .into_profile()
}

#[derive(sqlx::FromRow)]
struct ProfileRow {
    id: i64,
    name: String,
    kind: String,
    api_base: String,
    brand_url: String,
    directory_token: String,
    token_tail: String,
    created_at: String,
    is_current: bool,
    allow_insecure_http: bool,
    sandbox_admin_token: Option<String>,
}

impl ProfileRow {
    fn into_profile(self) -> Result<Profile, StoreError> {
        const WHAT: &str = "profile";
        let url = |text: &str| {
            Url::parse(text)
                .map_err(|error| StoreError::invalid_row(WHAT, format!("{text}: {error}")))
        };
        Ok(Profile {
            id: ProfileId(self.id),
            kind: ProfileKind::parse(&self.kind).ok_or_else(|| {
                StoreError::invalid_row(WHAT, format!("unknown kind {:?}", self.kind))
            })?,
            api_base: url(&self.api_base)?,
            brand_url: url(&self.brand_url)?,
            directory_token: Secret::new(self.directory_token),
            token_tail: self.token_tail,
            created_at: timestamp::decode(WHAT, &self.created_at)?,
            is_current: self.is_current,
            allow_insecure_http: self.allow_insecure_http,
            sandbox_admin_token: self.sandbox_admin_token.map(Secret::new),
            name: self.name,
        })
    }
}
