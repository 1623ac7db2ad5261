//! Opening the SQLCipher database through sqlx.
//!
//! The key goes in as `PRAGMA key = "x'<hex>'"`, which sqlx sends before anything
//! else on every new connection. Statement logging is off (it would log that
//! pragma), and the connect options are never `Debug`-printed for the same reason.
//!
//! Durability: WAL with `synchronous = FULL`, so a transaction that has returned
//! is on disk; a process killed right after a commit loses nothing.
//!
//! OpenSSL, SQLCipher's crypto, is initialised before SQLCipher first touches it, without
//! its clean-up at exit (openssl_setup.rs).

use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, SqlitePool};

use super::key::StoreKey;
use super::paths::StorePaths;
use super::StoreError;

/// SQLite's result code for "file is not a database", which is what SQLCipher
/// reports when the key does not decrypt the first page.
const SQLITE_NOTADB: &str = "26";

const MAX_CONNECTIONS: u32 = 4;
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) enum Mode {
    /// Make the file if it does not exist (only `Store::create` does this).
    Create,
    /// The file must exist.
    Open,
}

/// Every SQLCipher connection starts here: the database, its key, full durability, no
/// statement logging; OpenSSL initialised first (openssl_setup.rs).
pub(crate) fn keyed_options(paths: &StorePaths, key: &StoreKey) -> SqliteConnectOptions {
    super::openssl_setup::init_openssl();
    SqliteConnectOptions::new()
        .filename(&paths.database)
        .pragma("key", key.sqlcipher_pragma_value())
        .synchronous(SqliteSynchronous::Full)
        .disable_statement_logging()
}

pub(crate) async fn connect(
    paths: &StorePaths,
    key: &StoreKey,
    mode: Mode,
) -> Result<SqlitePool, StoreError> {
    let options = keyed_options(paths, key)
        .create_if_missing(matches!(mode, Mode::Create))
        .journal_mode(SqliteJournalMode::Wal)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT);
    let pool = SqlitePoolOptions::new()
        .max_connections(MAX_CONNECTIONS)
        .connect_with(options)
        .await
        .map_err(|error| opening_error(paths, error))?;
    // The pragmas above already read the first page; this makes sure the schema
    // itself decrypts, whatever sqlx does on connect in the future.
    sqlx::query("SELECT count(*) FROM sqlite_master")
        .fetch_one(&pool)
        .await
        .map_err(|error| opening_error(paths, error))?;
    Ok(pool)
}

fn opening_error(paths: &StorePaths, error: sqlx::Error) -> StoreError {
    let wrong_key = error
        .as_database_error()
        .and_then(|db| db.code())
        .is_some_and(|code| code == SQLITE_NOTADB);
    if wrong_key {
        StoreError::WrongKey {
            path: paths.database.clone(),
        }
    } else {
        StoreError::Database {
            context: format!("opening the store at {}", paths.database.display()),
            source: error,
        }
    }
}

/// A write transaction that takes the write lock up front (`BEGIN IMMEDIATE`), so
/// it waits on `busy_timeout` instead of failing when it turns from reading to
/// writing while another connection writes.
pub(crate) async fn begin_write(
    pool: &SqlitePool,
    context: &str,
) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, StoreError> {
    pool.begin_with("BEGIN IMMEDIATE")
        .await
        .map_err(StoreError::db(context))
}

pub(crate) async fn commit(
    transaction: sqlx::Transaction<'static, sqlx::Sqlite>,
    context: &str,
) -> Result<(), StoreError> {
    transaction.commit().await.map_err(StoreError::db(context))
}

/// Whether a failed statement broke a foreign key (for us: the profile is gone).
pub(crate) fn is_foreign_key_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|db| db.is_foreign_key_violation())
}

pub(crate) fn is_unique_violation(error: &sqlx::Error) -> bool {
    error
        .as_database_error()
        .is_some_and(|db| db.is_unique_violation())
}
