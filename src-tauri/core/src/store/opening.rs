//! The store's life cycle: inspecting a data directory before unlock, creating a
//! store on first run, opening (unlocking) it, checking it and closing it.
//!
//! Invariants:
//! - a database is only ever created with a key (`open` never creates a file);
//! - `store.json` is written before the database, and a zero-length database
//!   counts as absent, so a crash during `create` leaves a directory that `create`
//!   can start over in, never an encrypted file nobody knows the key of;
//! - a database whose file starts with the plaintext SQLite header is refused.

use std::fs;
use std::path::Path;

use serde::Serialize;
use sqlx::migrate::Migrator;
use sqlx::SqlitePool;

use super::config_file::{KeyConfig, StoreConfigFile};
use super::connection::{self, Mode};
use super::key::{derive_off_executor, KdfParams, StoreKey, MIN_PASSPHRASE_CHARS};
use super::keyring::KeyringRead;
use super::paths::StorePaths;
use super::{key_upgrade, passphrase_strength};
use super::{KeySource, Keyring, Store, StoreError, Unlock};
use ts_rs::TS;

pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// What a data directory holds, as far as can be told without a key: what a front
/// end needs to decide between "create a store", "unlock it" and "explain a problem".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StoreState {
    /// Nothing yet: first run. Next: [`Store::create`].
    Uninitialized,
    /// A store exists. Next: [`Store::open`] with this key source.
    Locked { key_source: KeySource },
    /// The key settings exist but the database is gone (moved or deleted). Next: put
    /// it back, or [`Store::create`] a new one.
    DatabaseMissing { key_source: KeySource },
    /// The database exists without its key settings file, so it cannot be unlocked.
    ConfigMissing,
}

impl Store {
    /// What is in `data_dir`. Needs no key and changes nothing.
    pub fn inspect(data_dir: &Path) -> Result<StoreState, StoreError> {
        let paths = StorePaths::new(data_dir);
        let config = StoreConfigFile::read(&paths.config)?;
        let database = paths.database_exists()?;
        Ok(match (config, database) {
            (None, false) => StoreState::Uninitialized,
            (None, true) => StoreState::ConfigMissing,
            (Some(config), true) => StoreState::Locked {
                key_source: config.key_source(),
            },
            (Some(config), false) => StoreState::DatabaseMissing {
                key_source: config.key_source(),
            },
        })
    }

    /// First run: makes the key (a random one kept in the keyring, or one derived
    /// from the passphrase), writes `store.json`, creates the encrypted database and
    /// its tables. Refuses if a database already exists. A passphrase must be at
    /// least [`MIN_PASSPHRASE_CHARS`] characters.
    pub async fn create(data_dir: &Path, unlock: Unlock) -> Result<Store, StoreError> {
        let paths = StorePaths::new(data_dir);
        if paths.database_exists()? {
            return Err(StoreError::AlreadyExists {
                path: paths.database,
            });
        }
        let previous = StoreConfigFile::read(&paths.config).ok().flatten();
        create_private_dir(data_dir)?;

        let (key_config, key) = match &unlock {
            Unlock::Keyring(keyring) => {
                let account = KeyConfig::new_keyring_account();
                let key = StoreKey::generate();
                keyring.write_key(&account, &key).await?;
                (
                    KeyConfig::Keyring {
                        keyring_account: account,
                    },
                    key,
                )
            }
            Unlock::Passphrase(passphrase) => {
                if passphrase.expose().chars().count() < MIN_PASSPHRASE_CHARS {
                    return Err(StoreError::PassphraseTooShort {
                        min: MIN_PASSPHRASE_CHARS,
                    });
                }
                let strength = passphrase_strength::estimate(passphrase.expose());
                if strength.score < passphrase_strength::MIN_SCORE {
                    return Err(StoreError::PassphraseTooWeak {
                        reason: strength.reason.unwrap_or_default(),
                    });
                }
                let kdf = KdfParams::generate();
                let key = derive_off_executor(passphrase, &kdf).await?;
                (
                    KeyConfig::Passphrase {
                        kdf,
                        rekeying_to: None,
                    },
                    key,
                )
            }
        };

        match create_database(&paths, key_config.clone(), &key).await {
            Ok(pool) => {
                forget_previous_keyring_entry(previous, &unlock).await;
                tracing::info!(
                    database = %paths.database.display(),
                    key_source = ?unlock.key_source(),
                    "created the encrypted store"
                );
                Ok(Store {
                    pool,
                    paths,
                    key_source: unlock.key_source(),
                })
            }
            Err(error) => {
                // Leave the directory as it was found: no key settings, no file, no
                // orphaned keyring entry. Failures here would hide the real error.
                let _ = paths.remove_database_files();
                let _ = StoreConfigFile::remove(&paths.config);
                if let (Unlock::Keyring(keyring), KeyConfig::Keyring { keyring_account }) =
                    (&unlock, &key_config)
                {
                    let _ = keyring.delete_key(keyring_account).await;
                }
                Err(error)
            }
        }
    }

