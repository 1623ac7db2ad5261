//! The store against real files: encryption at rest, the key settings file, every
//! way unlocking can go wrong, and durability of a created app across SIGKILL.
//! Keyring paths here use keyring-core's mock store; `store_keyring.rs` runs them
//! against a real Secret Service.

mod store_support;

use std::fs;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use intandem_core::store::{
    KeySource, NewOAuthRun, OAuthOutcome, OAuthRunFinish, Store, StoreState, Unlock,
};
use intandem_core::Secret;
use keyring_core::api::CredentialStoreApi;
use serde_json::json;
use store_support::*;
use time::OffsetDateTime;

#[tokio::test]
async fn canary_secrets_never_appear_in_the_database_or_its_wal_and_shm_files() {
    let dir = tempfile::tempdir().unwrap();
    let (store, profile) = passphrase_store_with_profile(dir.path()).await;
    store
        .record_created_app(
            profile.id,
            &created_app_record("canaryapp"),
            canary_credentials(),
            "test",
        )
        .await
        .unwrap();
    store
        .app_tokens()
        .record_created(
            profile.id,
            &code("canaryapp"),
            Secret::new(CANARY_APP_TOKEN),
            "test",
        )
        .await
        .unwrap();
    let run = store
        .oauth_runs()
        .start(NewOAuthRun {
            profile_id: profile.id,
            app_code_name: code("canaryapp"),
            started_at: OffsetDateTime::now_utc(),
            state: Secret::new("state-nonce"),
            pkce_verifier: Some(Secret::new(CANARY_VERIFIER)),
            redirect_uri: "http://127.0.0.1/callback".into(),
        })
        .await
        .unwrap();
    store
        .oauth_runs()
        .finish(
            run,
            OAuthRunFinish {
                finished_at: OffsetDateTime::now_utc(),
                outcome: OAuthOutcome::Succeeded,
                error: None,
                timeline: json!([{"step": "exchange", "status": 200}]),
                access_token: Some(Secret::new(CANARY_ACCESS_TOKEN)),
                userinfo: Some(json!({"email": "user@example.com"})),
            },
        )
        .await
        .unwrap();

    let canaries = [
        CANARY_DIRECTORY_TOKEN,
        CANARY_CLIENT_SECRET,
        CANARY_APP_TOKEN,
        CANARY_ACCESS_TOKEN,
        CANARY_VERIFIER,
        "client-id-123",
        "canaryapp",
    ];
    let check = |moment: &str| {
        let [db, wal, _] = database_files(dir.path());
        assert!(
            fs::metadata(&db).unwrap().len() > 0,
            "{moment}: the database has content"
        );
        if moment == "while open" {
            assert!(
                fs::metadata(&wal).unwrap().len() > 0,
                "{moment}: the WAL has content"
            );
        }
        for path in database_files(dir.path()) {
            for canary in canaries {
                assert!(
                    !file_contains(&path, canary),
                    "{moment}: {canary} is readable in {}",
                    path.display()
                );
            }
        }
        for canary in [PASSPHRASE, CANARY_CLIENT_SECRET, CANARY_DIRECTORY_TOKEN] {
            assert!(!file_contains(&dir.path().join("store.json"), canary));
        }
    };
    check("while open");
    store.close().await;
    check("after close");

    // The secrets are really there, behind the key.
    let store = Store::open(dir.path(), passphrase()).await.unwrap();
    let credentials = store
        .credentials()
        .get(profile.id, &code("canaryapp"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(credentials.client_secret.expose(), CANARY_CLIENT_SECRET);
    store.integrity_check().await.unwrap();
}

#[tokio::test]
async fn the_canary_scan_finds_a_secret_in_a_plaintext_sqlite_file() {
    // Control for the test above: the same scan does see a secret written to an
    // unencrypted SQLite file, in the WAL as well as after a checkpoint.
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
    use sqlx::ConnectOptions;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.db");
    let mut connection = SqliteConnectOptions::new()
        .filename(&path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .connect()
        .await
        .unwrap();
    sqlx::query("CREATE TABLE t (secret TEXT)")
        .execute(&mut connection)
        .await
        .unwrap();
    sqlx::query("INSERT INTO t VALUES (?)")
        .bind(CANARY_CLIENT_SECRET)
        .execute(&mut connection)
        .await
        .unwrap();
    let wal = dir.path().join("plain.db-wal");
    assert!(file_contains(&wal, CANARY_CLIENT_SECRET));
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(&mut connection)
        .await
        .unwrap();
    assert!(file_contains(&path, CANARY_CLIENT_SECRET));
}

#[tokio::test]
async fn a_wrong_passphrase_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = passphrase_store_with_profile(dir.path()).await;
    store.close().await;

    let error = Store::open(
        dir.path(),
        Unlock::Passphrase(Secret::new("correct horse battery stapler")),
    )
    .await
    .unwrap_err();
    assert_eq!(error.code(), "wrong_key");
    assert_eq!(
        error.to_string(),
        format!(
            "the store at {} could not be decrypted: the passphrase is wrong or the keyring \
             entry was replaced",
            dir.path().join("store.db").display()
        )
    );
    // Refusing did not damage anything.
    let store = Store::open(dir.path(), passphrase()).await.unwrap();
    assert_eq!(store.profiles().list().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_replaced_keyring_entry_is_refused_as_a_wrong_key() {
    let dir = tempfile::tempdir().unwrap();
    let (keyring, mock) = mock_keyring();
    Store::create(dir.path(), Unlock::Keyring(keyring.clone()))
        .await
        .unwrap()
        .close()
        .await;
    let account = keyring_account(dir.path());
    let entry = mock.build("intandem-console-dev", &account, None).unwrap();
    entry.set_password(&"ab".repeat(32)).unwrap();

    let error = Store::open(dir.path(), Unlock::Keyring(keyring.clone()))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "wrong_key");

    entry.set_password("not even a key").unwrap();
    let error = Store::open(dir.path(), Unlock::Keyring(keyring))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "wrong_key");
}

#[tokio::test]
async fn a_deleted_keyring_entry_is_told_apart_from_a_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let (keyring, mock) = mock_keyring();
    assert_eq!(
        Store::inspect(dir.path()).unwrap(),
        StoreState::Uninitialized
    );
    Store::create(dir.path(), Unlock::Keyring(keyring.clone()))
        .await
        .unwrap()
        .close()
        .await;
    assert_eq!(
        Store::inspect(dir.path()).unwrap(),
        StoreState::Locked {
            key_source: KeySource::Keyring
        }
    );
    let account = keyring_account(dir.path());
    mock.build("intandem-console-dev", &account, None)
        .unwrap()
        .delete_credential()
        .unwrap();

    let error = Store::open(dir.path(), Unlock::Keyring(keyring.clone()))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "key_missing");
    let message = error.to_string();
    assert!(message.contains(&account), "{message}");
    assert!(message.contains("intandem-console-dev"), "{message}");
    // And create will not paper over it.
    let error = Store::create(dir.path(), Unlock::Keyring(keyring))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "already_exists");
}

