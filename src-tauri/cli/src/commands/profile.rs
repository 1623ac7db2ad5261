//! `intandem profile …`

use intandem_core::console::dto::ProfileView;
use intandem_core::console::{Environment, NewProfileInput};
use intandem_core::Console;

use crate::cli::ProfileCommand;
use crate::output::{table, Failure, Output};
use crate::secret_input::read_line_from_stdin;

pub async fn run(console: &Console, command: ProfileCommand, out: Output) -> Result<(), Failure> {
    match command {
        ProfileCommand::Add {
            name,
            api_base,
            brand_url,
            production,
            make_current,
            allow_insecure_http,
        } => {
            let environment = match (production, api_base, brand_url) {
                (false, Some(api_base), Some(brand_url)) => Environment::Custom {
                    api_base,
                    brand_url,
                },
                _ => Environment::Production,
            };
            let directory_token = read_line_from_stdin("directory token", "directory_token")?;
            let added = console
                .profile_add(NewProfileInput {
                    name,
                    environment,
                    directory_token,
                    make_current,
                    allow_insecure_http,
                })
                .await?;
            out.print(&added, |p| {
                format!(
                    "Added profile {} ({}, token {}){}.{}",
                    p.name,
                    p.api_base,
                    p.directory_token,
                    if p.is_current { ", now current" } else { "" },
                    if p.insecure {
                        "\nINSECURE: this profile talks plain http to another computer; its token \
                         and client secrets cross the network unencrypted."
                    } else {
                        ""
                    }
                )
            });
        }
        ProfileCommand::List => {
            let profiles = console.profiles_list().await?;
            out.print(&profiles, |profiles| {
                if profiles.is_empty() {
                    return "No profiles yet: add one with `intandem profile add`.".to_owned();
                }
                let mut rows = vec![header()];
                rows.extend(profiles.iter().map(row));
                table(&rows)
            });
        }
        ProfileCommand::Edit {
            name,
            rename,
            api_base,
            brand_url,
            rotate_token,
        } => {
            let directory_token = if rotate_token {
                Some(read_line_from_stdin(
                    "new directory token",
                    "directory_token",
                )?)
            } else {
                None
            };
            let edited = console
                .profile_edit(
                    &name,
                    intandem_core::console::ProfileEdit {
                        name: rename,
                        api_base,
                        brand_url,
                        directory_token,
                        allow_insecure_http: None,
                    },
                )
                .await?;
            out.print(&edited, |p| {
                format!(
                    "Profile {} now points at {} (token {}).",
                    p.name, p.api_base, p.directory_token
                )
            });
        }
        ProfileCommand::Use { name } => {
            let chosen = console.profile_use(&name).await?;
            out.print(&chosen, |p| format!("Profile {} is now current.", p.name));
        }
        ProfileCommand::Remove { name } => {
            let removed = console.profile_remove(&name).await?;
            out.print(&removed, |r| {
                format!(
                    "Removed profile {}{}.",
                    r.name,
                    if r.was_current {
                        "; no profile is current now: choose one with `intandem profile use`"
                    } else {
                        ""
                    }
                )
            });
        }
    }
    Ok(())
}

fn header() -> Vec<String> {
    ["", "NAME", "KIND", "API BASE", "BRAND URL", "TOKEN"]
        .map(str::to_owned)
        .to_vec()
}

fn row(p: &ProfileView) -> Vec<String> {
    vec![
        if p.is_current { "*" } else { "" }.to_owned(),
        p.name.clone(),
        format!(
            "{}{}",
            format!("{:?}", p.kind).to_lowercase(),
            if p.insecure { " (INSECURE http)" } else { "" }
        ),
        p.api_base.clone(),
        p.brand_url.clone(),
        p.directory_token.clone(),
    ]
}
