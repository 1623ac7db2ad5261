//! App setup checks, as support staff run them: for one app, or over the whole
//! directory with bounded concurrency. Gathers the facts (the platform's copy of the
//! app, what this console keeps, its last OAuth test and launch) and applies `crate::checks`; the report comes as a
//! value (the JSON report) with its Markdown rendering, neither holding a secret.

use std::fmt::Write;

use futures_util::stream::{FuturesUnordered, StreamExt};
use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use super::oauth::report::code_window_ms;
use super::oauth::timeline::TimelineStep;
use super::{app_code_name, Console, ConsoleError};
use crate::checks::{
    evaluate_app, token_check, worst, AppFacts, CheckResult, LastLaunch, LastOAuthTest, Severity,
    TokenFacts,
};
use crate::launch::verdict::{self as launch_verdict, LaunchCheck};
use crate::platform::{AppCodeName, PlatformClient};
use crate::store::Profile;

/// How many apps are checked at once over a directory.
pub const CHECK_CONCURRENCY: usize = 4;

/// One app's checks.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppChecks {
    pub app_code_name: String,
    pub app_name: Option<String>,
    pub worst: Severity,
    pub checks: Vec<CheckResult>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct CheckCounts {
    pub pass: u32,
    pub warn: u32,
    /// Checks that could not run (the platform did not answer).
    pub unknown: u32,
    pub fail: u32,
}

/// A checks run: the directory-level checks and each app's, most severe first.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ChecksReport {
    pub profile: String,
    pub api_base: String,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub checked_at: OffsetDateTime,
    pub directory: Vec<CheckResult>,
    pub apps: Vec<AppChecks>,
    pub worst: Severity,
    pub counts: CheckCounts,
    /// Why the directory's apps could not be listed (so none was checked), when they could
    /// not: not the same as a directory with no apps.
    pub apps_unlisted: Option<String>,
    /// The same report as Markdown, for a support ticket.
    pub markdown: String,
}

impl ChecksReport {
    /// Whether any check failed or could not run (the CLI's exit code 1).
    pub fn has_failures(&self) -> bool {
        self.worst >= Severity::Unknown
    }
}

impl Console {
    /// Checks one app (and the profile's token).
    pub async fn check_app(&self, app: &str) -> Result<ChecksReport, ConsoleError> {
        let code = app_code_name(app)?;
        let (profile, client) = self.session().await?;
        let listing = client
            .list_apps()
            .await
            .map(|apps| apps.len())
            .map_err(ConsoleError::from);
        let branding = branding_probe(&client, listing.is_ok()).await;
        let directory = vec![token_check(&TokenFacts {
            profile: &profile.name,
            listing: listing.as_ref().copied(),
            branding: branding.as_ref().map(|b| b.as_ref().copied()),
        })];
        let checked = self
            .gather_and_check(&profile, &client, &code, None)
            .await?;
        Ok(report(&profile, directory, vec![checked]))
    }

