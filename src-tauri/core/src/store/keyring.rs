//! The OS keyring as the home of the store key, through `keyring-core`: the Secret
//! Service (through libdbus) on Linux, the Keychain on macOS, the Credential Manager on Windows.
//!
//! Entries are namespaced by build: the service is `intandem-console` in release
//! builds and `intandem-console-dev` in debug builds, so a dev build never reads or
//! clobbers a user's real key. The account is the random per-data-directory id
//! recorded in `store.json`, so two data directories never share a key.
//!
//! keyring-core is synchronous (and the Secret Service may sit behind a D-Bus
//! prompt), so every call runs on the blocking pool with a deadline. A call the keyring
//! service dropped by quitting or crashing is tried once more: D-Bus starts the service
//! again for it (a session's keyring daemon is started on demand).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use keyring_core::{CredentialStore, Entry};

use super::key::StoreKey;
use super::StoreError;
use crate::Secret;

/// How long to wait for the keyring before telling the user it is unreachable (an
/// unlock prompt may be showing, so this is generous).
const KEYRING_DEADLINE: Duration = Duration::from_secs(60);

/// How long to wait before trying again a call the keyring service dropped: the time for
/// D-Bus to see it gone.
const RETRY_AFTER: Duration = Duration::from_millis(250);

/// What a call the keyring service dropped (it quit or crashed) says.
const STOPPED_ANSWERING: &str =
    "the keyring service stopped answering (it may have quit or crashed)";

const RELEASE_SERVICE: &str = "intandem-console";
const DEBUG_SERVICE: &str = "intandem-console-dev";

/// A keyring the store key can be kept in: the OS keyring, or any keyring-core
/// store (tests use `keyring_core::mock::Store`).
#[derive(Clone)]
pub struct Keyring {
    backend: Backend,
}

#[derive(Clone)]
enum Backend {
    /// Connected on each use, so a keyring that starts later is picked up.
    Os,
    Custom(Arc<CredentialStore>),
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.backend {
            Backend::Os => f.write_str("Keyring(os)"),
            Backend::Custom(store) => write!(f, "Keyring({})", store.vendor()),
        }
    }
}

/// What reading the key from the keyring found.
pub(crate) enum KeyringRead {
    Found(StoreKey),
    Missing,
    /// An entry exists but does not hold one of our keys.
    Malformed,
}

impl Keyring {
    /// The keyring of this operating system.
    pub fn os() -> Self {
        Self {
            backend: Backend::Os,
        }
    }

    /// Any keyring-core credential store.
    pub fn with_store(store: Arc<CredentialStore>) -> Self {
        Self {
            backend: Backend::Custom(store),
        }
    }

    /// The keyring service name of this build.
    pub fn service_name() -> &'static str {
        if cfg!(debug_assertions) {
            DEBUG_SERVICE
        } else {
            RELEASE_SERVICE
        }
    }

    /// Whether the keyring can be reached now; [`StoreError::NoKeyring`] if not. A
    /// front end calls this on first run to decide whether to ask for a passphrase.
    pub async fn probe(&self) -> Result<(), StoreError> {
        let backend = self.backend.clone();
        run_twice_if_dropped("connecting to the keyring", move || {
            backend.connect().map(drop)
        })
        .await
    }

    pub(crate) async fn write_key(&self, account: &str, key: &StoreKey) -> Result<(), StoreError> {
        let backend = self.backend.clone();
        let account = account.to_owned();
        let text = key.as_keyring_text().clone();
        run_twice_if_dropped("storing the store key", move || {
            let entry = backend.entry(&account)?;
            entry
                .set_password(text.expose())
                .map_err(|error| operation_error("storing the store key", error))
        })
        .await
    }

    pub(crate) async fn read_key(&self, account: &str) -> Result<KeyringRead, StoreError> {
        let backend = self.backend.clone();
        let account = account.to_owned();
        run_twice_if_dropped("reading the store key", move || {
            let entry = backend.entry(&account)?;
            match entry.get_password() {
                Ok(text) => Ok(match StoreKey::from_keyring_text(Secret::new(text)) {
                    Some(key) => KeyringRead::Found(key),
                    None => KeyringRead::Malformed,
                }),
                Err(keyring_core::Error::NoEntry) => Ok(KeyringRead::Missing),
                Err(keyring_core::Error::BadEncoding(_)) => Ok(KeyringRead::Malformed),
                Err(error) => Err(operation_error("reading the store key", error)),
            }
        })
        .await
    }

    /// Deletes the key; deleting a key that is not there is not an error.
    pub(crate) async fn delete_key(&self, account: &str) -> Result<(), StoreError> {
        let backend = self.backend.clone();
        let account = account.to_owned();
        run_twice_if_dropped("deleting the store key", move || {
            let entry = backend.entry(&account)?;
            match entry.delete_credential() {
                Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
                Err(error) => Err(operation_error("deleting the store key", error)),
            }
        })
        .await
    }
}

