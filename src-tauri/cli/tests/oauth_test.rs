//! `intandem oauth test` end to end: the CLI prints the authorize URL and waits; this test
//! follows it as a browser would (the sandbox's login and consent pages over HTTP, then the
//! redirect to the CLI's loopback listener), and reads the verdict.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use intandem_sandbox::{drive_consent, Sandbox, SandboxConfig, SandboxInfo};
use serde_json::Value;

const PASSPHRASE: &str = "correct horse battery staple";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

struct Cli {
    data_dir: tempfile::TempDir,
}

impl Cli {
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("intandem").unwrap();
        command
            .args(args)
            .env("INTANDEM_DATA_DIR", self.data_dir.path())
            .env("INTANDEM_LOG", "debug")
            .env_remove("INTANDEM_PROFILE");
        if std::env::var("INTANDEM_REQUIRE_KEYRING").is_ok_and(|v| v == "1") {
            command.env_remove("INTANDEM_PASSPHRASE");
        } else {
            command.env("INTANDEM_PASSPHRASE", PASSPHRASE);
        }
        command
    }

    fn ok(&self, args: &[&str], stdin: Option<&str>) -> String {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(input) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(input.as_bytes())
                .unwrap();
        } else {
            drop(child.stdin.take());
        }
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "`intandem {}`: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut with_json = vec!["--json"];
        with_json.extend_from_slice(args);
        serde_json::from_str(&self.ok(&with_json, None)).unwrap()
    }

    /// A profile on the sandbox, and app `code` with these OAuth redirect URIs.
    fn with_app(sandbox: &SandboxInfo, code: &str, redirect_uris: &[&str]) -> Cli {
        let cli = Cli {
            data_dir: tempfile::tempdir().unwrap(),
        };
        cli.ok(
            &[
                "profile",
                "add",
                "Local",
                "--api-base",
                &sandbox.base_url,
                "--brand-url",
                &sandbox.brand_url,
            ],
            Some(&format!("{}\n", sandbox.directory_token)),
        );
        let mut create = vec![
            "apps",
            "create",
            "--name",
            "CLI OAuth app",
            "--redirect-uri",
            "https://cli.example.com/app",
            "--url-param",
            "brand_host",
            "--app-code-name",
            code,
        ];
        for uri in redirect_uris {
            create.extend(["--oauth-redirect-uri", uri]);
        }
        cli.ok(&create, None);
        cli
    }
}

/// A started `intandem --json oauth test …` and the authorize URL it printed first.
struct Running {
    child: Child,
    rest: BufReader<std::process::ChildStdout>,
    url: String,
}

fn start(cli: &Cli, args: &[&str]) -> Running {
    let mut full = vec!["--json", "oauth", "test"];
    full.extend_from_slice(args);
    full.push("--no-browser");
    let mut child = cli
        .command(&full)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut rest = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    rest.read_line(&mut first).unwrap();
    let first: Value = serde_json::from_str(&first)
        .unwrap_or_else(|e| panic!("the first line is one JSON object ({e}): {first:?}"));
    Running {
        child,
        rest,
        url: first["url"].as_str().unwrap().to_owned(),
    }
}

impl Running {
    /// Waits for the CLI to end: its exit code, its last JSON object, its stderr.
    fn finish(mut self) -> (Option<i32>, Value, String) {
        let mut out = String::new();
        self.rest.read_to_string(&mut out).unwrap();
        let mut err = String::new();
        self.child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = self.child.wait().unwrap();
        let result = serde_json::from_str(out.trim())
            .unwrap_or_else(|e| panic!("the result is one JSON object ({e}): {out}\n{err}"));
        (status.code(), result, err)
    }
}