    /// Checks every app of the directory, `concurrency` at a time, calling `progress`
    /// with (done, total) after each app.
    pub async fn check_all(
        &self,
        concurrency: usize,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<ChecksReport, ConsoleError> {
        let (profile, client) = self.session().await?;
        let listing = client.list_apps().await.map_err(ConsoleError::from);
        let branding = branding_probe(&client, listing.is_ok()).await;
        let directory = vec![token_check(&TokenFacts {
            profile: &profile.name,
            listing: listing.as_ref().map(Vec::len),
            branding: branding.as_ref().map(|b| b.as_ref().copied()),
        })];
        let apps = match listing {
            Ok(apps) => apps,
            // Without the list there is nothing to check app by app: the token check says why.
            Err(error) => {
                let mut report = report(&profile, directory, Vec::new());
                report.apps_unlisted = Some(format!(
                    "The directory's apps could not be listed, so none was checked: {}",
                    error.message
                ));
                report.markdown = markdown(&report);
                return Ok(report);
            }
        };
        let total = apps.len();
        progress(0, total);
        let mut done = 0;
        let mut checked = Vec::with_capacity(total);
        // A window of at most `concurrency` checks in flight (a plain loop rather than a
        // stream combinator, so the future stays `Send` for the desktop shell).
        // The list's entries carry each app's id: no app is looked up again for its tokens.
        let mut codes = apps.iter().map(|app| {
            (
                app.app_code_name.clone(),
                app.app_id.clone().or_else(|| app.uid.clone()),
            )
        });
        let mut in_flight = FuturesUnordered::new();
        loop {
            while in_flight.len() < concurrency.max(1) {
                let Some((code, app_id)) = codes.next() else {
                    break;
                };
                in_flight.push(self.gather_and_check_owned(&profile, &client, code, app_id));
            }
            let Some(result) = in_flight.next().await else {
                break;
            };
            checked.push(result?);
            done += 1;
            progress(done, total);
        }
        Ok(report(&profile, directory, checked))
    }

    async fn gather_and_check_owned(
        &self,
        profile: &Profile,
        client: &PlatformClient,
        code: AppCodeName,
        app_id: Option<String>,
    ) -> Result<AppChecks, ConsoleError> {
        self.gather_and_check(profile, client, &code, app_id).await
    }

    async fn gather_and_check(
        &self,
        profile: &Profile,
        client: &PlatformClient,
        code: &AppCodeName,
        app_id: Option<String>,
    ) -> Result<AppChecks, ConsoleError> {
        let app = client.get_app(code).await.map_err(ConsoleError::from);
        let has_credentials = self
            .store
            .credentials()
            .get(profile.id, code)
            .await?
            .is_some();
        let tokens = match &app {
            Ok(_) => Some(self.active_tokens(profile, client, code, app_id).await),
            Err(_) => None,
        };
        let last_test = self
            .store
            .oauth_runs()
            .list_for_app(profile.id, code, 1)
            .await?
            .into_iter()
            .next()
            .map(|run| {
                let steps: Vec<TimelineStep> =
                    serde_json::from_value(run.timeline.clone()).unwrap_or_default();
                LastOAuthTest {
                    run_id: run.id.0,
                    outcome: run.outcome,
                    error: run.error,
                    window_used_ms: code_window_ms(&steps),
                }
            });
        let last_launch = self
            .store
            .launch_runs()
            .list_for_app(profile.id, code, 1)
            .await?
            .into_iter()
            .next()
            .map(|run| {
                let checks: Vec<LaunchCheck> =
                    serde_json::from_value(run.checks).unwrap_or_default();
                let verdict = launch_verdict::worst(&checks);
                LastLaunch {
                    run_id: run.id,
                    verdict,
                    worst_titles: checks
                        .into_iter()
                        .filter(|c| c.severity == verdict && verdict != Severity::Pass)
                        .map(|c| c.title)
                        .collect(),
                }
            });
        let checks = evaluate_app(&AppFacts {
            code: code.as_str(),
            app: app.as_ref(),
            has_credentials,
            tokens: tokens.as_ref().map(|t| t.as_ref().copied()),
            last_test,
            last_launch,
        });
        Ok(AppChecks {
            app_code_name: code.to_string(),
            app_name: app.as_ref().ok().and_then(|a| a.name.clone()),
            worst: worst(&checks),
            checks,
        })
    }

    /// (active on the platform, of which created here).
    async fn active_tokens(
        &self,
        profile: &Profile,
        client: &PlatformClient,
        code: &AppCodeName,
        app_id: Option<String>,
    ) -> Result<(usize, usize), ConsoleError> {
        let app_id = match app_id {
            Some(app_id) => app_id,
            None => self.app_id(profile, client, code).await?,
        };
        let listed = client.list_app_tokens(&app_id).await?;
        let kept = self.store.app_tokens().list(profile.id, code).await?;
        let here = super::tokens::pair(&kept, &listed)
            .iter()
            .filter(|t| t.listed.is_some() && t.kept.is_some_and(|k| k.revoked_at.is_none()))
            .count();
        Ok((listed.len(), here))
    }
}

/// Reads the directory's branding, once the token is known to work at all.
async fn branding_probe(
    client: &PlatformClient,
    token_works: bool,
) -> Option<Result<(), ConsoleError>> {
    if !token_works {
        return None;
    }
    Some(
        client
            .directory_branding(None)
            .await
            .map(|_| ())
            .map_err(ConsoleError::from),
    )
}

fn report(
    profile: &Profile,
    directory: Vec<CheckResult>,
    mut apps: Vec<AppChecks>,
) -> ChecksReport {
    apps.sort_by(|a, b| {
        b.worst
            .cmp(&a.worst)
            .then(a.app_code_name.cmp(&b.app_code_name))
    });
    let mut counts = CheckCounts::default();
    for check in directory
        .iter()
        .chain(apps.iter().flat_map(|a| a.checks.iter()))
    {
        match check.severity {
            Severity::Pass => counts.pass += 1,
            Severity::Warn => counts.warn += 1,
            Severity::Unknown => counts.unknown += 1,
            Severity::Fail => counts.fail += 1,
        }
    }
    let worst = worst(&directory).max(apps.iter().map(|a| a.worst).max().unwrap_or(Severity::Pass));
    let mut report = ChecksReport {
        profile: profile.name.clone(),
        api_base: profile.api_base.to_string(),
        checked_at: OffsetDateTime::now_utc(),
        directory,
        apps,
        worst,
        counts,
        apps_unlisted: None,
        markdown: String::new(),
    };
    report.markdown = markdown(&report);
    report
}

fn mark(severity: Severity) -> &'static str {
    severity.mark()
}

fn markdown(report: &ChecksReport) -> String {
    let mut md = String::new();
    let _ = writeln!(
        md,
        "# App setup checks: profile {} ({})\n",
        report.profile, report.api_base
    );
    let _ = writeln!(
        md,
        "Checked {}: **{}** overall; {} passed, {} warnings, {} could not be checked, {} failed.\n",
        report
            .checked_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        mark(report.worst),
        report.counts.pass,
        report.counts.warn,
        report.counts.unknown,
        report.counts.fail
    );
    if report.counts.unknown > 0 {
        let _ = writeln!(
            md,
            "**The platform did not answer some of the checks' calls** (an outage or a network \
             problem on the way, not a problem of the apps or the token): those checks say \
             COULD NOT CHECK; run them again when the platform answers.\n"
        );
    }
    if let Some(why) = &report.apps_unlisted {
        let _ = writeln!(md, "{why}\n");
    }
    let rows = |md: &mut String, checks: &[CheckResult]| {
        let _ = writeln!(md, "| Result | Check | Found | Fix |");
        let _ = writeln!(md, "|---|---|---|---|");
        for check in checks {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} |",
                mark(check.severity),
                check.title,
                check.reason.replace('|', "\\|"),
                check.fix.as_deref().unwrap_or("").replace('|', "\\|")
            );
        }
    };
    let _ = writeln!(md, "## Directory\n");
    rows(&mut md, &report.directory);
    for app in &report.apps {
        let _ = writeln!(
            md,
            "\n## {} `{}`: {}\n",
            app.app_name.as_deref().unwrap_or("(unnamed)"),
            app.app_code_name,
            mark(app.worst)
        );
        rows(&mut md, &app.checks);
    }
    let _ = writeln!(
        md,
        "\n_No secret is included: tokens and client secrets are never part of a check._"
    );
    md
}
