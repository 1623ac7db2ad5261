//! How a front end gets at the store at launch, asking the user only what it must: the
//! one policy the desktop app and the CLI share.
//!
//! The policy: a store kept with the OS keyring opens with no question; a first run
//! uses the keyring when one is reachable; otherwise the user chooses (first run) or
//! enters (later runs) a passphrase. A passphrase given up front ([`AccessPolicy`], the
//! CLI's `INTANDEM_PASSPHRASE`) is used without asking, and on a first run is the choice
//! of a passphrase store; `keyring_only` (the test suite's `INTANDEM_REQUIRE_KEYRING=1`)
//! creates a new store with the keyring or fails, never falling back. A front end calls
//! [`open_without_prompt`] (or [`open_with_policy`]), and on
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

/// What a front end knows before asking anything.
#[derive(Debug, Default)]
pub struct AccessPolicy {
    /// A passphrase given up front: it opens a passphrase store, and on a first run makes
    /// one (an explicit choice over the keyring).
    pub passphrase: Option<Secret>,
    /// A new store is kept with the OS keyring or not made at all (no passphrase fallback).
    pub keyring_only: bool,
}

/// Opens (or on a first run creates) the store when no question is needed.
pub async fn open_without_prompt(data_dir: &Path) -> Result<StoreAccess, StoreError> {
    open_with_policy(data_dir, Keyring::os(), AccessPolicy::default()).await
}

/// [`open_without_prompt`] with a given keyring (tests pass a mock or a broken one).
pub async fn open_without_prompt_using(
    data_dir: &Path,
    keyring: Keyring,
) -> Result<StoreAccess, StoreError> {
    open_with_policy(data_dir, keyring, AccessPolicy::default()).await
}

/// Opens (or creates) the store with what `policy` gives; [`StoreAccess::NeedsPassphrase`]
/// when a passphrase must still be asked for (never with `keyring_only` on a first run).
pub async fn open_with_policy(
    data_dir: &Path,
    keyring: Keyring,
    policy: AccessPolicy,
) -> Result<StoreAccess, StoreError> {
    match Store::inspect(data_dir)? {
        StoreState::Uninitialized => {
            if policy.keyring_only {
                return Ok(StoreAccess::Open(
                    Store::create(data_dir, Unlock::Keyring(keyring)).await?,
                ));
            }
            if let Some(passphrase) = policy.passphrase {
                return Ok(StoreAccess::Open(
                    Store::create(data_dir, Unlock::Passphrase(passphrase)).await?,
                ));
            }
            match keyring.probe().await {
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
            }
        }
        StoreState::Locked {
            key_source: KeySource::Passphrase,
        } => match policy.passphrase {
            Some(passphrase) => Ok(StoreAccess::Open(
                Store::open(data_dir, Unlock::Passphrase(passphrase)).await?,
            )),
            None => Ok(StoreAccess::NeedsPassphrase(PassphrasePrompt {
                first_run: false,
                keyring_unavailable: None,
            })),
        },
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
