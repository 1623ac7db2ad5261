//! How a store's key is kept ([`KeySource`], recorded in `store.json`) and how a
//! caller supplies it when creating or opening a store ([`Unlock`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::Keyring;
use crate::Secret;
use ts_rs::TS;

/// Where the key of a store lives. Recorded in `store.json`, so a front end knows
/// before unlocking whether to ask for a passphrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeySource {
    /// A random 32-byte key kept in the OS keyring.
    Keyring,
    /// A key derived from a passphrase the user chose (Argon2id).
    Passphrase,
}

impl fmt::Display for KeySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeySource::Keyring => "the OS keyring",
            KeySource::Passphrase => "a passphrase",
        })
    }
}

/// What the caller offers to create or unlock a store with.
#[derive(Debug, Clone)]
pub enum Unlock {
    /// Use (or, on create, make) a random key kept in this keyring.
    Keyring(Keyring),
    /// Derive the key from this passphrase.
    Passphrase(Secret),
}

impl Unlock {
    pub fn key_source(&self) -> KeySource {
        match self {
            Unlock::Keyring(_) => KeySource::Keyring,
            Unlock::Passphrase(_) => KeySource::Passphrase,
        }
    }
}
