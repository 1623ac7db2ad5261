//! The data folder every face keeps the store in: where it is by default (the desktop
//! app's per-user data folder, which the CLI shares), and keeping it private.
//!
//! [`prepare_data_folder`] runs at every start, not only when the folder is created: a
//! folder made by someone else (a shell's `mkdir`, an older version, a restored backup)
//! with default permissions is tightened to 0700, so another local user can list or open
//! nothing in it (the store is encrypted; the sandbox's state file and WebKit's storage
//! are not).

use std::fs;
use std::path::{Path, PathBuf};

use super::StoreError;

/// The desktop app's identifier (`tauri.conf.json`): its data folder is named after it.
pub const APP_IDENTIFIER: &str = "tech.intandem.console";

/// The folder named by `--data-dir` / `INTANDEM_DATA_DIR` (`given`), else the platform's
/// per-user data folder for the app (`~/.local/share/tech.intandem.console` on Linux).
pub fn resolve_data_folder(given: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    if let Some(dir) = given.filter(|d| !d.as_os_str().is_empty()) {
        return Ok(dir);
    }
    dirs::data_dir()
        .map(|dir| dir.join(APP_IDENTIFIER))
        .ok_or_else(|| StoreError::Io {
            context: "finding the per-user data folder (none on this system; give one with \
                      --data-dir or INTANDEM_DATA_DIR)"
                .to_owned(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        })
}

/// Creates the data folder if needed and makes it private to its owner (0700 on Unix).
pub fn prepare_data_folder(dir: &Path) -> Result<(), StoreError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(StoreError::io(format!(
        "creating the data folder {}",
        dir.display()
    )))?;
    make_private(dir, 0o700)
}

/// Sets `path`'s permission bits to `mode` when they differ (Unix only; elsewhere the
/// per-user folders are private already).
pub fn make_private(path: &Path, mode: u32) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = fs::metadata(path).map_err(StoreError::io(format!(
            "reading the permissions of {}",
            path.display()
        )))?;
        if meta.permissions().mode() & 0o777 != mode {
            fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(StoreError::io(
                format!(
                    "making {} private (mode {mode:o}); check who owns it",
                    path.display()
                ),
            ))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_data_folder_is_private() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("a/b");
        prepare_data_folder(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
    }

    #[test]
    fn an_existing_open_data_folder_is_made_private_at_every_start() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("data");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        prepare_data_folder(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
    }

    #[test]
    fn the_default_folder_is_the_desktop_apps() {
        let dir = resolve_data_folder(None).unwrap();
        assert!(dir.ends_with(APP_IDENTIFIER), "{}", dir.display());
        let given = resolve_data_folder(Some(PathBuf::from("/x/y"))).unwrap();
        assert_eq!(given, PathBuf::from("/x/y"));
    }
}
