//! `intandem apps export`, `intandem plan` and `intandem apply`: apps as code. Core plans
//! and applies; this file reads and writes the files, asks for confirmation, and prints.

use std::io::{BufRead, IsTerminal, Write as _};
use std::path::Path;

use intandem_core::manifest::{
    ApplyOutcome, Manifest, ManifestApplied, ManifestFormat, ManifestPlan, NewCredentials,
    PlanAction,
};
use intandem_core::{Console, ConsoleError, ErrorCode};
use serde_json::{json, Value};

use super::Exit;
use crate::cli::{ApplyArgs, CredentialsFormat, ExportArgs, FormatArg, PlanArgs};
use crate::output::{Failure, Output};

fn format_of(arg: Option<FormatArg>, path: Option<&Path>, text: &str) -> ManifestFormat {
    match arg {
        Some(FormatArg::Toml) => ManifestFormat::Toml,
        Some(FormatArg::Json) => ManifestFormat::Json,
        None => ManifestFormat::guess(path.and_then(Path::to_str), text),
    }
}

fn read_manifest(path: &Path, format: Option<FormatArg>) -> Result<Manifest, Failure> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        ConsoleError::invalid_input(
            "file",
            format!(
                "The manifest {} could not be read ({error}).",
                path.display()
            ),
        )
    })?;
    let source = path.display().to_string();
    Ok(Manifest::parse(
        &text,
        format_of(format, Some(path), &text),
        &source,
    )?)
}

/// Creates `path` for writing, refusing to overwrite; 0600 on Unix.
fn create_new(path: &Path) -> Result<std::fs::File, ConsoleError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map_err(|error| {
        let why = if error.kind() == std::io::ErrorKind::AlreadyExists {
            "it already exists: choose a new file (nothing is overwritten)".to_owned()
        } else {
            error.to_string()
        };
        ConsoleError::invalid_input(
            "file",
            format!("{} cannot be written: {why}.", path.display()),
        )
    })
}

pub async fn export(console: &Console, args: ExportArgs, out: Output) -> Result<(), Failure> {
    let format = match args.format {
        Some(FormatArg::Json) => ManifestFormat::Json,
        Some(FormatArg::Toml) => ManifestFormat::Toml,
        None => ManifestFormat::guess(args.output.as_deref().and_then(Path::to_str), ""),
    };
    let text = console
        .manifest_export_text(&args.apps, args.all, format)
        .await?;
    match &args.output {
        Some(path) => {
            let mut file = create_new(path)?;
            file.write_all(text.as_bytes()).map_err(|error| {
                ConsoleError::new(
                    ErrorCode::Internal,
                    format!("Writing {} failed ({error}).", path.display()),
                )
            })?;
            out.note(&format!("wrote {}", path.display()));
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush());
        }
    }
    Ok(())
}

fn action_word(action: PlanAction) -> &'static str {
    match action {
        PlanAction::Create => "create",
        PlanAction::Update => "update",
        PlanAction::None => "none",
        PlanAction::NotInManifest => "not_in_manifest",
    }
}

fn short(value: &Value) -> String {
    let text = match value {
        Value::Null => "(none)".to_owned(),
        Value::String(s) => format!("{s:?}"),
        other => other.to_string(),
    };
    if text.chars().count() > 70 {
        format!("{}…", text.chars().take(69).collect::<String>())
    } else {
        text
    }
}

fn plan_json(plan: &ManifestPlan) -> Value {
    let apps: Vec<Value> = plan
        .apps
        .iter()
        .map(|app| {
            json!({
                "app_code_name": app.app_code_name,
                "platform_code_name": app.platform_code_name,
                "action": action_word(app.action),
                "changes": app.changes,
                "notes": app.notes,
                "warnings": app.warnings,
            })
        })
        .collect();
    json!({"profile": plan.profile, "api_base": plan.api_base, "changes": plan.changes, "apps": apps})
}

fn plan_text(plan: &ManifestPlan) -> String {
    let mut lines = vec![format!(
        "Plan for profile {} ({}): {} app(s) to create or update.",
        plan.profile, plan.api_base, plan.changes
    )];
    for app in &plan.apps {
        let name = match &app.platform_code_name {
            Some(platform) if *platform != app.app_code_name => {
                format!("{} (on this platform: {platform})", app.app_code_name)
            }
            _ => app.app_code_name.clone(),
        };
        let (mark, what) = match app.action {
            PlanAction::Create => ("+", "create"),
            PlanAction::Update => ("~", "update"),
            PlanAction::None => ("=", "no change"),
            PlanAction::NotInManifest => (" ", "not in the manifest (left as it is)"),
        };
        lines.push(format!("{mark} {name}: {what}"));
        if app.action == PlanAction::Update {
            for change in &app.changes {
                lines.push(format!(
                    "    {}: {} -> {}",
                    change.field,
                    short(&change.before),
                    short(&change.after)
                ));
            }
        } else if app.action == PlanAction::Create {
            let fields: Vec<&str> = app.changes.iter().map(|c| c.field.as_str()).collect();
            lines.push(format!("    with {}", fields.join(", ")));
        }
        for note in &app.notes {
            if app.action != PlanAction::NotInManifest {
                lines.push(format!("    note: {note}"));
            }
        }
        for warning in &app.warnings {
            lines.push(format!("    warning: {warning}"));
        }
    }
    lines.join("\n")
}

