//! What happens to an OAuth test between its start and its redirect (the pages its login
//! window passes through), and the report of a test, fit for a support ticket: Markdown
//! for people and JSON for tools, both built from the stored run, which holds no secret
//! (its timeline is redacted as it is recorded; the access token is never read here).

use std::fmt::Write;

use serde::Serialize;
use serde_json::{json, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use ts_rs::TS;
use url::Url;

use super::timeline::{page_url, StepKind, TimelineStep};
use super::{Console, ConsoleError};
use crate::store::{OAuthOutcome, OAuthRunId};

/// A finished (or pending) test, told for a support ticket.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OAuthReport {
    pub run_id: i64,
    pub markdown: String,
    pub json: Value,
}

/// The userinfo fields a report and the result card show, in this order.
pub const RESULT_FIELDS: &[&str] = &["business_uid", "sub", "role", "brand_host", "directory_uid"];

impl Console {
    /// Adds a page the login window went to (its URL redacted) to the run's timeline,
    /// while the run waits for its redirect. Returns the step, or `None` once it ended.
    pub async fn oauth_record_navigation(
        &self,
        run_id: i64,
        url: &Url,
    ) -> Result<Option<TimelineStep>, ConsoleError> {
        let runs = self.store.oauth_runs();
        let Some(run) = runs.get(OAuthRunId(run_id)).await? else {
            return Ok(None);
        };
        if run.outcome.is_some() {
            return Ok(None);
        }
        let mut steps: Vec<TimelineStep> =
            serde_json::from_value(run.timeline.clone()).unwrap_or_default();
        let step = TimelineStep {
            kind: StepKind::Navigation,
            at: OffsetDateTime::now_utc(),
            duration_ms: None,
            ok: true,
            summary: format!(
                "The login window went to {}{}.",
                url.host_str().unwrap_or("a page"),
                url.path()
            ),
            request: Some(super::timeline::HttpRequestView {
                method: "GET".into(),
                url: page_url(url),
                headers: Vec::new(),
                body: None,
            }),
            response: None,
        };
        steps.push(step.clone());
        runs.update_timeline(run.id, &serde_json::to_value(&steps).unwrap_or_default())
            .await?;
        Ok(Some(step))
    }

