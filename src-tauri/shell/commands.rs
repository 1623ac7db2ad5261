//! The `#[tauri::command]`s: argument plumbing only. Each unpacks its arguments and
//! calls one method; errors cross IPC as `ConsoleError` (`{code, message, …}`).

use intandem_core::console::dto::{AppsListing, ProfileView};
use intandem_core::{ConsoleError, Secret};
use tauri::State;

use crate::state::{ConsoleState, Overview};

#[tauri::command]
pub async fn console_overview(state: State<'_, ConsoleState>) -> Result<Overview, ConsoleError> {
    Ok(state.overview().await)
}

/// The passphrase is wrapped in `Secret` at once and never echoed back.
#[tauri::command]
pub async fn store_unlock(
    state: State<'_, ConsoleState>,
    passphrase: String,
) -> Result<Overview, ConsoleError> {
    state.unlock(Secret::new(passphrase)).await?;
    Ok(state.overview().await)
}

#[tauri::command]
pub async fn profiles_list(
    state: State<'_, ConsoleState>,
) -> Result<Vec<ProfileView>, ConsoleError> {
    state.console().await?.profiles_list().await
}

#[tauri::command]
pub async fn apps_list(state: State<'_, ConsoleState>) -> Result<AppsListing, ConsoleError> {
    state.console().await?.apps_list().await
}