/// Exit 0 when there is nothing to do, 2 when there are changes.
pub async fn plan(console: &Console, args: PlanArgs, out: Output) -> Result<Exit, Failure> {
    let manifest = read_manifest(&args.file, args.format)?;
    let plan = console.manifest_plan(&manifest).await?;
    out.print(&plan_json(&plan), |_| plan_text(&plan));
    Ok(if plan.has_changes() {
        Exit::Changes
    } else {
        Exit::Done
    })
}

fn confirmed(plan: &ManifestPlan) -> Result<bool, ConsoleError> {
    if !std::io::stdin().is_terminal() {
        return Err(ConsoleError::invalid_input(
            "yes",
            "apply asks before changing anything, and stdin is not a terminal: review the plan \
             (`intandem plan -f …`), then run apply with --yes.",
        ));
    }
    eprint!(
        "Apply these changes to profile {} ({})? Type yes to go on: ",
        plan.profile, plan.api_base
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| ConsoleError::invalid_input("yes", format!("No answer was read ({e}).")))?;
    Ok(answer.trim().eq_ignore_ascii_case("yes"))
}

fn write_credentials(
    path: &Path,
    format: CredentialsFormat,
    created: &[NewCredentials],
) -> Result<(), ConsoleError> {
    let text = match format {
        CredentialsFormat::Json => {
            let entries: Vec<Value> = created
                .iter()
                .map(|c| {
                    json!({"app_code_name": c.app_code_name, "client_id": c.client_id,
                           "client_secret": c.client_secret.expose()})
                })
                .collect();
            serde_json::to_string_pretty(&entries).unwrap_or_default() + "\n"
        }
        CredentialsFormat::Dotenv => created
            .iter()
            .map(|c| {
                let key = c.app_code_name.to_ascii_uppercase();
                format!(
                    "{key}_CLIENT_ID={}\n{key}_CLIENT_SECRET={}\n",
                    c.client_id,
                    c.client_secret.expose()
                )
            })
            .collect(),
    };
    let mut file = create_new(path)?;
    file.write_all(text.as_bytes()).map_err(|error| {
        ConsoleError::new(
            ErrorCode::Internal,
            format!(
                "Writing {} failed ({error}); the credentials are in the store: `intandem apps \
                 credentials <app> --reveal`.",
                path.display()
            ),
        )
    })
}

fn applied_text(applied: &ManifestApplied) -> String {
    let mut lines = Vec::new();
    for app in &applied.apps {
        let name = app
            .platform_code_name
            .clone()
            .unwrap_or_else(|| app.app_code_name.clone());
        let line = match app.outcome {
            ApplyOutcome::Created => format!(
                "+ {name}: created (client_id {}; its secret is in the store: `intandem apps \
                 credentials {name} --reveal`)",
                app.client_id.as_deref().unwrap_or("?")
            ),
            ApplyOutcome::Updated => format!("~ {name}: updated"),
            ApplyOutcome::Unchanged => continue,
            ApplyOutcome::Failed => format!(
                "! {name}: NOT applied: {}",
                app.error
                    .as_ref()
                    .map_or("unknown error", |e| e.message.as_str())
            ),
        };
        lines.push(line);
        for note in &app.notes {
            lines.push(format!("    note: {note}"));
        }
    }
    lines.push(applied.summary.clone());
    lines.join("\n")
}

pub async fn apply(console: &Console, args: ApplyArgs, out: Output) -> Result<(), Failure> {
    let manifest = read_manifest(&args.file, args.format)?;
    if let Some(path) = &args.credentials_out {
        if path.exists() {
            return Err(ConsoleError::invalid_input(
                "credentials_out",
                format!(
                    "{} already exists: choose a new file for the credentials (nothing is \
                     overwritten, and nothing was applied).",
                    path.display()
                ),
            )
            .into());
        }
    }
    let plan = console.manifest_plan(&manifest).await?;
    if !plan.has_changes() {
        out.print(
            &json!({"plan": plan_json(&plan), "apps": [], "complete": true,
                    "summary": "Nothing to apply: the platform already matches the manifest."}),
            |_| "Nothing to apply: the platform already matches the manifest.".to_owned(),
        );
        return Ok(());
    }
    if !args.yes {
        eprintln!("{}", plan_text(&plan));
        if !confirmed(&plan)? {
            return Err(ConsoleError::new(ErrorCode::Cancelled, "Nothing was applied.").into());
        }
    }
    let applied = console.manifest_apply_plan(plan).await?;
    let mut credentials_note = None;
    if let Some(path) = &args.credentials_out {
        if !applied.credentials.is_empty() {
            match write_credentials(path, args.credentials_format, &applied.credentials) {
                Ok(()) => {
                    credentials_note = Some(format!(
                        "wrote the new apps' credentials to {} (0600)",
                        path.display()
                    ))
                }
                Err(error) => out.note(&error.message),
            }
        }
    }
    out.print(&applied, applied_text);
    if let Some(note) = credentials_note {
        out.note(&note);
    }
    if applied.complete {
        Ok(())
    } else {
        Err(Failure {
            error: ConsoleError::new(ErrorCode::Validation, applied.summary.clone()),
            result_printed: true,
        })
    }
}
