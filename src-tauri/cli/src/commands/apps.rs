//! `intandem apps …`

use intandem_core::console::dto::{AppDetails, AppUpdateView, CreatedAppView};
use intandem_core::console::AppInput;
use intandem_core::{Console, ConsoleError};

use crate::cli::{AppFields, AppsCommand};
use crate::output::{or_dash, table, when, Failure, Output};

pub async fn run(console: &Console, command: AppsCommand, out: Output) -> Result<(), Failure> {
    match command {
        AppsCommand::List => {
            let listing = console.apps_list().await?;
            if let (true, Some(error)) = (listing.stale, &listing.sync_error) {
                out.note(&format!(
                    "showing the cached list, last synced {}: {}",
                    listing
                        .last_synced_at
                        .map(when)
                        .unwrap_or_else(|| "never".into()),
                    error.message
                ));
            }
            out.print(&listing, |listing| {
                if listing.apps.is_empty() {
                    return format!("Profile {} has no apps yet.", listing.profile);
                }
                let mut rows = vec![["CODE NAME", "APP ID", "NAME", "CREDENTIALS"]
                    .map(str::to_owned)
                    .to_vec()];
                rows.extend(listing.apps.iter().map(|a| {
                    vec![
                        a.app_code_name.to_string(),
                        or_dash(a.app_id.as_deref()),
                        or_dash(a.name.as_deref()),
                        if a.has_credentials { "kept" } else { "-" }.to_owned(),
                    ]
                }));
                table(&rows)
            });
        }
        AppsCommand::Show { app } => {
            let details = console.app_show(&app).await?;
            if let Some(error) = &details.sync_error {
                out.note(&format!("showing the cached copy: {}", error.message));
            }
            out.print(&details, human_details);
        }
        AppsCommand::Create(args) => {
            let mut input = fields_input(&args.fields)?;
            input.app_code_name = args.app_code_name.or(input.app_code_name);
            let created = console.app_create(input).await?;
            for warning in &created.warnings {
                out.note(warning);
            }
            out.print(&created, human_created);
        }
        AppsCommand::Update(args) => {
            let input = fields_input(&args.fields)?;
            let view = if args.dry_run {
                console.app_update_preview(&args.app, input).await?
            } else {
                console.app_update(&args.app, input).await?
            };
            out.print(&view, |v| human_update(v, args.dry_run));
        }
        AppsCommand::Export(args) => super::manifest::export(console, args, out).await?,
        AppsCommand::CredentialsImport { app, client_id } => {
            let secret =
                crate::secret_input::read_line_from_stdin("client secret", "client_secret")?;
            let kept = console
                .app_credentials_import(&app, &client_id, secret)
                .await?;
            if let Some(note) = &kept.note {
                out.note(note);
            }
            out.print(&kept, |c| {
                format!(
                    "Kept the credentials of app {} (client_id {}, secret {}){}.",
                    c.app_code_name,
                    c.client_id,
                    c.client_secret.expose(),
                    if c.verified == Some(true) {
                        ", checked with the platform"
                    } else {
                        ""
                    }
                )
            });
        }
        AppsCommand::CredentialsRemove { app } => {
            console.app_credentials_remove(&app).await?;
            out.print(
                &serde_json::json!({"removed": true, "app_code_name": app}),
                |_| format!("Forgot the credentials of app {app}; the app itself is untouched."),
            );
        }
        AppsCommand::Credentials { app, reveal } => {
            let credentials = console.app_credentials(&app, reveal).await?;
            out.print(&credentials, |c| {
                format!(
                    "client_id: {}\nclient_secret: {}\n",
                    c.client_id,
                    c.client_secret.expose()
                )
            });
        }
    }
    Ok(())
}

/// `--from-file` with the flags laid over it.
fn fields_input(fields: &AppFields) -> Result<AppInput, ConsoleError> {
    let from_file = match &fields.from_file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|error| {
                ConsoleError::invalid_input(
                    "from_file",
                    format!(
                        "The app file {} could not be read ({error}): check the path.",
                        path.display()
                    ),
                )
            })?;
            AppInput::from_json(&text).map_err(|error| {
                let message = format!("{}: {}", path.display(), error.message);
                error.with_message(message)
            })?
        }
        None => AppInput::default(),
    };
    let flags = AppInput {
        name: fields.name.clone(),
        redirect_uri: fields.redirect_uri.clone(),
        url_params: non_empty(&fields.url_params),
        oauth_redirect_uris: non_empty(&fields.oauth_redirect_uris),
        trusted: fields.trusted.then_some(true),
        ..AppInput::default()
    };
    Ok(from_file.overridden_by(flags))
}

fn non_empty(values: &[String]) -> Option<Vec<String>> {
    (!values.is_empty()).then(|| values.to_vec())
}

fn human_details(details: &AppDetails) -> String {
    let app = &details.app;
    let mut lines = vec![
        format!(
            "{} ({})",
            app.name.as_deref().unwrap_or("(unnamed)"),
            app.app_code_name
        ),
        format!("app_id:        {}", or_dash(app.app_id.as_deref())),
        format!("redirect_uri:  {}", or_dash(app.redirect_uri.as_deref())),
        format!(
            "oauth URIs:    {}",
            list(app.oauth_redirect_uris.as_deref())
        ),
        format!("url_params:    {}", list(app.url_params.as_deref())),
        format!("trusted:       {}", app.is_trusted()),
        format!(
            "credentials:   {}",
            if details.has_credentials {
                "kept by this console"
            } else {
                "not kept here"
            }
        ),
    ];
    if let Some(at) = details.synced_at {
        lines.push(format!("synced:        {}", when(at)));
    }
    lines.join("\n")
}

fn human_created(created: &CreatedAppView) -> String {
    let mut text = format!(
        "Created app {} (app_id {}).\nclient_id: {}\nclient_secret: {}\n",
        created.app_code_name,
        created.app_id,
        created.client_id,
        created.client_secret.expose()
    );
    if let Some(diff) = &created.redirect_uris {
        text.push_str(&format!(
            "OAuth redirect URIs: {}\n",
            diff.oauth_redirect_uris.join(", ")
        ));
    }
    text.push_str(
        "The platform shows the client secret only this once; it is kept, encrypted, in the local \
         store (`intandem apps credentials <app> --reveal`).\n",
    );
    text
}

fn human_update(view: &AppUpdateView, dry_run: bool) -> String {
    if view.changes.is_empty() {
        return format!(
            "Nothing to change: app {} already has these values.",
            view.app_code_name
        );
    }
    let mut text = String::new();
    for change in &view.changes {
        text.push_str(&format!(
            "{}: {} -> {}\n",
            change.field, change.before, change.after
        ));
    }
    text.push_str(&if dry_run {
        format!("Dry run: app {} was not changed.\n", view.app_code_name)
    } else {
        format!("Updated app {}.\n", view.app_code_name)
    });
    text
}

fn list(values: Option<&[String]>) -> String {
    match values {
        Some(values) if !values.is_empty() => values.join(", "),
        _ => "-".to_owned(),
    }
}
