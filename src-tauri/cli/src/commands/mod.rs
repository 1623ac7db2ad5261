//! One function per subcommand group: unpack the arguments, call one `Console` method,
//! print its DTO. No logic beyond that plumbing lives here.

mod apps;
mod audit;
mod check;
mod oauth;
mod oauth_test;
mod profile;
mod redirect_uris;
mod tokens;

use intandem_core::{Console, ConsoleError, ErrorCode};
use intandem_sandbox::{SandboxConfig, SandboxSettings};

use crate::cli::{Cli, Command};
use crate::output::{Failure, Output};
use crate::unlock;

pub async fn run(cli: Cli) -> Result<(), Failure> {
    let out = Output { json: cli.json };
    if let Command::Sandbox {
        port,
        state_file,
        seed_apps,
        list_tokens_in_full,
    } = cli.command
    {
        let config = SandboxConfig {
            port,
            state_file,
            seed_apps,
            settings: SandboxSettings {
                list_tokens_in_full,
            },
        };
        return intandem_sandbox::run_standalone(config)
            .await
            .map_err(|error| {
                Failure::from(ConsoleError::new(
                    ErrorCode::Internal,
                    format!("The sandbox could not run: {error}."),
                ))
            });
    }
    let data_dir = unlock::data_dir(cli.data_dir)?;
    let store = unlock::open_store(&data_dir).await?;
    let console = Console::new(store, actor()).with_profile(cli.profile);
    let result = dispatch(&console, cli.command, out).await;
    console.close().await;
    result
}

async fn dispatch(console: &Console, command: Command, out: Output) -> Result<(), Failure> {
    match command {
        Command::Profile(command) => profile::run(console, command, out).await,
        Command::Apps(command) => apps::run(console, command, out).await,
        Command::RedirectUris(command) => redirect_uris::run(console, command, out).await,
        Command::Tokens(command) => tokens::run(console, command, out).await,
        Command::ServiceToken { app } => tokens::service_token(console, &app, out).await,
        Command::Oauth(command) => oauth::run(console, command, out).await,
        Command::Audit { app, limit } => audit::run(console, app.as_deref(), limit, out).await,
        Command::Check {
            app,
            all,
            concurrency,
        } => check::run(console, app.as_deref(), all, concurrency.into(), out).await,
        Command::Sandbox { .. } => unreachable!("handled before the store is opened"),
    }
}

/// Who makes the changes, for the audit log.
fn actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown user".to_owned());
    format!("{user} (cli)")
}
