//! Finding and unlocking the local store, asking only what must be asked. The policy is
//! core's (`store::open_with_policy`, shared with the desktop app); this file reads the
//! environment into it and asks at a terminal when it must:
//!
//! - A store kept with the OS keyring opens with no question.
//! - A passphrase store takes `INTANDEM_PASSPHRASE`, else a prompt on a terminal.
//! - A first run uses the passphrase in `INTANDEM_PASSPHRASE` when it is set (an explicit
//!   choice), else the OS keyring when one is reachable, else a passphrase chosen at a prompt.
//! - `INTANDEM_REQUIRE_KEYRING=1` (the test suite's setting) allows the keyring only.

use std::path::{Path, PathBuf};

use intandem_core::store::{self, AccessPolicy, Keyring, Store, StoreAccess, StoreError};
use intandem_core::{ConsoleError, ErrorCode, Secret};

use crate::secret_input::prompt_passphrase;

const PASSPHRASE_VAR: &str = "INTANDEM_PASSPHRASE";
const REQUIRE_KEYRING_VAR: &str = "INTANDEM_REQUIRE_KEYRING";

/// `--data-dir`, else the desktop app's data folder; made private (0700) before use.
pub fn data_dir(given: Option<PathBuf>) -> Result<PathBuf, ConsoleError> {
    let dir = store::resolve_data_folder(given)?;
    store::prepare_data_folder(&dir)?;
    Ok(dir)
}

/// Opens the store by core's policy (`store::open_with_policy`), given what the
/// environment says; asks for a passphrase at a terminal only when it must.
pub async fn open_store(data_dir: &Path) -> Result<Store, ConsoleError> {
    let keyring_only = std::env::var(REQUIRE_KEYRING_VAR).is_ok_and(|v| v == "1");
    let passphrase = std::env::var(PASSPHRASE_VAR)
        .ok()
        .filter(|p| !p.is_empty() && !keyring_only)
        .map(Secret::new);
    let policy = AccessPolicy {
        passphrase,
        keyring_only,
    };
    let access = store::open_with_policy(data_dir, Keyring::os(), policy)
        .await
        .map_err(|error| match error {
            StoreError::NoKeyring { .. } | StoreError::Keyring { .. } if keyring_only => {
                keyring_required(error)
            }
            other => ConsoleError::from(other),
        })?;
    let prompt = match access {
        StoreAccess::Open(store) => return Ok(store),
        StoreAccess::NeedsPassphrase(prompt) => prompt,
    };
    if keyring_only {
        return Err(ConsoleError::new(
            ErrorCode::Locked,
            format!(
                "The store at {} is protected by a passphrase, but {REQUIRE_KEYRING_VAR}=1 \
                 allows the OS keyring only: unset it, or use another --data-dir.",
                data_dir.display()
            ),
        ));
    }
    let Some(passphrase) = prompt_passphrase(prompt.first_run)? else {
        return Err(ConsoleError::new(
            ErrorCode::Locked,
            match prompt.keyring_unavailable {
                Some(reason) => format!(
                    "No OS keyring is reachable ({reason}) to protect a new store at {}, and no \
                     passphrase was given: set {PASSPHRASE_VAR}, or run the command in a terminal \
                     to choose one.",
                    data_dir.display()
                ),
                None => format!(
                    "The store at {} is protected by a passphrase: set {PASSPHRASE_VAR}, or run \
                     the command in a terminal to type it.",
                    data_dir.display()
                ),
            },
        ));
    };
    Ok(store::open_with_passphrase(data_dir, passphrase, prompt.first_run).await?)
}

fn keyring_required(error: StoreError) -> ConsoleError {
    let error = ConsoleError::from(error);
    let message = format!(
        "{} ({REQUIRE_KEYRING_VAR}=1 allows no passphrase instead).",
        error.message.trim_end_matches('.')
    );
    error.with_message(message)
}
