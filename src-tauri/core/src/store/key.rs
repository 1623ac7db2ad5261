//! The store key: 32 random or Argon2id-derived bytes, held as 64 hex characters in
//! a [`Secret`], and handed to SQLCipher in its raw-key form (no SQLCipher KDF).
//!
//! Intermediate byte buffers are zeroized; the only copies left outside a `Secret`
//! are the ones sqlx keeps in its connect options for as long as the pool lives
//! (it must, to open new connections).

use argon2::{Algorithm, Argon2, Params, Version};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::StoreError;
use crate::Secret;

const KEY_BYTES: usize = 32;

/// The shortest passphrase `create` accepts.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

pub(crate) struct StoreKey(Secret);

impl StoreKey {
    /// A fresh random key, for a store whose key lives in the keyring.
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        OsRng.fill_bytes(bytes.as_mut());
        Self::from_bytes(&bytes)
    }

    fn from_bytes(bytes: &[u8; KEY_BYTES]) -> Self {
        Self(Secret::new(hex::encode(bytes)))
    }

    /// A key as read back from the keyring; `None` if it is not 64 hex characters
    /// (the entry was replaced by something that is not one of our keys).
    pub fn from_keyring_text(text: Secret) -> Option<Self> {
        let well_formed = text.expose().len() == KEY_BYTES * 2
            && text.expose().bytes().all(|b| b.is_ascii_hexdigit());
        well_formed.then(|| Self(Secret::new(text.expose().to_ascii_lowercase())))
    }

    /// The form kept in the keyring.
    pub fn as_keyring_text(&self) -> &Secret {
        &self.0
    }

    /// Derives the key from a passphrase with the recorded parameters. Takes about
    /// 35 ms with the defaults; call it off the async executor.
    pub fn derive(passphrase: &Secret, kdf: &KdfParams) -> Result<Self, StoreError> {
        let salt = kdf.salt()?;
        let params = Params::new(kdf.m_kib, kdf.t, kdf.p, Some(KEY_BYTES)).map_err(|error| {
            StoreError::KeyDerivation {
                reason: error.to_string(),
            }
        })?;
        let mut bytes = Zeroizing::new([0u8; KEY_BYTES]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase.expose().as_bytes(), &salt, bytes.as_mut())
            .map_err(|error| StoreError::KeyDerivation {
                reason: error.to_string(),
            })?;
        Ok(Self::from_bytes(&bytes))
    }

    /// The value of `PRAGMA key` that gives SQLCipher this key as raw bytes:
    /// `"x'<64 hex>'"`.
    pub fn sqlcipher_pragma_value(&self) -> String {
        format!("\"x'{}'\"", self.0.expose())
    }
}

/// The Argon2id parameters and salt a passphrase store was created with, kept in
/// `store.json` so the same key is derived on every open even if the defaults change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub algorithm: KdfAlgorithm,
    /// Memory cost in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
    pub salt_hex: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KdfAlgorithm {
    /// Argon2id, version 0x13.
    Argon2id,
}

/// New stores: 64 MiB, three passes, one lane (RFC 9106's second recommended option,
/// about a fifth of a second here). Stores made with weaker settings (the first
/// versions used OWASP's minimum, 19 MiB and two passes) are moved to these on their
/// next unlock.
const DEFAULT_M_KIB: u32 = 65_536;
const DEFAULT_T: u32 = 3;
const DEFAULT_P: u32 = 1;
const SALT_BYTES: usize = 16;

/// Bounds on what a `store.json` may ask for, so a damaged or hostile file cannot
/// make unlocking take gigabytes or minutes.
const MAX_M_KIB: u32 = 1024 * 1024;
const MAX_T: u32 = 16;
const MAX_P: u32 = 16;

impl KdfParams {
    /// The defaults with a fresh random salt.
    pub fn generate() -> Self {
        let mut salt = [0u8; SALT_BYTES];
        OsRng.fill_bytes(&mut salt);
        Self {
            algorithm: KdfAlgorithm::Argon2id,
            m_kib: DEFAULT_M_KIB,
            t: DEFAULT_T,
            p: DEFAULT_P,
            salt_hex: hex::encode(salt),
        }
    }

    /// Whether these cost less than today's defaults (a store made by an older version).
    pub fn is_below_defaults(&self) -> bool {
        self.m_kib < DEFAULT_M_KIB || self.t < DEFAULT_T
    }

    /// Why these parameters cannot be used, if they cannot.
    pub fn problem(&self) -> Option<String> {
        if !(1..=MAX_P).contains(&self.p) {
            return Some(format!("p = {} is outside 1..={MAX_P}", self.p));
        }
        if !(1..=MAX_T).contains(&self.t) {
            return Some(format!("t = {} is outside 1..={MAX_T}", self.t));
        }
        if self.m_kib < 8 * self.p || self.m_kib > MAX_M_KIB {
            return Some(format!(
                "m_kib = {} is outside {}..={MAX_M_KIB}",
                self.m_kib,
                8 * self.p
            ));
        }
        match hex::decode(&self.salt_hex) {
            Ok(salt) if (SALT_BYTES..=64).contains(&salt.len()) => None,
            Ok(salt) => Some(format!(
                "the salt is {} bytes long, not {SALT_BYTES} to 64",
                salt.len()
            )),
            Err(error) => Some(format!("the salt is not hex: {error}")),
        }
    }

