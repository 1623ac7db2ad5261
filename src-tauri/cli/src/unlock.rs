//! Finding and unlocking the local store, asking only what must be asked.
//!
//! - A store kept with the OS keyring opens with no question.
//! - A passphrase store takes `INTANDEM_PASSPHRASE`, else a prompt on a terminal.
//! - A first run uses the passphrase in `INTANDEM_PASSPHRASE` when it is set (an explicit
//!   choice), else the OS keyring when one is reachable, else a passphrase chosen at a prompt.
//! - `INTANDEM_REQUIRE_KEYRING=1` (the test suite's setting) allows the keyring only.

use std::path::{Path, PathBuf};

use intandem_core::store::{self, KeySource, Keyring, Store, StoreError, StoreState, Unlock};
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

pub async fn open_store(data_dir: &Path) -> Result<Store, ConsoleError> {
    let require_keyring = std::env::var(REQUIRE_KEYRING_VAR).is_ok_and(|v| v == "1");
    let passphrase = std::env::var(PASSPHRASE_VAR)
        .ok()
        .filter(|p| !p.is_empty())
        .map(Secret::new);
    let store = match Store::inspect(data_dir)? {
        StoreState::Uninitialized if require_keyring => {
            Store::create(data_dir, Unlock::Keyring(Keyring::os()))
                .await
                .map_err(keyring_required)?
        }
        StoreState::Uninitialized => match passphrase {
            Some(passphrase) => Store::create(data_dir, Unlock::Passphrase(passphrase)).await?,
            None => match Keyring::os().probe().await {
                Ok(()) => Store::create(data_dir, Unlock::Keyring(Keyring::os())).await?,
                Err(StoreError::NoKeyring { reason }) => match prompt_passphrase(true)? {
                    Some(passphrase) => {
                        Store::create(data_dir, Unlock::Passphrase(passphrase)).await?
                    }
                    None => {
                        return Err(ConsoleError::new(
                            ErrorCode::Locked,
                            format!(
                                "No OS keyring is reachable ({reason}) to protect a new store at \
                                 {}, and no passphrase was given: set INTANDEM_PASSPHRASE, or run \
                                 the command in a terminal to choose one.",
                                data_dir.display()
                            ),
                        ))
                    }
                },
                Err(other) => return Err(other.into()),
            },
        },
        StoreState::Locked {
            key_source: KeySource::Passphrase,
        } => {
            if require_keyring {
                return Err(ConsoleError::new(
                    ErrorCode::Locked,
                    format!(
                        "The store at {} is protected by a passphrase, but {REQUIRE_KEYRING_VAR}=1 \
                         allows the OS keyring only: unset it, or use another --data-dir.",
                        data_dir.display()
                    ),
                ));
            }
            let passphrase = match passphrase {
                Some(passphrase) => passphrase,
                None => prompt_passphrase(false)?.ok_or_else(|| {
                    ConsoleError::new(
                        ErrorCode::Locked,
                        format!(
                            "The store at {} is protected by a passphrase: set {PASSPHRASE_VAR}, or \
                             run the command in a terminal to type it.",
                            data_dir.display()
                        ),
                    )
                })?,
            };
            Store::open(data_dir, Unlock::Passphrase(passphrase)).await?
        }
        // Kept with the keyring, or a broken folder: `open` unlocks, or explains.
        _ => Store::open(data_dir, Unlock::Keyring(Keyring::os())).await?,
    };
    Ok(store)
}

fn keyring_required(error: StoreError) -> ConsoleError {
    let error = ConsoleError::from(error);
    let message = format!(
        "{} ({REQUIRE_KEYRING_VAR}=1 allows no passphrase instead).",
        error.message.trim_end_matches('.')
    );
    error.with_message(message)
}
