//! Declares the app's commands to tauri-build, so that each one needs an explicit
//! `allow-…` permission and only windows with a capability (the main window) can call them.

/// Every `#[tauri::command]` the shell registers. A command missing here is refused at run time.
const COMMANDS: &[&str] = &[
    "console_overview",
    "store_unlock",
    "profiles_list",
    "apps_list",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes)
        .expect("running tauri-build (tauri.conf.json, capabilities/, icons/)");
}