    fn salt(&self) -> Result<Vec<u8>, StoreError> {
        hex::decode(&self.salt_hex).map_err(|error| StoreError::KeyDerivation {
            reason: format!("the salt is not hex: {error}"),
        })
    }
}

/// [`StoreKey::derive`] on a blocking thread: Argon2id takes ~0.3 s and 64 MiB, which
/// must not stall the async executor.
pub(crate) async fn derive_off_executor(
    passphrase: &Secret,
    kdf: &KdfParams,
) -> Result<StoreKey, StoreError> {
    let passphrase = passphrase.clone();
    let kdf = kdf.clone();
    tokio::task::spawn_blocking(move || StoreKey::derive(&passphrase, &kdf))
        .await
        .map_err(|error| StoreError::KeyDerivation {
            reason: format!("the derivation panicked: {error}"),
        })?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast_params(salt_hex: &str) -> KdfParams {
        KdfParams {
            algorithm: KdfAlgorithm::Argon2id,
            m_kib: 64,
            t: 1,
            p: 1,
            salt_hex: salt_hex.to_owned(),
        }
    }

    #[test]
    fn derivation_is_deterministic_and_depends_on_passphrase_and_salt() {
        let salt_a = "00112233445566778899aabbccddeeff";
        let salt_b = "ffeeddccbbaa99887766554433221100";
        let derive = |pass: &str, salt: &str| {
            StoreKey::derive(&Secret::new(pass), &fast_params(salt))
                .unwrap()
                .as_keyring_text()
                .expose()
                .to_owned()
        };
        let key = derive("correct horse", salt_a);
        assert_eq!(key.len(), 64);
        assert_eq!(key, derive("correct horse", salt_a));
        assert_ne!(key, derive("correct horsf", salt_a));
        assert_ne!(key, derive("correct horse", salt_b));
    }

    #[test]
    fn argon2id_matches_a_known_answer() {
        // Computed independently with argon2-cffi (the reference C implementation):
        // hash_secret_raw(b"password", b"somesaltsomesalt", time_cost=2,
        //                 memory_cost=64, parallelism=1, hash_len=32, type=Type.ID)
        let params = KdfParams {
            algorithm: KdfAlgorithm::Argon2id,
            m_kib: 64,
            t: 2,
            p: 1,
            salt_hex: hex::encode(b"somesaltsomesalt"),
        };
        let key = StoreKey::derive(&Secret::new("password"), &params).unwrap();
        assert_eq!(key.as_keyring_text().expose(), KNOWN_ANSWER_HEX);
    }

    const KNOWN_ANSWER_HEX: &str =
        "1a98fba8e6394425c9bdc333a9c750aaf811df070f5fb4a5788e1cf4db5793a1";

    #[test]
    fn generated_keys_are_random_hex_and_keyring_text_is_validated() {
        let a = StoreKey::generate();
        let b = StoreKey::generate();
        assert_ne!(a.as_keyring_text(), b.as_keyring_text());
        let text = a.as_keyring_text().clone();
        let back = StoreKey::from_keyring_text(text.clone()).expect("our own key reads back");
        assert_eq!(back.as_keyring_text(), &text);
        assert!(StoreKey::from_keyring_text(Secret::new("not a key")).is_none());
        assert!(StoreKey::from_keyring_text(Secret::new("zz".repeat(32))).is_none());
        assert_eq!(
            back.sqlcipher_pragma_value(),
            format!("\"x'{}'\"", text.expose())
        );
    }

    #[test]
    fn default_parameters_are_usable_and_bad_ones_are_named() {
        let params = KdfParams::generate();
        assert_eq!((params.m_kib, params.t, params.p), (65_536, 3, 1));
        assert_eq!(params.problem(), None);
        assert!(!params.is_below_defaults());
        let first_versions = KdfParams {
            m_kib: 19_456,
            t: 2,
            ..params.clone()
        };
        assert!(first_versions.is_below_defaults());
        assert_ne!(KdfParams::generate().salt_hex, params.salt_hex);

        let huge = KdfParams {
            m_kib: u32::MAX,
            ..params.clone()
        };
        assert!(huge.problem().unwrap().contains("m_kib"));
        let short_salt = KdfParams {
            salt_hex: "abcd".into(),
            ..params.clone()
        };
        assert!(short_salt.problem().unwrap().contains("salt"));
        let zero_passes = KdfParams { t: 0, ..params };
        assert!(zero_passes.problem().unwrap().contains("t = 0"));
    }
}