impl Backend {
    fn connect(&self) -> Result<Arc<CredentialStore>, StoreError> {
        match self {
            Backend::Custom(store) => Ok(store.clone()),
            Backend::Os => os_credential_store().map_err(|error| StoreError::NoKeyring {
                reason: describe(&error),
            }),
        }
    }

    fn entry(&self, account: &str) -> Result<Entry, StoreError> {
        self.connect()?
            .build(Keyring::service_name(), account, None)
            .map_err(|error| operation_error("addressing the store key", error))
    }
}

#[cfg(target_os = "linux")]
fn os_credential_store() -> keyring_core::Result<Arc<CredentialStore>> {
    // The session's key exchange may be this process's first use of OpenSSL.
    super::openssl_setup::init_openssl();
    let store: Arc<CredentialStore> = dbus_secret_service_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn os_credential_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "windows")]
fn os_credential_store() -> keyring_core::Result<Arc<CredentialStore>> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
fn os_credential_store() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(keyring_core::Error::NoDefaultStore)
}

/// Failures that mean "the keyring is not there (or not usable) right now" become
/// [`StoreError::NoKeyring`], the cue to fall back to a passphrase; the rest are
/// reported as keyring failures.
fn operation_error(operation: &'static str, error: keyring_core::Error) -> StoreError {
    match error {
        keyring_core::Error::PlatformFailure(_)
        | keyring_core::Error::NoStorageAccess(_)
        | keyring_core::Error::NoDefaultStore => StoreError::NoKeyring {
            reason: format!("{operation}: {}", describe(&error)),
        },
        error => StoreError::Keyring {
            operation,
            reason: describe(&error),
        },
    }
}

/// keyring-core's message in plain words (its own, with D-Bus paths and error names, goes
/// to the debug log), except where its `Display` would list entries.
fn describe(error: &keyring_core::Error) -> String {
    let raw = error.to_string();
    tracing::debug!(error = %raw, "keyring");
    if let Some(plain) = plain_reason(&raw) {
        return plain.to_owned();
    }
    match error {
        keyring_core::Error::Ambiguous(entries) => {
            format!(
                "{} keyring entries match where one was expected",
                entries.len()
            )
        }
        keyring_core::Error::NoDefaultStore => {
            "this platform has no keyring the console can use".to_owned()
        }
        other => other.to_string(),
    }
}

/// What a Secret Service failure means for a person, when its raw text says.
fn plain_reason(raw: &str) -> Option<&'static str> {
    let raw = raw.to_ascii_lowercase();
    if raw.contains("noreply")
        || raw.contains("disconnected")
        || raw.contains("result not returned")
    {
        Some(STOPPED_ANSWERING)
    } else if raw.contains("serviceunknown") || raw.contains("org.freedesktop.secrets") {
        Some("no keyring service (such as GNOME Keyring or KWallet) is running in this session")
    } else if raw.contains("dbus")
        || raw.contains("d-bus")
        || raw.contains("/bus")
        || raw.contains("zbus")
    {
        Some("this session has no connection to a keyring service (no D-Bus session bus was found)")
    } else if raw.contains("locked") || raw.contains("dismissed") || raw.contains("prompt") {
        Some("the keyring is locked, or its unlock prompt was dismissed")
    } else {
        None
    }
}

