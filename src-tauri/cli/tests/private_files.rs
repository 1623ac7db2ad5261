//! Everything the CLI writes is its owner's alone: the data folder is made 0700 at every
//! start (even one made beforehand with default permissions), the store's files are 0600,
//! and so are `intandem sandbox --state-file`'s file and its temporary file.
#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use assert_cmd::Command;
use intandem_sandbox::{Sandbox, SandboxConfig};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file and folder under `dir` (itself included), with its mode.
fn modes_under(dir: &Path) -> Vec<(PathBuf, u32)> {
    let mut found = vec![(dir.to_path_buf(), mode(dir))];
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(modes_under(&path));
        } else {
            found.push((path.clone(), mode(&path)));
        }
    }
    found
}

fn assert_private(dir: &Path) {
    for (path, mode) in modes_under(dir) {
        let wanted = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, wanted, "{} is {mode:o}", path.display());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_data_folder_and_the_store_are_private_even_in_a_folder_made_open_beforehand() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let parent = tempfile::tempdir().unwrap();
    let data_dir = parent.path().join("data");
    std::fs::create_dir(&data_dir).unwrap();
    std::fs::set_permissions(&data_dir, std::fs::Permissions::from_mode(0o755)).unwrap();

    let mut command = Command::cargo_bin("intandem").unwrap();
    command
        .args([
            "profile",
            "add",
            "Local",
            "--api-base",
            &info.base_url,
            "--brand-url",
            &info.brand_url,
        ])
        .env("INTANDEM_DATA_DIR", &data_dir)
        .env("INTANDEM_PASSPHRASE", "correct horse battery staple")
        .env_remove("INTANDEM_REQUIRE_KEYRING")
        .write_stdin(format!("{}\n", info.directory_token))
        .timeout(Duration::from_secs(60));
    let output = tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(data_dir.join("store.db").exists());
    assert_private(&data_dir);
}

#[test]
fn the_standalone_sandbox_writes_its_state_file_for_its_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("sandbox-state.json");
    // A temporary file left over with default permissions by an older version.
    std::fs::write(dir.path().join("sandbox-state.json.tmp"), b"{}").unwrap();
    std::fs::set_permissions(
        dir.path().join("sandbox-state.json.tmp"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let mut child = StdCommand::cargo_bin("intandem")
        .unwrap()
        .args(["sandbox", "--port", "0", "--state-file"])
        .arg(&state_file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let info: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert!(info["base_url"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(state_file.exists());
    assert_eq!(mode(&state_file), 0o600);
    for (path, mode) in modes_under(dir.path()) {
        if path.is_file() {
            assert_eq!(mode, 0o600, "{} is {mode:o}", path.display());
        }
    }
    let text = std::fs::read_to_string(&state_file).unwrap();
    assert!(
        text.contains("\"digest\""),
        "issued tokens are kept as digests"
    );
}