#[tokio::test]
async fn the_keyring_path_creates_a_random_key_per_data_directory() {
    let (keyring, mock) = mock_keyring();
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    for dir in [&first, &second] {
        let store = Store::create(dir.path(), Unlock::Keyring(keyring.clone()))
            .await
            .unwrap();
        assert_eq!(store.key_source(), KeySource::Keyring);
        store.close().await;
    }
    let (a, b) = (
        keyring_account(first.path()),
        keyring_account(second.path()),
    );
    assert_ne!(a, b, "two data directories share a keyring account");
    let key = |account: &str| {
        mock.build("intandem-console-dev", account, None)
            .unwrap()
            .get_password()
            .unwrap()
    };
    assert_eq!(key(&a).len(), 64);
    assert_ne!(key(&a), key(&b));

    let store = Store::open(first.path(), Unlock::Keyring(keyring))
        .await
        .unwrap();
    store.integrity_check().await.unwrap();
}

#[tokio::test]
async fn the_passphrase_path_records_its_parameters_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let (store, profile) = passphrase_store_with_profile(dir.path()).await;
    assert_eq!(store.key_source(), KeySource::Passphrase);
    store.close().await;

    let text = fs::read_to_string(dir.path().join("store.json")).unwrap();
    let config: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(config["key_source"], "passphrase");
    assert_eq!(config["kdf"]["algorithm"], "argon2id");
    assert_eq!(config["kdf"]["m_kib"], 65536);
    assert_eq!(config["kdf"]["t"], 3);
    assert_eq!(config["kdf"]["p"], 1);
    assert_eq!(config["kdf"]["salt_hex"].as_str().unwrap().len(), 32);
    assert_eq!(
        Store::inspect(dir.path()).unwrap(),
        StoreState::Locked {
            key_source: KeySource::Passphrase
        }
    );

    let started = Instant::now();
    let store = Store::open(dir.path(), passphrase()).await.unwrap();
    eprintln!(
        "passphrase unlock (Argon2id + SQLCipher open + migrations): {:?}",
        started.elapsed()
    );
    let reread = store.profiles().current().await.unwrap().unwrap();
    assert_eq!(reread, profile);
    assert_eq!(reread.directory_token.expose(), CANARY_DIRECTORY_TOKEN);
}

