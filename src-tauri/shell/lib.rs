//! The Tauri shell: window setup and thin `#[tauri::command]`s over `intandem_core`.
//! No business logic lives here.

pub fn run() {}