/// The browser's part: log in and approve (or deny), then follow the redirect to the
/// CLI's listener. Returns the listener's status.
async fn browse(sandbox: &SandboxInfo, url: &str, approve: bool) -> u16 {
    let location = drive_consent(url, &sandbox.user_email, &sandbox.user_password, approve)
        .await
        .expect("the sandbox's login and consent pages");
    reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .get(&location)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_test_catches_the_redirect_on_a_loopback_listener_and_reports_the_userinfo() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let callback = format!("http://127.0.0.1:{}/callback", free_port());
    let cli = Cli::with_app(&info, "clioauth1", &[&callback]);
    let running = start(&cli, &["clioauth1", "--pkce", "--timeout", "60"]);
    assert!(running.url.contains("code_challenge="), "{}", running.url);
    assert_eq!(browse(&info, &running.url, true).await, 200);
    let (code, result, stderr) = tokio::task::spawn_blocking(|| running.finish())
        .await
        .unwrap();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(result["outcome"], "succeeded", "{result}");
    assert_eq!(result["userinfo"]["email"], info.user_email.as_str());
    assert!(result["run_id"].as_i64().is_some());
    assert!(stderr.contains("ok  The code was exchanged"), "{stderr}");
    let runs = cli.json(&["oauth", "runs", "clioauth1"]);
    assert_eq!(runs[0]["outcome"], "succeeded");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oauth_test_registers_a_loopback_redirect_for_the_run_and_removes_it_afterwards() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let cli = Cli::with_app(&info, "clioauth2", &[]);
    let refused = cli
        .command(&["oauth", "test", "clioauth2", "--no-browser"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("--register-loopback"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );

    let running = start(
        &cli,
        &["clioauth2", "--register-loopback", "--timeout", "60"],
    );
    let redirect = url::Url::parse(&running.url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "redirect_uri")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    assert!(redirect.starts_with("http://127.0.0.1:"), "{redirect}");
    assert_eq!(browse(&info, &running.url, true).await, 200);
    let (code, result, stderr) = tokio::task::spawn_blocking(|| running.finish())
        .await
        .unwrap();
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(result["outcome"], "succeeded");

    let uris = cli.json(&["redirect-uris", "list", "clioauth2"]);
    assert!(
        !uris.to_string().contains(&redirect),
        "the run's redirect URI is gone: {uris}"
    );
    let audit = cli.json(&["audit", "clioauth2"]);
    let updates: Vec<&Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "app_updated")
        .collect();
    assert_eq!(
        updates.len(),
        2,
        "registered and removed, both audited: {audit}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_denied_consent_fails_with_exit_1_and_still_removes_the_registered_redirect() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let cli = Cli::with_app(&info, "clioauth3", &[]);
    let running = start(&cli, &["clioauth3", "--register-loopback"]);
    assert_eq!(browse(&info, &running.url, false).await, 200);
    let (code, result, stderr) = tokio::task::spawn_blocking(|| running.finish())
        .await
        .unwrap();
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(result["outcome"], "failed");
    assert_eq!(result["error"]["code"], "access_denied");
    let uris = cli.json(&["redirect-uris", "list", "clioauth3"]);
    assert!(!uris.to_string().contains("127.0.0.1"), "{uris}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_stops_the_run_records_it_and_removes_the_registered_redirect() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let cli = Cli::with_app(&info, "clioauth4", &[]);
    let running = start(&cli, &["clioauth4", "--register-loopback"]);
    // SAFETY: signalling our own child.
    unsafe { libc::kill(running.child.id() as i32, libc::SIGINT) };
    let (code, result, stderr) = tokio::task::spawn_blocking(|| running.finish())
        .await
        .unwrap();
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(result["outcome"], "cancelled", "{result}");
    assert!(stderr.contains("Ctrl-C"), "{stderr}");
    let uris = cli.json(&["redirect-uris", "list", "clioauth4"]);
    assert!(!uris.to_string().contains("127.0.0.1"), "{uris}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_nobody_finishes_times_out_as_failed() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let callback = format!("http://127.0.0.1:{}/callback", free_port());
    let cli = Cli::with_app(&info, "clioauth5", &[&callback]);
    let running = start(&cli, &["clioauth5", "--timeout", "1"]);
    let (code, result, stderr) = tokio::task::spawn_blocking(|| running.finish())
        .await
        .unwrap();
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(result["outcome"], "failed");
    assert!(
        stderr.contains("No redirect arrived within 1 s"),
        "{stderr}"
    );
    std::thread::sleep(Duration::from_millis(100));
}