    /// The report of OAuth test `run_id`: Markdown and JSON, with nothing secret in either.
    pub async fn oauth_report(&self, run_id: i64) -> Result<OAuthReport, ConsoleError> {
        let run = self
            .store
            .oauth_runs()
            .get(OAuthRunId(run_id))
            .await?
            .ok_or_else(|| {
                ConsoleError::not_found(format!(
                    "There is no OAuth test {run_id}: it may have been removed with its profile."
                ))
            })?;
        let profile = self.store.profiles().get(run.profile_id).await?;
        let steps: Vec<TimelineStep> =
            serde_json::from_value(run.timeline.clone()).unwrap_or_default();
        let outcome = match run.outcome {
            None => "pending",
            Some(OAuthOutcome::Succeeded) => "succeeded",
            Some(OAuthOutcome::Failed) => "failed",
            Some(OAuthOutcome::Cancelled) => "cancelled",
        };
        let result: Vec<(&str, String)> = RESULT_FIELDS
            .iter()
            .filter_map(|field| {
                let value = run.userinfo.as_ref()?.get(*field)?;
                Some((
                    *field,
                    value
                        .as_str()
                        .map_or_else(|| value.to_string(), str::to_owned),
                ))
            })
            .collect();
        let window = code_window_ms(&steps);

        let mut md = String::new();
        let _ = writeln!(
            md,
            "# OAuth test of app `{}` (run {})\n",
            run.app_code_name, run.id.0
        );
        if let Some(profile) = &profile {
            let _ = writeln!(
                md,
                "- Profile: {} ({}, API {})",
                profile.name,
                profile.kind.as_str(),
                profile.api_base
            );
        }
        let _ = writeln!(md, "- Redirect URI: `{}`", run.redirect_uri);
        let _ = writeln!(md, "- Started: {}", rfc3339(run.started_at));
        if let Some(finished) = run.finished_at {
            let _ = writeln!(md, "- Finished: {}", rfc3339(finished));
        }
        let _ = writeln!(md, "- Outcome: **{outcome}**");
        if let Some(error) = &run.error {
            let _ = writeln!(md, "- Error: {error}");
        }
        if let Some(used) = window {
            let _ = writeln!(
                md,
                "- Code window used by the exchange: {:.1} s of 30 s",
                used as f64 / 1000.0
            );
        }
        if !result.is_empty() {
            let _ = writeln!(md, "\n## Result\n");
            for (field, value) in &result {
                let _ = writeln!(md, "- {field}: `{value}`");
            }
        }
        let _ = writeln!(md, "\n## Timeline\n");
        let _ = writeln!(md, "| # | At (UTC) | Step | OK | Took | What happened |");
        let _ = writeln!(md, "|---|---|---|---|---|---|");
        for (index, step) in steps.iter().enumerate() {
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} |",
                index + 1,
                rfc3339(step.at),
                kind_name(step.kind),
                if step.ok { "yes" } else { "no" },
                step.duration_ms
                    .map(|ms| format!("{ms} ms"))
                    .unwrap_or_default(),
                step.summary.replace('|', "\\|")
            );
        }
        for (index, step) in steps.iter().enumerate() {
            if let Some(request) = &step.request {
                if !matches!(step.kind, StepKind::Exchange | StepKind::UserInfo) {
                    continue;
                }
                let _ = writeln!(md, "\n### Step {}: {}\n", index + 1, kind_name(step.kind));
                let _ = writeln!(md, "```http\n{} {}", request.method, request.url);
                for (name, value) in &request.headers {
                    let _ = writeln!(md, "{name}: {value}");
                }
                if let Some(body) = &request.body {
                    let _ = writeln!(
                        md,
                        "\n{}",
                        serde_json::to_string_pretty(body).unwrap_or_default()
                    );
                }
                let _ = writeln!(md, "```");
                if let Some(response) = &step.response {
                    let _ = writeln!(
                        md,
                        "\n```json\n// HTTP {}\n{}\n```",
                        response
                            .status
                            .map_or_else(|| "2xx".to_owned(), |s| s.to_string()),
                        response
                            .body
                            .as_ref()
                            .map(|b| serde_json::to_string_pretty(b).unwrap_or_default())
                            .unwrap_or_default()
                    );
                }
            }
        }
        let _ = writeln!(
            md,
            "\n_Secrets (client secret, code, state, tokens) are redacted._"
        );

        let json = json!({
            "run_id": run.id.0,
            "app_code_name": run.app_code_name,
            "profile": profile.as_ref().map(|p| json!({"name": p.name, "api_base": p.api_base.as_str()})),
            "redirect_uri": run.redirect_uri,
            "started_at": rfc3339(run.started_at),
            "finished_at": run.finished_at.map(rfc3339),
            "outcome": outcome,
            "error": run.error,
            "code_window_used_ms": window,
            "result": result.iter().map(|(k, v)| (k.to_string(), Value::String(v.clone()))).collect::<serde_json::Map<_, _>>(),
            "timeline": steps,
        });
        Ok(OAuthReport {
            run_id: run.id.0,
            markdown: md,
            json,
        })
    }
}

/// From the redirect's arrival to the exchange's answer, read from the timeline.
pub fn code_window_ms(steps: &[TimelineStep]) -> Option<u64> {
    let redirect = steps.iter().find(|s| s.kind == StepKind::Redirect)?;
    let exchange = steps.iter().find(|s| s.kind == StepKind::Exchange)?;
    let answered = exchange.at + time::Duration::milliseconds(exchange.duration_ms? as i64);
    u64::try_from((answered - redirect.at).whole_milliseconds()).ok()
}

fn kind_name(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Authorize => "authorize URL",
        StepKind::AuthorizePage => "authorize page check",
        StepKind::Navigation => "login window page",
        StepKind::Redirect => "redirect captured",
        StepKind::Exchange => "code exchange",
        StepKind::UserInfo => "userinfo",
    }
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}
