//! The Tauri shell: window setup and thin `#[tauri::command]`s over `intandem_core`.
//! No business logic lives here: a command only unpacks its arguments and calls one method.

mod commands;

/// Builds and runs the desktop app until its last window closes.
pub fn run() {
    init_logging();
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::console_overview])
        .run(tauri::generate_context!())
        .expect("starting the Tauri runtime");
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("INTANDEM_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=off"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}
