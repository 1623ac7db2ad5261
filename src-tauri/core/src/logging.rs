//! The desktop app's and the CLI's log, on stderr ([`init`]), and which lines it keeps
//! ([`filter`]): `INTANDEM_LOG`, a comma-separated list
//! of `level` and `target=level` (`debug`, `warn,intandem_core=debug`); targets it does not
//! name keep its level, else the face's default. SQL statements are never logged, whatever the list says: one of them
//! carries the store key (the store's connections also turn statement logging off).
//! A plain target list, not tracing's env-filter: that one's span and field matching
//! brings a regex engine (~0.25 MB of each binary) the console never needed.

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Logs to stderr from now on (in colour on a terminal), filtered by `INTANDEM_LOG`, else
/// at `default`. A second call changes nothing.
pub fn init(default: LevelFilter) {
    let wanted = std::env::var("INTANDEM_LOG").ok();
    let _ = tracing_subscriber::fmt()
        .with_max_level(LevelFilter::TRACE)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .finish()
        .with(filter(wanted.as_deref(), default))
        .try_init();
}

/// The filter for `wanted` (the value of `INTANDEM_LOG`, if set); an unreadable value
/// keeps `default` for everything.
pub fn filter(wanted: Option<&str>, default: LevelFilter) -> Targets {
    let parsed = wanted
        .filter(|text| !text.trim().is_empty())
        .and_then(|text| text.parse::<Targets>().ok());
    let (level, targets) = match &parsed {
        Some(parsed) => (
            parsed.default_level().unwrap_or(default),
            parsed
                .iter()
                .filter(|(target, _)| !is_sql(target))
                .map(|(target, level)| (target.to_owned(), level))
                .collect(),
        ),
        None => (default, Vec::new()),
    };
    Targets::new()
        .with_default(level)
        .with_targets(targets)
        .with_target("sqlx", LevelFilter::OFF)
}

/// sqlx and its modules (`sqlx::query` logs statements).
fn is_sql(target: &str) -> bool {
    target == "sqlx" || target.starts_with("sqlx::")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tracing::Level;

    #[test]
    fn without_a_setting_the_default_level_applies_to_every_target() {
        let filter = filter(None, LevelFilter::INFO);
        assert!(filter.would_enable("intandem_core::store", &Level::INFO));
        assert!(!filter.would_enable("intandem_core::store", &Level::DEBUG));
        assert!(filter.would_enable("tauri", &Level::WARN));
    }

    #[test]
    fn a_level_and_per_target_levels_are_read() {
        let filter = filter(Some("warn,intandem_core=debug"), LevelFilter::INFO);
        assert!(filter.would_enable("intandem_core::platform", &Level::DEBUG));
        assert!(!filter.would_enable("intandem_core::platform", &Level::TRACE));
        assert!(!filter.would_enable("tauri", &Level::INFO));
        assert!(filter.would_enable("tauri", &Level::WARN));
    }

    #[test]
    fn targets_not_named_keep_the_default_level() {
        let filter = filter(Some("intandem_core=trace"), LevelFilter::WARN);
        assert!(filter.would_enable("intandem_core", &Level::TRACE));
        assert!(filter.would_enable("tauri", &Level::WARN));
        assert!(!filter.would_enable("tauri", &Level::INFO));
    }

    #[test]
    fn sql_statements_stay_off_whatever_the_setting_asks() {
        for wanted in [
            "trace",
            "sqlx=trace",
            "sqlx::query=trace",
            "trace,sqlx::query=debug",
        ] {
            let filter = filter(Some(wanted), LevelFilter::INFO);
            assert!(
                !filter.would_enable("sqlx::query", &Level::ERROR),
                "{wanted}"
            );
            assert!(!filter.would_enable("sqlx", &Level::ERROR), "{wanted}");
        }
    }

    #[test]
    fn an_unreadable_or_empty_setting_keeps_the_default() {
        for wanted in ["intandem_core=loud", "", "  "] {
            let filter = filter(Some(wanted), LevelFilter::WARN);
            assert!(
                filter.would_enable("intandem_core", &Level::WARN),
                "{wanted:?}"
            );
            assert!(
                !filter.would_enable("intandem_core", &Level::INFO),
                "{wanted:?}"
            );
        }
    }
}
