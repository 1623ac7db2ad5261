//! App setup checks for support staff: pure rules over what the console gathered about
//! an app (the platform's copy, the credentials and tokens kept here, the last OAuth
//! test, the last launch). Each rule passes, warns or fails, with the reason and the fix in plain words.
//! Gathering the facts is `Console::check_app`'s job; nothing here does I/O.

mod rules;

pub use rules::{evaluate_app, token_check, AppFacts, LastLaunch, LastOAuthTest, TokenFacts};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a check ended. Ordered: `Fail` is the most severe. `Unknown` is a check that could
/// not run (the platform did not answer): neither a pass nor a failure of the thing checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Pass,
    Warn,
    Unknown,
    Fail,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Pass => "pass",
            Severity::Warn => "warn",
            Severity::Unknown => "unknown",
            Severity::Fail => "fail",
        }
    }

    /// For reports: `PASS`, `WARN`, `COULD NOT CHECK`, `FAIL`.
    pub fn mark(self) -> &'static str {
        match self {
            Severity::Pass => "PASS",
            Severity::Warn => "WARN",
            Severity::Unknown => "COULD NOT CHECK",
            Severity::Fail => "FAIL",
        }
    }
}

/// Whether a failed call says nothing about what was checked: the platform did not answer,
/// answered with a server error, or asked to slow down.
pub(crate) fn could_not_check(error: &crate::error::ConsoleError) -> bool {
    use crate::error::ErrorCode;
    matches!(
        error.code,
        ErrorCode::Network
            | ErrorCode::Timeout
            | ErrorCode::RateLimited
            | ErrorCode::Server
            | ErrorCode::Decode
            | ErrorCode::UnknownOutcome
    ) || error.status.is_some_and(|s| s >= 500)
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CheckResult {
    /// A stable name (`brand_host`, `redirect_uris`…), for tools.
    pub id: String,
    /// What was checked, for people.
    pub title: String,
    pub severity: Severity,
    /// What was found.
    pub reason: String,
    /// What to do about it (none for a pass).
    pub fix: Option<String>,
}

impl CheckResult {
    pub(crate) fn new(
        id: &str,
        title: &str,
        severity: Severity,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            id: id.to_owned(),
            title: title.to_owned(),
            severity,
            reason: reason.into(),
            fix: None,
        }
    }

    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

/// The worst severity among `checks` (`Pass` for none).
pub fn worst(checks: &[CheckResult]) -> Severity {
    checks
        .iter()
        .map(|c| c.severity)
        .max()
        .unwrap_or(Severity::Pass)
}
