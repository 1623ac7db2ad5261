//! The `#[tauri::command]`s: argument plumbing only.

use serde::Serialize;

#[derive(Serialize)]
pub struct ProfileSummary {
    name: String,
    kind: &'static str,
    api_base: String,
}

#[derive(Serialize)]
pub struct ConsoleOverview {
    version: &'static str,
    current_profile: Option<ProfileSummary>,
}

#[tauri::command]
pub fn console_overview() -> ConsoleOverview {
    ConsoleOverview {
        version: env!("CARGO_PKG_VERSION"),
        current_profile: None,
    }
}
