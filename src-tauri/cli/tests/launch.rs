//! `intandem launch` end to end: a real partner app (a loopback web app from the
//! `intandem-partner-app` crate) is created on `intandem sandbox`, launched with
//! `--no-browser`, and the launch URL is followed as a staff member's browser would (the
//! sandbox's sign-in page, the app, the brand host's authorize and consent pages, the
//! app's callback). The verdict must pass a good app and name the one mistake of each
//! variant; bad requests are refused with what to do, before anything opens.

use std::process::Stdio;
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;
use intandem_partner_app::{Mistake, PartnerApp};
use intandem_sandbox::{browse, AdminClient, Person, SandboxInfo, SeededBusiness};
use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};

const PASSPHRASE: &str = "correct horse battery staple";

/// A data folder with `intandem sandbox` running on it (which keeps the `sandbox` profile,
/// admin token included, there).
struct Session {
    data_dir: tempfile::TempDir,
    sandbox: tokio::process::Child,
    info: SandboxInfo,
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.sandbox.start_kill();
    }
}

fn command(data_dir: &std::path::Path, args: &[&str]) -> tokio::process::Command {
    let mut command = std::process::Command::cargo_bin("intandem").unwrap();
    command
        .args(args)
        .env("INTANDEM_DATA_DIR", data_dir)
        .env_remove("INTANDEM_PROFILE");
    if std::env::var("INTANDEM_REQUIRE_KEYRING").is_ok_and(|v| v == "1") {
        command.env_remove("INTANDEM_PASSPHRASE");
    } else {
        command.env("INTANDEM_PASSPHRASE", PASSPHRASE);
    }
    let mut command = tokio::process::Command::from(command);
    command.kill_on_drop(true);
    command
}

impl Session {
    async fn start() -> Session {
        let data_dir = tempfile::tempdir().unwrap();
        let mut sandbox = command(data_dir.path(), &["sandbox", "--seed-apps", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut first = String::new();
        BufReader::new(sandbox.stdout.take().unwrap())
            .read_line(&mut first)
            .await
            .unwrap();
        let info: SandboxInfo = serde_json::from_str(&first)
            .unwrap_or_else(|e| panic!("`intandem sandbox` prints its info ({e}): {first:?}"));
        Session {
            data_dir,
            sandbox,
            info,
        }
    }

    async fn run(&self, args: &[&str]) -> std::process::Output {
        command(self.data_dir.path(), args)
            .stdin(Stdio::null())
            .output()
            .await
            .unwrap()
    }

    async fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args).await;
        assert!(
            output.status.success(),
            "`intandem {}`: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    fn business(&self, index: usize) -> &SeededBusiness {
        &self.info.businesses[index]
    }

    fn owner_of<'a>(&self, business: &'a SeededBusiness) -> Person<'a> {
        let owner = business
            .staff
            .iter()
            .find(|s| s.role == "owner")
            .expect("a seeded owner");
        Person {
            email: &owner.email,
            password: &owner.password,
            approve: true,
        }
    }

    /// Creates the platform app for `app` (its landing page as `redirect_uri`, its callback
    /// registered) and gives the app the credentials the platform issued.
    async fn create_app(&self, app: &PartnerApp, code: &str) {
        let landing = app.landing_url();
        let callback = app.callback_url();
        let created: Value = serde_json::from_str(
            &self
                .ok(&[
                    "--json",
                    "apps",
                    "create",
                    "--name",
                    "Partner app",
                    "--redirect-uri",
                    &landing,
                    "--url-param",
                    "brand_host",
                    "--url-param",
                    "business_uid",
                    "--url-param",
                    "staff_uid",
                    "--oauth-redirect-uri",
                    &callback,
                    "--app-code-name",
                    code,
                ])
                .await,
        )
        .unwrap();
        app.configure(
            created["client_id"].as_str().unwrap(),
            created["client_secret"].as_str().unwrap(),
            &self.info.base_url,
        );
    }

    /// `intandem --json launch <code> --no-browser …`, the launch URL followed by `person`;
    /// the verdict line and whether the command succeeded.
    async fn launch(&self, code: &str, extra: &[&str], person: Option<Person<'_>>) -> Launched {
        let mut args = vec!["--json", "launch", code, "--no-browser"];
        args.extend_from_slice(extra);
        if !extra.contains(&"--timeout") {
            args.extend(["--timeout", "30"]);
        }
        let mut child = command(self.data_dir.path(), &args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        stdout.read_line(&mut first).await.unwrap();
        let first: Value = serde_json::from_str(&first)
            .unwrap_or_else(|e| panic!("the first line is the launch URL ({e}): {first:?}"));
        let launch_url = first["launch_url"].as_str().unwrap().to_owned();
        let browsed = match person {
            Some(person) => Some(format!("{:?}", browse(&launch_url, &person).await)),
            None => None,
        };
        let mut rest = String::new();
        stdout.read_to_string(&mut rest).await.unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .await
            .unwrap();
        let status = child.wait().await.unwrap();
        let verdict: Value = serde_json::from_str(rest.lines().last().unwrap_or_default())
            .unwrap_or_else(|e| panic!("the last line is the verdict ({e}): {rest:?} {stderr}"));
        Launched {
            launch_url,
            browsed,
            verdict,
            succeeded: status.success(),
            stderr,
        }
    }
}

