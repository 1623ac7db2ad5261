//! `intandem audit [<app>]`

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
