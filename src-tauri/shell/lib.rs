//! The Tauri shell: window setup and thin commands over `intandem_core` (router.rs answers
//! the page's calls). No business logic lives here: a command only unpacks its arguments
//! and calls one method.

// with_commands!: the one list of the app's commands.
include!("command_list.rs");

#[cfg(feature = "bench")]
mod bench_ready;
/// Without the `bench` feature (the shipped app) the start-up marks are nothing at all.
#[cfg(not(feature = "bench"))]
mod bench_ready {
    pub fn start_clock() {}
    pub fn mark(_name: &'static str) {}
    pub fn painted(
        _app: &tauri::AppHandle,
        _page_ms: Option<f64>,
        _script_ms: Option<f64>,
        _marks: Option<String>,
    ) {
    }
}
#[cfg(test)]
mod bindings;
mod clipboard;
mod commands;
mod first_screen;
mod launch_window;
mod login_window;
mod manifest_files;
mod memory;
mod navigation_guard;
mod oauth_window;
mod page_stopped;
mod router;
mod state;

use std::path::PathBuf;

use tauri::Manager;
use tracing::level_filters::LevelFilter;

use state::ConsoleState;

/// Every command's name, as declared to tauri-build.
#[cfg(test)]
macro_rules! command_names {
    ($($kind:ident $name:ident ($($arg:ident: $ty:ty),*) -> $ret:ty $(=> $method:ident ($($call:expr),*))?;)*) => {
        &[$(stringify!($name)),*]
    };
}

/// Builds the TLS connector every platform client shares (it parses the system's CA
/// bundle: ~40 ms of CPU here) on a thread of its own while GTK starts on the main one.
/// Built by the first platform call instead (a first run's Sandbox list, for the first
/// screen), it came while WebKit kept both cores busy, and took 90–140 ms.
fn warm_tls() {
    std::thread::spawn(|| {
        intandem_core::platform::http_client::warm();
        bench_ready::mark("tls-ready");
    });
}

/// Builds and runs the desktop app until its last window closes.
pub fn run() {
    bench_ready::start_clock();
    // Before anything holds a secret: a crash writes no core file (WebKit's processes
    // inherit the zero core limit).
    intandem_core::process_hygiene::disable_core_dumps();
    software_rendering();
    light_javascript();
    init_logging();
    warm_tls();
    // Managed before the app is built: the first screen's data is gathered from it as soon
    // as the assets are set up (first_screen.rs), which is before `setup` runs.
    let data_dir = data_dir().expect("finding the console's data folder");
    tauri::Builder::default()
        .manage(ConsoleState::new(data_dir))
        .manage(clipboard::SystemClipboard::default())
        .manage(launch_window::LiveLaunches::default())
        .manage(oauth_window::ManualUrls::default())
        .plugin(navigation_guard::plugin())
        .on_page_load(|webview, payload| {
            if webview.label() == "main" {
                match payload.event() {
                    tauri::webview::PageLoadEvent::Started => bench_ready::mark("page-load"),
                    tauri::webview::PageLoadEvent::Finished => {
                        // The console's own address (or the stopped-page notice's), never a
                        // partner's: the main window goes nowhere else (navigation_guard.rs).
                        tracing::debug!(url = %payload.url(), "the window's page loaded")
                    }
                }
            }
        })
        .setup(|app| {
            open_main_window(app)?;
            lighten_main_webview(app.handle());
            page_stopped::reload_main_page_if_its_process_dies(app.handle());
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<ConsoleState>().start().await;
            });
            Ok(())
        })
        .invoke_handler(router::route)
        .build({
            // index.html comes with the first screen's data (first_screen.rs).
            let mut context = tauri::generate_context!();
            first_screen::install(&mut context);
            context
        })
        .expect("starting the Tauri runtime")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // A secret copied in the last 30 s does not outlive the console.
                app.state::<clipboard::SystemClipboard>().clear_pending();
            }
        });
}

/// Freezes Object.prototype before any of the page's own scripts run, so a polluted
/// prototype cannot reach the IPC calls (Tauri's `freezePrototype`, for the console's page
/// alone).
const FREEZE_PROTOTYPE: &str = "Object.freeze(Object.prototype);";

/// Opens the main window as tauri.conf.json declares it (with `create: false` there, so
/// Tauri does not open it first), with Object.prototype frozen. Not with the config's
/// `freezePrototype`: Tauri puts that in every webview, and a partner page in the login
/// or launch window must run as in a browser (ES5-style code that assigns a prototype's
/// `toString` throws once Object.prototype is frozen).
fn open_main_window(app: &tauri::App) -> tauri::Result<()> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|window| window.label == "main")
        .expect("tauri.conf.json declares the main window")
        .clone();
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        .initialization_script(FREEZE_PROTOTYPE)
        .build()?;
    Ok(())
}

