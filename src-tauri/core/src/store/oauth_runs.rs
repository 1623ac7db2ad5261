//! OAuth test runs: one row per run of the authorization-code flow against an app,
//! from start (state nonce, PKCE verifier, redirect URI) to its outcome (timeline,
//! access token, userinfo). The latest run feeds the app's checks.
//!
//! The timeline arrives redacted by the OAuth flow; as a second line of defence a
//! finish whose timeline or userinfo contains the run's own verifier or access
//! token is refused.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::{SqliteConnection, SqlitePool};
use time::OffsetDateTime;

use super::apps_cache::profile_error;
use super::columns::code_name;
use super::connection::{begin_write, commit};
use super::redaction::ensure_free_of;
use super::{timestamp, ProfileId, StoreError};
use crate::platform::AppCodeName;
use crate::Secret;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OAuthRunId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OAuthOutcome {
    Succeeded,
    Failed,
    Cancelled,
}

impl OAuthOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            OAuthOutcome::Succeeded => "succeeded",
            OAuthOutcome::Failed => "failed",
            OAuthOutcome::Cancelled => "cancelled",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        [Self::Succeeded, Self::Failed, Self::Cancelled]
            .into_iter()
            .find(|outcome| outcome.as_str() == text)
    }
}

#[derive(Debug, Clone)]
pub struct NewOAuthRun {
    pub profile_id: ProfileId,
    pub app_code_name: AppCodeName,
    pub started_at: OffsetDateTime,
    pub state: Secret,
    pub pkce_verifier: Option<Secret>,
    pub redirect_uri: String,
}

#[derive(Debug, Clone)]
pub struct OAuthRunFinish {
    pub finished_at: OffsetDateTime,
    pub outcome: OAuthOutcome,
    /// What went wrong, for a failed run.
    pub error: Option<String>,
    /// Every step with its request and response, secrets already redacted.
    pub timeline: Value,
    pub access_token: Option<Secret>,
    pub userinfo: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OAuthRun {
    pub id: OAuthRunId,
    pub profile_id: ProfileId,
    pub app_code_name: AppCodeName,
    pub started_at: OffsetDateTime,
    /// `None` while the run is in progress (or was abandoned).
    pub finished_at: Option<OffsetDateTime>,
    pub outcome: Option<OAuthOutcome>,
    pub error: Option<String>,
    pub state: Secret,
    pub pkce_verifier: Option<Secret>,
    pub redirect_uri: String,
    pub timeline: Value,
    pub access_token: Option<Secret>,
    pub userinfo: Option<Value>,
}

pub struct OAuthRuns<'a> {
    pool: &'a SqlitePool,
}

const SELECT_RUN: &str = "SELECT id, profile_id, app_code_name, started_at, finished_at, outcome,
                                 error, state, pkce_verifier, redirect_uri, timeline_json,
                                 access_token, userinfo_json
                          FROM oauth_runs";

