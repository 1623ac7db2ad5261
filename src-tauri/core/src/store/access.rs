//! How a front end gets at the store at launch, asking the user only what it must.
//!
//! The policy: a store kept with the OS keyring opens with no question; a first run
//! uses the keyring when one is reachable; otherwise the user chooses (first run) or
//! enters (later runs) a passphrase. A front end calls [`open_without_prompt`], and on
//! [`StoreAccess::NeedsPassphrase`] asks and calls [`open_with_passphrase`].

use std::path::Path;

use serde::Serialize;

use super::{KeySource, Keyring, Store, StoreError, StoreState, Unlock};
use crate::Secret;
use ts_rs::TS;

pub enum StoreAccess {
    Open(Store),
    NeedsPassphrase(PassphrasePrompt),
}

/// What to ask the user, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PassphrasePrompt {
    /// `true`: choose a new passphrase (no store yet); `false`: enter the existing one.
    pub first_run: bool,
    /// Why no keyring is used, for a first run without one.
    pub keyring_unavailable: Option<String>,
}

/// Opens (or on a first run creates) the store when no question is needed.
pub async fn open_without_prompt(data_dir: &Path) -> Result<StoreAccess, StoreError> {
    open_without_prompt_using(data_dir, Keyring::os()).await
}

/// [`open_without_prompt`] with a given keyring (tests pass a mock or a broken one).
pub async fn open_without_prompt_using(
    data_dir: &Path,
    keyring: Keyring,
) -> Result<StoreAccess, StoreError> {
    match Store::inspect(data_dir)? {
        StoreState::Uninitialized => match keyring.probe().await {
            Ok(()) => Ok(StoreAccess::Open(
                Store::create(data_dir, Unlock::Keyring(keyring)).await?,
            )),
            Err(StoreError::NoKeyring { reason }) => {
                Ok(StoreAccess::NeedsPassphrase(PassphrasePrompt {
                    first_run: true,
                    keyring_unavailable: Some(reason),
                }))
            }
            Err(other) => Err(other),
        },
        StoreState::Locked {
            key_source: KeySource::Passphrase,
        } => Ok(StoreAccess::NeedsPassphrase(PassphrasePrompt {
            first_run: false,
            keyring_unavailable: None,
        })),
        // Locked with the keyring, or a broken directory: `open` unlocks, or explains.
        StoreState::Locked {
            key_source: KeySource::Keyring,
        }
        | StoreState::DatabaseMissing { .. }
        | StoreState::ConfigMissing => Ok(StoreAccess::Open(
            Store::open(data_dir, Unlock::Keyring(keyring)).await?,
        )),
    }
}

/// Creates the store with a new passphrase (first run) or unlocks it with the existing one.
pub async fn open_with_passphrase(
    data_dir: &Path,
    passphrase: Secret,
    first_run: bool,
) -> Result<Store, StoreError> {
    if first_run {
        Store::create(data_dir, Unlock::Passphrase(passphrase)).await
    } else {
        Store::open(data_dir, Unlock::Passphrase(passphrase)).await
    }
}
