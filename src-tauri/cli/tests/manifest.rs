//! Apps as code from the command line: `apps export`, `plan` (exit 0 when nothing is to
//! do, 2 when there are changes, 1 on error) and `apply` (asks unless --yes; the new apps'
//! credentials in the store, and optionally in a new 0600 file), promoting apps from one
//! sandbox ("staging") to another ("production").

use std::process::{Command, Output, Stdio};

use assert_cmd::cargo::CommandCargoExt;
use intandem_sandbox::{Sandbox, SandboxConfig, SandboxInfo};
use serde_json::Value;

const PASSPHRASE: &str = "correct horse battery staple";

struct Cli {
    data_dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            data_dir: tempfile::tempdir().unwrap(),
        }
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut command = Command::cargo_bin("intandem").unwrap();
        command
            .args(args)
            .env("INTANDEM_DATA_DIR", self.data_dir.path())
            .env_remove("INTANDEM_PROFILE")
            .current_dir(self.data_dir.path());
        if std::env::var("INTANDEM_REQUIRE_KEYRING").is_ok_and(|v| v == "1") {
            command.env_remove("INTANDEM_PASSPHRASE");
        } else {
            command.env("INTANDEM_PASSPHRASE", PASSPHRASE);
        }
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let mut input = child.stdin.take().unwrap();
            if let Some(text) = stdin {
                input.write_all(text.as_bytes()).unwrap();
            }
        }
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str], stdin: Option<&str>) -> String {
        let output = self.run(args, stdin);
        assert!(
            output.status.success(),
            "`intandem {}`: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn add_profile(&self, name: &str, sandbox: &SandboxInfo) {
        self.ok(
            &[
                "profile",
                "add",
                name,
                "--api-base",
                &sandbox.base_url,
                "--brand-url",
                &sandbox.brand_url,
            ],
            Some(&format!("{}\n", sandbox.directory_token)),
        );
    }

    fn path(&self, name: &str) -> String {
        self.data_dir.path().join(name).display().to_string()
    }
}

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig {
        seed_apps: 0,
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apps_promoted_from_staging_to_production_plan_nothing_afterwards() {
    let (staging, production) = (sandbox().await, sandbox().await);
    let cli = Cli::new();
    cli.add_profile("staging", staging.info());
    cli.add_profile("production", production.info());
    cli.ok(&["profile", "use", "staging"], None);
    cli.ok(
        &[
            "apps",
            "create",
            "--name",
            "Promoted App",
            "--redirect-uri",
            "https://promoted.example.com/app",
            "--url-param",
            "brand_host",
            "--oauth-redirect-uri",
            "https://promoted.example.com/callback",
            "--oauth-redirect-uri",
            "http://127.0.0.1:4567/callback",
            "--app-code-name",
            "promoted",
        ],
        None,
    );
    let manifest = cli.path("apps.toml");
    cli.ok(&["apps", "export", "--all", "-o", &manifest], None);
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(
        text.starts_with("# inTandem App Console manifest"),
        "{text}"
    );
    assert!(text.contains("app_code_name = \"promoted\""), "{text}");
    assert!(!text.contains("client"), "no client id or secret: {text}");
    let again = cli.run(&["apps", "export", "--all", "-o", &manifest], None);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );

    let plan = cli.run(
        &["--json", "--profile", "production", "plan", "-f", &manifest],
        None,
    );
    assert_eq!(
        plan.status.code(),
        Some(2),
        "changes: exit 2: {}",
        stderr(&plan)
    );
    let json: Value = serde_json::from_slice(&plan.stdout).unwrap();
    assert_eq!(json["apps"][0]["app_code_name"], "promoted");
    assert_eq!(json["apps"][0]["action"], "create");
    let warnings = json["apps"][0]["warnings"].as_array().unwrap();
    assert!(
        warnings.is_empty(),
        "production here is a sandbox on this computer: {warnings:?}"
    );

    let refused = cli.run(&["--profile", "production", "apply", "-f", &manifest], None);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("--yes"), "{}", stderr(&refused));

    let secrets = cli.path("new-apps.env");
    let applied = cli.ok(
        &[
            "--profile",
            "production",
            "apply",
            "-f",
            &manifest,
            "--yes",
            "--credentials-out",
            &secrets,
            "--credentials-format",
            "dotenv",
        ],
        None,
    );
    assert!(applied.contains("+ promoted: created"), "{applied}");
    assert!(applied.contains("Applied all 1 change(s)."), "{applied}");
    let env = std::fs::read_to_string(&secrets).unwrap();
    assert!(env.starts_with("PROMOTED_CLIENT_ID="), "{env}");
    assert!(env.contains("PROMOTED_CLIENT_SECRET="), "{env}");
    let secret = env
        .lines()
        .find_map(|l| l.strip_prefix("PROMOTED_CLIENT_SECRET="))
        .unwrap();
    assert!(!applied.contains(secret), "the secret is not printed");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&secrets).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let kept = cli.ok(
        &[
            "--profile",
            "production",
            "apps",
            "credentials",
            "promoted",
            "--reveal",
        ],
        None,
    );
    assert!(kept.contains(secret), "the store kept the same secret");

    let plan = cli.run(&["--profile", "production", "plan", "-f", &manifest], None);
    assert_eq!(
        plan.status.code(),
        Some(0),
        "nothing to do: {}",
        stderr(&plan)
    );
    let again = cli.ok(
        &["--profile", "production", "apply", "-f", &manifest, "--yes"],
        None,
    );
    assert!(again.contains("Nothing to apply"), "{again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_manifest_is_refused_with_where_and_what() {
    let sandbox = sandbox().await;
    let cli = Cli::new();
    cli.add_profile("staging", sandbox.info());
    let file = cli.path("broken.toml");
    std::fs::write(
        &file,
        "version = 1\n\n[[apps]]\napp_code_name = \"x1\"\nname = \"Broken\"\nredirect_urii = \"https://x.example.com\"\n",
    )
    .unwrap();
    let plan = cli.run(&["plan", "-f", &file], None);
    assert_eq!(plan.status.code(), Some(1));
    let said = stderr(&plan);
    assert!(said.contains("broken.toml:6:1"), "{said}");
    assert!(said.contains("redirect_urii"), "{said}");

    std::fs::write(&file, "version = 7\n").unwrap();
    let said = stderr(&cli.run(&["plan", "-f", &file], None));
    assert!(said.contains("version 7 manifest"), "{said}");
}
