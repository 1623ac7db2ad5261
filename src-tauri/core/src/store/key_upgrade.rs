//! Moving a passphrase store to today's Argon2id settings after a successful unlock: a
//! new salt and stronger parameters give a new key, and SQLCipher re-encrypts the
//! database under it (`PRAGMA rekey`).
//!
//! Crash safety: `store.json` names the new parameters (`rekeying_to`) before the rekey
//! and loses the old ones only after it. SQLCipher's rekey is one transaction, so an
//! interrupted one leaves the database under the old key or the new one, and `open`,
//! which tries the recorded parameters first and `rekeying_to` second, opens either and
//! finishes the move. A failed upgrade is logged and the store stays as it was.

use sqlx::sqlite::SqliteJournalMode;
use sqlx::{ConnectOptions, Connection, SqlitePool};

use super::config_file::{KeyConfig, StoreConfigFile};
use super::connection::{self, Mode};
use super::key::{derive_off_executor, KdfParams, StoreKey};
use super::paths::StorePaths;
use super::StoreError;
use crate::Secret;

/// Re-encrypts the store under a key derived with today's defaults; hands back the pool
/// to use from now on (a new one on success, the old key's again on failure).
pub(crate) async fn to_current_kdf(
    pool: SqlitePool,
    paths: &StorePaths,
    config: &StoreConfigFile,
    passphrase: &Secret,
    old_key: &StoreKey,
) -> Result<SqlitePool, StoreError> {
    let KeyConfig::Passphrase { kdf: old_kdf, .. } = &config.key else {
        return Ok(pool);
    };
    let new_kdf = KdfParams::generate();
    let new_key = derive_off_executor(passphrase, &new_kdf).await?;
    let with = |kdf: &KdfParams, rekeying_to: Option<KdfParams>| StoreConfigFile {
        key: KeyConfig::Passphrase {
            kdf: kdf.clone(),
            rekeying_to,
        },
        ..config.clone()
    };
    with(old_kdf, Some(new_kdf.clone())).write(&paths.config)?;
    pool.close().await;
    match rekey(paths, old_key, &new_key).await {
        Ok(()) => {
            with(&new_kdf, None).write(&paths.config)?;
            tracing::info!(
                m_kib = new_kdf.m_kib,
                t = new_kdf.t,
                "moved the store to stronger key derivation settings"
            );
            connection::connect(paths, &new_key, Mode::Open).await
        }
        Err(error) => {
            tracing::warn!(%error, "the store's key derivation settings could not be upgraded; it stays as it was");
            with(old_kdf, None).write(&paths.config)?;
            connection::connect(paths, old_key, Mode::Open).await
        }
    }
}

