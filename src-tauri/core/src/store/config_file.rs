//! `store.json`: the small plaintext file beside the database that says how its key
//! is kept (keyring account, or Argon2id parameters and salt). It holds no secret.
//!
//! It is what tells a first run (no file) from a store whose key has gone missing
//! (file present, key absent), and what a front end reads before unlock to know
//! whether to ask for a passphrase. It is written atomically (temporary file,
//! fsync, rename, fsync of the directory) before the database is created.

use std::fs;
use std::io::Write;
use std::path::Path;

use rand::rngs::OsRng;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::key::KdfParams;
use super::{KeySource, StoreError};

/// The version of the file format this build writes and understands.
pub const STORE_CONFIG_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreConfigFile {
    pub version: u32,
    #[serde(flatten)]
    pub key: KeyConfig,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// How the key is kept; the tag is the `key_source` field of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "key_source", rename_all = "snake_case")]
pub enum KeyConfig {
    /// The key is in the OS keyring under this account (the service name depends on
    /// the build: see [`super::Keyring::service_name`]). Each data directory gets its
    /// own random account, so two data directories never share a key.
    Keyring { keyring_account: String },
    /// The key is derived from the user's passphrase with these parameters.
    Passphrase {
        kdf: KdfParams,
        /// Set while the database is being re-encrypted under a key derived with these
        /// (stronger) parameters: if that was interrupted, the database opens with one
        /// of the two keys, and `open` finishes the move.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rekeying_to: Option<KdfParams>,
    },
}

impl KeyConfig {
    pub fn key_source(&self) -> KeySource {
        match self {
            KeyConfig::Keyring { .. } => KeySource::Keyring,
            KeyConfig::Passphrase { .. } => KeySource::Passphrase,
        }
    }

    /// A fresh keyring account name for a new data directory.
    pub fn new_keyring_account() -> String {
        let mut id = [0u8; 16];
        OsRng.fill_bytes(&mut id);
        format!("store-{}", hex::encode(id))
    }
}

impl StoreConfigFile {
    pub fn new(key: KeyConfig) -> Self {
        Self {
            version: STORE_CONFIG_VERSION,
            key,
            created_at: super::timestamp::now(),
        }
    }

    pub fn key_source(&self) -> KeySource {
        self.key.key_source()
    }

    /// Reads and validates the file; `Ok(None)` if there is none.
    pub fn read(path: &Path) -> Result<Option<Self>, StoreError> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(StoreError::Io {
                    context: format!("reading the store's key settings {}", path.display()),
                    source: error,
                })
            }
        };
        let invalid = |reason: String| StoreError::ConfigInvalid {
            path: path.to_path_buf(),
            reason,
        };
        // Read the version on its own first, so a newer file gets a clear message
        // rather than a complaint about a field this build does not know.
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let VersionOnly { version } = serde_json::from_str(&text)
            .map_err(|error| invalid(format!("it is not a store settings file: {error}")))?;
        if version != STORE_CONFIG_VERSION {
            return Err(invalid(format!(
                "it has format version {version}, and this build of the console reads only \
                 version {STORE_CONFIG_VERSION}: use a newer console"
            )));
        }
        let config: StoreConfigFile = serde_json::from_str(&text)
            .map_err(|error| invalid(format!("it is damaged: {error}")))?;
        match &config.key {
            KeyConfig::Keyring { keyring_account } if keyring_account.trim().is_empty() => {
                return Err(invalid("its keyring account is empty".to_owned()));
            }
            KeyConfig::Passphrase { kdf, rekeying_to } => {
                if let Some(problem) = kdf.problem().or_else(|| rekeying_to.as_ref()?.problem()) {
                    return Err(invalid(format!("its key derivation settings: {problem}")));
                }
            }
            KeyConfig::Keyring { .. } => {}
        }
        Ok(Some(config))
    }

    /// Writes the file atomically, readable by its owner only.
    pub fn write(&self, path: &Path) -> Result<(), StoreError> {
        let context = || format!("writing the store's key settings {}", path.display());
        let mut text = serde_json::to_string_pretty(self).expect("the settings serialize");
        text.push('\n');
        let temporary = path.with_extension("json.tmp");
        let mut options = fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options
            .open(&temporary)
            .map_err(StoreError::io(context()))?;
        file.write_all(text.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(StoreError::io(context()))?;
        drop(file);
        if let Err(error) = fs::rename(&temporary, path) {
            let _ = fs::remove_file(&temporary);
            return Err(StoreError::io(context())(error));
        }
        sync_directory(path)
    }

    pub fn remove(path: &Path) -> Result<(), StoreError> {
        match fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(error) => Err(StoreError::Io {
                context: format!("removing the store's key settings {}", path.display()),
                source: error,
            }),
        }
    }
}

/// Makes a rename inside the directory durable (a no-op where directories cannot
/// be opened, i.e. Windows).
fn sync_directory(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    if let Some(directory) = path.parent() {
        fs::File::open(directory)
            .and_then(|dir| dir.sync_all())
            .map_err(StoreError::io(format!("syncing {}", directory.display())))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_records_the_key_source_and_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.json");
        assert_eq!(StoreConfigFile::read(&path).unwrap(), None);

        let keyring = StoreConfigFile::new(KeyConfig::Keyring {
            keyring_account: KeyConfig::new_keyring_account(),
        });
        keyring.write(&path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(r#""key_source": "keyring""#), "{text}");
        assert!(text.contains(r#""keyring_account": "store-"#), "{text}");
        assert_eq!(StoreConfigFile::read(&path).unwrap(), Some(keyring));

        let passphrase = StoreConfigFile::new(KeyConfig::Passphrase {
            kdf: KdfParams::generate(),
            rekeying_to: None,
        });
        passphrase.write(&path).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(r#""key_source": "passphrase""#), "{text}");
        assert!(text.contains(r#""algorithm": "argon2id""#), "{text}");
        assert!(text.contains(r#""m_kib": 65536"#), "{text}");
        assert!(!text.contains("rekeying_to"), "{text}");
        assert_eq!(StoreConfigFile::read(&path).unwrap(), Some(passphrase));
        assert!(!dir.path().join("store.json.tmp").exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.json");
        StoreConfigFile::new(KeyConfig::Passphrase {
            kdf: KdfParams::generate(),
            rekeying_to: None,
        })
        .write(&path)
        .unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn a_newer_or_damaged_or_dangerous_file_is_refused_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.json");
        let read_error = |text: &str| {
            fs::write(&path, text).unwrap();
            let error = StoreConfigFile::read(&path).unwrap_err();
            assert_eq!(error.code(), "config_invalid");
            error.to_string()
        };
        assert!(
            read_error(r#"{"version": 2, "key_source": "quantum"}"#).contains("format version 2")
        );
        assert!(read_error("not json").contains("not a store settings file"));
        assert!(
            read_error(r#"{"version": 1, "key_source": "keyring"}"#).contains("damaged"),
            "a keyring file without an account"
        );
        let greedy = r#"{"version": 1, "key_source": "passphrase", "created_at": "2026-01-01T00:00:00Z",
            "kdf": {"algorithm": "argon2id", "m_kib": 4000000000, "t": 2, "p": 1,
                    "salt_hex": "00112233445566778899aabbccddeeff"}}"#;
        assert!(read_error(greedy).contains("m_kib"));
    }
}
