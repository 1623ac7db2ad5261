//! `intandem audit [<app>]` (the changes made through the console) and `intandem log`
//! (every platform call the profile made, redacted).

use intandem_core::Console;

use crate::output::{table, when, Failure, Output};

pub async fn run(
    console: &Console,
    app: Option<&str>,
    limit: u32,
    out: Output,
) -> Result<(), Failure> {
    let entries = console.audit(app, Some(limit)).await?;
    out.print(&entries, |entries| {
        if entries.is_empty() {
            return "No changes recorded yet.".to_owned();
        }
        let mut rows = vec![["WHEN", "WHO", "ACTION", "APP"].map(str::to_owned).to_vec()];
        rows.extend(entries.iter().map(|e| {
            vec![
                when(e.at),
                e.actor.clone(),
                e.action.as_str().to_owned(),
                e.app_code_name
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| "-".into()),
            ]
        }));
        table(&rows)
    });
    Ok(())
}

/// `intandem log`: the profile's platform calls, newest first.
pub async fn request_log(
    console: &Console,
    app: Option<&str>,
    limit: u32,
    verbose: bool,
    out: Output,
) -> Result<(), Failure> {
    let calls = console.request_log(app, Some(limit)).await?;
    out.print(&calls, |calls| {
        if calls.is_empty() {
            return "No platform call was logged yet for this profile.".to_owned();
        }
        let mut lines = Vec::new();
        for call in calls {
            let status = call
                .status
                .map_or_else(|| "---".to_owned(), |s| s.to_string());
            let retry = if call.attempt > 1 {
                format!(" (attempt {})", call.attempt)
            } else {
                String::new()
            };
            lines.push(format!(
                "{}  {status}  {:>6} ms  {} {}{retry}{}",
                when(call.at),
                call.duration_ms,
                call.method,
                call.path,
                call.error
                    .as_deref()
                    .map(|e| format!("  ({e})"))
                    .unwrap_or_default()
            ));
            if verbose {
                for (name, value) in &call.request_headers {
                    lines.push(format!("    > {name}: {value}"));
                }
                if let Some(body) = &call.request_body {
                    lines.push(format!("    > {}", body.replace('\n', "\n    > ")));
                }
                if let Some(body) = &call.response_body {
                    lines.push(format!("    < {}", body.replace('\n', "\n    < ")));
                }
            }
        }
        lines.join("\n")
    });
    Ok(())
}
