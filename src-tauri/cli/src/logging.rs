//! Logs to stderr, filtered by `INTANDEM_LOG` (tracing's env-filter syntax; default
//! `warn`). SQL statements are never logged: one of them carries the store key.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let wanted = std::env::var("INTANDEM_LOG").unwrap_or_else(|_| "warn".to_owned());
    let filter = EnvFilter::try_new(format!("{wanted},sqlx::query=off"))
        .unwrap_or_else(|_| EnvFilter::new("warn,sqlx::query=off"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .try_init();
}