#[tokio::test]
async fn a_short_passphrase_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let error = Store::create(dir.path(), Unlock::Passphrase(Secret::new("short")))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "passphrase_too_short");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[tokio::test]
async fn opening_never_creates_a_database() {
    let dir = tempfile::tempdir().unwrap();
    let error = Store::open(dir.path(), passphrase()).await.unwrap_err();
    assert_eq!(error.code(), "not_initialized");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);

    // Key settings without a database: still nothing is created.
    let (store, _) = passphrase_store_with_profile(dir.path()).await;
    store.close().await;
    for path in database_files(dir.path()) {
        let _ = fs::remove_file(path);
    }
    assert_eq!(
        Store::inspect(dir.path()).unwrap(),
        StoreState::DatabaseMissing {
            key_source: KeySource::Passphrase
        }
    );
    let error = Store::open(dir.path(), passphrase()).await.unwrap_err();
    assert_eq!(error.code(), "database_missing");
    assert!(!dir.path().join("store.db").exists());

    // Starting over is allowed there, and gives an empty store.
    let store = Store::create(dir.path(), passphrase()).await.unwrap();
    assert!(store.profiles().list().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_database_without_its_key_settings_cannot_be_unlocked_or_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = passphrase_store_with_profile(dir.path()).await;
    store.close().await;
    fs::remove_file(dir.path().join("store.json")).unwrap();

    assert_eq!(
        Store::inspect(dir.path()).unwrap(),
        StoreState::ConfigMissing
    );
    let error = Store::open(dir.path(), passphrase()).await.unwrap_err();
    assert_eq!(error.code(), "config_missing");
    assert!(error.to_string().contains("restore"), "{error}");
    let error = Store::create(dir.path(), passphrase()).await.unwrap_err();
    assert_eq!(error.code(), "already_exists");
}

#[tokio::test]
async fn a_plaintext_database_is_refused() {
    use sqlx::sqlite::SqliteConnectOptions;
    use sqlx::ConnectOptions;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = passphrase_store_with_profile(dir.path()).await;
    store.close().await;
    for path in database_files(dir.path()) {
        let _ = fs::remove_file(path);
    }
    // Someone (or a build without SQLCipher) wrote an unencrypted file in its place.
    let mut plain = SqliteConnectOptions::new()
        .filename(dir.path().join("store.db"))
        .create_if_missing(true)
        .connect()
        .await
        .unwrap();
    sqlx::query("CREATE TABLE profiles (id INTEGER)")
        .execute(&mut plain)
        .await
        .unwrap();
    drop(plain);

    let error = Store::open(dir.path(), passphrase()).await.unwrap_err();
    assert_eq!(error.code(), "plaintext_database");
}

