//! The standalone face (`intandem-sandbox` binary over `run_standalone`) and the state file.

use crate::support::{client, start_with};
use intandem_sandbox::{Sandbox, SandboxConfig, SandboxInfo};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::MetadataExt;
use std::process::{Command, Stdio};

#[tokio::test]
async fn the_binary_prints_one_json_line_first_and_serves_until_sigterm() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_intandem-sandbox"))
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting the sandbox binary");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let printed: Value = serde_json::from_str(&line)
        .unwrap_or_else(|e| panic!("first line is not JSON ({e}): {line}"));
    let keys = [
        "base_url",
        "brand_url",
        "directory_token",
        "other_directory_token",
        "admin_token",
        "user_email",
        "user_password",
        "businesses",
    ];
    assert_eq!(printed.as_object().unwrap().len(), keys.len(), "{line}");
    let businesses = printed["businesses"].as_array().unwrap();
    assert!(
        businesses.len() >= 2,
        "at least two businesses are seeded: {line}"
    );
    for business in businesses.iter().filter(|b| b["blocked"] == false) {
        let staff = business["staff"].as_array().unwrap();
        assert!(
            staff.len() >= 2,
            "an owner and one more staff member: {business}"
        );
        assert!(staff.iter().any(|s| s["role"] == "owner"));
        assert!(staff
            .iter()
            .all(|s| s["password"].as_str().is_some_and(|p| !p.is_empty())));
    }
    let positions: Vec<usize> = keys
        .iter()
        .map(|key| {
            line.find(&format!("\"{key}\":"))
                .unwrap_or_else(|| panic!("{key} missing: {line}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "keys in the documented order: {line}"
    );
    let info: SandboxInfo = serde_json::from_value(printed).unwrap();

    let apps = client()
        .get(format!("{}/platform/v1/apps", info.base_url))
        .bearer_auth(&info.directory_token)
        .send()
        .await
        .unwrap();
    assert_eq!(apps.status(), 201);

    let terminated = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exits cleanly on SIGTERM: {status}");
}

#[tokio::test]
async fn a_state_file_keeps_apps_and_credentials_across_restarts() {
    let dir = std::env::temp_dir().join(format!("intandem-sandbox-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("state-{}.json", rand_suffix()));
    let config = SandboxConfig {
        state_file: Some(path.clone()),
        ..SandboxConfig::default()
    };

    let first = start_with(config.clone()).await;
    let created = first.create_app(json!({"name": "Durable", "app_code_name": "durable", "redirect_uri": "https://a.example/x"})).await;
    let info = first.info().clone();
    first.sandbox.shutdown().await;
    let saved = std::fs::metadata(&path).unwrap();

    let second = Sandbox::start(config)
        .await
        .expect("restarting from the state file");
    // Loading is not saving: the file is written (to a temporary file renamed over it)
    // only when something changes, not on every start.
    assert_eq!(
        second.info().base_url,
        info.base_url,
        "a restart listens on the port it had (the sandbox keeps its URL)"
    );
    let after_start = std::fs::metadata(&path).unwrap();
    assert_eq!(
        (after_start.ino(), after_start.modified().unwrap()),
        (saved.ino(), saved.modified().unwrap()),
        "a restart leaves the state file as it was"
    );
    assert_eq!(second.info().directory_token, info.directory_token);
    assert_eq!(second.info().user_password, info.user_password);
    let read = client()
        .get(format!(
            "{}/platform/v1/apps/durable",
            second.info().base_url
        ))
        .bearer_auth(&info.directory_token)
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), 200);
    let service = client()
        .post(format!("{}/oauth/service/token", second.info().base_url))
        .json(&json!({"service_id": created["client_id"], "service_secret": created["client_secret"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        service.status(),
        200,
        "the client secret still authenticates after a restart"
    );
    second.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_restart_whose_port_is_taken_listens_elsewhere_and_records_the_new_port() {
    let path = std::env::temp_dir().join(format!("state-taken-{}.json", rand_suffix()));
    let config = SandboxConfig {
        state_file: Some(path.clone()),
        ..SandboxConfig::default()
    };
    let first = Sandbox::start(config.clone()).await.unwrap();
    let first_url = first.info().base_url.clone();
    first.shutdown().await;
    // Something else took the port meanwhile.
    let squatter = std::net::TcpListener::bind(first_url.trim_start_matches("http://")).unwrap();

    let second = Sandbox::start(config.clone()).await.unwrap();
    let second_url = second.info().base_url.clone();
    assert_ne!(second_url, first_url);
    let read = client()
        .get(format!("{second_url}/platform/v1/apps"))
        .bearer_auth(&second.info().directory_token)
        .send()
        .await
        .unwrap();
    // (The reference answers this listing with 201.)
    assert!(
        read.status().is_success(),
        "the sandbox serves on its new port: {}",
        read.status()
    );
    second.shutdown().await;
    drop(squatter);

    // The new port was recorded: the next start takes it again.
    let third = Sandbox::start(config).await.unwrap();
    assert_eq!(third.info().base_url, second_url);
    third.shutdown().await;
    let _ = std::fs::remove_file(&path);
}

#[tokio::test]
async fn a_file_that_is_not_a_state_file_is_refused_at_start() {
    let path = std::env::temp_dir().join(format!("not-a-state-{}.json", rand_suffix()));
    std::fs::write(&path, "[]").unwrap();
    let error = Sandbox::start(SandboxConfig {
        state_file: Some(path.clone()),
        ..SandboxConfig::default()
    })
    .await
    .err()
    .expect("a non-state file is refused");
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "{error}"
    );
    let _ = std::fs::remove_file(&path);
}

fn rand_suffix() -> String {
    format!(
        "{:x}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}
