//! The optional state file: the whole `PlatformState` as JSON, loaded at start and
//! rewritten after every mutation (to a temporary file, then renamed over the old one,
//! so a crash never leaves half a file).
//!
//! It holds the seeded credentials the sandbox prints at start (its admin token, the
//! directory tokens, the test users' passwords), so it and its temporary file are
//! readable by their owner only (0600, tightened on load for files written before);
//! tokens and codes the sandbox issues are kept as digests.

use super::PlatformState;
use crate::error::SandboxError;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::PathBuf;

const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct OnDisk {
    format: u32,
    /// The loopback port the sandbox last listened on (absent in older files).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    port: Option<u16>,
    state: PlatformState,
}

/// What a state file holds.
pub struct Saved {
    pub state: PlatformState,
    /// The port the sandbox listened on when the file was last written.
    pub port: Option<u16>,
}

#[derive(Clone, Debug)]
pub struct StateFile {
    path: PathBuf,
    /// Written with the state, so a restart can listen where it did before.
    port: Option<u16>,
}

impl StateFile {
    pub fn new(path: PathBuf) -> Self {
        Self { path, port: None }
    }

    /// The same file, recording `port` as the sandbox's port from now on.
    pub fn with_port(self, port: u16) -> Self {
        Self {
            port: Some(port),
            ..self
        }
    }

    /// The saved state, or `None` when the file does not exist yet.
    pub fn load(&self) -> Result<Option<Saved>, SandboxError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(text) => {
                restrict_to_owner(&self.path).map_err(|source| SandboxError::WriteState {
                    path: self.path.clone(),
                    source,
                })?;
                text
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(SandboxError::ReadState {
                    path: self.path.clone(),
                    source,
                })
            }
        };
        let on_disk: OnDisk =
            serde_json::from_str(&text).map_err(|source| SandboxError::ParseState {
                path: self.path.clone(),
                source,
            })?;
        Ok(Some(Saved {
            state: on_disk.state,
            port: on_disk.port,
        }))
    }

    pub fn save(&self, state: &PlatformState) -> Result<(), SandboxError> {
        let write_error = |source| SandboxError::WriteState {
            path: self.path.clone(),
            source,
        };
        let on_disk = OnDisk {
            format: FORMAT,
            port: self.port,
            state: state.clone(),
        };
        let bytes = serde_json::to_vec_pretty(&on_disk)
            .map_err(std::io::Error::from)
            .map_err(write_error)?;
        let mut temp_name = self.path.file_name().unwrap_or_default().to_os_string();
        temp_name.push(".tmp");
        let temp = self.path.with_file_name(temp_name);
        let mut file = private_file(&temp).map_err(write_error)?;
        file.write_all(&bytes).map_err(write_error)?;
        file.sync_all().map_err(write_error)?;
        std::fs::rename(&temp, &self.path).map_err(write_error)
    }
}

/// Opens `path` for writing from scratch, readable and writable by its owner only.
fn private_file(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path)?;
    // A temporary file left by an older version keeps its mode through `open`.
    restrict_to_owner(path)?;
    Ok(file)
}

fn restrict_to_owner(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if std::fs::metadata(path)?.permissions().mode() & 0o777 != 0o600 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::seed::SeedIdentity;

    fn temp_path(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("intandem-sandbox-{}", crate::ids::random_hex(6)));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn a_saved_state_loads_back_with_the_same_identity_and_apps() {
        let file = StateFile::new(temp_path("state.json"));
        assert!(file.load().unwrap().is_none());
        let state = PlatformState::seeded(SeedIdentity::generate(), 2);
        file.save(&state).unwrap();
        let saved = file.load().unwrap().unwrap();
        assert_eq!(saved.port, None);
        let loaded = saved.state;
        assert_eq!(
            loaded.identity.directory_token,
            state.identity.directory_token
        );
        assert_eq!(loaded.apps.len(), state.apps.len());
        assert_eq!(
            loaded.apps[0].client_secret_sha256,
            state.apps[0].client_secret_sha256
        );
    }

    #[test]
    fn the_port_is_saved_with_the_state_and_older_files_have_none() {
        let path = temp_path("state.json");
        let state = PlatformState::seeded(SeedIdentity::generate(), 1);
        StateFile::new(path.clone())
            .with_port(41234)
            .save(&state)
            .unwrap();
        let file = StateFile::new(path.clone());
        assert_eq!(file.load().unwrap().unwrap().port, Some(41234));

        // A file written before the port was recorded.
        let mut json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        json.as_object_mut().unwrap().remove("port");
        std::fs::write(&path, json.to_string()).unwrap();
        let older = file.load().unwrap().unwrap();
        assert_eq!(older.port, None);
        assert_eq!(older.state.apps.len(), state.apps.len());
    }

    #[test]
    fn a_file_that_is_not_a_state_file_is_refused_naming_the_path() {
        let path = temp_path("garbage.json");
        std::fs::write(&path, "{\"hello\": 1}").unwrap();
        let Err(err) = StateFile::new(path.clone()).load() else {
            panic!("a file that is not a state file loaded");
        };
        assert!(
            err.to_string().contains(&path.display().to_string()),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_state_file_is_private_even_when_an_older_one_was_not() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let path = temp_path("state.json");
        let state = PlatformState::seeded(SeedIdentity::generate(), 1);
        let file = StateFile::new(path.clone());
        file.save(&state).unwrap();
        assert_eq!(mode(&path), 0o600);

        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        file.load().unwrap().unwrap();
        assert_eq!(mode(&path), 0o600, "loading tightens a file written before");

        let temp = path.with_file_name("state.json.tmp");
        std::fs::write(&temp, b"left over").unwrap();
        std::fs::set_permissions(&temp, std::fs::Permissions::from_mode(0o644)).unwrap();
        file.save(&state).unwrap();
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn the_state_file_holds_no_issued_token_or_code() {
        let path = temp_path("state.json");
        let mut state = PlatformState::seeded(SeedIdentity::generate(), 1);
        let issued = state.issue_token(
            crate::model::issued_token::TokenGrant::App { app_id: "a".into() },
            None,
            crate::model::issued_token::TokenOrigin::TokensApi,
            None,
        );
        StateFile::new(path.clone()).save(&state).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains(&issued.value),
            "an issued token is kept as a digest only"
        );
        assert!(text.contains(&issued.digest));
        let loaded = StateFile::new(path).load().unwrap().unwrap().state;
        assert!(
            loaded.active_token(&issued.value).is_some(),
            "and still recognised"
        );
    }
}