#[derive(Debug)]
struct Launched {
    launch_url: String,
    browsed: Option<String>,
    verdict: Value,
    succeeded: bool,
    stderr: String,
}

impl Launched {
    fn check(&self, id: &str) -> &Value {
        self.verdict["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("a {id} check in {:#}", self.verdict))
    }

    fn severity(&self, id: &str) -> &str {
        self.check(id)["severity"].as_str().unwrap()
    }

    fn failed_checks(&self) -> Vec<&str> {
        self.verdict["checks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["severity"] == "fail")
            .map(|c| c["id"].as_str().unwrap())
            .collect()
    }
}

/// Launches a fresh partner app making `mistake` as the first business's owner.
async fn launch_variant(session: &Session, mistake: Mistake, code: &str) -> Launched {
    let app = PartnerApp::start(mistake).await;
    session.create_app(&app, code).await;
    let business = session.business(0);
    let launched = session
        .launch(code, &[], Some(session.owner_of(business)))
        .await;
    assert!(
        !launched.succeeded,
        "a failing verdict exits non-zero: {launched:#?}"
    );
    assert_eq!(launched.verdict["verdict"], "fail", "{launched:#?}");
    launched
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_that_follows_the_guide_passes_every_check_and_the_launch_is_kept() {
    let session = Session::start().await;
    let app = PartnerApp::start(Mistake::None).await;
    session.create_app(&app, "goodpartner").await;
    let business = session.business(0);
    let launched = session
        .launch("goodpartner", &[], Some(session.owner_of(business)))
        .await;
    assert!(launched.succeeded, "{launched:#?}");
    assert_eq!(launched.verdict["verdict"], "pass", "{launched:#?}");
    assert!(
        launched
            .browsed
            .as_deref()
            .is_some_and(|b| b.contains("Signed in as")),
        "the app itself says the user is signed in: {launched:#?}"
    );
    for id in [
        "launched",
        "brand_host",
        "redirect_uri",
        "state_sent",
        "state_checked",
        "exchange",
        "userinfo",
    ] {
        assert_eq!(
            launched.severity(id),
            "pass",
            "{id}: {:#}",
            launched.verdict
        );
    }
    assert_eq!(launched.verdict["business_uid"], business.uid.as_str());
    assert_eq!(launched.verdict["sandbox"], true);
    assert!(
        launched
            .launch_url
            .starts_with(&format!("{}/app/launch/", session.info.base_url)),
        "on the sandbox the launch goes through its launch page: {}",
        launched.launch_url
    );
    assert!(
        launched.stderr.contains("Installed app goodpartner"),
        "the install made for the launch is said: {}",
        launched.stderr
    );

    let second = session
        .launch("goodpartner", &[], Some(session.owner_of(business)))
        .await;
    assert!(second.succeeded, "{second:#?}");
    assert!(
        !second.stderr.contains("Installed app"),
        "an app already installed is not installed again: {}",
        second.stderr
    );

    let kept: Value =
        serde_json::from_str(&session.ok(&["--json", "launches", "goodpartner"]).await).unwrap();
    let kept = kept.as_array().unwrap();
    assert_eq!(kept.len(), 2, "both launches are kept: {kept:#?}");
    assert_eq!(kept[0]["run_id"], second.verdict["run_id"], "newest first");
    assert_eq!(kept[1]["run_id"], launched.verdict["run_id"]);
    assert_eq!(kept[1]["verdict"], "pass");
    assert_eq!(
        kept[1]["checks"].as_array().unwrap().len(),
        launched.verdict["checks"].as_array().unwrap().len(),
        "with their checks"
    );
    let human = session.ok(&["launches", "goodpartner"]).await;
    assert!(human.contains("pass"), "{human}");
    let report = session.ok(&["launches", "goodpartner", "--markdown"]).await;
    assert!(
        report.starts_with(&format!(
            "# App launch {}: `goodpartner` — PASS",
            second.verdict["run_id"]
        )),
        "{report}"
    );
    assert!(
        report.contains("| PASS | The user's info is read |"),
        "{report}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_without_state_fails_the_state_checks() {
    let session = Session::start().await;
    let launched = launch_variant(&session, Mistake::NoState, "nostate").await;
    assert_eq!(launched.severity("state_sent"), "fail");
    assert_eq!(launched.severity("state_checked"), "fail");

    // The setup checks show the last launch's verdict.
    let checked = session.run(&["--json", "check", "nostate"]).await;
    let report: Value = serde_json::from_slice(&checked.stdout).unwrap();
    let row = report["apps"][0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "last_launch")
        .unwrap_or_else(|| panic!("a last_launch check: {report:#}"))
        .clone();
    assert_eq!(row["severity"], "fail");
    assert!(
        row["reason"]
            .as_str()
            .unwrap()
            .contains(&format!("Launch {} failed", launched.verdict["run_id"])),
        "{row:#}"
    );
    assert!(
        report["markdown"]
            .as_str()
            .unwrap()
            .contains("The last launch"),
        "and the support report too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_that_does_not_check_state_is_caught_by_the_probe() {
    let session = Session::start().await;
    let launched = launch_variant(&session, Mistake::StateNotChecked, "loosestate").await;
    assert_eq!(launched.severity("state_sent"), "pass");
    assert_eq!(launched.failed_checks(), ["state_checked"], "{launched:#?}");
    assert!(launched.check("state_checked")["fix"]
        .as_str()
        .unwrap()
        .contains("compare the state"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_with_a_hard_coded_brand_host_fails_the_brand_host_check() {
    let session = Session::start().await;
    let port = url::Url::parse(&session.info.base_url)
        .unwrap()
        .port()
        .unwrap();
    // The same sandbox under another name: the flow works, but not on the brand host the
    // app was opened with.
    let launched = launch_variant(
        &session,
        Mistake::HardCodedBrandHost(format!("localhost:{port}")),
        "fixedhost",
    )
    .await;
    assert_eq!(
        launched.failed_checks(),
        ["brand_host"],
        "{:#}",
        launched.verdict
    );
    assert!(launched.check("brand_host")["message"]
        .as_str()
        .unwrap()
        .contains("localhost"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_authorizing_with_an_unregistered_redirect_uri_fails_that_check() {
    let session = Session::start().await;
    let launched = launch_variant(
        &session,
        Mistake::UnregisteredRedirectUri,
        "unregistereduri",
    )
    .await;
    assert_eq!(launched.severity("redirect_uri"), "fail", "{launched:#?}");
    assert!(
        launched.check("redirect_uri")["message"]
            .as_str()
            .unwrap()
            .contains("callback-unregistered"),
        "the verdict names the URI: {:#}",
        launched.verdict
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_exchanging_the_code_after_30_seconds_fails_the_exchange_check() {
    let session = Session::start().await;
    let admin = AdminClient::for_sandbox(&session.info);
    let launched = launch_variant(&session, Mistake::SlowExchange(admin), "slowexchange").await;
    assert_eq!(launched.severity("exchange"), "fail", "{launched:#?}");
    assert!(launched.check("exchange")["message"]
        .as_str()
        .unwrap()
        .contains("codes live 30 s"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_exchanging_with_another_redirect_uri_fails_the_exchange_check() {
    let session = Session::start().await;
    let launched = launch_variant(
        &session,
        Mistake::DifferentRedirectUriInExchange,
        "otheruri",
    )
    .await;
    assert_eq!(launched.severity("exchange"), "fail");
    assert!(launched.check("exchange")["message"]
        .as_str()
        .unwrap()
        .contains("different redirect_uri"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_app_using_a_code_twice_fails_the_code_once_check() {
    let session = Session::start().await;
    let launched = launch_variant(&session, Mistake::CodeUsedTwice, "codetwice").await;
    assert_eq!(launched.severity("exchange"), "pass");
    assert_eq!(launched.severity("code_once"), "fail", "{launched:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_launch_nobody_signs_in_to_ends_at_the_timeout_and_says_so() {
    let session = Session::start().await;
    let app = PartnerApp::start(Mistake::None).await;
    session.create_app(&app, "unopened").await;
    let launched = session.launch("unopened", &["--timeout", "2"], None).await;
    assert!(!launched.succeeded);
    assert_eq!(launched.failed_checks(), ["launched"], "{launched:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn launches_that_cannot_work_are_refused_before_anything_opens() {
    let session = Session::start().await;
    let app = PartnerApp::start(Mistake::None).await;
    session.create_app(&app, "refusals").await;

    let refused = |output: std::process::Output| {
        assert!(!output.status.success());
        assert!(output.stdout.is_empty(), "no launch URL is printed");
        String::from_utf8(output.stderr).unwrap()
    };

    let blocked = session
        .info
        .businesses
        .iter()
        .find(|b| b.blocked)
        .expect("a blocked seeded business");
    let stderr = refused(
        session
            .run(&[
                "launch",
                "refusals",
                "--no-browser",
                "--business",
                &blocked.uid,
            ])
            .await,
    );
    assert!(
        stderr.contains("could not be installed") && stderr.contains(&blocked.name),
        "{stderr}"
    );

    let stderr = refused(
        session
            .run(&[
                "launch",
                "refusals",
                "--no-browser",
                "--business",
                "nope123",
            ])
            .await,
    );
    assert!(
        stderr.contains("no business nope123") && stderr.contains("intandem businesses"),
        "{stderr}"
    );

    let stderr = refused(
        session
            .run(&["launch", "refusals", "--no-browser", "--staff", "stranger"])
            .await,
    );
    assert!(
        stderr.contains("stranger is not a staff member"),
        "{stderr}"
    );

    let landing = app.landing_url();
    drop(app);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let stderr = refused(session.run(&["launch", "refusals", "--no-browser"]).await);
    assert!(
        stderr.contains(&landing) && stderr.contains("start the app"),
        "{stderr}"
    );

    let listed = session.ok(&["--json", "businesses"]).await;
    let listed: Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(
        listed.as_array().unwrap().len(),
        session.info.businesses.len(),
        "`intandem businesses` lists the directory's businesses: {listed:#}"
    );
}