impl<'a> OAuthRuns<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn start(&self, run: NewOAuthRun) -> Result<OAuthRunId, StoreError> {
        let context = format!("recording an OAuth test run of app {}", run.app_code_name);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO oauth_runs
                 (profile_id, app_code_name, started_at, state, pkce_verifier, redirect_uri)
             VALUES (?, ?, ?, ?, ?, ?)
             RETURNING id",
        )
        .bind(run.profile_id.0)
        .bind(run.app_code_name.as_str())
        .bind(timestamp::encode(run.started_at))
        .bind(run.state.expose())
        .bind(run.pkce_verifier.as_ref().map(Secret::expose))
        .bind(&run.redirect_uri)
        .fetch_one(self.pool)
        .await
        .map_err(|error| profile_error(run.profile_id, &context, error))?;
        Ok(OAuthRunId(id))
    }

    /// Replaces the timeline of a run in progress (to show steps as they happen).
    pub async fn update_timeline(
        &self,
        id: OAuthRunId,
        timeline: &Value,
    ) -> Result<(), StoreError> {
        let context = format!("updating the timeline of OAuth run {}", id.0);
        let mut transaction = begin_write(self.pool, &context).await?;
        let run = fetch(&mut transaction, id).await?;
        if run.finished_at.is_some() {
            return Err(StoreError::OAuthRunAlreadyFinished { id: id.0 });
        }
        let text = timeline.to_string();
        ensure_free_of("OAuth timeline", &text, &[run.pkce_verifier.as_ref()])?;
        sqlx::query("UPDATE oauth_runs SET timeline_json = ? WHERE id = ?")
            .bind(text)
            .bind(id.0)
            .execute(&mut *transaction)
            .await
            .map_err(StoreError::db(&context))?;
        commit(transaction, &context).await
    }

    /// Records how a run ended. A run finishes once.
    pub async fn finish(
        &self,
        id: OAuthRunId,
        end: OAuthRunFinish,
    ) -> Result<OAuthRun, StoreError> {
        let context = format!("recording the end of OAuth run {}", id.0);
        let mut transaction = begin_write(self.pool, &context).await?;
        let run = fetch(&mut transaction, id).await?;
        if run.finished_at.is_some() {
            return Err(StoreError::OAuthRunAlreadyFinished { id: id.0 });
        }
        let secrets = [run.pkce_verifier.as_ref(), end.access_token.as_ref()];
        let timeline = end.timeline.to_string();
        ensure_free_of("OAuth timeline", &timeline, &secrets)?;
        let userinfo = end.userinfo.as_ref().map(Value::to_string);
        if let Some(userinfo) = &userinfo {
            ensure_free_of("OAuth userinfo", userinfo, &secrets)?;
        }
        sqlx::query(
            "UPDATE oauth_runs
             SET finished_at = ?, outcome = ?, error = ?, timeline_json = ?, access_token = ?,
                 userinfo_json = ?
             WHERE id = ?",
        )
        .bind(timestamp::encode(end.finished_at))
        .bind(end.outcome.as_str())
        .bind(&end.error)
        .bind(timeline)
        .bind(end.access_token.as_ref().map(Secret::expose))
        .bind(userinfo)
        .bind(id.0)
        .execute(&mut *transaction)
        .await
        .map_err(StoreError::db(&context))?;
        let finished = fetch(&mut transaction, id).await?;
        commit(transaction, &context).await?;
        Ok(finished)
    }

    pub async fn get(&self, id: OAuthRunId) -> Result<Option<OAuthRun>, StoreError> {
        let row: Option<RunRow> = sqlx::query_as(&format!("{SELECT_RUN} WHERE id = ?"))
            .bind(id.0)
            .fetch_optional(self.pool)
            .await
            .map_err(StoreError::db(format!("reading OAuth run {}", id.0)))?;
        row.map(RunRow::into_run).transpose()
    }

    /// The app's runs, newest first.
    pub async fn list_for_app(
        &self,
        profile_id: ProfileId,
        app_code_name: &AppCodeName,
        limit: u32,
    ) -> Result<Vec<OAuthRun>, StoreError> {
        let rows: Vec<RunRow> = sqlx::query_as(&format!(
            "{SELECT_RUN} WHERE profile_id = ? AND app_code_name = ?
             ORDER BY started_at DESC, id DESC LIMIT ?"
        ))
        .bind(profile_id.0)
        .bind(app_code_name.as_str())
        .bind(i64::from(limit))
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db(format!(
            "reading the OAuth runs of app {app_code_name}"
        )))?;
        rows.into_iter().map(RunRow::into_run).collect()
    }

    /// The app's most recent run, finished or not.
    pub async fn latest_for_app(
        &self,
        profile_id: ProfileId,
        app_code_name: &AppCodeName,
    ) -> Result<Option<OAuthRun>, StoreError> {
        Ok(self
            .list_for_app(profile_id, app_code_name, 1)
            .await?
            .into_iter()
            .next())
    }

    /// The run that sent this `state` (how a redirect finds its way back to its run),
    /// finished or not; the newest if, against all odds, two runs share it.
    pub async fn find_by_state(&self, state: &str) -> Result<Option<OAuthRun>, StoreError> {
        let row: Option<RunRow> = sqlx::query_as(&format!(
            "{SELECT_RUN} WHERE state = ? ORDER BY id DESC LIMIT 1"
        ))
        .bind(state)
        .fetch_optional(self.pool)
        .await
        .map_err(StoreError::db("finding the OAuth run of a redirect"))?;
        row.map(RunRow::into_run).transpose()
    }
}

async fn fetch(connection: &mut SqliteConnection, id: OAuthRunId) -> Result<OAuthRun, StoreError> {
    let row: Option<RunRow> = sqlx::query_as(&format!("{SELECT_RUN} WHERE id = ?"))
        .bind(id.0)
        .fetch_optional(connection)
        .await
        .map_err(StoreError::db(format!("reading OAuth run {}", id.0)))?;
    row.ok_or(StoreError::OAuthRunNotFound { id: id.0 })?
        .into_run()
}

#[derive(sqlx::FromRow)]
struct RunRow {
    id: i64,
    profile_id: i64,
    app_code_name: String,
    started_at: String,
    finished_at: Option<String>,
    outcome: Option<String>,
    error: Option<String>,
    state: String,
    pkce_verifier: Option<String>,
    redirect_uri: String,
    timeline_json: String,
    access_token: Option<String>,
    userinfo_json: Option<String>,
}

impl RunRow {
    fn into_run(self) -> Result<OAuthRun, StoreError> {
        const WHAT: &str = "OAuth run";
        let json = |text: &str| {
            serde_json::from_str(text).map_err(|error| StoreError::invalid_row(WHAT, error))
        };
        Ok(OAuthRun {
            id: OAuthRunId(self.id),
            profile_id: ProfileId(self.profile_id),
            started_at: timestamp::decode(WHAT, &self.started_at)?,
            finished_at: timestamp::decode_optional(WHAT, self.finished_at.as_deref())?,
            outcome: self
                .outcome
                .map(|text| {
                    OAuthOutcome::parse(&text).ok_or_else(|| {
                        StoreError::invalid_row(WHAT, format!("unknown outcome {text:?}"))
                    })
                })
                .transpose()?,
            error: self.error,
            state: Secret::new(self.state),
            pkce_verifier: self.pkce_verifier.map(Secret::new),
            redirect_uri: self.redirect_uri,
            timeline: json(&self.timeline_json)?,
            access_token: self.access_token.map(Secret::new),
            userinfo: self.userinfo_json.as_deref().map(json).transpose()?,
            app_code_name: code_name(WHAT, self.app_code_name)?,
        })
    }
}