#[tokio::test]
async fn unlocking_with_the_other_key_source_names_the_right_one() {
    let dir = tempfile::tempdir().unwrap();
    let (keyring, _mock) = mock_keyring();
    let (store, _) = passphrase_store_with_profile(dir.path()).await;
    store.close().await;
    let error = Store::open(dir.path(), Unlock::Keyring(keyring))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "unlock_method_mismatch");
    assert!(
        error
            .to_string()
            .contains("protected by a passphrase, not by the OS keyring"),
        "{error}"
    );
}

#[tokio::test]
async fn a_failed_create_leaves_no_key_settings_file_or_keyring_entry_behind() {
    let dir = tempfile::tempdir().unwrap();
    let (keyring, mock) = mock_keyring();
    // A directory where the key settings file should go makes writing it fail,
    // after the key has been put in the keyring.
    fs::create_dir(dir.path().join("store.json")).unwrap();
    let error = Store::create(dir.path(), Unlock::Keyring(keyring))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "io", "{error}");
    assert!(!dir.path().join("store.db").exists());
    let spec = std::collections::HashMap::from([("service", "intandem-console-dev")]);
    for entry in mock.search(&spec).unwrap() {
        assert!(
            matches!(entry.get_password(), Err(keyring_core::Error::NoEntry)),
            "a key was left in the keyring"
        );
    }
}

#[cfg(unix)]
#[tokio::test]
async fn the_store_files_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("data");
    let (store, _) = passphrase_store_with_profile(&dir).await;
    let mode = |path: &std::path::Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    for path in database_files(&dir) {
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{}", path.display());
        }
    }
    assert_eq!(mode(&dir.join("store.json")), 0o600);
    store.close().await;
}

/// Run in a child process by the next test: records a created app, says so on
/// stdout, then waits to be killed.
#[tokio::test]
#[ignore = "a helper the SIGKILL test runs in a child process"]
async fn child_records_a_created_app_then_waits_to_be_killed() {
    let dir = std::env::var("INTANDEM_STORE_TEST_DIR").expect("run by the SIGKILL test");
    let store = Store::open(dir.as_ref(), passphrase()).await.unwrap();
    let profile = store.profiles().current().await.unwrap().unwrap();
    store
        .record_created_app(
            profile.id,
            &created_app_record("survivor"),
            canary_credentials(),
            "child",
        )
        .await
        .unwrap();
    // libtest has printed "test <name> ... " without a newline: mark a line of our own.
    println!("\nSTORE_CHILD_RECORDED");
    tokio::time::sleep(Duration::from_secs(60)).await;
    panic!("the child was not killed");
}

#[cfg(unix)]
#[tokio::test]
async fn credentials_recorded_before_a_sigkill_are_there_on_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (store, profile) = passphrase_store_with_profile(dir.path()).await;
    store.close().await;

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_records_a_created_app_then_waits_to_be_killed",
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("INTANDEM_STORE_TEST_DIR", dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut recorded = false;
    for line in stdout.lines() {
        if line.unwrap().contains("STORE_CHILD_RECORDED") {
            recorded = true;
            break;
        }
    }
    assert!(recorded, "the child never recorded the app");
    child.kill().unwrap(); // SIGKILL: no destructors, no checkpoint, no close
    let status = child.wait().unwrap();
    assert!(!status.success());
    assert!(
        fs::metadata(dir.path().join("store.db-wal")).unwrap().len() > 0,
        "the commit is in the WAL, not yet checkpointed"
    );

    let store = Store::open(dir.path(), passphrase()).await.unwrap();
    let credentials = store
        .credentials()
        .get(profile.id, &code("survivor"))
        .await
        .unwrap()
        .expect("the credentials survived the kill");
    assert_eq!(credentials.client_secret.expose(), CANARY_CLIENT_SECRET);
    assert!(store
        .apps_cache()
        .get(profile.id, &code("survivor"))
        .await
        .unwrap()
        .is_some());
    store.integrity_check().await.unwrap();
}
