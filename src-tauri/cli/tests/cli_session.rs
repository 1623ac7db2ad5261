//! The `intandem` binary end to end (assert_cmd), against an in-process sandbox on
//! loopback and a real encrypted store in a temp dir.
//!
//! The store unlocks with the OS keyring when `INTANDEM_REQUIRE_KEYRING=1` (as `make
//! test` runs it, inside dbus-run-session with gnome-keyring), else with
//! `INTANDEM_PASSPHRASE`. Every command runs with `INTANDEM_LOG=debug`, and no secret may
//! appear in any stderr, nor in any stdout but that of the command whose purpose is to
//! show it.

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use intandem_sandbox::{drive_consent, Sandbox, SandboxConfig, SandboxSettings};
use serde_json::Value;

const PASSPHRASE: &str = "correct horse battery staple";
const CALLBACK: &str = "http://127.0.0.1:4567/callback";

fn keyring_required() -> bool {
    std::env::var("INTANDEM_REQUIRE_KEYRING").is_ok_and(|v| v == "1")
}

/// Runs `intandem` commands against one data dir, keeping every output for the leak checks.
struct Session {
    data_dir: tempfile::TempDir,
    runs: Vec<(String, Output)>,
}

impl Session {
    fn new() -> Self {
        Self {
            data_dir: tempfile::tempdir().unwrap(),
            runs: Vec::new(),
        }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("intandem").unwrap();
        command
            .args(args)
            .env("INTANDEM_DATA_DIR", self.data_dir.path())
            .env("INTANDEM_LOG", "debug")
            .env_remove("INTANDEM_PROFILE")
            .timeout(Duration::from_secs(60));
        if keyring_required() {
            command.env_remove("INTANDEM_PASSPHRASE");
        } else {
            command.env("INTANDEM_PASSPHRASE", PASSPHRASE);
        }
        command
    }

    fn run_with(&mut self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut command = self.command(args);
        if let Some(input) = stdin {
            command.write_stdin(input.to_owned());
        }
        let output = command.output().expect("intandem runs");
        self.runs.push((args.join(" "), output.clone()));
        output
    }

    /// Runs a command that must succeed; returns its stdout.
    fn ok(&mut self, args: &[&str]) -> String {
        self.ok_with(args, None)
    }