/// Runs `work` (one keyring call, which writing, reading or deleting the same value again
/// cannot harm) and, if the keyring service dropped it, once more after [`RETRY_AFTER`].
async fn run_twice_if_dropped<T: Send + 'static>(
    operation: &'static str,
    work: impl Fn() -> Result<T, StoreError> + Send + Sync + 'static,
) -> Result<T, StoreError> {
    // One body per result type, not one per call site.
    let work: Arc<dyn Fn() -> Result<T, StoreError> + Send + Sync> = Arc::new(work);
    let first = {
        let work = work.clone();
        run_blocking(operation, move || work()).await
    };
    match first {
        Err(StoreError::NoKeyring { reason }) if reason.ends_with(STOPPED_ANSWERING) => {
            tracing::warn!(
                operation,
                "the keyring service dropped the call; trying once more"
            );
            tokio::time::sleep(RETRY_AFTER).await;
            run_blocking(operation, move || work()).await
        }
        other => other,
    }
}

async fn run_blocking<T: Send + 'static>(
    operation: &'static str,
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    match tokio::time::timeout(KEYRING_DEADLINE, tokio::task::spawn_blocking(work)).await {
        Ok(Ok(result)) => result,
        Ok(Err(join_error)) => Err(StoreError::Keyring {
            operation,
            reason: format!("the keyring call panicked: {join_error}"),
        }),
        Err(_elapsed) => Err(StoreError::NoKeyring {
            reason: format!(
                "{operation}: no answer within {} s (is an unlock prompt waiting?)",
                KEYRING_DEADLINE.as_secs()
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_service_failures_are_said_in_plain_words() {
        let raw = "Platform secure storage failure: zbus error: I/O error: No such file or directory (os error 2) at /run/user/0/bus";
        let plain = plain_reason(raw).unwrap();
        assert!(
            plain.contains("no connection to a keyring service"),
            "{plain}"
        );
        assert!(!plain.contains("/run/user"));
        // libdbus says the same in its own words.
        let raw = "Platform secure storage failure: D-Bus error: Failed to connect to socket /run/user/0/bus: No such file or directory (org.freedesktop.DBus.Error.FileNotFound)";
        assert!(plain_reason(raw)
            .unwrap()
            .contains("no connection to a keyring service"));
        assert!(plain_reason("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided").unwrap().contains("GNOME Keyring"));
        assert!(plain_reason("the collection is locked")
            .unwrap()
            .contains("locked"));
        assert!(plain_reason("org.freedesktop.DBus.Error.NoReply: Message recipient disconnected from message bus without replying").unwrap().contains("stopped answering"));
        assert_eq!(plain_reason("something else"), None);
    }
    use keyring_core::api::CredentialStoreApi;

    fn mock() -> Keyring {
        Keyring::with_store(keyring_core::mock::Store::new().unwrap())
    }

    #[test]
    fn debug_builds_use_their_own_service_name() {
        // Tests are debug builds: they must never touch the release entries.
        assert_eq!(Keyring::service_name(), "intandem-console-dev");
        assert_eq!(format!("{:?}", Keyring::os()), "Keyring(os)");
    }

    #[tokio::test]
    async fn a_key_written_reads_back_and_a_deleted_one_reads_as_missing() {
        let keyring = mock();
        assert!(matches!(
            keyring.read_key("store-a").await.unwrap(),
            KeyringRead::Missing
        ));
        let key = StoreKey::generate();
        keyring.write_key("store-a", &key).await.unwrap();
        match keyring.read_key("store-a").await.unwrap() {
            KeyringRead::Found(found) => assert_eq!(found.as_keyring_text(), key.as_keyring_text()),
            _ => panic!("the key written was not found"),
        }
        assert!(matches!(
            keyring.read_key("store-b").await.unwrap(),
            KeyringRead::Missing
        ));
        keyring.delete_key("store-a").await.unwrap();
        keyring.delete_key("store-a").await.unwrap();
        assert!(matches!(
            keyring.read_key("store-a").await.unwrap(),
            KeyringRead::Missing
        ));
    }

    #[tokio::test]
    async fn an_entry_that_is_not_a_key_reads_as_malformed() {
        let store = keyring_core::mock::Store::new().unwrap();
        let keyring = Keyring::with_store(store.clone());
        store
            .build(Keyring::service_name(), "store-a", None)
            .unwrap()
            .set_password("hunter2")
            .unwrap();
        assert!(matches!(
            keyring.read_key("store-a").await.unwrap(),
            KeyringRead::Malformed
        ));
    }

    #[tokio::test]
    async fn a_platform_failure_is_reported_as_no_keyring() {
        let store = keyring_core::mock::Store::new().unwrap();
        let keyring = Keyring::with_store(store.clone());
        let entry = store
            .build(Keyring::service_name(), "store-a", None)
            .unwrap();
        let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(keyring_core::Error::PlatformFailure(
            "the bus went away".into(),
        ));
        let error = match keyring.read_key("store-a").await {
            Err(error) => error,
            Ok(_) => panic!("the injected failure was not reported"),
        };
        assert_eq!(error.code(), "no_keyring");
        assert!(error.to_string().contains("the bus went away"), "{error}");
    }

    /// The mock's error is for one call: a second try would find the key.
    fn fail_next_call(store: &Arc<keyring_core::mock::Store>, error: keyring_core::Error) {
        let entry = store
            .build(Keyring::service_name(), "store-a", None)
            .unwrap();
        let cred: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
        cred.set_error(error);
    }

    #[tokio::test]
    async fn a_call_the_keyring_service_dropped_by_quitting_is_made_once_more() {
        let store = keyring_core::mock::Store::new().unwrap();
        let keyring = Keyring::with_store(store.clone());
        let key = StoreKey::generate();
        keyring.write_key("store-a", &key).await.unwrap();
        fail_next_call(
            &store,
            keyring_core::Error::PlatformFailure(
                "D-Bus error: Message recipient disconnected from message bus without replying (org.freedesktop.DBus.Error.NoReply)".into(),
            ),
        );
        match keyring.read_key("store-a").await.unwrap() {
            KeyringRead::Found(found) => assert_eq!(found.as_keyring_text(), key.as_keyring_text()),
            _ => panic!("the key was not read on the second try"),
        }
        // A write is tried again the same way.
        fail_next_call(
            &store,
            keyring_core::Error::PlatformFailure("org.freedesktop.DBus.Error.NoReply".into()),
        );
        let other = StoreKey::generate();
        keyring.write_key("store-a", &other).await.unwrap();
        match keyring.read_key("store-a").await.unwrap() {
            KeyringRead::Found(found) => {
                assert_eq!(found.as_keyring_text(), other.as_keyring_text())
            }
            _ => panic!("the key written on the second try was not found"),
        }
    }

    #[tokio::test]
    async fn a_locked_keyring_is_not_asked_twice() {
        let store = keyring_core::mock::Store::new().unwrap();
        let keyring = Keyring::with_store(store.clone());
        keyring
            .write_key("store-a", &StoreKey::generate())
            .await
            .unwrap();
        fail_next_call(
            &store,
            keyring_core::Error::NoStorageAccess("the collection is locked".into()),
        );
        let error = match keyring.read_key("store-a").await {
            Err(error) => error,
            Ok(_) => panic!("a locked keyring was asked again (its prompt would show twice)"),
        };
        assert!(error.to_string().contains("locked"), "{error}");
    }
}
