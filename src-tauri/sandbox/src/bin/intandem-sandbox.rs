//! `intandem-sandbox [--port N] [--state-file F] [--seed-apps N] [--list-tokens-in-full]`: the sandbox on its own,
//! for scripts and manual testing (`intandem sandbox` in the CLI does the same). Prints one
//! JSON line with the URLs and credentials, then serves until Ctrl-C or SIGTERM.

use intandem_sandbox::{run_standalone, SandboxConfig};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str =
    "usage: intandem-sandbox [--port N] [--state-file FILE] [--seed-apps N] [--list-tokens-in-full]";

fn parse_args(args: impl Iterator<Item = String>) -> Result<SandboxConfig, String> {
    let mut config = SandboxConfig::default();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name.to_string(), Some(value.to_string())),
            None => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or(format!("{name} needs a value"))
        };
        match name.as_str() {
            "--port" => config.port = value()?.parse().map_err(|e| format!("--port: {e}"))?,
            "--state-file" => config.state_file = Some(PathBuf::from(value()?)),
            "--seed-apps" => {
                config.seed_apps = value()?.parse().map_err(|e| format!("--seed-apps: {e}"))?
            }
            "--list-tokens-in-full" if inline.is_none() => {
                config.settings.list_tokens_in_full = true
            }
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(problem) => {
            if !problem.is_empty() {
                eprintln!("intandem-sandbox: {problem}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run_standalone(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("intandem-sandbox: {e}");
            ExitCode::FAILURE
        }
    }
}
