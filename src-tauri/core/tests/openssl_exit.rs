//! OpenSSL is not torn down while the process ends (store/openssl_setup.rs): its clean-up at
//! exit, racing a store thread still ending, made a finished `intandem` command abort with
//! "double free or corruption". Each case runs in a child process (this test binary run
//! again) that uses SQLCipher and exits; a handler registered before anything else runs
//! after every other exit handler and asks libcrypto whether it still works
//! (`OPENSSL_init_crypto` fails once OpenSSL was cleaned up).
//!
//! The keyring case: a keyring store's key is read before the database is opened, so
//! there the first use of OpenSSL is the Secret Service session's own crypto (its key
//! exchange), not SQLCipher. It needs a reachable Secret Service (`make test` has one).
#![cfg(target_os = "linux")]

mod store_support;

use std::process::Command;

use intandem_core::store::{Keyring, Store, Unlock};
use intandem_core::Secret;
use sqlx::ConnectOptions;
use store_support::{keyring_account, os_entry};

/// Which case the child runs (the test binary's own environment variable).
const CHILD: &str = "INTANDEM_TEST_OPENSSL_EXIT_CHILD";
/// The child's exit status when libcrypto was cleaned up before the last handler ran.
const CLEANED_UP: i32 = 42;
/// ... and when it still worked.
const STILL_UP: i32 = 7;
/// The keyring child found no Secret Service to use.
const NO_KEYRING: i32 = 9;

extern "C" {
    // libcrypto's own initialisation (linked through the `openssl` crate): 1 on success, 0
    // once OPENSSL_cleanup has run.
    fn OPENSSL_init_crypto(opts: u64, settings: *const std::ffi::c_void) -> std::ffi::c_int;
}

extern "C" fn last_exit_handler() {
    // SAFETY: libcrypto is linked; a null settings pointer is allowed.
    let alive = unsafe { OPENSSL_init_crypto(0, std::ptr::null()) } == 1;
    // SAFETY: ends the process at once, as the last exit handler would have.
    unsafe { libc::_exit(if alive { STILL_UP } else { CLEANED_UP }) }
}

/// How a child first uses OpenSSL.
enum FirstUse {
    /// SQLCipher through the store (as the app and the CLI use it), with a passphrase.
    PassphraseStore,
    /// SQLCipher through a bare sqlx connection.
    BareSqlcipher,
    /// A keyring store: the keyring's session crypto comes before SQLCipher. Its keyring
    /// entry is removed again.
    KeyringStore,
}

/// The child's body: the exit handler first, then OpenSSL used as `first_use` says; then
/// an ordinary exit.
fn run_child(first_use: FirstUse) -> ! {
    // SAFETY: registers a plain extern "C" function.
    assert_eq!(unsafe { libc::atexit(last_exit_handler) }, 0);
    let dir = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        match first_use {
            FirstUse::PassphraseStore => {
                let store = Store::create(
                    dir.path(),
                    Unlock::Passphrase(Secret::new("correct horse battery staple")),
                )
                .await
                .expect("a SQLCipher store is created");
                store.close().await;
            }
            FirstUse::BareSqlcipher => {
                let mut connection = sqlx::sqlite::SqliteConnectOptions::new()
                    .filename(dir.path().join("bare.db"))
                    .pragma("key", "'correct horse battery staple'")
                    .create_if_missing(true)
                    .connect()
                    .await
                    .expect("a bare SQLCipher connection opens");
                sqlx::query("CREATE TABLE t (x)")
                    .execute(&mut connection)
                    .await
                    .unwrap();
                sqlx::Connection::close(connection).await.unwrap();
            }
            FirstUse::KeyringStore => {
                if Keyring::os().probe().await.is_err() {
                    // SAFETY: ends the process at once, before any exit handler.
                    unsafe { libc::_exit(NO_KEYRING) }
                }
                let store = Store::create(dir.path(), Unlock::Keyring(Keyring::os()))
                    .await
                    .expect("a keyring store is created");
                store.close().await;
                remove_keyring_entry(dir.path());
            }
        }
    });
    drop(runtime);
    std::process::exit(0);
}

/// Leaves the keyring as it was: removes the entry the store at `dir` made.
fn remove_keyring_entry(dir: &std::path::Path) {
    os_entry(&keyring_account(dir)).delete_credential().unwrap();
}

fn child_status(case: &str) -> i32 {
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", case, "--nocapture", "--test-threads=1"])
        .env(CHILD, case)
        .status()
        .unwrap();
    status
        .code()
        .expect("the child exits, not killed by a signal")
}

#[test]
fn sqlcipher_left_to_initialise_openssl_leaves_it_to_be_torn_down_at_exit() {
    if std::env::var(CHILD).is_ok() {
        run_child(FirstUse::BareSqlcipher);
    }
    // The hazard itself: if this ever changes, the store's initialisation may no longer
    // be needed.
    assert_eq!(
        child_status("sqlcipher_left_to_initialise_openssl_leaves_it_to_be_torn_down_at_exit"),
        CLEANED_UP
    );
}

#[test]
fn a_process_that_used_the_store_keeps_openssl_working_until_its_last_exit_handler() {
    if std::env::var(CHILD).is_ok() {
        run_child(FirstUse::PassphraseStore);
    }
    assert_eq!(
        child_status(
            "a_process_that_used_the_store_keeps_openssl_working_until_its_last_exit_handler"
        ),
        STILL_UP
    );
}

#[test]
fn a_process_whose_first_openssl_use_is_the_keyring_keeps_openssl_working_until_its_last_exit_handler(
) {
    if std::env::var(CHILD).is_ok() {
        run_child(FirstUse::KeyringStore);
    }
    let status = child_status(
        "a_process_whose_first_openssl_use_is_the_keyring_keeps_openssl_working_until_its_last_exit_handler",
    );
    if status == NO_KEYRING {
        assert_ne!(
            std::env::var("INTANDEM_REQUIRE_KEYRING").as_deref(),
            Ok("1"),
            "INTANDEM_REQUIRE_KEYRING=1 but no keyring is reachable"
        );
        eprintln!("no OS keyring here: the keyring case was not run");
        return;
    }
    assert_eq!(status, STILL_UP);
}
