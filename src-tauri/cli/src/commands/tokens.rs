//! `intandem tokens …` and `intandem service-token`

use intandem_core::{Console, ConsoleError, Secret};

use crate::cli::TokensCommand;
use crate::output::{or_dash, table, when, Failure, Output};
use crate::secret_input::read_line_from_stdin;

pub async fn run(console: &Console, command: TokensCommand, out: Output) -> Result<(), Failure> {
    match command {
        TokensCommand::Create { app } => {
            let created = console.token_create(&app).await?;
            out.print(&created, |c| {
                format!(
                    "{}\nA new token of app {} (revoke it with `intandem tokens revoke {} {}`).",
                    c.token.expose(),
                    c.app_code_name,
                    c.app_code_name,
                    c.tail
                )
            });
        }
        TokensCommand::List { app } => {
            let listed = console.tokens_list(&app).await?;
            if let Some(error) = &listed.sync_error {
                out.note(&format!(
                    "showing only the tokens this console created: {}",
                    error.message
                ));
            }
            out.print(&listed, |listed| {
                if listed.tokens.is_empty() {
                    return format!("App {} has no tokens.", listed.app_code_name);
                }
                let mut rows = vec![["TOKEN", "CREATED", "EXPIRES", "STATE", "ORIGIN"]
                    .map(str::to_owned)
                    .to_vec()];
                rows.extend(listed.tokens.iter().map(|t| {
                    let state = match (t.revoked_at, t.listed_on_platform) {
                        (Some(at), _) => format!("revoked {}", when(at)),
                        (None, true) => "active".to_owned(),
                        (None, false) => "not listed".to_owned(),
                    };
                    vec![
                        t.token.clone(),
                        or_dash(t.created_at.as_deref()),
                        or_dash(t.expires_at.as_deref()),
                        state,
                        if t.created_here {
                            "this console"
                        } else {
                            "platform"
                        }
                        .to_owned(),
                    ]
                }));
                table(&rows)
            });
        }
        TokensCommand::Revoke { app, token } => {
            // A whole token comes from stdin only: argv is visible to every local user.
            let token = match token.as_str() {
                "-" => read_line_from_stdin("token to revoke", "token")?,
                tail if tail.trim().chars().count() <= 4 => Secret::new(tail),
                _ => {
                    return Err(ConsoleError::invalid_input(
                        "token",
                        "Give the token's last 4 characters, or `-` and the whole token on \
                         standard input: a whole token on the command line shows in the process \
                         list and the shell history.",
                    )
                    .into())
                }
            };
            let revoked = console.token_revoke(&app, token.expose()).await?;
            out.print(&revoked, |r| {
                if r.already_revoked {
                    format!("Token {} of app {} was already revoked on the platform; it is now marked revoked here too.", r.token, r.app_code_name)
                } else {
                    format!("Revoked token {} of app {}.", r.token, r.app_code_name)
                }
            });
        }
    }
    Ok(())
}

pub async fn service_token(console: &Console, app: &str, out: Output) -> Result<(), Failure> {
    let token = console.service_token(app).await?;
    out.print(&token, |t| {
        let expiry = t
            .expires_at
            .map(|at| format!(", expires {}", when(at)))
            .unwrap_or_default();
        format!(
            "{}\nA {} token of app {}{expiry}.",
            t.access_token.expose(),
            t.token_type,
            t.app_code_name
        )
    });
    Ok(())
}
