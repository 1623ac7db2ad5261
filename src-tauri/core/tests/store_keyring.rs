//! The keyring path against the real OS keyring: on Linux a Secret Service such as
//! gnome-keyring. Headless, for example:
//!
//! ```sh
//! XDG_DATA_HOME=$(mktemp -d) dbus-run-session -- sh -c \
//!   'echo -n intandem-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
//!    cargo test -p intandem-core --test store_keyring'
//! ```
//! The unlock password must not be empty: with an empty one gnome-keyring creates no
//! login collection, and storing fails ("result not returned from SS API"). A fresh
//! `XDG_DATA_HOME` keeps that throwaway keyring out of the user's own.
//!
//! With `INTANDEM_REQUIRE_KEYRING=1` (as `make test` sets it) a missing Secret
//! Service fails these tests. Without it they check the documented fallback
//! instead: the keyring is reported as `no_keyring` and nothing is created.
//!
//! Linux only: the checks look into the Secret Service directly.
#![cfg(target_os = "linux")]

mod store_support;

use std::time::Instant;

use intandem_core::store::{KeySource, Keyring, Store, StoreState, Unlock};
use store_support::*;

fn keyring_required() -> bool {
    std::env::var("INTANDEM_REQUIRE_KEYRING").is_ok_and(|value| value == "1")
}

/// `Ok` if the OS keyring can be used here; otherwise checks the fallback, and
/// fails if the keyring was required.
async fn os_keyring_or_fallback(dir: &std::path::Path) -> Option<Keyring> {
    let keyring = Keyring::os();
    match keyring.probe().await {
        Ok(()) => Some(keyring),
        Err(error) => {
            assert!(
                !keyring_required(),
                "INTANDEM_REQUIRE_KEYRING=1 but no keyring is reachable: {error}"
            );
            assert_eq!(error.code(), "no_keyring", "{error}");
            let create = Store::create(dir, Unlock::Keyring(Keyring::os()))
                .await
                .unwrap_err();
            assert_eq!(create.code(), "no_keyring", "{create}");
            assert!(create.to_string().contains("passphrase"), "{create}");
            assert_eq!(Store::inspect(dir).unwrap(), StoreState::Uninitialized);
            eprintln!("no OS keyring here: checked the no_keyring fallback instead ({error})");
            None
        }
    }
}

#[tokio::test]
async fn the_os_keyring_holds_the_key_of_a_created_store_and_unlocks_it() {
    let dir = tempfile::tempdir().unwrap();
    let Some(keyring) = os_keyring_or_fallback(dir.path()).await else {
        return;
    };

    let started = Instant::now();
    let store = Store::create(dir.path(), Unlock::Keyring(keyring.clone()))
        .await
        .unwrap();
    eprintln!("keyring create: {:?}", started.elapsed());
    assert_eq!(store.key_source(), KeySource::Keyring);
    let profile = store
        .profiles()
        .add(sandbox_profile("Sandbox", CANARY_DIRECTORY_TOKEN), "test")
        .await
        .unwrap();
    store.close().await;
    for path in database_files(dir.path()) {
        assert!(!file_contains(&path, CANARY_DIRECTORY_TOKEN));
    }

    let account = keyring_account(dir.path());
    let key_in_keyring = os_entry(&account).get_password().unwrap();
    assert_eq!(key_in_keyring.len(), 64);
    assert!(!file_contains(
        &dir.path().join("store.json"),
        &key_in_keyring
    ));

    let started = Instant::now();
    let store = Store::open(dir.path(), Unlock::Keyring(Keyring::os()))
        .await
        .unwrap();
    eprintln!(
        "keyring unlock (Secret Service read + SQLCipher open): {:?}",
        started.elapsed()
    );
    let reread = store.profiles().get(profile.id).await.unwrap().unwrap();
    assert_eq!(reread.directory_token.expose(), CANARY_DIRECTORY_TOKEN);
    store.close().await;

    // The entry gone: the store says so, rather than looking like a first run.
    os_entry(&account).delete_credential().unwrap();
    let error = Store::open(dir.path(), Unlock::Keyring(Keyring::os()))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "key_missing", "{error}");
}

