//! `intandem launch <app>` and `intandem businesses`: open the partner's app as "Open app"
//! does and print core's verdict. Only the browser choice and the printing live here.

use std::io::Write as _;

use intandem_core::checks::Severity;
use intandem_core::launch::{launch_inbox, LaunchRequest, LaunchVerdict};
use intandem_core::oauth_run::{Opener, RunInput, SystemBrowser};
use intandem_core::{Console, ConsoleError, ErrorCode};
use serde_json::json;

use crate::cli::LaunchArgs;
use crate::output::{table, when, Failure, Output};

pub async fn run(console: &Console, args: LaunchArgs, out: Output) -> Result<(), Failure> {
    let asked_business = args.business.is_some();
    let prepared = console
        .launch_prepare(LaunchRequest {
            app: args.app,
            business_uid: args.business,
            staff_uid: args.staff,
            probe: !args.no_probe,
            timeout_secs: Some(args.timeout),
        })
        .await
        .inspect_err(|error| {
            if asked_business && error.code == ErrorCode::NotFound
                || error.field.as_deref() == Some("staff")
            {
                out.note("`intandem businesses` lists the directory's businesses and their staff.");
            }
        })?;
    for note in &prepared.plan.notes {
        out.note(note);
    }
    let json = out.json;
    let opener = if args.no_browser {
        Opener::Show(Box::new(move |url: &url::Url| {
            let line = if json {
                json!({ "launch_url": url.as_str() }).to_string()
            } else {
                url.to_string()
            };
            let mut stdout = std::io::stdout().lock();
            let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
        }))
    } else {
        Opener::System
    };
    let inbox = launch_inbox(0);
    let stop = inbox.0.clone();
    let follow = prepared.follow(console, Box::new(SystemBrowser::new(opener)), inbox);
    tokio::pin!(follow);
    let verdict = tokio::select! {
        verdict = &mut follow => verdict,
        _ = tokio::signal::ctrl_c() => {
            stop.send(RunInput::Stop("Interrupted (Ctrl-C).".into()));
            follow.await
        }
    }?;
    print_verdict(&verdict, out);
    match verdict.verdict {
        Severity::Fail => Err(Failure {
            error: ConsoleError::new(
                ErrorCode::Validation,
                format!(
                    "The app's integration failed {} of its checks: see above (launch {}).",
                    verdict
                        .checks
                        .iter()
                        .filter(|c| c.severity == Severity::Fail)
                        .count(),
                    verdict.run_id
                ),
            ),
            result_printed: true,
        }),
        _ => Ok(()),
    }
}

fn print_verdict(verdict: &LaunchVerdict, out: Output) {
    if out.json {
        let checks: Vec<serde_json::Value> = verdict
            .checks
            .iter()
            .map(
                |c| json!({"id": c.id, "severity": c.severity, "message": c.message, "fix": c.fix}),
            )
            .collect();
        let line = json!({
            "verdict": verdict.verdict,
            "checks": checks,
            "run_id": verdict.run_id,
            "app_code_name": verdict.app_code_name,
            "business_uid": verdict.business_uid,
            "staff_uid": verdict.staff_uid,
            "sandbox": verdict.sandbox,
        });
        let mut stdout = std::io::stdout().lock();
        let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
        return;
    }
    out.print(verdict, |v| {
        let mut lines = vec![format!(
            "Launch {} of app {}: {}",
            v.run_id,
            v.app_code_name,
            v.verdict.as_str().to_uppercase()
        )];
        for check in &v.checks {
            lines.push(format!("{:<4} {}", check.severity.as_str(), check.message));
            if let Some(fix) = &check.fix {
                lines.push(format!("     fix: {fix}"));
            }
        }
        lines.join("\n")
    });
}

pub async fn history(
    console: &Console,
    app: &str,
    limit: u32,
    markdown: bool,
    out: Output,
) -> Result<(), Failure> {
    if markdown {
        let newest = console.launches(app, 1).await?.into_iter().next();
        let Some(newest) = newest else {
            return Err(ConsoleError::not_found(format!(
                "App {app} was never launched from this console: `intandem launch {app}` first."
            ))
            .into());
        };
        let mut stdout = std::io::stdout().lock();
        let _ = write!(stdout, "{}", newest.markdown).and_then(|()| stdout.flush());
        return Ok(());
    }
    let launches = console.launches(app, limit).await?;
    out.print(&launches, |launches| {
        if launches.is_empty() {
            return format!("App {app} was never launched from this console.");
        }
        let mut rows = vec![["LAUNCH", "WHEN", "VERDICT", "BUSINESS", "FAILED"]
            .map(str::to_owned)
            .to_vec()];
        for launch in launches {
            rows.push(vec![
                launch.run_id.to_string(),
                when(launch.started_at),
                launch.verdict.as_str().to_owned(),
                launch.business_uid.clone(),
                launch
                    .checks
                    .iter()
                    .filter(|c| c.severity == Severity::Fail)
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
        }
        table(&rows)
    });
    Ok(())
}

pub async fn businesses(console: &Console, out: Output) -> Result<(), Failure> {
    let businesses = console.businesses().await?;
    out.print(&businesses, |businesses| {
        let mut rows = vec![["BUSINESS", "NAME", "STAFF", "EMAIL", "ROLE"]
            .map(str::to_owned)
            .to_vec()];
        for business in businesses {
            let name = if business.blocked {
                format!("{} (blocked)", business.name)
            } else {
                business.name.clone()
            };
            for (i, staff) in business.staff.iter().enumerate() {
                rows.push(vec![
                    if i == 0 {
                        business.uid.clone()
                    } else {
                        String::new()
                    },
                    if i == 0 { name.clone() } else { String::new() },
                    staff.uid.clone(),
                    staff.email.clone().unwrap_or_default(),
                    format!(
                        "{}{}{}",
                        staff.role.clone().unwrap_or_default(),
                        if staff.owner { " (owner)" } else { "" },
                        staff
                            .unavailable
                            .as_deref()
                            .map(|why| format!(" ({why})"))
                            .unwrap_or_default()
                    ),
                ]);
            }
        }
        table(&rows)
    });
    Ok(())
}
