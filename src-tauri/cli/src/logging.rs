//! Logs to stderr, filtered by `INTANDEM_LOG` (`level` and `target=level`, comma-separated;
//! default `warn`: see intandem_core::logging). SQL statements are never logged: one of
//! them carries the store key.

use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

pub fn init() {
    let wanted = std::env::var("INTANDEM_LOG").ok();
    let filter = intandem_core::logging::filter(wanted.as_deref(), LevelFilter::WARN);
    let _ = tracing_subscriber::fmt()
        .with_max_level(LevelFilter::TRACE)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .finish()
        .with(filter)
        .try_init();
}
