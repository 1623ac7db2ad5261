//! `intandem`: the console's command layer from a terminal.
//!
//! Exit codes: 0 done, 1 the action failed (one sentence on stderr saying what happened
//! and what to do; with `--json` also `{"error": {...}}` on stdout), 2 a usage error, or,
//! for `plan`, changes to apply.

mod cli;
mod commands;
mod output;
mod secret_input;
mod unlock;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Before anything holds a secret: a crash writes no core file.
    intandem_core::process_hygiene::disable_core_dumps();
    let cli = cli::Cli::parse(); // a usage error exits with 2 here
                                 // Warnings and errors only, unless INTANDEM_LOG asks for more; SQL statements never
                                 // (one of them carries the store key).
    intandem_core::logging::init(tracing::level_filters::LevelFilter::WARN);
    let json = cli.json;
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("intandem: the async runtime could not start ({error}); this is a bug: please report it.");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(commands::Exit::Done) => ExitCode::SUCCESS,
        Ok(commands::Exit::Changes) => ExitCode::from(2),
        Err(failure) => {
            output::error(&failure, json);
            ExitCode::from(1)
        }
    }
}