/// WebKitGTK draws with OpenGL compositing by default: a GL context and layer buffers per
/// web process, which cost the console ~100 MiB (PSS; software GL under Xvfb) for pages
/// that are forms and tables. Drawn without it, the whole process tree needs ~270 MiB
/// instead of ~370 MiB (see the memory benchmark). Set before WebKit starts, and only when
/// the variable is unset: a user who sets it keeps their choice.
fn software_rendering() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // No other thread exists yet: this is the first thing `run` does.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}

/// The console's pages are forms and a virtual list: their scripts never run long enough to
/// gain from JavaScriptCore's optimising compilers (DFG, and FTL above it), which cost the
/// web process ~8 MiB (PSS) once a 1,000-app sync's answer makes them start; the baseline
/// JIT stays. The 10,000-app search stays within a frame (`make bench large`). Set before
/// WebKit starts its processes (they inherit it), and only when unset.
fn light_javascript() {
    #[cfg(target_os = "linux")]
    if std::env::var_os(JSC_OPTIMISING_COMPILERS).is_none() {
        // Still no other thread: `run` calls this right after `software_rendering`.
        std::env::set_var(JSC_OPTIMISING_COMPILERS, "0");
    }
}

/// JavaScriptCore's switch for its DFG compiler (and with it the FTL).
#[cfg(target_os = "linux")]
const JSC_OPTIMISING_COMPILERS: &str = "JSC_useDFGJIT";

/// The main window shows one local app, not web pages: WebKit's "document viewer" cache
/// model keeps no page cache and small memory caches (the default is a browser's).
fn lighten_main_webview(app: &tauri::AppHandle) {
    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// `INTANDEM_DATA_DIR`, else the app's per-user data folder (the CLI's default too).
fn data_dir() -> Result<PathBuf, Box<dyn std::error::Error>> {
    let given = std::env::var_os("INTANDEM_DATA_DIR").map(PathBuf::from);
    Ok(intandem_core::store::resolve_data_folder(given)?)
}

fn init_logging() {
    // sqlx would log statements, and the first one carries the store key: the filter keeps
    // it off whatever INTANDEM_LOG says.
    intandem_core::logging::init(LevelFilter::INFO);
}

#[cfg(test)]
mod tests {
    const COMMANDS: &[&str] = with_commands!(command_names);

    /// The main window's capability must allow exactly the commands the app declares:
    /// a missing permission breaks a screen, an extra one grants more than exists.
    #[test]
    fn the_main_capability_allows_exactly_the_declared_commands() {
        let text = include_str!("../../capabilities/main.json");
        let capability: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        let mut allowed: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        let mut declared: Vec<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
        allowed.sort();
        declared.sort();
        assert_eq!(allowed, declared);
    }

    /// The CSP in tauri.conf.json: scripts and styles only from the bundle (no inline
    /// code, no eval), no plugins, frames, forms or base changes, and connections only to
    /// Tauri's IPC, so a page cannot reach the platform or the sandbox on its own. The e2e
    /// test `the_csp_blocks_eval_inline_scripts_and_foreign_connections` checks WebKit
    /// enforces it.
    #[test]
    fn the_csp_is_strict() {
        let text = include_str!("../../tauri.conf.json");
        let config: serde_json::Value = serde_json::from_str(text).unwrap();
        let security = &config["app"]["security"];
        let csp = security["csp"].as_object().expect("a CSP is set");
        let directive = |name: &str| csp.get(name).and_then(|v| v.as_str()).unwrap_or("");
        assert_eq!(directive("default-src"), "'self'");
        assert_eq!(directive("script-src"), "'self'");
        assert_eq!(directive("style-src"), "'self'");
        assert_eq!(directive("object-src"), "'none'");
        assert_eq!(directive("base-uri"), "'none'");
        assert_eq!(directive("form-action"), "'none'");
        assert_eq!(directive("frame-src"), "'none'");
        assert_eq!(directive("frame-ancestors"), "'none'");
        assert_eq!(directive("connect-src"), "ipc: http://ipc.localhost");
        for (name, value) in csp {
            for source in value.as_str().unwrap().split_whitespace() {
                let loose = [
                    "'unsafe-inline'",
                    "'unsafe-eval'",
                    "'unsafe-hashes'",
                    "http:",
                    "https:",
                    "blob:",
                ];
                assert!(
                    !loose.contains(&source) && !source.contains('*'),
                    "{name} allows {source}"
                );
            }
        }
        assert_eq!(
            security["dangerousDisableAssetCspModification"],
            serde_json::Value::Null
        );
        // Object.prototype is frozen in the main window only (open_main_window), which
        // Tauri must not open itself: partner pages run as in a browser.
        assert_eq!(security["freezePrototype"], false);
        let windows = config["app"]["windows"].as_array().unwrap();
        assert!(windows.iter().all(|w| w["create"] == false), "{windows:?}");
        assert_eq!(config["app"]["withGlobalTauri"], false);
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../../capabilities/main.json")).unwrap();
        assert!(
            capability.get("remote").is_none(),
            "no remote URL may get the main window's commands"
        );
    }
}