    /// Unlocks an existing store and brings its tables up to date.
    ///
    /// Errors worth telling apart: [`StoreError::NotInitialized`] (first run: call
    /// `create`), [`StoreError::WrongKey`], [`StoreError::KeyMissing`] (the keyring
    /// entry is gone), [`StoreError::NoKeyring`], [`StoreError::UnlockMethodMismatch`],
    /// [`StoreError::ConfigMissing`], [`StoreError::DatabaseMissing`] and
    /// [`StoreError::PlaintextDatabase`].
    pub async fn open(data_dir: &Path, unlock: Unlock) -> Result<Store, StoreError> {
        let paths = StorePaths::new(data_dir);
        let config = StoreConfigFile::read(&paths.config)?;
        let database = paths.database_exists()?;
        let config = match (config, database) {
            (Some(config), true) => config,
            (None, false) => {
                return Err(StoreError::NotInitialized {
                    data_dir: paths.data_dir,
                })
            }
            (None, true) => {
                return Err(StoreError::ConfigMissing {
                    config: paths.config,
                    database: paths.database,
                })
            }
            (Some(_), false) => {
                return Err(StoreError::DatabaseMissing {
                    path: paths.database,
                })
            }
        };
        if paths.database_is_plaintext()? {
            return Err(StoreError::PlaintextDatabase {
                path: paths.database,
            });
        }

        let pool = match (&config.key, &unlock) {
            (KeyConfig::Keyring { keyring_account }, Unlock::Keyring(keyring)) => {
                let key = key_from_keyring(&paths, keyring, keyring_account).await?;
                let pool = connection::connect(&paths, &key, Mode::Open).await?;
                migrate(&pool, &paths).await?;
                pool
            }
            (KeyConfig::Passphrase { kdf, rekeying_to }, Unlock::Passphrase(passphrase)) => {
                let key = derive_off_executor(passphrase, kdf).await?;
                let (pool, key, kdf) = match (
                    connection::connect(&paths, &key, Mode::Open).await,
                    rekeying_to,
                ) {
                    (Ok(pool), _) => (pool, key, kdf),
                    // An upgrade was interrupted after the rekey: the new key opens it.
                    (Err(StoreError::WrongKey { .. }), Some(next)) => {
                        let next_key = derive_off_executor(passphrase, next).await?;
                        let pool = connection::connect(&paths, &next_key, Mode::Open).await?;
                        (pool, next_key, next)
                    }
                    (Err(error), _) => return Err(error),
                };
                let settled = StoreConfigFile {
                    key: KeyConfig::Passphrase {
                        kdf: kdf.clone(),
                        rekeying_to: None,
                    },
                    ..config.clone()
                };
                if settled != config {
                    settled.write(&paths.config)?;
                }
                migrate(&pool, &paths).await?;
                if kdf.is_below_defaults() {
                    key_upgrade::to_current_kdf(pool, &paths, &settled, passphrase, &key).await?
                } else {
                    pool
                }
            }
            (key_config, unlock) => {
                return Err(StoreError::UnlockMethodMismatch {
                    path: paths.database,
                    expected: key_config.key_source(),
                    given: unlock.key_source(),
                })
            }
        };
        tracing::info!(
            database = %paths.database.display(),
            key_source = ?config.key_source(),
            "unlocked the encrypted store"
        );
        Ok(Store {
            pool,
            paths,
            key_source: config.key_source(),
        })
    }

