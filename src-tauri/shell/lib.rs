//! The Tauri shell: window setup and thin `#[tauri::command]`s over `intandem_core`.
//! No business logic lives here: a command only unpacks its arguments and calls one method.

mod commands;
mod state;

use std::path::PathBuf;

use tauri::Manager;

use state::ConsoleState;

/// Builds and runs the desktop app until its last window closes.
pub fn run() {
    init_logging();
    tauri::Builder::default()
        .setup(|app| {
            let data_dir = data_dir(app.handle())?;
            app.manage(ConsoleState::new(data_dir));
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<ConsoleState>().start().await;
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::console_overview,
            commands::store_unlock,
            commands::profiles_list,
            commands::apps_list,
        ])
        .run(tauri::generate_context!())
        .expect("starting the Tauri runtime");
}

/// `INTANDEM_DATA_DIR`, else the platform's app data folder.
fn data_dir(app: &tauri::AppHandle) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if let Some(dir) = std::env::var_os("INTANDEM_DATA_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    Ok(app.path().app_data_dir()?)
}

fn init_logging() {
    // sqlx would log statements, and the first one carries the store key: keep it off.
    let filter = tracing_subscriber::EnvFilter::try_from_env("INTANDEM_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"))
        .add_directive("sqlx=off".parse().expect("a valid directive"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
