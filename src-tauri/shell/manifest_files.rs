//! Manifests to and from files the user picks in the system's own open and save dialogs
//! (apps as code). Only the dialogs and the file I/O live here; plan and apply are
//! `Console`'s. The dialog plugin is called from Rust: the webview gets no dialog or file
//! permission.

use std::path::PathBuf;

use intandem_core::{ConsoleError, ErrorCode};
use serde::Serialize;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;
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

/// Asks where to save `text`; `None` when the user cancels.
pub fn save(
    app: &AppHandle,
    text: &str,
    suggested_name: &str,
) -> Result<Option<String>, ConsoleError> {
    let Some(chosen) = app
        .dialog()
        .file()
        .set_title("Save the manifest")
        .set_file_name(suggested_name)
        .add_filter("Manifest", &["toml", "json"])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    let path: PathBuf = chosen.into_path().map_err(|_| {
        ConsoleError::invalid_input(
            "path",
            "That place cannot be written to: choose a folder on this computer.",
        )
    })?;
    std::fs::write(&path, text).map_err(|e| io_error("Writing", &path, e))?;
    Ok(Some(path.display().to_string()))
}

/// Asks which manifest to open and reads it; `None` when the user cancels.
pub fn open(app: &AppHandle) -> Result<Option<OpenedManifest>, ConsoleError> {
    let Some(chosen) = app
        .dialog()
        .file()
        .set_title("Open a manifest")
        .add_filter("Manifest", &["toml", "json"])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    let path: PathBuf = chosen.into_path().map_err(|_| {
        ConsoleError::invalid_input(
            "path",
            "That file cannot be read: choose a file on this computer.",
        )
    })?;
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