#[tokio::test]
async fn a_replaced_os_keyring_entry_gives_the_wrong_key_error() {
    let dir = tempfile::tempdir().unwrap();
    let Some(keyring) = os_keyring_or_fallback(dir.path()).await else {
        return;
    };
    Store::create(dir.path(), Unlock::Keyring(keyring.clone()))
        .await
        .unwrap()
        .close()
        .await;
    let account = keyring_account(dir.path());
    let entry = os_entry(&account);
    entry.set_password(&"5a".repeat(32)).unwrap();
    let error = Store::open(dir.path(), Unlock::Keyring(keyring))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "wrong_key", "{error}");
    entry.delete_credential().unwrap();
}

#[tokio::test]
async fn the_passphrase_path_works_whether_or_not_a_keyring_exists() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let store = Store::create(dir.path(), passphrase()).await.unwrap();
    eprintln!("passphrase create: {:?}", started.elapsed());
    store.close().await;
    let started = Instant::now();
    let store = Store::open(dir.path(), passphrase()).await.unwrap();
    eprintln!("passphrase unlock: {:?}", started.elapsed());
    assert_eq!(store.key_source(), KeySource::Passphrase);
    store.integrity_check().await.unwrap();
}

/// Run in a child process with an unreachable D-Bus by the next test.
#[tokio::test]
#[ignore = "a helper the no-keyring test runs in a child process"]
async fn child_opens_a_keyring_store_without_a_reachable_keyring() {
    let dir = std::env::var("INTANDEM_STORE_TEST_DIR").expect("run by the no-keyring test");
    let error = Store::open(dir.as_ref(), Unlock::Keyring(Keyring::os()))
        .await
        .unwrap_err();
    assert_eq!(error.code(), "no_keyring", "{error}");
    assert!(error.to_string().contains("passphrase"), "{error}");
    println!("NO_KEYRING_REPORTED");
}

#[tokio::test]
async fn opening_a_keyring_store_without_a_reachable_keyring_reports_no_keyring() {
    let dir = tempfile::tempdir().unwrap();
    let (keyring, _mock) = mock_keyring();
    Store::create(dir.path(), Unlock::Keyring(keyring))
        .await
        .unwrap()
        .close()
        .await;
    let output = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_opens_a_keyring_store_without_a_reachable_keyring",
            "--include-ignored",
            "--nocapture",
        ])
        .env("INTANDEM_STORE_TEST_DIR", dir.path())
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/intandem-test-bus",
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.contains("NO_KEYRING_REPORTED"),
        "the child failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[tokio::test]
async fn a_store_key_kept_by_the_earlier_zbus_based_release_still_unlocks_the_store() {
    use keyring_core::api::CredentialStoreApi;
    let dir = tempfile::tempdir().unwrap();
    let Some(keyring) = os_keyring_or_fallback(dir.path()).await else {
        return;
    };
    let store = Store::create(dir.path(), Unlock::Keyring(keyring.clone()))
        .await
        .unwrap();
    store
        .profiles()
        .add(sandbox_profile("Sandbox", CANARY_DIRECTORY_TOKEN), "test")
        .await
        .unwrap();
    store.close().await;
    let account = keyring_account(dir.path());
    // The entry rewritten as the zbus-based store wrote it (same service, user, target).
    let key = os_entry(&account).get_password().unwrap();
    os_entry(&account).delete_credential().unwrap();
    let earlier = zbus_secret_service_keyring_store::Store::new()
        .unwrap()
        .build(Keyring::service_name(), &account, None)
        .unwrap();
    earlier.set_password(&key).unwrap();

    let store = Store::open(dir.path(), Unlock::Keyring(Keyring::os()))
        .await
        .unwrap();
    assert_eq!(store.profiles().list().await.unwrap().len(), 1);
    store.close().await;
    // And what the console deletes is gone for the earlier store too: one entry, not two.
    os_entry(&account).delete_credential().unwrap();
    assert!(matches!(
        earlier.get_password(),
        Err(keyring_core::Error::NoEntry)
    ));
}
