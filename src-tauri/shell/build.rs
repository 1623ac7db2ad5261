//! Declares the app's commands to tauri-build, so that each one needs an explicit
//! `allow-…` permission and only windows with a capability (the main window) can call them.

// COMMANDS: every command the shell registers (shared with the app, which tests it
// against the capability).
include!("command_names.rs");

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes)
        .expect("running tauri-build (tauri.conf.json, capabilities/, icons/)");
}
