//! `intandem check [<app> | --all]`: the setup checks, printed as the Markdown report
//! (or JSON with --json); exit code 1 when any check fails.

use intandem_core::{Console, ConsoleError, ErrorCode};

use crate::output::{Failure, Output};

pub async fn run(
    console: &Console,
    app: Option<&str>,
    all: bool,
    concurrency: usize,
    out: Output,
) -> Result<(), Failure> {
    let report = match (app, all) {
        (Some(app), false) => console.check_app(app).await?,
        _ => {
            let progress = |done: usize, total: usize| {
                if !out.json && total > 0 {
                    eprint!("\rchecking apps: {done}/{total}");
                    if done == total {
                        eprintln!();
                    }
                }
            };
            console.check_all(concurrency, &progress).await?
        }
    };
    out.print(&report, |report| report.markdown.clone());
    if report.has_failures() {
        let message = if report.counts.fail > 0 {
            format!(
                "{} check(s) failed: each says what to do in the report above.",
                report.counts.fail
            )
        } else {
            format!(
                "{} check(s) could not run: the platform did not answer; run the checks again \
                 when it does.",
                report.counts.unknown
            )
        };
        return Err(Failure {
            error: ConsoleError::new(ErrorCode::Validation, message),
            result_printed: true,
        });
    }
    Ok(())
}
