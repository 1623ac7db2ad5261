//! `intandem oauth …`

use intandem_core::console::dto::{OAuthCompletion, OAuthRunView};
use intandem_core::console::OAuthBegin;
use intandem_core::store::OAuthOutcome;
use intandem_core::{Console, ConsoleError, Secret};
use serde::Serialize;

use crate::cli::OAuthCommand;
use crate::output::{when, Failure, Output};
use crate::secret_input::read_line_from_stdin;

/// What `authorize-url` prints: the URL to open, its state, and when the test expires.
#[derive(Serialize)]
struct AuthorizeUrl<'a> {
    url: &'a str,
    state: &'a str,
    #[serde(with = "time::serde::rfc3339")]
    expires_at: time::OffsetDateTime,
    run_id: i64,
    redirect_uri: &'a str,
    pkce: bool,
}

pub async fn run(console: &Console, command: OAuthCommand, out: Output) -> Result<(), Failure> {
    match command {
        OAuthCommand::Test(args) => super::oauth_test::run(console, args, out).await,
        OAuthCommand::AuthorizeUrl {
            app,
            redirect_uri,
            pkce,
            brand_url,
            scope,
        } => {
            let begun = console
                .oauth_begin(OAuthBegin {
                    app,
                    redirect_uri,
                    brand_url,
                    pkce,
                    scope,
                })
                .await?;
            let shown = AuthorizeUrl {
                url: &begun.url,
                state: &begun.state,
                expires_at: begun.expires_at,
                run_id: begun.run_id,
                redirect_uri: &begun.redirect_uri,
                pkce: begun.pkce,
            };
            out.print(&shown, |b| {
                format!(
                    "{}\nOpen this URL, log in and approve; then run `intandem oauth complete \
                     --redirect-url '<the URL the browser was sent to>'` before {} (the code itself \
                     lives 30 s).",
                    b.url,
                    when(b.expires_at)
                )
            });
            Ok(())
        }
        OAuthCommand::Runs { app, limit } => {
            let runs = console.oauth_runs(&app, limit).await?;
            out.print(&runs, |runs| human_runs(runs));
            Ok(())
        }
        OAuthCommand::Report { run_id } => {
            let report = console.oauth_report(run_id).await?;
            out.print(&report.json, |_| report.markdown.clone());
            Ok(())
        }
        OAuthCommand::Complete { redirect_url } => {
            let redirect_url = match redirect_url.filter(|url| url != "-") {
                Some(url) => Secret::new(url),
                None => read_line_from_stdin("redirect URL", "redirect_url")?,
            };
            let completion = console.oauth_complete(redirect_url.expose()).await?;
            out.print(&completion, human_completion);
            match (completion.outcome, completion.error) {
                (OAuthOutcome::Succeeded, _) => Ok(()),
                (outcome, error) => Err(Failure {
                    error: error.unwrap_or_else(|| {
                        ConsoleError::new(
                            intandem_core::ErrorCode::Internal,
                            format!(
                                "The OAuth test ended {} without a reason; this is a bug: please \
                                 report it.",
                                outcome.as_str()
                            ),
                        )
                    }),
                    result_printed: true,
                }),
            }
        }
    }
}

fn human_runs(runs: &[OAuthRunView]) -> String {
    if runs.is_empty() {
        return "No OAuth tests of this app yet: start one with `intandem oauth authorize-url`."
            .into();
    }
    runs.iter()
        .map(|run| {
            format!(
                "{:>5}  {}  {:<9}  {}{}",
                run.run_id,
                when(run.started_at),
                run.outcome.map_or("pending", |o| o.as_str()),
                run.redirect_uri,
                run.error
                    .as_deref()
                    .map(|e| format!("\n       {e}"))
                    .unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn human_completion(c: &OAuthCompletion) -> String {
    let mut lines = Vec::new();
    for step in &c.timeline {
        let took = step
            .duration_ms
            .map(|ms| format!(" ({ms} ms)"))
            .unwrap_or_default();
        lines.push(format!(
            "{} {}{took}",
            if step.ok { "ok " } else { "ERR" },
            step.summary
        ));
    }
    if let Some(info) = &c.userinfo {
        lines.push(format!(
            "user: {} ({}), business {}",
            info.email.as_deref().unwrap_or("-"),
            info.role.as_deref().unwrap_or("-"),
            info.business_name
                .as_deref()
                .or(info.business_uid.as_deref())
                .unwrap_or("-")
        ));
    }
    if let Some(token) = &c.token {
        lines.push(format!(
            "access token {} ({}{}), kept encrypted in test run {}",
            token.access_token,
            token.token_type,
            token
                .expires_in
                .map(|s| format!(", expires in {s} s"))
                .unwrap_or_default(),
            c.run_id
        ));
    }
    if let Some(used) = c.timings.window_used_ms {
        lines.push(format!(
            "the exchange answered {used} ms into the code's {} ms life",
            c.timings.code_lifetime_ms
        ));
    }
    lines.join("\n")
}
