//! One function per subcommand group: unpack the arguments, call one `Console` method,
//! print its DTO. No logic beyond that plumbing lives here.

mod apps;
mod audit;
mod check;
mod launch;
mod manifest;
mod oauth;
mod oauth_test;
mod profile;
mod redirect_uris;
mod tokens;

use intandem_core::console::{SandboxAccess, CLI_SANDBOX_PROFILE_NAME};
use intandem_core::{Console, ConsoleError, ErrorCode, Secret};
use intandem_sandbox::{Sandbox, SandboxConfig, SandboxSettings};

use crate::cli::{Cli, Command};
use crate::output::{Failure, Output};
use crate::unlock;

pub async fn run(cli: Cli) -> Result<Exit, Failure> {
    let out = Output { json: cli.json };
    match &cli.command {
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "intandem",
                &mut std::io::stdout(),
            );
            return Ok(Exit::Done);
        }
        Command::Man => {
            use clap::CommandFactory;
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|error| {
                    Failure::from(ConsoleError::new(
                        ErrorCode::Internal,
                        format!("The man page could not be written: {error}."),
                    ))
                })?;
            let _ = std::io::Write::write_all(&mut std::io::stdout(), &page);
            return Ok(Exit::Done);
        }
        _ => {}
    }
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
        let failed = |error: intandem_sandbox::SandboxError| {
            Failure::from(ConsoleError::new(
                ErrorCode::Internal,
                format!("The sandbox could not run: {error}."),
            ))
        };
        let sandbox = Sandbox::start(config).await.map_err(failed)?;
        // With a data folder named, the sandbox keeps a profile there (named `sandbox`),
        // so `intandem --profile sandbox launch …` can read its traces.
        if let Some(dir) = cli.data_dir.filter(|d| !d.as_os_str().is_empty()) {
            keep_sandbox_profile(&dir, &sandbox).await?;
        }
        return sandbox
            .serve_standalone()
            .await
            .map(|()| Exit::Done)
            .map_err(failed);
    }
    let data_dir = unlock::data_dir(cli.data_dir)?;
    let store = unlock::open_store(&data_dir).await?;
    let console = Console::new(store, actor()).with_profile(cli.profile);
    let result = dispatch(&console, cli.command, out).await;
    console.close().await;
    result
}

/// How a command that did not fail ends: `Changes` exits 2 (`plan` found changes).
pub enum Exit {
    Done,
    Changes,
}

async fn dispatch(console: &Console, command: Command, out: Output) -> Result<Exit, Failure> {
    let done = match command {
        Command::Plan(args) => return manifest::plan(console, args, out).await,
        Command::Apply(args) => manifest::apply(console, args, out).await,
        Command::Profile(command) => profile::run(console, command, out).await,
        Command::Apps(command) => apps::run(console, command, out).await,
        Command::RedirectUris(command) => redirect_uris::run(console, command, out).await,
        Command::Tokens(command) => tokens::run(console, command, out).await,
        Command::ServiceToken { app } => tokens::service_token(console, &app, out).await,
        Command::Oauth(command) => oauth::run(console, command, out).await,
        Command::Audit { app, limit } => audit::run(console, app.as_deref(), limit, out).await,
        Command::Log {
            app,
            limit,
            verbose,
        } => audit::request_log(console, app.as_deref(), limit, verbose, out).await,
        Command::Check {
            app,
            all,
            concurrency,
        } => check::run(console, app.as_deref(), all, concurrency.into(), out).await,
        Command::Launch(args) => launch::run(console, args, out).await,
        Command::Businesses => launch::businesses(console, out).await,
        Command::Launches {
            app,
            limit,
            markdown,
        } => launch::history(console, &app, limit, markdown, out).await,
        Command::Sandbox { .. } | Command::Completions { .. } | Command::Man => {
            unreachable!("handled before the store is opened")
        }
    };
    done.map(|()| Exit::Done)
}

async fn keep_sandbox_profile(dir: &std::path::Path, sandbox: &Sandbox) -> Result<(), Failure> {
    let dir = unlock::data_dir(Some(dir.to_path_buf()))?;
    let store = unlock::open_store(&dir).await?;
    let console = Console::new(store, actor());
    let info = sandbox.info();
    let kept = console
        .ensure_sandbox_profile_named(
            Some(CLI_SANDBOX_PROFILE_NAME),
            SandboxAccess {
                api_base: &info.base_url,
                brand_url: &info.brand_url,
                directory_token: Secret::new(info.directory_token.clone()),
                admin_token: Some(Secret::new(info.admin_token.clone())),
            },
        )
        .await;
    console.close().await;
    kept.map(drop).map_err(Failure::from)
}

/// Who makes the changes, for the audit log.
fn actor() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown user".to_owned());
    format!("{user} (cli)")
}
