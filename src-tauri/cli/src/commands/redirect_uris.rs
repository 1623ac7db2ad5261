//! `intandem redirect-uris …`

use intandem_core::console::dto::{RedirectUriRole, RedirectUrisDiff};
use intandem_core::console::RedirectUriChange;
use intandem_core::Console;

use crate::cli::{RedirectUrisCommand, UrisArgs};
use crate::output::{table, Failure, Output};

pub async fn run(
    console: &Console,
    command: RedirectUrisCommand,
    out: Output,
) -> Result<(), Failure> {
    let (args, change): (UrisArgs, fn(Vec<String>) -> RedirectUriChange) = match command {
        RedirectUrisCommand::List { app } => {
            let view = console.redirect_uris_list(&app).await?;
            out.print(&view, |view| {
                let mut rows = vec![vec!["ROLE".to_owned(), "URI".to_owned()]];
                rows.extend(view.uris.iter().map(|entry| {
                    let role = match entry.role {
                        RedirectUriRole::LandingPage => "landing page",
                        RedirectUriRole::OAuth => "oauth",
                    };
                    vec![role.to_owned(), entry.uri.clone()]
                }));
                table(&rows)
            });
            return Ok(());
        }
        RedirectUrisCommand::Add(args) => (args, RedirectUriChange::Add),
        RedirectUrisCommand::Remove(args) => (args, RedirectUriChange::Remove),
        RedirectUrisCommand::Replace(args) => (args, RedirectUriChange::Replace),
    };
    let change = change(args.uris);
    let diff = if args.dry_run {
        console.redirect_uris_preview(&args.app, change).await?
    } else {
        console.redirect_uris_apply(&args.app, change).await?
    };
    for warning in &diff.warnings {
        out.note(warning);
    }
    out.print(&diff, |diff| human_diff(diff, args.dry_run));
    Ok(())
}

fn human_diff(diff: &RedirectUrisDiff, dry_run: bool) -> String {
    let mut text = String::new();
    for uri in &diff.added {
        text.push_str(&format!("+ {uri}\n"));
    }
    for uri in &diff.removed {
        text.push_str(&format!("- {uri}\n"));
    }
    for uri in &diff.unchanged {
        text.push_str(&format!("  {uri}\n"));
    }
    text.push_str(
        &match (dry_run, diff.added.is_empty() && diff.removed.is_empty()) {
            (_, true) => format!(
                "No change: app {} already has these OAuth redirect URIs.\n",
                diff.app_code_name
            ),
            (true, false) => format!("Dry run: app {} was not changed.\n", diff.app_code_name),
            (false, false) => format!(
                "Saved the OAuth redirect URIs of app {}.\n",
                diff.app_code_name
            ),
        },
    );
    text
}