/// One connection, out of WAL mode (SQLCipher 4 cannot rekey a WAL database), rekeys.
async fn rekey(paths: &StorePaths, old: &StoreKey, new: &StoreKey) -> Result<(), StoreError> {
    let context = || format!("re-encrypting the store at {}", paths.database.display());
    let mut connection = connection::keyed_options(paths, old)
        .journal_mode(SqliteJournalMode::Delete)
        .connect()
        .await
        .map_err(StoreError::db(context()))?;
    sqlx::query(&format!("PRAGMA rekey = {}", new.sqlcipher_pragma_value()))
        .execute(&mut connection)
        .await
        .map_err(StoreError::db(context()))?;
    connection.close().await.map_err(StoreError::db(context()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::opening::create_database;
    use crate::store::{Store, Unlock};

    const PASSPHRASE: &str = "correct horse battery staple";

    /// What the first versions made: Argon2id at 19 MiB and two passes.
    fn first_versions_kdf() -> KdfParams {
        KdfParams {
            m_kib: 19_456,
            t: 2,
            ..KdfParams::generate()
        }
    }

    async fn old_store(dir: &std::path::Path) -> (StorePaths, KdfParams, StoreKey) {
        let paths = StorePaths::new(dir);
        let kdf = first_versions_kdf();
        let key = derive_off_executor(&Secret::new(PASSPHRASE), &kdf)
            .await
            .unwrap();
        let config = KeyConfig::Passphrase {
            kdf: kdf.clone(),
            rekeying_to: None,
        };
        let pool = create_database(&paths, config, &key).await.unwrap();
        sqlx::query("CREATE TABLE kept (value TEXT)")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO kept VALUES ('still here')")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        (paths, kdf, key)
    }

    fn recorded_kdf(paths: &StorePaths) -> (KdfParams, Option<KdfParams>) {
        match StoreConfigFile::read(&paths.config).unwrap().unwrap().key {
            KeyConfig::Passphrase { kdf, rekeying_to } => (kdf, rekeying_to),
            KeyConfig::Keyring { .. } => panic!("a passphrase store"),
        }
    }

    async fn reopens_with_everything(dir: &std::path::Path) {
        let store = Store::open(dir, Unlock::Passphrase(Secret::new(PASSPHRASE)))
            .await
            .expect("the store opens with its passphrase");
        let kept: String = sqlx::query_scalar("SELECT value FROM kept")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(kept, "still here");
        store.integrity_check().await.unwrap();
        store.close().await;
    }

    #[tokio::test]
    async fn an_old_store_still_opens_and_is_moved_to_the_current_settings() {
        let dir = tempfile::tempdir().unwrap();
        let (paths, old, _) = old_store(dir.path()).await;
        reopens_with_everything(dir.path()).await;
        let (kdf, rekeying_to) = recorded_kdf(&paths);
        assert!(!kdf.is_below_defaults(), "{kdf:?}");
        assert_ne!(kdf.salt_hex, old.salt_hex, "a new salt");
        assert_eq!(rekeying_to, None);
        // The old key no longer opens it: the database itself was re-encrypted.
        let old_key = derive_off_executor(&Secret::new(PASSPHRASE), &old)
            .await
            .unwrap();
        assert!(matches!(
            connection::connect(&paths, &old_key, Mode::Open).await,
            Err(StoreError::WrongKey { .. })
        ));
        reopens_with_everything(dir.path()).await;
    }

    #[tokio::test]
    async fn an_upgrade_interrupted_before_the_rekey_opens_with_the_old_key_and_finishes() {
        let dir = tempfile::tempdir().unwrap();
        let (paths, old, _) = old_store(dir.path()).await;
        let config = StoreConfigFile::read(&paths.config).unwrap().unwrap();
        StoreConfigFile {
            key: KeyConfig::Passphrase {
                kdf: old,
                rekeying_to: Some(KdfParams::generate()),
            },
            ..config
        }
        .write(&paths.config)
        .unwrap();
        reopens_with_everything(dir.path()).await;
        let (kdf, rekeying_to) = recorded_kdf(&paths);
        assert!(!kdf.is_below_defaults());
        assert_eq!(rekeying_to, None);
    }

    #[tokio::test]
    async fn an_upgrade_interrupted_after_the_rekey_opens_with_the_new_key_and_settles() {
        let dir = tempfile::tempdir().unwrap();
        let (paths, old, old_key) = old_store(dir.path()).await;
        let next = KdfParams::generate();
        let next_key = derive_off_executor(&Secret::new(PASSPHRASE), &next)
            .await
            .unwrap();
        let config = StoreConfigFile::read(&paths.config).unwrap().unwrap();
        StoreConfigFile {
            key: KeyConfig::Passphrase {
                kdf: old,
                rekeying_to: Some(next.clone()),
            },
            ..config
        }
        .write(&paths.config)
        .unwrap();
        rekey(&paths, &old_key, &next_key).await.unwrap();
        reopens_with_everything(dir.path()).await;
        assert_eq!(recorded_kdf(&paths), (next, None));
    }

    #[tokio::test]
    async fn a_weak_passphrase_is_refused_for_a_new_store_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let error = Store::create(dir.path(), Unlock::Passphrase(Secret::new("Password123!")))
            .await
            .unwrap_err();
        assert_eq!(error.code(), "passphrase_too_weak");
        assert!(error.to_string().contains("common password"), "{error}");
        assert!(
            !dir.path().join("store.json").exists(),
            "nothing was written"
        );
    }
}
