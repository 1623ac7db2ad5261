//! Declares the app's commands to tauri-build, so that each one needs an explicit
//! `allow-…` permission and only windows with a capability (the main window) can call them.

// with_commands!: the one list of the app's commands (command_list.rs).
include!("command_list.rs");

macro_rules! command_names {
    ($($kind:ident $name:ident ($($arg:ident: $ty:ty),*) -> $ret:ty $(=> $method:ident ($($call:expr),*))?;)*) => {
        &[$(stringify!($name)),*]
    };
}

const COMMANDS: &[&str] = with_commands!(command_names);

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes)
        .expect("running tauri-build (tauri.conf.json, capabilities/, icons/)");
}