    /// Runs SQLite's and SQLCipher's integrity checks (page structure, and every
    /// page's HMAC). [`StoreError::Corrupt`] lists what they found.
    pub async fn integrity_check(&self) -> Result<(), StoreError> {
        let context = || format!("checking the store at {}", self.paths.database.display());
        let sqlite: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await
            .map_err(StoreError::db(context()))?;
        let cipher: Vec<String> = sqlx::query_scalar("PRAGMA cipher_integrity_check")
            .fetch_all(&self.pool)
            .await
            .map_err(StoreError::db(context()))?;
        let problems: Vec<String> = sqlite
            .into_iter()
            .filter(|line| line != "ok")
            .chain(cipher)
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Corrupt {
                problems: problems.join("; "),
            })
        }
    }

    /// Closes every connection (checkpointing the WAL into the database file).
    pub async fn close(self) {
        self.pool.close().await;
    }
}

pub(super) async fn create_database(
    paths: &StorePaths,
    key_config: KeyConfig,
    key: &StoreKey,
) -> Result<SqlitePool, StoreError> {
    StoreConfigFile::new(key_config).write(&paths.config)?;
    paths.remove_database_files()?;
    create_private_file(&paths.database)?;
    let pool = connection::connect(paths, key, Mode::Create).await?;
    migrate(&pool, paths).await?;
    // Put the first pages in the main file now, so its header can be checked.
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&pool)
        .await
        .map_err(StoreError::db(format!(
            "checkpointing the new store at {}",
            paths.database.display()
        )))?;
    if !paths.database_exists()? || paths.database_is_plaintext()? {
        pool.close().await;
        return Err(StoreError::PlaintextDatabase {
            path: paths.database.clone(),
        });
    }
    Ok(pool)
}

async fn migrate(pool: &SqlitePool, paths: &StorePaths) -> Result<(), StoreError> {
    MIGRATOR
        .run(pool)
        .await
        .map_err(|source| StoreError::Migration {
            path: paths.database.clone(),
            source,
        })
}

async fn key_from_keyring(
    paths: &StorePaths,
    keyring: &Keyring,
    account: &str,
) -> Result<StoreKey, StoreError> {
    match keyring.read_key(account).await? {
        KeyringRead::Found(key) => Ok(key),
        KeyringRead::Missing => Err(StoreError::KeyMissing {
            path: paths.database.clone(),
            service: Keyring::service_name().to_owned(),
            account: account.to_owned(),
        }),
        // Something else now sits where our key was: as good as a wrong key.
        KeyringRead::Malformed => Err(StoreError::WrongKey {
            path: paths.database.clone(),
        }),
    }
}

/// A store created where an older one's key settings were left (its database gone)
/// no longer needs the older keyring entry.
async fn forget_previous_keyring_entry(previous: Option<StoreConfigFile>, unlock: &Unlock) {
    if let (
        Some(StoreConfigFile {
            key: KeyConfig::Keyring { keyring_account },
            ..
        }),
        Unlock::Keyring(keyring),
    ) = (previous, unlock)
    {
        let _ = keyring.delete_key(&keyring_account).await;
    }
}

fn create_private_dir(path: &Path) -> Result<(), StoreError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path).map_err(StoreError::io(format!(
        "creating the data directory {}",
        path.display()
    )))
}

/// An empty database file readable by its owner only; SQLite gives the `-wal` and
/// `-shm` files the same permissions.
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(StoreError::io(format!(
        "creating the database {}",
        path.display()
    )))
}
