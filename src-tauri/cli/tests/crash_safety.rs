//! Crash safety: the `intandem` binary killed with SIGKILL at random moments during
//! `apps create` and `apps update`, again and again, against one store and one sandbox.
//! After every kill the store must open, pass `PRAGMA integrity_check` (and SQLCipher's
//! `cipher_integrity_check`), and have lost nothing the CLI had received.
//!
//! What "received" means here: the CLI has *shown* it. `apps create` prints the client id
//! and secret only after the transaction that keeps them (with the cached app and the
//! audit entry) has committed, and `apps update` prints "Updated app" only after its
//! audited record has; so a printed credential or update that is missing after the kill
//! is a failure. The moment the platform's answer is read is observable too (the debug
//! log's `platform call … status=201` line, written once the whole body has arrived), and
//! is reported: a kill between that line and the commit loses a secret that existed only
//! in the killed process's memory; no design can close that window, only keep it short
//! (the commit is the next thing the CLI does).
//!
//! Checked after every kill, besides integrity:
//! - a credential in the store is complete and the platform's (same client id, and it
//!   obtains a service token), with exactly one `app_created` audit entry and its cached
//!   app: the three are written in one transaction, so none exists without the others;
//! - no audit entry for a create or an update that did not commit (and an audited update
//!   is one the platform applied);
//! - a printed credential or update is in the store.
//!
//! Kill moments: half uniform in [0, 1.2 × T] (T: an uninterrupted run of the same command,
//! measured first), half within ±25 ms of when that run's platform answer arrived, to land
//! kills around the commit. The delays come from a seeded RNG; the seed is printed, and
//! `INTANDEM_CRASH_SEED` replays it (timing still varies from run to run). Every request to
//! the apps endpoints takes 100 ms in the sandbox, so the kills spread over the phases.
//!
//! `crash_safety_10_kills` runs in `cargo test`; `crash_safety_100_kills` is run by
//! `make soak`.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use intandem_core::platform::{AppCodeName, PlatformClient, ServiceCredentials};
use intandem_core::store::{AuditAction, AuditQuery, Keyring, Store, Unlock};
use intandem_core::Secret;
use intandem_sandbox::{AdminClient, Faults, Sandbox, SandboxConfig, SandboxInfo};
use serde_json::Value;

const PASSPHRASE: &str = "correct horse battery staple";
const LANDING_PREFIX: &str = "https://crash.example.com/app/";
/// How long every request to the apps endpoints takes in the sandbox.
const LATENCY_MS: u64 = 100;

fn keyring_required() -> bool {
    std::env::var("INTANDEM_REQUIRE_KEYRING").is_ok_and(|v| v == "1")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_safety_10_kills() {
    crash_safety(10).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "run by make soak"]
async fn crash_safety_100_kills() {
    crash_safety(100).await;
}

/// SplitMix64: a small seeded generator (this crate has no `rand`).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn seed() -> u64 {
    std::env::var("INTANDEM_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        })
}

// ---------------------------------------------------------------------------------------
// Running the CLI

struct Rig {
    info: SandboxInfo,
    admin: AdminClient,
    dir: tempfile::TempDir,
    state_file: PathBuf,
}

impl Rig {
    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("intandem"));
        command
            .args(args)
            .env("INTANDEM_DATA_DIR", self.data_dir())
            .env("INTANDEM_LOG", "debug")
            .env_remove("INTANDEM_PROFILE");
        if keyring_required() {
            command.env_remove("INTANDEM_PASSPHRASE");
        } else {
            command.env("INTANDEM_PASSPHRASE", PASSPHRASE);
        }
        command
    }

    /// Starts a command with stdout and stderr going to files (they keep what the process
    /// wrote before it was killed).
    fn spawn(&self, args: &[&str], name: &str) -> (Child, PathBuf, PathBuf) {
        let out = self.dir.path().join(format!("{name}.out"));
        let err = self.dir.path().join(format!("{name}.err"));
        let child = self
            .command(args)
            .stdin(Stdio::null())
            .stdout(File::create(&out).unwrap())
            .stderr(File::create(&err).unwrap())
            .spawn()
            .expect("intandem starts");
        (child, out, err)
    }

    async fn open_store(&self) -> Result<Store, String> {
        let unlock = if keyring_required() {
            Unlock::Keyring(Keyring::os())
        } else {
            Unlock::Passphrase(Secret::new(PASSPHRASE))
        };
        Store::open(&self.data_dir(), unlock)
            .await
            .map_err(|e| e.to_string())
    }

    /// The sandbox's own state (its state file, rewritten after every change).
    fn platform_apps(&self) -> BTreeMap<String, Value> {
        let text = std::fs::read_to_string(&self.state_file).unwrap();
        let state: Value = serde_json::from_str(&text).unwrap();
        state["state"]["apps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (a["app_code_name"].as_str().unwrap().to_owned(), a.clone()))
            .collect()
    }
}

