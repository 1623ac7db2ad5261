//! Manifests to and from files the user picks in the system's own open and save dialogs
//! (apps as code). Only the dialogs and the file I/O live here; plan and apply are
//! `Console`'s. The dialogs are rfd's, called from Rust: the webview gets no dialog or file
//! command. (Not Tauri's dialog plugin: it puts a script in every webview, partner pages
//! included, that swaps `window.alert` and `window.confirm` for its own IPC calls.)

use std::future::Future;
use std::path::PathBuf;

use intandem_core::{ConsoleError, ErrorCode};
use rfd::{AsyncFileDialog, FileHandle};
use serde::Serialize;
use tauri::AppHandle;
use ts_rs::TS;

/// A manifest larger than this is not one (a few hundred apps fit in far less).
const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, TS)]
pub struct OpenedManifest {
    /// The file's name (for errors: `apps.toml:3:1: …`) and full path.
    pub name: String,
    pub path: String,
    pub text: String,
}

fn io_error(what: &str, path: &std::path::Path, error: std::io::Error) -> ConsoleError {
    ConsoleError::new(
        ErrorCode::Internal,
        format!(
            "{what} {} failed ({error}); choose another file.",
            path.display()
        ),
    )
}

/// A dialog for manifest files (TOML or JSON) titled `title`.
fn manifest_dialog(title: &str) -> AsyncFileDialog {
    AsyncFileDialog::new()
        .set_title(title)
        .add_filter("Manifest", &["toml", "json"])
        .set_can_create_directories(true)
}

/// Shows the dialog `show` makes on the main thread (GTK's dialogs live there) and waits,
/// on this thread (a blocking one: never the main thread), for the user's choice; `None`
/// when they cancel.
fn choose<Show, Choice>(app: &AppHandle, show: Show) -> Result<Option<PathBuf>, ConsoleError>
where
    Show: FnOnce() -> Choice + Send + 'static,
    Choice: Future<Output = Option<FileHandle>> + Send + 'static,
{
    let (answer, chosen) = std::sync::mpsc::channel();
    app.run_on_main_thread(move || {
        let choice = show();
        std::thread::spawn(move || {
            let path = tauri::async_runtime::block_on(choice).map(|f| f.path().to_path_buf());
            let _ = answer.send(path);
        });
    })
    .map_err(|e| no_dialog(&e.to_string()))?;
    chosen
        .recv()
        .map_err(|_| no_dialog("the console is closing"))
}

fn no_dialog(why: &str) -> ConsoleError {
    ConsoleError::new(
        ErrorCode::Internal,
        format!("The file dialog did not open ({why}); try again, or restart the console."),
    )
}

/// Asks where to save `text`; `None` when the user cancels.
pub fn save(
    app: &AppHandle,
    text: &str,
    suggested_name: &str,
) -> Result<Option<String>, ConsoleError> {
    let suggested_name = suggested_name.to_owned();
    let Some(path) = choose(app, move || {
        manifest_dialog("Save the manifest")
            .set_file_name(suggested_name)
            .save_file()
    })?
    else {
        return Ok(None);
    };
    std::fs::write(&path, text).map_err(|e| io_error("Writing", &path, e))?;
    Ok(Some(path.display().to_string()))
}

/// Asks which manifest to open and reads it; `None` when the user cancels.
pub fn open(app: &AppHandle) -> Result<Option<OpenedManifest>, ConsoleError> {
    let Some(path) = choose(app, || manifest_dialog("Open a manifest").pick_file())? else {
        return Ok(None);
    };
    let size = std::fs::metadata(&path)
        .map_err(|e| io_error("Reading", &path, e))?
        .len();
    if size > MAX_MANIFEST_BYTES {
        return Err(ConsoleError::invalid_input(
            "path",
            format!(
                "{} is {size} bytes: too large for a manifest (at most {MAX_MANIFEST_BYTES}); choose the manifest file.",
                path.display()
            ),
        ));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| io_error("Reading", &path, e))?;
    Ok(Some(OpenedManifest {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "manifest".into()),
        path: path.display().to_string(),
        text,
    }))
}
