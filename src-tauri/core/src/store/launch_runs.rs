//! App launches and their verdicts: one row per launch of a partner's app ("Open app"),
//! kept beside the app's OAuth tests. The checks are stored as JSON; they describe what
//! the app did and never hold a secret (no state, code or token is ever put in them).

use serde_json::Value;
use sqlx::SqlitePool;
use time::OffsetDateTime;

use super::apps_cache::profile_error;
use super::columns::code_name;
use super::connection::{begin_write, commit};
use super::{timestamp, ProfileId, StoreError};
use crate::platform::AppCodeName;

#[derive(Debug, Clone)]
pub struct NewLaunchRun {
    pub profile_id: ProfileId,
    pub app_code_name: AppCodeName,
    pub business_uid: String,
    pub staff_uid: String,
    pub started_at: OffsetDateTime,
    pub finished_at: OffsetDateTime,
    /// `pass`, `warn` or `fail`.
    pub verdict: String,
    pub checks: Value,
    /// Judged from the sandbox's trace (else from the login window's navigations only).
    pub sandbox: bool,
    /// What was done or seen on the way, in plain words (an install made for the launch…).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LaunchRun {
    pub id: i64,
    pub profile_id: ProfileId,
    pub app_code_name: AppCodeName,
    pub business_uid: String,
    pub staff_uid: String,
    pub started_at: OffsetDateTime,
    pub finished_at: OffsetDateTime,
    pub verdict: String,
    pub checks: Value,
    pub sandbox: bool,
    pub notes: Vec<String>,
}

pub struct LaunchRuns<'a> {
    pool: &'a SqlitePool,
}

const SELECT_RUN: &str = "SELECT id, profile_id, app_code_name, business_uid, staff_uid,
                                 started_at, finished_at, verdict, checks, sandbox, notes
                          FROM launch_runs";

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    profile_id: i64,
    app_code_name: String,
    business_uid: String,
    staff_uid: String,
    started_at: String,
    finished_at: String,
    verdict: String,
    checks: String,
    sandbox: bool,
    notes: String,
}

impl Row {
    fn into_run(self) -> Result<LaunchRun, StoreError> {
        const WHAT: &str = "launch run";
        Ok(LaunchRun {
            id: self.id,
            profile_id: ProfileId(self.profile_id),
            app_code_name: code_name(WHAT, self.app_code_name)?,
            business_uid: self.business_uid,
            staff_uid: self.staff_uid,
            started_at: timestamp::decode(WHAT, &self.started_at)?,
            finished_at: timestamp::decode(WHAT, &self.finished_at)?,
            verdict: self.verdict,
            checks: serde_json::from_str(&self.checks)
                .map_err(|e| StoreError::invalid_row(WHAT, e.to_string()))?,
            sandbox: self.sandbox,
            notes: serde_json::from_str(&self.notes)
                .map_err(|e| StoreError::invalid_row(WHAT, e.to_string()))?,
        })
    }
}

impl<'a> LaunchRuns<'a> {
    pub(crate) fn new(pool: &'a SqlitePool) -> Self {
        Self { pool }
    }

    pub async fn record(&self, run: NewLaunchRun) -> Result<LaunchRun, StoreError> {
        let context = format!("saving a launch of app {}", run.app_code_name);
        let mut transaction = begin_write(self.pool, &context).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO launch_runs (profile_id, app_code_name, business_uid, staff_uid,
                                      started_at, finished_at, verdict, checks, sandbox, notes)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             RETURNING id",
        )
        .bind(run.profile_id.0)
        .bind(run.app_code_name.as_str())
        .bind(&run.business_uid)
        .bind(&run.staff_uid)
        .bind(timestamp::encode(run.started_at))
        .bind(timestamp::encode(run.finished_at))
        .bind(&run.verdict)
        .bind(run.checks.to_string())
        .bind(run.sandbox)
        .bind(serde_json::Value::from(run.notes.clone()).to_string())
        .fetch_one(&mut *transaction)
        .await
        .map_err(|error| profile_error(run.profile_id, &context, error))?;
        let row: Row = sqlx::query_as(&format!("{SELECT_RUN} WHERE id = ?"))
            .bind(id)
            .fetch_one(&mut *transaction)
            .await
            .map_err(StoreError::db(&context))?;
        commit(transaction, &context).await?;
        row.into_run()
    }

    /// The app's launches, newest first.
    pub async fn list_for_app(
        &self,
        profile_id: ProfileId,
        app: &AppCodeName,
        limit: u32,
    ) -> Result<Vec<LaunchRun>, StoreError> {
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "{SELECT_RUN} WHERE profile_id = ? AND app_code_name = ? ORDER BY id DESC LIMIT ?"
        ))
        .bind(profile_id.0)
        .bind(app.as_str())
        .bind(limit)
        .fetch_all(self.pool)
        .await
        .map_err(StoreError::db(format!("listing the launches of app {app}")))?;
        rows.into_iter().map(Row::into_run).collect()
    }

    pub async fn get(&self, id: i64) -> Result<Option<LaunchRun>, StoreError> {
        let row: Option<Row> = sqlx::query_as(&format!("{SELECT_RUN} WHERE id = ?"))
            .bind(id)
            .fetch_optional(self.pool)
            .await
            .map_err(StoreError::db(format!("reading launch {id}")))?;
        row.map(Row::into_run).transpose()
    }
}