fn create_args(n: usize) -> Vec<String> {
    [
        "apps",
        "create",
        "--name",
        &format!("Crash app {n}"),
        "--redirect-uri",
        &format!("{LANDING_PREFIX}{n}"),
        "--url-param",
        "brand_host",
        "--app-code-name",
        &format!("crash{n}"),
    ]
    .map(str::to_owned)
    .to_vec()
}

fn update_args(app: &str, n: usize) -> Vec<String> {
    [
        "apps",
        "update",
        app,
        "--name",
        &format!("Crash update {n}"),
    ]
    .map(str::to_owned)
    .to_vec()
}

/// The debug line the transport writes once the whole answer to this call has arrived
/// (`platform call method=POST path="/platform/v1/apps" status=201 …`).
fn answered(stderr: &str, method: &str, status: u16) -> bool {
    let path = match method {
        "POST" => "path=\"/platform/v1/apps\"",
        _ => "path=\"/platform/v1/apps/",
    };
    stderr.lines().any(|line| {
        line.contains("platform call")
            && line.contains(&format!("method={method} "))
            && line.contains(path)
            && line.contains(&format!("status={status} "))
    })
}

#[derive(Debug, Clone, Copy)]
struct Timing {
    /// An uninterrupted run, start to exit.
    total: Duration,
    /// When the platform's answer to the write arrived.
    answer: Duration,
}

/// Runs a command to its end, noting when its write's answer line appeared on stderr.
fn measure(rig: &Rig, args: &[String], method: &str, status: u16) -> Timing {
    let started = Instant::now();
    let mut child = rig
        .command(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut answer = None;
    for line in BufReader::new(child.stderr.take().unwrap()).lines() {
        let line = line.unwrap();
        if answer.is_none() && answered(&line, method, status) {
            answer = Some(started.elapsed());
        }
    }
    assert!(child.wait().unwrap().success(), "`intandem {args:?}`");
    Timing {
        total: started.elapsed(),
        answer: answer.expect("the answer's debug line"),
    }
}

// ---------------------------------------------------------------------------------------
// The run

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Create,
    Update,
}