    fn ok_with(&mut self, args: &[&str], stdin: Option<&str>) -> String {
        let output = self.run_with(args, stdin);
        assert!(
            output.status.success(),
            "`intandem {}` failed ({:?}): {}",
            args.join(" "),
            output.status.code(),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn json(&mut self, args: &[&str]) -> Value {
        let mut with_json = vec!["--json"];
        with_json.extend_from_slice(args);
        let stdout = self.ok(&with_json);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
    }

    /// Runs a command that must fail with `code`; returns its stderr.
    fn fails(&mut self, args: &[&str], code: i32, stdin: Option<&str>) -> String {
        let output = self.run_with(args, stdin);
        assert_eq!(
            output.status.code(),
            Some(code),
            "`intandem {}`",
            args.join(" ")
        );
        String::from_utf8(output.stderr).unwrap()
    }

    /// No secret in any stderr (debug logs included), nor in a stdout other than the
    /// ones `shown_by` allows.
    fn assert_no_leak(&self, secret: &str, what: &str, shown_by: &[&str]) {
        assert!(!secret.is_empty());
        for (command, output) in &self.runs {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                !stderr.contains(secret),
                "the {what} is in the stderr of `{command}`"
            );
            let stdout = String::from_utf8_lossy(&output.stdout);
            if !shown_by.iter().any(|allowed| command.contains(allowed)) {
                assert!(
                    !stdout.contains(secret),
                    "the {what} is in the stdout of `{command}`"
                );
            }
        }
    }
}

fn store_key_source(dir: &Path) -> String {
    let text = std::fs::read_to_string(dir.join("store.json")).unwrap();
    let config: Value = serde_json::from_str(&text).unwrap();
    config["key_source"].as_str().unwrap().to_owned()
}

fn error_line(stderr: &str) -> &str {
    stderr
        .lines()
        .rev()
        .find(|line| line.starts_with("intandem: "))
        .unwrap_or_else(|| panic!("no error sentence in: {stderr}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_whole_session_from_profile_to_a_completed_oauth_test_leaks_no_secret() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let started = Instant::now();
    let mut s = Session::new();

    // profile add: the directory token comes on stdin only.
    let added = s.ok_with(
        &[
            "profile",
            "add",
            "Local",
            "--api-base",
            &info.base_url,
            "--brand-url",
            &info.brand_url,
        ],
        Some(&format!("{}\n", info.directory_token)),
    );
    assert!(added.contains("now current"), "{added}");
    let expected_source = if keyring_required() {
        "keyring"
    } else {
        "passphrase"
    };
    assert_eq!(store_key_source(s.data_dir.path()), expected_source);
    let profiles = s.json(&["profile", "list"]);
    assert_eq!(profiles[0]["name"], "Local");
    assert!(profiles[0]["directory_token"]
        .as_str()
        .unwrap()
        .starts_with('…'));

    // apps create: client_id and client_secret, shown once.
    let created = s.json(&[
        "apps",
        "create",
        "--name",
        "E2E app",
        "--redirect-uri",
        "https://e2e.example.com/app",
        "--url-param",
        "brand_host",
        "--app-code-name",
        "e2eapp",
    ]);
    let client_secret = created["client_secret"].as_str().unwrap().to_owned();
    assert_eq!(created["app_code_name"], "e2eapp");
    assert!(!created["client_id"].as_str().unwrap().is_empty());
    let masked = s.json(&["apps", "credentials", "e2eapp"]);
    assert_ne!(masked["client_secret"], client_secret.as_str());

    // redirect-uris add
    let diff = s.json(&["redirect-uris", "add", "e2eapp", CALLBACK]);
    assert_eq!(diff["added"][0], CALLBACK);
    assert_eq!(diff["applied"], true);

    // tokens create, list and revoke by the last four characters
    let token = s.json(&["tokens", "create", "e2eapp"]);
    let app_token = token["token"].as_str().unwrap().to_owned();
    let tail = token["tail"].as_str().unwrap().to_owned();
    let listed = s.ok(&["tokens", "list", "e2eapp"]);
    assert!(
        listed.contains(&format!("…{tail}")) && listed.contains("active"),
        "{listed}"
    );
    let revoked = s.ok(&["tokens", "revoke", "e2eapp", &tail]);
    assert!(revoked.starts_with("Revoked token"), "{revoked}");

    // oauth authorize-url → the browser's login and consent, over HTTP → oauth complete
    let begun = s.json(&[
        "oauth",
        "authorize-url",
        "e2eapp",
        "--redirect-uri",
        CALLBACK,
        "--pkce",
    ]);
    let url = begun["url"].as_str().unwrap().to_owned();
    assert_eq!(begun["state"].as_str().unwrap().len(), 43);
    assert!(begun["expires_at"].is_string());
    let location = drive_consent(&url, &info.user_email, &info.user_password, true)
        .await
        .expect("the sandbox's login and consent pages");
    let code = url::Url::parse(&location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    // The URL carries the code: it comes on stdin, never in argv.
    let completed: Value = serde_json::from_str(&s.ok_with(
        &["--json", "oauth", "complete"],
        Some(&format!("{location}\n")),
    ))
    .unwrap();
    assert_eq!(completed["outcome"], "succeeded", "{completed}");
    assert_eq!(completed["userinfo"]["email"], info.user_email.as_str());
    assert!(completed["token"]["access_token"]
        .as_str()
        .unwrap()
        .starts_with('…'));
    assert!(completed["timings"]["window_used_ms"].as_u64().unwrap() < 30_000);
    let run_id = completed["run_id"].as_i64().unwrap().to_string();
    let runs = s.ok(&["oauth", "runs", "e2eapp"]);
    assert!(
        runs.contains("succeeded") && runs.contains(CALLBACK),
        "{runs}"
    );
    let report = s.ok(&["oauth", "report", &run_id]);
    assert!(
        report.contains("**succeeded**") && report.contains("business_uid"),
        "{report}"
    );
    let report_json = s.json(&["oauth", "report", &run_id]);
    assert_eq!(report_json["outcome"], "succeeded");

    let audit = s.ok(&["audit", "e2eapp"]);
    for action in [
        "app_created",
        "app_updated",
        "token_created",
        "token_revoked",
    ] {
        assert!(audit.contains(action), "{action} missing from {audit}");
    }
    let elapsed = started.elapsed();
    eprintln!("CLI session: {} commands in {elapsed:?}", s.runs.len());

    // The logs really are at debug level…
    let logs: String = s
        .runs
        .iter()
        .map(|(_, o)| String::from_utf8_lossy(&o.stderr).into_owned())
        .collect();
    assert!(logs.contains("DEBUG"), "debug logs were captured");
    // …and no secret is in them, nor printed by a command not meant to show it.
    s.assert_no_leak(&info.directory_token, "directory token", &[]);
    s.assert_no_leak(&client_secret, "client secret", &["apps create"]);
    s.assert_no_leak(&app_token, "app token", &["tokens create"]);
    s.assert_no_leak(&code, "authorization code", &[]);
    s.assert_no_leak(PASSPHRASE, "store passphrase", &[]);
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_saves_nothing_and_errors_are_one_sentence_with_exit_codes() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let mut s = Session::new();
    let add = [
        "profile",
        "add",
        "Local",
        "--api-base",
        &info.base_url,
        "--brand-url",
        &info.brand_url,
    ];

    let stderr = s.fails(&add, 1, Some("wrong-directory-token\n"));
    let sentence = error_line(&stderr);
    assert!(
        sentence.contains("refused this directory token"),
        "{sentence}"
    );
    assert!(sentence.contains("not saved"), "{sentence}");
    assert!(s.ok(&["profile", "list"]).contains("No profiles yet"));

    let stderr = s.fails(&add, 1, Some("\n"));
    assert!(error_line(&stderr).contains("No directory token was given"));

    // Usage errors exit with 2, and a token is never taken from the command line.
    s.fails(&["apps", "frobnicate"], 2, None);
    s.fails(
        &["profile", "add", "Local", "--api-base", &info.base_url],
        2,
        None,
    );
    s.fails(&[&add[..], &["--directory-token", "x"]].concat(), 2, None);

    // No profile yet: one sentence saying what to do, and JSON on stdout with --json.
    let output = s.run_with(&["--json", "apps", "list"], None);
    assert_eq!(output.status.code(), Some(1));
    let error: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(error["error"]["code"], "not_found");
    assert!(error_line(&String::from_utf8_lossy(&output.stderr)).contains("No profile is selected"));

    s.ok_with(&add, Some(&info.directory_token));
    let stderr = s.fails(&["apps", "show", "nosuchapp"], 1, None);
    assert!(error_line(&stderr).contains("no app with this code name"));
    let stderr = s.fails(&["service-token", "calendarsync"], 1, None);
    assert!(error_line(&stderr).contains("keeps no client secret for app calendarsync"));
}

#[test]
fn the_sandbox_subcommand_prints_its_urls_and_credentials_as_one_json_line() {
    use std::io::{BufRead, BufReader};
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("intandem"))
        .args(["sandbox", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // Process hygiene: the CLI writes no core file, whatever happens to it.
    #[cfg(target_os = "linux")]
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id()));
    child.kill().unwrap();
    child.wait().unwrap();
    #[cfg(target_os = "linux")]
    {
        let limits = limits.unwrap();
        let core = limits
            .lines()
            .find(|l| l.starts_with("Max core file size"))
            .unwrap();
        let fields: Vec<&str> = core.split_whitespace().collect();
        assert_eq!(&fields[4..6], ["0", "0"], "{core}");
    }
    let info: Value = serde_json::from_str(&line).unwrap();
    assert!(info["base_url"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:"));
    assert!(!info["directory_token"].as_str().unwrap().is_empty());
}

/// A session with a profile for the sandbox and one app created with `CALLBACK` registered.
async fn session_with_app(sandbox: &Sandbox, code_name: &str) -> Session {
    let info = sandbox.info();
    let mut s = Session::new();
    s.ok_with(
        &[
            "profile",
            "add",
            "Local",
            "--api-base",
            &info.base_url,
            "--brand-url",
            &info.brand_url,
        ],
        Some(&info.directory_token),
    );
    s.ok(&[
        "apps",
        "create",
        "--name",
        "File app",
        "--redirect-uri",
        "https://file.example.com/app",
        "--url-param",
        "brand_host",
        "--oauth-redirect-uri",
        CALLBACK,
        "--app-code-name",
        code_name,
    ]);
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_update_from_a_file_and_flags_sends_only_what_differs_and_a_dry_run_changes_nothing() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let mut s = session_with_app(&sandbox, "fileapp").await;
    let file = s.data_dir.path().join("app.json");
    std::fs::write(
        &file,
        r#"{"name": "From the file", "url_params": ["brand_host"], "locales": ["en", "fr"]}"#,
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let preview = s.json(&[
        "apps",
        "update",
        "fileapp",
        "--from-file",
        file,
        "--name",
        "From flags",
        "--dry-run",
    ]);
    assert_eq!(preview["applied"], false);
    let fields: Vec<&str> = preview["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["name", "locales"],
        "url_params is unchanged, the flag beats the file"
    );
    assert_eq!(
        s.json(&["apps", "show", "fileapp"])["app"]["name"],
        "File app"
    );

    let applied = s.ok(&[
        "apps",
        "update",
        "fileapp",
        "--from-file",
        file,
        "--name",
        "From flags",
    ]);
    assert!(applied.contains("Updated app fileapp"), "{applied}");
    assert_eq!(
        s.json(&["apps", "show", "fileapp"])["app"]["name"],
        "From flags"
    );

    std::fs::write(s.data_dir.path().join("bad.json"), r#"{"nmae": "typo"}"#).unwrap();
    let bad = s.data_dir.path().join("bad.json");
    let stderr = s.fails(
        &[
            "apps",
            "update",
            "fileapp",
            "--from-file",
            bad.to_str().unwrap(),
        ],
        1,
        None,
    );
    assert!(error_line(&stderr).contains("nmae"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_denied_oauth_test_prints_its_timeline_and_exits_with_1() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let mut s = session_with_app(&sandbox, "deniedapp").await;
    let begun = s.json(&[
        "oauth",
        "authorize-url",
        "deniedapp",
        "--redirect-uri",
        CALLBACK,
    ]);
    let location = drive_consent(
        begun["url"].as_str().unwrap(),
        &info.user_email,
        &info.user_password,
        false,
    )
    .await
    .unwrap();
    let output = s.run_with(
        &["--json", "oauth", "complete", "--redirect-url", &location],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let completion: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(completion["outcome"], "failed");
    assert_eq!(completion["error"]["code"], "access_denied");
    let sentence = error_line(std::str::from_utf8(&output.stderr).unwrap()).to_owned();
    assert!(sentence.contains("access_denied"), "{sentence}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_exits_0_when_nothing_fails_and_1_when_a_check_fails() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let info = sandbox.info().clone();
    let mut s = session_with_app(&sandbox, "checkedapp").await;

    // A created app, never tested: warnings only.
    let report = s.ok(&["check", "checkedapp"]);
    assert!(report.contains("# App setup checks"), "{report}");
    assert!(
        report.contains("| WARN | The last OAuth test |"),
        "{report}"
    );
    let json = s.json(&["check", "checkedapp"]);
    assert_eq!(json["worst"], "warn");
    assert_eq!(json["apps"][0]["app_code_name"], "checkedapp");

    // An app that does not exist fails.
    let stderr = s.fails(&["check", "nosuchapp"], 1, None);
    assert!(error_line(&stderr).contains("failed"), "{stderr}");

    // One app without brand_host makes the whole directory's run fail, and it is named.
    s.ok(&[
        "apps",
        "create",
        "--name",
        "No brand host",
        "--app-code-name",
        "nobrandhost",
        "--redirect-uri",
        "https://nobrand.example.com/app",
    ]);
    let output = s.run_with(&["check", "--all", "--concurrency", "2"], None);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("`nobrandhost`: FAIL"), "{stdout}");
    assert!(
        !stdout.contains(&info.directory_token),
        "no token in the report"
    );

    // Neither an app nor --all is a usage error.
    s.fails(&["check"], 2, None);
}

/// Profile and app on `sandbox`, then: a token created here is revoked by its last four
/// characters; one created elsewhere needs the whole token, from stdin.
async fn tokens_are_revoked_by_tail_or_from_stdin(sandbox: &Sandbox) {
    let info = sandbox.info().clone();
    let mut s = Session::new();
    s.ok_with(
        &[
            "profile",
            "add",
            "Local",
            "--api-base",
            &info.base_url,
            "--brand-url",
            &info.brand_url,
        ],
        Some(&format!("{}\n", info.directory_token)),
    );
    let created = s.json(&[
        "apps",
        "create",
        "--name",
        "Token app",
        "--redirect-uri",
        "https://tokens.example.com/app",
        "--app-code-name",
        "tokensapp",
    ]);
    let token = s.json(&["tokens", "create", "tokensapp"]);
    let tail = token["tail"].as_str().unwrap().to_owned();
    let revoked = s.ok(&["tokens", "revoke", "tokensapp", &tail]);
    assert!(revoked.starts_with("Revoked token"), "{revoked}");

    // A token made by another tool.
    let other: Value = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}/platform/v1/tokens", info.base_url))
        .bearer_auth(&info.directory_token)
        .json(&serde_json::json!({ "app_id": created["app_id"] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let other = other["data"]["token"].as_str().unwrap().to_owned();
    let other_tail = &other[other.len() - 4..];
    let whole_in_argv = s.fails(&["tokens", "revoke", "tokensapp", &other], 1, None);
    assert!(
        error_line(&whole_in_argv).contains("standard input"),
        "{whole_in_argv}"
    );
    assert!(!whole_in_argv.contains(&other));
    let listed_in_full = sandbox
        .admin()
        .settings()
        .await
        .unwrap()
        .list_tokens_in_full;
    if listed_in_full {
        // The platform shows it whole: its tail names it.
        let revoked = s.ok(&["tokens", "revoke", "tokensapp", other_tail]);
        assert!(revoked.starts_with("Revoked token"), "{revoked}");
    } else {
        let refused = s.fails(&["tokens", "revoke", "tokensapp", other_tail], 1, None);
        let sentence = error_line(&refused);
        assert!(sentence.contains("needs the whole token"), "{sentence}");
        let revoked = s.ok_with(
            &["tokens", "revoke", "tokensapp", "-"],
            Some(&format!("{other}\n")),
        );
        assert!(revoked.starts_with("Revoked token"), "{revoked}");
    }
    let listed = s.json(&["tokens", "list", "tokensapp"]);
    assert!(
        listed["tokens"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["listed_on_platform"] == false),
        "both tokens are gone from the platform: {listed}"
    );
    s.assert_no_leak(&other, "token made elsewhere", &[]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_revoke_works_against_a_platform_that_lists_tokens_masked() {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    tokens_are_revoked_by_tail_or_from_stdin(&sandbox).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_revoke_works_against_a_platform_that_lists_tokens_in_full() {
    let sandbox = Sandbox::start(SandboxConfig {
        settings: SandboxSettings {
            list_tokens_in_full: true,
        },
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    tokens_are_revoked_by_tail_or_from_stdin(&sandbox).await;
}
