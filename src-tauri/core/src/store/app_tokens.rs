//! App tokens created through the console: the token itself (a secret), its tail
//! for naming it (`intandem tokens revoke <app> abcd`), and when it was revoked.
//! Creating and revoking are audited, with the tail only.

use serde::{Deserialize, Serialize};
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AppTokenId(pub i64);

#[derive(Debug, Clone, PartialEq)]
pub struct AppToken {
    pub id: AppTokenId,
    pub profile_id: ProfileId,
    pub app_code_name: AppCodeName,
    pub token: Secret,
    pub token_tail: String,
    pub created_at: OffsetDateTime,
    pub revoked_at: Option<OffsetDateTime>,
}

pub struct AppTokens<'a> {
    pool: &'a SqlitePool,
}

const SELECT_TOKEN: &str =
    "SELECT id, profile_id, app_code_name, token, token_tail, created_at, revoked_at
     FROM app_tokens";

impl<'a> AppTokens<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    /// Keeps a token just created on the platform, audited.
    pub async fn record_created(
        &self,
        profile_id: ProfileId,
        app_code_name: &AppCodeName,
        token: Secret,
        actor: &str,
    ) -> Result<AppToken, StoreError> {
        let context = format!("saving a new token of app {app_code_name}");
        let mut transaction = begin_write(self.pool, &context).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO app_tokens (profile_id, app_code_name, token, token_tail, created_at)
             VALUES (?, ?, ?, ?, ?)
             RETURNING id",
        )
        .bind(profile_id.0)
        .bind(app_code_name.as_str())
        .bind(token.expose())
        .bind(token.tail())
        .bind(timestamp::encode(timestamp::now()))
        .fetch_one(&mut *transaction)
        .await
        .map_err(|error| profile_error(profile_id, &context, error))?;
        let saved = fetch(&mut transaction, AppTokenId(id)).await?;
        audit_log::insert(
            &mut transaction,
            &NewAuditEntry {
                actor: actor.to_owned(),
                profile_id: Some(profile_id),
                app_code_name: Some(app_code_name.clone()),
                action: AuditAction::TokenCreated,
                before: None,
                after: Some(audit_view(&saved)),
            },
        )
        .await?;
        commit(transaction, &context).await?;
        Ok(saved)
    }

    /// Marks a token revoked (after the platform revoked it), audited. Revoking a
    /// revoked token changes nothing and records nothing.
    pub async fn record_revoked(
        &self,
        id: AppTokenId,
        actor: &str,
    ) -> Result<AppToken, StoreError> {
        let context = format!("recording the revocation of token {}", id.0);
        let mut transaction = begin_write(self.pool, &context).await?;
        let before = fetch(&mut transaction, id).await?;
        if before.revoked_at.is_some() {
            return Ok(before);
        }
        sqlx::query("UPDATE app_tokens SET revoked_at = ? WHERE id = ?")
            .bind(timestamp::encode(timestamp::now()))
            .bind(id.0)
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::db(&context))?;
        let after = fetch(&mut transaction, id).await?;
        audit_log::insert(
            &mut transaction,
            &NewAuditEntry {
                actor: actor.to_owned(),
                profile_id: Some(after.profile_id),
                app_code_name: Some(after.app_code_name.clone()),
                action: AuditAction::TokenRevoked,
                before: Some(audit_view(&before)),
                after: Some(audit_view(&after)),
            },
        )
        .await?;
        commit(transaction, &context).await?;
        Ok(after)
    }

    /// The app's tokens, oldest first, revoked ones included.
    pub async fn list(
        &self,
        profile_id: ProfileId,
        app_code_name: &AppCodeName,
    ) -> Result<Vec<AppToken>, StoreError> {
        let rows: Vec<TokenRow> = sqlx::query_as(&format!(
            "{SELECT_TOKEN} WHERE profile_id = ? AND app_code_name = ? ORDER BY id"
        ))
        .bind(profile_id.0)
        .bind(app_code_name.as_str())
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db(format!(
            "reading the tokens of app {app_code_name}"
        )))?;
        rows.into_iter().map(TokenRow::into_token).collect()
    }

    /// The app's unrevoked tokens ending in `tail` (more than one means the user
    /// must be asked which).
    pub async fn find_active_by_tail(
        &self,
        profile_id: ProfileId,
        app_code_name: &AppCodeName,
        tail: &str,
    ) -> Result<Vec<AppToken>, StoreError> {
        let rows: Vec<TokenRow> = sqlx::query_as(&format!(
            "{SELECT_TOKEN} WHERE profile_id = ? AND app_code_name = ? AND token_tail = ?
                              AND revoked_at IS NULL
             ORDER BY id"
        ))
        .bind(profile_id.0)
        .bind(app_code_name.as_str())
        .bind(tail)
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db(format!(
            "finding a token of app {app_code_name}"
        )))?;
        rows.into_iter().map(TokenRow::into_token).collect()
    }
}

fn audit_view(token: &AppToken) -> Value {
    json!({
        "token_tail": token.token_tail,
        "revoked_at": token.revoked_at.map(timestamp::encode),
    })
}

async fn fetch(connection: &mut SqliteConnection, id: AppTokenId) -> Result<AppToken, StoreError> {
    let row: Option<TokenRow> = sqlx::query_as(&format!("{SELECT_TOKEN} WHERE id = ?"))
        .bind(id.0)
        .fetch_optional(connection)
        .await
        .map_err(StoreError::db(format!("reading the token {}", id.0)))?;
    row.ok_or(StoreError::AppTokenNotFound { id: id.0 })?
        .into_token()
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    profile_id: i64,
    app_code_name: String,
    token: String,
    token_tail: String,
    created_at: String,
    revoked_at: Option<String>,
}

impl TokenRow {
    fn into_token(self) -> Result<AppToken, StoreError> {
        const WHAT: &str = "app token";
        Ok(AppToken {
            id: AppTokenId(self.id),
            profile_id: ProfileId(self.profile_id),
            app_code_name: code_name(WHAT, self.app_code_name)?,
            token: Secret::new(self.token),
            token_tail: self.token_tail,
            created_at: timestamp::decode(WHAT, &self.created_at)?,
            revoked_at: timestamp::decode_optional(WHAT, self.revoked_at.as_deref())?,
        })
    }
}