async fn crash_safety(kills: usize) {
    let seed = seed();
    eprintln!(
        "crash safety: {kills} kills, seed {seed} (INTANDEM_CRASH_SEED={seed} replays the \
         delays), store unlocked with the {}",
        if keyring_required() {
            "OS keyring"
        } else {
            "passphrase"
        }
    );
    let wall = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("sandbox-state.json");
    let sandbox = Sandbox::start(SandboxConfig {
        state_file: Some(state_file.clone()),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let info = sandbox.info().clone();
    let rig = Rig {
        admin: AdminClient::for_sandbox(&info),
        info,
        dir,
        state_file,
    };

    // The profile, then one uninterrupted create and update to time the kills by.
    let mut add = rig
        .command(&[
            "profile",
            "add",
            "Local",
            "--api-base",
            &rig.info.base_url,
            "--brand-url",
            &rig.info.brand_url,
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(add.stdin.take().unwrap(), "{}", rig.info.directory_token).unwrap();
    assert!(add.wait().unwrap().success(), "profile add");
    rig.admin
        .set_faults(&Faults {
            latency_ms: Some(LATENCY_MS),
            paths: vec!["/platform/v1/apps".to_owned()],
            ..Faults::default()
        })
        .await
        .unwrap();
    let (create_timing, update_timing) = tokio::task::block_in_place(|| {
        let create = measure(&rig, &create_args(1_000_000), "POST", 201);
        let update = measure(&rig, &update_args("crash1000000", 1_000_000), "PUT", 200);
        (create, update)
    });
    eprintln!(
        "an uninterrupted create takes {:?} (answer at {:?}), an update {:?} (answer at {:?})",
        create_timing.total, create_timing.answer, update_timing.total, update_timing.answer
    );

    let mut rng = Rng(seed);
    let mut targets: Vec<String> = vec!["crash1000000".to_owned()];
    let mut tally: BTreeMap<(&'static str, String), usize> = BTreeMap::new();
    let mut violations: Vec<String> = Vec::new();
    let mut checked_credentials: BTreeMap<String, String> = BTreeMap::new();
    let (mut killed, mut finished, mut n) = (0, 0, 0);
    while killed < kills {
        n += 1;
        assert!(n <= kills * 3, "too few kills landed: {killed} in {n} runs");
        let kind = if rng.chance(60) {
            Kind::Create
        } else {
            Kind::Update
        };
        let (args, timing) = match kind {
            Kind::Create => (create_args(n), create_timing),
            Kind::Update => {
                let target = &targets[rng.below(targets.len() as u64) as usize];
                (update_args(target, n), update_timing)
            }
        };
        let delay_ms = if rng.chance(50) {
            rng.below(timing.total.as_millis() as u64 * 6 / 5 + 1)
        } else {
            (timing.answer.as_millis() as u64 + rng.below(51)).saturating_sub(25)
        };
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let (mut child, out, err) = rig.spawn(&argv, &format!("run{n}"));
        tokio::time::sleep(Duration::from_millis(delay_ms)).await;
        let was_killed = match child.try_wait().unwrap() {
            Some(_) => false,
            None => {
                child.kill().unwrap(); // SIGKILL
                true
            }
        };
        let status = tokio::task::block_in_place(|| child.wait().unwrap());
        if was_killed {
            killed += 1;
        } else {
            finished += 1;
            assert!(status.success(), "run {n} ({args:?}) failed on its own");
        }
        // Let the sandbox finish a request the dead CLI left in flight.
        tokio::time::sleep(Duration::from_millis(LATENCY_MS * 3)).await;
        let stdout = std::fs::read_to_string(&out).unwrap_or_default();
        let stderr = std::fs::read_to_string(&err).unwrap_or_default();

        let store = match rig.open_store().await {
            Ok(store) => store,
            Err(error) => {
                violations.push(format!(
                    "run {n}: the store does not open after the kill: {error}"
                ));
                break;
            }
        };
        if let Err(error) = store.integrity_check().await {
            violations.push(format!("run {n}: integrity check failed: {error}"));
        }
        let platform = rig.platform_apps();
        let phase = match kind {
            Kind::Create => {
                check_create(&store, &platform, n, &stdout, &stderr, &mut violations).await
            }
            Kind::Update => {
                let app = argv[2].to_owned();
                check_update(
                    &store,
                    &platform,
                    &app,
                    n,
                    &stdout,
                    &stderr,
                    &mut violations,
                )
                .await
            }
        };
        if kind == Kind::Create && platform.contains_key(&format!("crash{n}")) {
            targets.push(format!("crash{n}"));
        }
        check_every_credential(
            &rig,
            &store,
            &platform,
            &mut checked_credentials,
            &mut violations,
        )
        .await;
        store.close().await;
        let kind_name = match kind {
            Kind::Create => "create",
            Kind::Update => "update",
        };
        let phase = if was_killed {
            phase
        } else {
            "not killed: finished first".to_owned()
        };
        *tally.entry((kind_name, phase)).or_default() += 1;
    }

    let mut summary = format!(
        "\n=== crash safety: {killed} kills in {n} runs ({finished} finished before their kill), \
         seed {seed} ===\nwhere the kills landed:\n"
    );
    for ((kind, phase), count) in &tally {
        summary.push_str(&format!("  {kind:<6} {count:>3}  {phase}\n"));
    }
    summary.push_str(&format!(
        "after every kill: the store opened and passed integrity_check; credentials kept: {}, \
         each the platform's\nviolations: {}\nwall time: {:.1} s\n",
        checked_credentials.len(),
        violations.len(),
        wall.elapsed().as_secs_f64()
    ));
    eprintln!("{summary}");
    drop(sandbox);
    assert!(
        violations.is_empty(),
        "seed {seed}: {} violation(s):\n  {}",
        violations.len(),
        violations.join("\n  ")
    );
}

async fn profile_id(store: &Store) -> intandem_core::store::ProfileId {
    store.profiles().current().await.unwrap().unwrap().id
}

async fn audit_entries(
    store: &Store,
    app: &str,
    action: AuditAction,
) -> Vec<intandem_core::store::AuditEntry> {
    let query = AuditQuery {
        profile_id: None,
        app_code_name: Some(AppCodeName::existing(app).unwrap()),
        before_id: None,
        limit: 10_000,
    };
    store
        .audit_log()
        .list(&query)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == action)
        .collect()
}

/// Where a create's kill landed, checking what must hold there.
async fn check_create(
    store: &Store,
    platform: &BTreeMap<String, Value>,
    n: usize,
    stdout: &str,
    stderr: &str,
    violations: &mut Vec<String>,
) -> String {
    let code = format!("crash{n}");
    let profile = profile_id(store).await;
    let app_code = AppCodeName::existing(code.as_str()).unwrap();
    let kept = store.credentials().get(profile, &app_code).await.unwrap();
    let cached = store.apps_cache().get(profile, &app_code).await.unwrap();
    let audited = audit_entries(store, &code, AuditAction::AppCreated).await;
    let printed = stdout
        .lines()
        .find_map(|l| l.strip_prefix("client_id: "))
        .map(str::to_owned);
    let on_platform = platform.get(&code);
    let received = answered(stderr, "POST", 201);
    match &kept {
        Some(kept) => {
            match on_platform {
                Some(app) if app["client_id"].as_str() == Some(kept.client_id.as_str()) => {}
                _ => violations.push(format!(
                    "run {n}: the store keeps credentials for {code} that are not the platform's"
                )),
            }
            if cached.is_none() {
                violations.push(format!(
                    "run {n}: {code}'s credentials are kept but its cached app is not"
                ));
            }
            let with_credentials = audited
                .iter()
                .filter(|e| {
                    e.after
                        .as_ref()
                        .is_some_and(|a| a.get("credentials").is_some_and(Value::is_object))
                })
                .count();
            if audited.len() != 1 || with_credentials != 1 {
                violations.push(format!(
                    "run {n}: {code}'s credentials are kept with {} app_created entries",
                    audited.len()
                ));
            }
            if !received {
                violations.push(format!(
                    "run {n}: {code}'s credentials were kept before the answer's log line"
                ));
            }
        }
        None => {
            if !audited.is_empty() {
                violations.push(format!(
                    "run {n}: an app_created entry for {code}, whose credentials are not kept"
                ));
            }
            if cached.is_some() {
                violations.push(format!(
                    "run {n}: {code} is cached though its create did not commit"
                ));
            }
        }
    }
    if let Some(printed) = &printed {
        match &kept {
            Some(kept) if &kept.client_id == printed => {}
            Some(_) => violations.push(format!(
                "run {n}: {code}: the printed client id is not the one kept"
            )),
            None => violations.push(format!(
                "run {n}: {code}'s credentials were printed but are not in the store"
            )),
        }
    }
    match (
        printed.is_some(),
        kept.is_some(),
        received,
        on_platform.is_some(),
    ) {
        (true, _, _, _) => "after the commit and the output: credentials printed and kept",
        (false, true, _, _) => "after the commit, before the output: credentials kept",
        (false, false, true, _) => {
            "answer received, before the commit: the secret was only in the killed process"
        }
        (false, false, false, true) => {
            "platform created the app, its answer not yet read: nothing kept, nothing audited"
        }
        (false, false, false, false) => "before the platform created the app: nothing kept",
    }
    .to_owned()
}

/// Where an update's kill landed, checking what must hold there.
async fn check_update(
    store: &Store,
    platform: &BTreeMap<String, Value>,
    app: &str,
    n: usize,
    stdout: &str,
    stderr: &str,
    violations: &mut Vec<String>,
) -> String {
    let name = format!("Crash update {n}");
    let applied = platform
        .get(app)
        .is_some_and(|a| a["name"].as_str() == Some(name.as_str()));
    let audited = audit_entries(store, app, AuditAction::AppUpdated)
        .await
        .into_iter()
        .filter(|e| {
            e.after
                .as_ref()
                .and_then(|a| a.get("name"))
                .and_then(Value::as_str)
                == Some(name.as_str())
        })
        .count();
    let printed = stdout.contains(&format!("Updated app {app}"));
    let received = answered(stderr, "PUT", 200);
    let profile = profile_id(store).await;
    let cached_name = store
        .apps_cache()
        .get(profile, &AppCodeName::existing(app).unwrap())
        .await
        .unwrap()
        .and_then(|c| c.name);
    if audited > 1 {
        violations.push(format!(
            "run {n}: {audited} app_updated entries for one update"
        ));
    }
    if audited == 1 && !applied {
        violations.push(format!(
            "run {n}: the update of {app} is audited, but the platform did not apply it"
        ));
    }
    if audited == 1 && cached_name.as_deref() != Some(name.as_str()) {
        violations.push(format!(
            "run {n}: the update of {app} is audited, but the cached app does not have it"
        ));
    }
    if printed && audited != 1 {
        violations.push(format!(
            "run {n}: \"Updated app {app}\" was printed, but the update is not audited"
        ));
    }
    match (printed, audited == 1, received, applied) {
        (true, _, _, _) => "after the commit and the output: update printed and audited",
        (false, true, _, _) => "after the commit, before the output: update audited",
        (false, false, true, _) => "answer received, before the commit: applied, not audited",
        (false, false, false, true) => "platform applied it, its answer not yet read",
        (false, false, false, false) => "before the platform applied it",
    }
    .to_owned()
}

/// Every credential in the store is the platform's: the same client id, and the pair
/// obtains a service token (checked once per app).
async fn check_every_credential(
    rig: &Rig,
    store: &Store,
    platform: &BTreeMap<String, Value>,
    checked: &mut BTreeMap<String, String>,
    violations: &mut Vec<String>,
) {
    let profile = profile_id(store).await;
    let client = PlatformClient::new(
        rig.info.base_url.parse().unwrap(),
        Secret::new(rig.info.directory_token.clone()),
    );
    for kept in store.credentials().list(profile).await.unwrap() {
        let code = kept.app_code_name.to_string();
        if checked.get(&code) == Some(&kept.client_id) {
            continue;
        }
        if platform.get(&code).and_then(|a| a["client_id"].as_str()) != Some(&kept.client_id) {
            violations.push(format!("{code}: the kept client id is not the platform's"));
        }
        let credentials = ServiceCredentials {
            service_id: kept.client_id.clone(),
            service_secret: kept.client_secret.clone(),
        };
        if let Err(error) = client.oauth().service_token(&credentials).await {
            violations.push(format!(
                "{code}: the kept credentials obtain no service token: {}",
                error.message
            ));
        }
        checked.insert(code, kept.client_id);
    }
}
