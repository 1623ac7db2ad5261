//! `StoreError`: everything that can go wrong opening, creating or using the store.
//!
//! Each message says what failed, why (as far as we know) and what to do now. Each
//! variant also has a stable [`StoreError::code`] that front ends switch on (for
//! example `no_keyring` means "ask the user for a passphrase instead"); never
//! switch on the message text.
//!
//! No variant carries a key, passphrase, token or secret, and none carries a
//! keyring-core error as such: some of those (`BadEncoding`) hold the stored bytes.

use std::io;
use std::path::PathBuf;

use super::KeySource;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no store has been set up in {data_dir}: create one first")]
    NotInitialized { data_dir: PathBuf },

    #[error("a store already exists at {path}: open it instead of creating a new one")]
    AlreadyExists { path: PathBuf },

    #[error(
        "the store's key settings file {config} is missing although the database {database} \
         exists, so the store cannot be unlocked: restore {config} from a backup, or move \
         {database} aside and create a new store"
    )]
    ConfigMissing { config: PathBuf, database: PathBuf },

    #[error("the store's key settings file {path} cannot be used: {reason}")]
    ConfigInvalid { path: PathBuf, reason: String },

    #[error(
        "the database {path} is missing although its key settings exist (was it moved or \
         deleted?): put it back, or create a new store in its place"
    )]
    DatabaseMissing { path: PathBuf },

    #[error(
        "the database {path} is not encrypted: refusing to use a plaintext store; move it \
         aside and create a new store"
    )]
    PlaintextDatabase { path: PathBuf },

    #[error(
        "the store at {path} could not be decrypted: the passphrase is wrong or the keyring \
         entry was replaced"
    )]
    WrongKey { path: PathBuf },

    #[error(
        "the store at {path} is protected by {expected}, not by {given}: unlock it with {expected}"
    )]
    UnlockMethodMismatch {
        path: PathBuf,
        expected: KeySource,
        given: KeySource,
    },

    #[error(
        "no OS keyring is reachable ({reason}): protect the store with a passphrase instead, \
         or start the keyring (on Linux a Secret Service such as gnome-keyring) and retry"
    )]
    NoKeyring { reason: String },

    #[error(
        "the OS keyring has no key for the store at {path} (service {service:?}, account \
         {account:?}): the entry was deleted, or this is another user or another build of the \
         console; restore the entry, or move the store aside and create a new one"
    )]
    KeyMissing {
        path: PathBuf,
        service: String,
        account: String,
    },

    #[error("the OS keyring failed while {operation}: {reason}")]
    Keyring {
        operation: &'static str,
        reason: String,
    },

    #[error("the passphrase is too short: use at least {min} characters")]
    PassphraseTooShort { min: usize },

    #[error("the passphrase is too easy to guess ({reason}): use a few unrelated words, or a longer mix of letters, digits and symbols")]
    PassphraseTooWeak { reason: String },

    #[error("deriving the store key from the passphrase: {reason}")]
    KeyDerivation { reason: String },

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: io::Error,
    },

    #[error("{context}: {source}")]
    Database {
        context: String,
        #[source]
        source: sqlx::Error,
    },

    #[error("bringing the store at {path} up to date: {source}")]
    Migration {
        path: PathBuf,
        #[source]
        source: sqlx::migrate::MigrateError,
    },

    #[error("the store's integrity check failed: {problems}; restore the store from a backup")]
    Corrupt { problems: String },

    #[error("the stored {what} cannot be read: {reason}")]
    InvalidRow { what: &'static str, reason: String },

    #[error("a profile named {name:?} already exists: choose another name")]
    ProfileNameTaken { name: String },

    #[error("there is no profile with id {id}: it may have been removed; reload the profiles")]
    ProfileNotFound { id: i64 },

    #[error("there is no app token with id {id} in the store")]
    AppTokenNotFound { id: i64 },

    #[error("there is no OAuth test run with id {id} in the store")]
    OAuthRunNotFound { id: i64 },

    #[error("the OAuth test run {id} has already finished: start a new run")]
    OAuthRunAlreadyFinished { id: i64 },

    #[error(
        "refusing to write the {what} into the store: it contains a secret that belongs in an \
         encrypted column only (redact it first)"
    )]
    SecretInPlainColumn { what: &'static str },
}

impl StoreError {
    /// A stable identifier for the kind of failure, for front ends to switch on.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotInitialized { .. } => "not_initialized",
            StoreError::AlreadyExists { .. } => "already_exists",
            StoreError::ConfigMissing { .. } => "config_missing",
            StoreError::ConfigInvalid { .. } => "config_invalid",
            StoreError::DatabaseMissing { .. } => "database_missing",
            StoreError::PlaintextDatabase { .. } => "plaintext_database",
            StoreError::WrongKey { .. } => "wrong_key",
            StoreError::UnlockMethodMismatch { .. } => "unlock_method_mismatch",
            StoreError::NoKeyring { .. } => "no_keyring",
            StoreError::KeyMissing { .. } => "key_missing",
            StoreError::Keyring { .. } => "keyring",
            StoreError::PassphraseTooShort { .. } => "passphrase_too_short",
            StoreError::PassphraseTooWeak { .. } => "passphrase_too_weak",
            StoreError::KeyDerivation { .. } => "key_derivation",
            StoreError::Io { .. } => "io",
            StoreError::Database { .. } => "database",
            StoreError::Migration { .. } => "migration",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::InvalidRow { .. } => "invalid_row",
            StoreError::ProfileNameTaken { .. } => "profile_name_taken",
            StoreError::ProfileNotFound { .. } => "profile_not_found",
            StoreError::AppTokenNotFound { .. } => "app_token_not_found",
            StoreError::OAuthRunNotFound { .. } => "oauth_run_not_found",
            StoreError::OAuthRunAlreadyFinished { .. } => "oauth_run_already_finished",
            StoreError::SecretInPlainColumn { .. } => "secret_in_plain_column",
        }
    }

    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> StoreError {
        let context = context.into();
        move |source| StoreError::Io { context, source }
    }

    pub(crate) fn db(context: impl Into<String>) -> impl FnOnce(sqlx::Error) -> StoreError {
        let context = context.into();
        move |source| StoreError::Database { context, source }
    }

    pub(crate) fn invalid_row(what: &'static str, reason: impl ToString) -> StoreError {
        StoreError::InvalidRow {
            what,
            reason: reason.to_string(),
        }
    }
}
