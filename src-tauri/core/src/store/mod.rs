//! The encrypted local store: one SQLCipher file whose key lives in the OS keyring
//! or is derived from a passphrase.
//!
//! # Files
//! A data directory holds `store.db` (SQLCipher, WAL; with `store.db-wal` and
//! `store.db-shm`) and `store.json`, a plaintext file recording the key source: the
//! keyring account, or the Argon2id parameters and salt. No secret is in it.
//!
//! # Life cycle
//! ```text
//! Store::inspect(dir)                -> StoreState (Uninitialized | Locked{key_source} | ...)
//! Keyring::os().probe().await        -> Ok, or Err(NoKeyring): ask for a passphrase instead
//! Store::create(dir, Unlock).await   -> first run: key, store.json, encrypted DB, tables
//! Store::open(dir, Unlock).await     -> unlock; WrongKey / KeyMissing / NoKeyring / ...
//! store.integrity_check().await, store.close().await
//! ```
//! `Unlock::Keyring(Keyring::os())` keeps a random 32-byte key in the keyring
//! (service `intandem-console`, or `intandem-console-dev` in debug builds; one
//! account per data directory). `Unlock::Passphrase(secret)` derives it with
//! Argon2id (m = 64 MiB, t = 3, p = 1; an older store's weaker settings are upgraded
//! at its next unlock). Either way SQLCipher gets the raw key.
//!
//! # Data
//! One small repository per table, borrowed from the store:
//! [`Store::profiles`], [`Store::apps_cache`], [`Store::credentials`],
//! [`Store::app_tokens`], [`Store::oauth_runs`], [`Store::drafts`], [`Store::audit_log`], plus
//! [`Store::record_created_app`], which commits a new app, its credentials and the
//! audit entry in one transaction before anything is shown.
//!
//! Every change made through the console is written together with its audit entry,
//! in the same transaction; the audited functions take the `actor` (who made it).
//!
//! Secrets (directory tokens, client secrets, app tokens, OAuth state, verifiers and
//! access tokens) go in and come out as [`Secret`](crate::Secret); the file's
//! encryption is what protects them at rest. JSON columns never hold one: vendor
//! JSON is redacted on the way in (see [`redaction`]).
//!
//! Every error is a [`StoreError`] with a stable [`StoreError::code`].

mod access;
mod app_tokens;
mod apps_cache;
mod audit_log;
mod columns;
mod config_file;
mod connection;
mod created_app;
mod credentials;
mod data_folder;
mod drafts;
mod error;
mod key;
mod key_upgrade;
mod keyring;
mod launch_runs;
mod manifest_apps;
mod oauth_runs;
mod opening;
mod openssl_setup;
mod passphrase_strength;
mod paths;
mod profiles;
pub mod redaction;
pub mod request_log;
mod timestamp;
mod unlock;

use std::fmt;
use std::path::Path;

use sqlx::SqlitePool;

pub use access::{
    open_with_passphrase, open_with_policy, open_without_prompt, open_without_prompt_using,
    AccessPolicy, PassphrasePrompt, StoreAccess,
};
pub use app_tokens::{AppToken, AppTokenId, AppTokens};
pub use apps_cache::{AppRecord, AppsCache, CachedApp, SyncState, SyncSummary};
pub use audit_log::{AuditAction, AuditEntry, AuditLog, AuditQuery, NewAuditEntry};
pub use config_file::{KeyConfig, StoreConfigFile, STORE_CONFIG_VERSION};
pub use created_app::CreatedApp;
pub use credentials::{AppCredentials, CredentialSource, Credentials, NewCredentials};
pub use data_folder::{make_private, prepare_data_folder, resolve_data_folder, APP_IDENTIFIER};
pub use drafts::{Drafts, StoredDraft};
pub use error::StoreError;
pub use key::{KdfAlgorithm, KdfParams, MIN_PASSPHRASE_CHARS};
pub use keyring::Keyring;
pub use launch_runs::{LaunchRun, LaunchRuns, NewLaunchRun};
pub use manifest_apps::{ManifestApp, ManifestApps};
pub use oauth_runs::{NewOAuthRun, OAuthOutcome, OAuthRun, OAuthRunFinish, OAuthRunId, OAuthRuns};
pub use opening::StoreState;
pub use profiles::{NewProfile, Profile, ProfileChanges, ProfileId, ProfileKind, Profiles};
pub use unlock::{KeySource, Unlock};

use paths::StorePaths;

/// An unlocked store. The pool inside holds a few connections, each opened with the
/// key. Clones share that pool (cheap); [`Store::close`] closes it for all of them.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    paths: StorePaths,
    key_source: KeySource,
}

impl fmt::Debug for Store {
    // By hand: the pool's connect options hold the key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("database", &self.paths.database)
            .field("key_source", &self.key_source)
            .finish_non_exhaustive()
    }
}

impl Store {
    pub fn data_dir(&self) -> &Path {
        &self.paths.data_dir
    }

    pub fn database_path(&self) -> &Path {
        &self.paths.database
    }

    pub fn key_source(&self) -> KeySource {
        self.key_source
    }

    pub fn profiles(&self) -> Profiles<'_> {
        Profiles::new(&self.pool)
    }

    pub fn apps_cache(&self) -> AppsCache<'_> {
        AppsCache::new(&self.pool)
    }

    pub fn credentials(&self) -> Credentials<'_> {
        Credentials::new(&self.pool)
    }

    pub fn app_tokens(&self) -> AppTokens<'_> {
        AppTokens::new(&self.pool)
    }

    pub fn oauth_runs(&self) -> OAuthRuns<'_> {
        OAuthRuns::new(&self.pool)
    }

    pub fn launch_runs(&self) -> LaunchRuns<'_> {
        LaunchRuns::new(&self.pool)
    }

    pub fn drafts(&self) -> Drafts<'_> {
        Drafts::new(&self.pool)
    }

    pub fn manifest_apps(&self) -> ManifestApps<'_> {
        ManifestApps::new(&self.pool)
    }

    pub fn request_log(&self) -> request_log::RequestLog<'_> {
        request_log::RequestLog::new(&self.pool)
    }

    pub fn audit_log(&self) -> AuditLog<'_> {
        AuditLog::new(&self.pool)
    }
}
