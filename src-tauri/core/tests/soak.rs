//! The fault soak: many mixed operations through `Console` against the sandbox while it
//! answers 20 % of requests with a 503, every 7th with a 429, every 50th with a body cut
//! in half, each after a delay. Every operation's result goes in a ledger; at the end,
//! with the faults cleared, the ledger, the store and the sandbox's own state (its state
//! file: client ids and secret digests, issued tokens) must agree:
//!
//! (a) every app whose create returned Ok has its client id and secret in the store,
//!     equal to the sandbox's (and they obtain a service token); an app the sandbox made
//!     for a create that failed was reported as `unknown_outcome` (and, when found by
//!     reconciliation, recorded as "created, secret not received"), never silently missing;
//! (b) no create made two apps (each create has a unique landing page);
//! (c) the store passes `PRAGMA integrity_check` (and `cipher_integrity_check`), before
//!     and after being closed and opened again;
//! (d) the audit log has exactly one entry per successful create, update, redirect URI
//!     change, token creation and revocation, and none for a failed one; the tokens kept
//!     are the platform's, each kept once, revoked where the store says so.
//!
//! Operations run 12 (4) at a time, on apps and tokens the run created, so they also
//! overlap on one app. Two bugs the soak found have a focused test here each:
//! `an_updates_audit_entry_names_only_its_own_change_when_another_write_lands_between`
//! and `two_token_creates_at_once_never_take_each_others_token`.
//!
//! `a_small_soak_keeps_every_invariant` runs in `cargo test` (80 operations, short
//! latency); `soak_1000_operations_under_faults` is run by `make soak`.
//! `INTANDEM_SOAK_SEED` picks the seed (printed either way); `INTANDEM_SOAK_OPS`
//! overrides the number of operations of the full run.

mod console_support;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use console_support::open_console;
use intandem_core::console::dto::CreatedAppView;
use intandem_core::console::{AppInput, RedirectUriChange};
use intandem_core::platform::{ClientOptions, RetryPolicy};
use intandem_core::store::{AuditAction, AuditEntry};
use intandem_core::{Console, ConsoleError, ErrorCode, Secret};
use intandem_sandbox::{AdminClient, FaultDraws, Faults, LoggedRequest, Sandbox, SandboxConfig};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;
use sha2::{Digest, Sha256};

const LANDING_PREFIX: &str = "https://soak.example.com/app/";

fn landing(op: usize) -> String {
    format!("{LANDING_PREFIX}{op}")
}

/// The OAuth redirect URI an operation registers (`n` = 0: by a create).
fn callback(op: usize, n: usize) -> String {
    format!("http://127.0.0.1:9/cb/{op}/{n}")
}

struct Plan {
    label: &'static str,
    ops: usize,
    concurrency: usize,
    latency_ms: u64,
    retry_after_secs: u64,
    seed: u64,
}

impl Plan {
    fn faults(&self) -> Faults {
        Faults {
            latency_ms: Some(self.latency_ms),
            error_rate: Some(0.2),
            rate_limit_every: Some(7),
            retry_after_secs: Some(self.retry_after_secs),
            truncate_every: Some(50),
            seed: Some(self.seed),
            ..Faults::default()
        }
    }
}

/// Retries as a desktop app would make them, with shorter backoffs.
fn soak_options() -> ClientOptions {
    ClientOptions {
        request_timeout: Duration::from_secs(15),
        retry: RetryPolicy {
            max_attempts: 3,
            base_backoff: Duration::from_millis(20),
            max_backoff: Duration::from_millis(200),
            max_retry_after: Duration::from_secs(2),
        },
        ..ClientOptions::default()
    }
}

fn seed() -> u64 {
    std::env::var("INTANDEM_SOAK_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_122)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_small_soak_keeps_every_invariant() {
    soak(Plan {
        label: "small soak",
        ops: 80,
        concurrency: 4,
        latency_ms: 20,
        retry_after_secs: 0,
        seed: seed(),
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
#[ignore = "run by make soak"]
async fn soak_1000_operations_under_faults() {
    let ops = std::env::var("INTANDEM_SOAK_OPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_200);
    soak(Plan {
        label: "full soak",
        ops,
        concurrency: 12,
        latency_ms: 200,
        retry_after_secs: 1,
        seed: seed(),
    })
    .await;
}

/// Found by the soak: an update's audit entry also claimed a change another writer made
/// between the update's read and its write (the platform's answer carries both). Here a
/// rename by the console and a redirect URI change by another client overlap: the
/// console's read is answered at ~600 ms, the other write at ~900 ms, the console's write
/// at ~1,200 ms (the sandbox delays every request to the app by 600 ms).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_updates_audit_entry_names_only_its_own_change_when_another_write_lands_between() {
    let h = console_support::harness().await;
    h.console
        .app_create(console_support::new_app("Between app", "betweenapp"))
        .await
        .unwrap();
    let admin = h.sandbox.admin();
    admin
        .set_faults(&Faults {
            latency_ms: Some(600),
            paths: vec!["/platform/v1/apps/betweenapp".to_owned()],
            ..Faults::default()
        })
        .await
        .unwrap();
    let other = intandem_core::platform::PlatformClient::new(
        h.info().base_url.parse().unwrap(),
        Secret::new(h.info().directory_token.clone()),
    );
    let code = intandem_core::platform::AppCodeName::existing("betweenapp").unwrap();
    let uri = "https://between.example.com/cb".to_owned();
    let rename = h.console.app_update(
        "betweenapp",
        AppInput {
            name: Some("Renamed here".to_owned()),
            ..AppInput::default()
        },
    );
    let meanwhile = async {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let update = intandem_core::platform::AppUpdate {
            oauth_redirect_uris: Some(vec![uri.clone()]),
            ..Default::default()
        };
        other.update_app(&code, &update).await
    };
    let (renamed, changed) = tokio::join!(rename, meanwhile);
    assert!(renamed.unwrap().applied);
    changed.unwrap();
    admin.clear_faults().await.unwrap();
    let shown = h.console.app_show("betweenapp").await.unwrap();
    assert_eq!(
        shown.app.oauth_redirect_uris,
        Some(vec![uri]),
        "the other write landed"
    );

    let entries = h.console.audit(Some("betweenapp"), None).await.unwrap();
    let updates: Vec<&AuditEntry> = entries
        .iter()
        .filter(|e| e.action == AuditAction::AppUpdated)
        .collect();
    assert_eq!(updates.len(), 1, "{updates:?}");
    let fields = |v: &Option<Value>| -> Vec<String> {
        v.as_ref()
            .and_then(Value::as_object)
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(fields(&updates[0].after), ["name"], "{:?}", updates[0]);
    assert_eq!(fields(&updates[0].before), ["name"], "{:?}", updates[0]);
    assert_eq!(audit_str(&updates[0].after, "name"), Some("Renamed here"));
}

/// The first seed whose 5xx draws (`error_rate` 0.5) for the requests the faults apply
/// to, in order, are `pattern` (true = a 503): the sandbox draws from this same RNG.
fn seed_for(pattern: &[bool]) -> u64 {
    (0..10_000)
        .find(|seed| {
            let mut draws = FaultDraws::new(*seed);
            pattern.iter().all(|&fail| draws.chance(0.5) == fail)
        })
        .expect("a seed with this pattern")
}

/// Found by the soak: two token creates for one app at once, the second one's POST
/// answered 503. Its check of the app's token list (before vs after) saw the first one's
/// new token and took it for its own, so both "succeeded" with the same token, kept (and
/// audited) twice, while the second created nothing. Requests to the tokens endpoint take
/// 400 ms; the second create starts 200 ms after the first; only the 4th request to the
/// tokens endpoint fails.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_token_creates_at_once_never_take_each_others_token() {
    let h = console_support::harness().await;
    h.console
        .app_create(console_support::new_app("Token race app", "tokenrace"))
        .await
        .unwrap();
    let admin = h.sandbox.admin();
    admin
        .set_faults(&Faults {
            latency_ms: Some(400),
            error_rate: Some(0.5),
            seed: Some(seed_for(&[false, false, false, true, false, false])),
            paths: vec!["/platform/v1/tokens".to_owned()],
            ..Faults::default()
        })
        .await
        .unwrap();
    let first = h.console.token_create("tokenrace");
    let second = async {
        tokio::time::sleep(Duration::from_millis(200)).await;
        h.console.token_create("tokenrace").await
    };
    let (first, second) = tokio::join!(first, second);
    admin.clear_faults().await.unwrap();
    let created: Vec<String> = [&first, &second]
        .iter()
        .filter_map(|r| r.as_ref().ok().map(|t| t.token.expose().to_owned()))
        .collect();
    let failed: Vec<&ConsoleError> = [&first, &second]
        .iter()
        .filter_map(|r| r.as_ref().err())
        .collect();
    assert_eq!(created.len(), 1, "one create succeeded: {failed:?}");
    assert_eq!(failed.len(), 1, "the other failed");
    assert_eq!(failed[0].code, ErrorCode::Server, "{failed:?}");

    let profile = h
        .console
        .store()
        .profiles()
        .current()
        .await
        .unwrap()
        .unwrap();
    let code = intandem_core::platform::AppCodeName::existing("tokenrace").unwrap();
    let kept = h
        .console
        .store()
        .app_tokens()
        .list(profile.id, &code)
        .await
        .unwrap();
    assert_eq!(kept.len(), 1, "the token is kept once");
    assert_eq!(kept[0].token.expose(), created[0]);
    let audited = h
        .console
        .audit(Some("tokenrace"), None)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == AuditAction::TokenCreated)
        .count();
    assert_eq!(audited, 1);
}

// ---------------------------------------------------------------------------------------
// Operations and the ledger

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Create,
    Update,
    Show,
    List,
    RedirectUris,
    TokenCreate,
    TokenList,
    TokenRevoke,
    Sync,
}

/// Relative weights of the operation kinds.
const MIX: [(Kind, u32); 9] = [
    (Kind::Create, 18),
    (Kind::Update, 14),
    (Kind::Show, 10),
    (Kind::List, 8),
    (Kind::RedirectUris, 12),
    (Kind::TokenCreate, 14),
    (Kind::TokenList, 8),
    (Kind::TokenRevoke, 12),
    (Kind::Sync, 1),
];

/// What one operation will do, drawn before it runs.
#[derive(Debug, Clone)]
enum Op {
    Create {
        explicit_code: bool,
        oauth: bool,
    },
    Update {
        app: String,
        name: String,
    },
    Show {
        app: String,
    },
    List,
    RedirectUris {
        app: String,
        uri: String,
        replace: bool,
    },
    TokenCreate {
        app: String,
    },
    TokenList {
        app: String,
    },
    TokenRevoke {
        app: String,
        token: String,
        by_tail: bool,
    },
    Sync,
}

impl Op {
    fn kind(&self) -> Kind {
        match self {
            Op::Create { .. } => Kind::Create,
            Op::Update { .. } => Kind::Update,
            Op::Show { .. } => Kind::Show,
            Op::List => Kind::List,
            Op::RedirectUris { .. } => Kind::RedirectUris,
            Op::TokenCreate { .. } => Kind::TokenCreate,
            Op::TokenList { .. } => Kind::TokenList,
            Op::TokenRevoke { .. } => Kind::TokenRevoke,
            Op::Sync => Kind::Sync,
        }
    }
}

/// What a successful operation returned (what the checks need of it).
#[derive(Debug, Clone)]
enum Done {
    Created {
        code: String,
        client_id: String,
        client_secret: String,
        /// Whether the OAuth redirect URI given to the create was registered.
        registered: Option<bool>,
        warnings: Vec<String>,
    },
    Updated {
        applied: bool,
    },
    Shown {
        stale: bool,
    },
    Listed {
        stale: bool,
    },
    TokenCreated {
        token: String,
    },
    TokensListed {
        sync_error: bool,
    },
    Revoked {
        already: bool,
    },
    Synced {
        failed: usize,
    },
}

impl Done {
    fn label(&self) -> &'static str {
        match self {
            Done::Updated { applied: false } => "ok (nothing to change)",
            Done::Shown { stale: true } | Done::Listed { stale: true } => "ok (stale cache)",
            Done::TokensListed { sync_error: true } => "ok (kept tokens only)",
            Done::Revoked { already: true } => "ok (already revoked)",
            Done::Synced { failed } if *failed > 0 => "ok (some apps unread)",
            Done::Created { registered, .. } if *registered == Some(false) => {
                "ok (redirect URI not registered)"
            }
            _ => "ok",
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    id: usize,
    op: Op,
    outcome: Result<Done, ConsoleError>,
    elapsed: Duration,
}

impl Entry {
    fn label(&self) -> String {
        match &self.outcome {
            Ok(done) => done.label().to_owned(),
            Err(error) => format!("error: {}", error.code),
        }
    }
}

struct World {
    rng: StdRng,
    next_op: usize,
    total: usize,
    /// Apps created with their credentials, to run the other operations on.
    apps: Vec<String>,
    /// Tokens created and not (known to be) revoked: (app, token). A token is taken out
    /// while a revoke of it runs, and put back if the revoke fails.
    tokens: Vec<(String, String)>,
    ledger: Vec<Entry>,
}

impl World {
    /// The next operation, or `None` when all have been handed out.
    fn draw(&mut self) -> Option<(usize, Op)> {
        if self.next_op >= self.total {
            return None;
        }
        let id = self.next_op;
        self.next_op += 1;
        let total: u32 = MIX.iter().map(|(_, w)| w).sum();
        let mut pick = self.rng.gen_range(0..total);
        let mut kind = Kind::Create;
        for (k, weight) in MIX {
            if pick < weight {
                kind = k;
                break;
            }
            pick -= weight;
        }
        let app = (!self.apps.is_empty())
            .then(|| self.apps[self.rng.gen_range(0..self.apps.len())].clone());
        let create = Op::Create {
            explicit_code: self.rng.gen_bool(0.5),
            oauth: self.rng.gen_bool(0.3),
        };
        let op = match (kind, app) {
            (Kind::Create, _) | (_, None) if kind != Kind::List && kind != Kind::Sync => create,
            (Kind::List, _) => Op::List,
            (Kind::Sync, _) => Op::Sync,
            (Kind::Update, Some(app)) => Op::Update {
                app,
                name: format!("Soak update {id:04}"),
            },
            (Kind::Show, Some(app)) => Op::Show { app },
            (Kind::RedirectUris, Some(app)) => Op::RedirectUris {
                app,
                uri: callback(id, 1),
                replace: self.rng.gen_bool(0.3),
            },
            (Kind::TokenCreate, Some(app)) => Op::TokenCreate { app },
            (Kind::TokenList, Some(app)) => Op::TokenList { app },
            (Kind::TokenRevoke, Some(app)) => {
                if self.tokens.is_empty() {
                    Op::TokenCreate { app }
                } else {
                    let (app, token) = self
                        .tokens
                        .swap_remove(self.rng.gen_range(0..self.tokens.len()));
                    Op::TokenRevoke {
                        app,
                        token,
                        by_tail: self.rng.gen_bool(0.5),
                    }
                }
            }
            _ => create,
        };
        Some((id, op))
    }

    fn record(&mut self, entry: Entry) {
        match (&entry.op, &entry.outcome) {
            (Op::Create { .. }, Ok(Done::Created { code, .. })) => self.apps.push(code.clone()),
            (Op::TokenCreate { app }, Ok(Done::TokenCreated { token })) => {
                self.tokens.push((app.clone(), token.clone()))
            }
            (Op::TokenRevoke { app, token, .. }, Err(_)) => {
                self.tokens.push((app.clone(), token.clone()))
            }
            _ => {}
        }
        self.ledger.push(entry);
    }
}

async fn run(console: &Console, id: usize, op: &Op) -> Result<Done, ConsoleError> {
    match op {
        Op::Create {
            explicit_code,
            oauth,
        } => {
            let input = AppInput {
                app_code_name: explicit_code.then(|| format!("soakc{id}")),
                name: Some(format!("Soak app {id:04}")),
                redirect_uri: Some(landing(id)),
                url_params: Some(vec!["brand_host".to_owned()]),
                oauth_redirect_uris: oauth.then(|| vec![callback(id, 0)]),
                ..AppInput::default()
            };
            let view: CreatedAppView = console.app_create(input).await?;
            Ok(Done::Created {
                code: view.app_code_name.to_string(),
                client_id: view.client_id,
                client_secret: view.client_secret.expose().to_owned(),
                registered: view.redirect_uris.as_ref().map(|d| d.applied).or_else(|| {
                    // Asked for, but the read-back or the registration failed.
                    oauth.then_some(false)
                }),
                warnings: view.warnings,
            })
        }
        Op::Update { app, name } => {
            let input = AppInput {
                name: Some(name.clone()),
                ..AppInput::default()
            };
            let view = console.app_update(app, input).await?;
            Ok(Done::Updated {
                applied: view.applied,
            })
        }
        Op::Show { app } => Ok(Done::Shown {
            stale: console.app_show(app).await?.stale,
        }),
        Op::List => Ok(Done::Listed {
            stale: console.apps_list().await?.stale,
        }),
        Op::RedirectUris { app, uri, replace } => {
            let change = if *replace {
                RedirectUriChange::Replace(vec![uri.clone()])
            } else {
                RedirectUriChange::Add(vec![uri.clone()])
            };
            let diff = console.redirect_uris_apply(app, change).await?;
            Ok(Done::Updated {
                applied: diff.applied,
            })
        }
        Op::TokenCreate { app } => Ok(Done::TokenCreated {
            token: console.token_create(app).await?.token.expose().to_owned(),
        }),
        Op::TokenList { app } => Ok(Done::TokensListed {
            sync_error: console.tokens_list(app).await?.sync_error.is_some(),
        }),
        Op::TokenRevoke {
            app,
            token,
            by_tail,
        } => {
            let named = if *by_tail {
                Secret::new(token.as_str()).tail()
            } else {
                token.clone()
            };
            Ok(Done::Revoked {
                already: console.token_revoke(app, &named).await?.already_revoked,
            })
        }
        Op::Sync => {
            let report = console.apps_sync(8, &|_, _| {}).await?;
            Ok(Done::Synced {
                failed: report.failed.len(),
            })
        }
    }
}

// ---------------------------------------------------------------------------------------
// Faults seen, from the sandbox's request log

#[derive(Debug, Default)]
struct FaultTally {
    requests: u64,
    by_fault: BTreeMap<String, u64>,
    by_status: BTreeMap<u16, u64>,
    /// True if the log wrapped between two reads (counts are then a lower bound).
    gaps: bool,
}

impl FaultTally {
    fn add(&mut self, entry: &LoggedRequest) {
        self.requests += 1;
        *self.by_status.entry(entry.status).or_default() += 1;
        for fault in entry.fault.iter().flat_map(|f| f.split(',')) {
            *self.by_fault.entry(fault.to_owned()).or_default() += 1;
        }
    }
}

/// Reads the request log every 200 ms and counts what is new since the last read (the
/// log is append-only and holds 2,000 entries, far more than arrive in 200 ms).
async fn tally_faults(admin: AdminClient, stop: Arc<AtomicBool>) -> FaultTally {
    let mut tally = FaultTally::default();
    let mut last: Option<LoggedRequest> = None;
    loop {
        let stopping = stop.load(Ordering::SeqCst);
        if let Ok(log) = admin.request_log().await {
            let start = match &last {
                None => 0,
                Some(seen) => match log.iter().rposition(|e| e == seen) {
                    Some(at) => at + 1,
                    None => {
                        tally.gaps = true;
                        0
                    }
                },
            };
            for entry in &log[start..] {
                tally.add(entry);
            }
            if let Some(newest) = log.last() {
                last = Some(newest.clone());
            }
        }
        if stopping {
            return tally;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

// ---------------------------------------------------------------------------------------
// The soak

async fn soak(plan: Plan) {
    eprintln!(
        "{}: {} operations, {} at a time, seed {} (INTANDEM_SOAK_SEED), faults {:?}",
        plan.label,
        plan.ops,
        plan.concurrency,
        plan.seed,
        plan.faults()
    );
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("sandbox-state.json");
    let sandbox = Sandbox::start(SandboxConfig {
        state_file: Some(state_file.clone()),
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    let info = sandbox.info().clone();
    let store_dir = dir.path().join("store");
    std::fs::create_dir_all(&store_dir).unwrap();
    let console = open_console(&store_dir)
        .await
        .with_client_options(soak_options());
    console
        .ensure_sandbox_profile(
            &info.base_url,
            &info.brand_url,
            Secret::new(info.directory_token.clone()),
        )
        .await
        .expect("the sandbox profile is saved");
    let console = Arc::new(console);
    let admin = AdminClient::for_sandbox(&info);
    admin.set_faults(&plan.faults()).await.unwrap();
    admin.clear_request_log().await.unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let tally = tokio::spawn(tally_faults(admin.clone(), stop.clone()));

    let world = Arc::new(Mutex::new(World {
        rng: StdRng::seed_from_u64(plan.seed),
        next_op: 0,
        total: plan.ops,
        apps: Vec::new(),
        tokens: Vec::new(),
        ledger: Vec::new(),
    }));
    let ops_started = Instant::now();
    let workers: Vec<_> = (0..plan.concurrency)
        .map(|_| {
            let world = world.clone();
            let console = console.clone();
            tokio::spawn(async move {
                loop {
                    let Some((id, op)) = world.lock().unwrap().draw() else {
                        return;
                    };
                    let began = Instant::now();
                    let outcome = run(&console, id, &op).await;
                    let entry = Entry {
                        id,
                        op,
                        outcome,
                        elapsed: began.elapsed(),
                    };
                    world.lock().unwrap().record(entry);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("a soak worker panicked");
    }
    let ops_time = ops_started.elapsed();
    admin.clear_faults().await.unwrap();
    stop.store(true, Ordering::SeqCst);
    let faults_seen = tally.await.unwrap();

    let mut ledger = std::mem::take(&mut world.lock().unwrap().ledger);
    ledger.sort_by_key(|e| e.id);
    assert_eq!(
        ledger.len(),
        plan.ops,
        "every operation has its ledger entry"
    );

    let mut report = Report::default();
    check_invariants(&console, &ledger, &state_file, &mut report).await;

    // (c) The store is sound, and stays so once closed and opened again.
    if let Err(error) = console.store().integrity_check().await {
        report.violation(format!("(c) integrity check of the open store: {error}"));
    }
    let kept_before = credential_count(&console).await;
    let console = Arc::try_unwrap(console).expect("the workers are done with the console");
    console.close().await;
    let reopened = open_console(&store_dir).await;
    match reopened.store().integrity_check().await {
        Ok(()) => {
            report.note("(c) integrity_check and cipher_integrity_check: ok (open and reopened)")
        }
        Err(error) => report.violation(format!("(c) integrity check after reopening: {error}")),
    }
    let kept_after = credential_count(&reopened).await;
    if kept_before != kept_after {
        report.violation(format!(
            "(c) {kept_before} credentials before closing the store, {kept_after} after reopening"
        ));
    }
    reopened.close().await;
    drop(sandbox);

    print_summary(
        &plan,
        &ledger,
        &faults_seen,
        &report,
        ops_time,
        started.elapsed(),
    );
    assert!(
        faults_seen
            .by_fault
            .get("server_error")
            .copied()
            .unwrap_or(0)
            > 0
            && faults_seen
                .by_fault
                .get("rate_limited")
                .copied()
                .unwrap_or(0)
                > 0
            && faults_seen.by_fault.get("truncated").copied().unwrap_or(0) > 0,
        "the soak ran without its faults: {faults_seen:?}"
    );
    assert!(
        report.violations.is_empty(),
        "{}: {} invariant violation(s):\n  {}",
        plan.label,
        report.violations.len(),
        report.violations.join("\n  ")
    );
}

async fn credential_count(console: &Console) -> usize {
    let profile = console.store().profiles().current().await.unwrap().unwrap();
    console
        .store()
        .credentials()
        .list(profile.id)
        .await
        .unwrap()
        .len()
}

// ---------------------------------------------------------------------------------------
// The invariants

#[derive(Debug, Default)]
struct Report {
    violations: Vec<String>,
    notes: Vec<String>,
}

impl Report {
    fn violation(&mut self, text: String) {
        self.violations.push(text);
    }

    fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }
}

/// An app as the sandbox keeps it (its state file).
#[derive(Debug, Clone)]
struct PlatformApp {
    code: String,
    client_id: String,
    secret_sha256: String,
}

fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The unique value an update or redirect URI change set, to find its audit entry by.
enum Marker {
    Name(String),
    RedirectUri(String),
}

impl Marker {
    /// Whether the entry records the change that set this value.
    fn set_by(&self, entry: &AuditEntry) -> bool {
        match self {
            Marker::Name(name) => audit_str(&entry.after, "name") == Some(name.as_str()),
            Marker::RedirectUri(uri) => {
                audit_list_has(&entry.after, "oauth_redirect_uris", uri)
                    && !audit_list_has(&entry.before, "oauth_redirect_uris", uri)
            }
        }
    }
}

fn audit_str<'a>(value: &'a Option<Value>, field: &str) -> Option<&'a str> {
    value.as_ref()?.get(field)?.as_str()
}

fn audit_list_has(value: &Option<Value>, field: &str, item: &str) -> bool {
    value
        .as_ref()
        .and_then(|v| v.get(field))
        .and_then(Value::as_array)
        .is_some_and(|items| items.iter().any(|i| i.as_str() == Some(item)))
}

async fn check_invariants(
    console: &Console,
    ledger: &[Entry],
    state_file: &Path,
    report: &mut Report,
) {
    // The sandbox's own state: every app, with its client id and secret digest.
    let text = std::fs::read_to_string(state_file).expect("the sandbox's state file");
    let state: Value = serde_json::from_str(&text).unwrap();
    let mut made_by_op: BTreeMap<usize, Vec<PlatformApp>> = BTreeMap::new();
    for app in state["state"]["apps"]
        .as_array()
        .expect("apps in the state")
    {
        let landing = app["redirect_uri"].as_str().unwrap_or_default();
        let Some(op) = landing.strip_prefix(LANDING_PREFIX) else {
            continue; // a seeded app
        };
        made_by_op
            .entry(op.parse().expect("a soak landing page ends in its op id"))
            .or_default()
            .push(PlatformApp {
                code: app["app_code_name"].as_str().unwrap().to_owned(),
                client_id: app["client_id"].as_str().unwrap().to_owned(),
                secret_sha256: app["client_secret_sha256"].as_str().unwrap().to_owned(),
            });
    }
    // The sandbox keeps digests of the tokens it issued: look tokens up by theirs.
    let platform_tokens: HashMap<String, bool> = state["state"]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["digest"].as_str().unwrap().to_owned(),
                t["revoked_at"].is_null(),
            )
        })
        .collect();

    let profile = console.store().profiles().current().await.unwrap().unwrap();
    let kept: HashMap<String, (String, String)> = console
        .store()
        .credentials()
        .list(profile.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| {
            (
                c.app_code_name.to_string(),
                (c.client_id, c.client_secret.expose().to_owned()),
            )
        })
        .collect();
    let audit = console.audit(None, Some(1_000_000)).await.unwrap();
    let entries_for = |action: AuditAction, code: &str| {
        audit
            .iter()
            .filter(move |e| {
                e.action == action && e.app_code_name.as_ref().map(|c| c.as_str()) == Some(code)
            })
            .collect::<Vec<_>>()
    };

    // (b) One app per create at most.
    for (op, apps) in &made_by_op {
        if apps.len() > 1 {
            let codes: Vec<&str> = apps.iter().map(|a| a.code.as_str()).collect();
            report.violation(format!(
                "(b) create op {op} made {} apps on the platform: {}",
                apps.len(),
                codes.join(", ")
            ));
        }
        let is_create = ledger
            .get(*op)
            .is_some_and(|e| matches!(e.op, Op::Create { .. }));
        if !is_create {
            report.violation(format!(
                "(b) the platform has an app for op {op}, not a create"
            ));
        }
    }

    // (a) Credentials, and the truth about failed creates.
    let (mut ok_creates, mut lost_recorded, mut lost_reported, mut not_created) = (0, 0, 0, 0);
    let mut expected_created_entries = 0;
    for entry in ledger {
        let Op::Create { .. } = entry.op else {
            continue;
        };
        let made = made_by_op.get(&entry.id).and_then(|apps| apps.first());
        match (&entry.outcome, made) {
            (
                Ok(Done::Created {
                    code,
                    client_id,
                    client_secret,
                    warnings,
                    ..
                }),
                made,
            ) => {
                ok_creates += 1;
                expected_created_entries += 1;
                let Some(made) = made else {
                    report.violation(format!(
                        "(a) op {}: create returned Ok ({code}) but the platform has no such app",
                        entry.id
                    ));
                    continue;
                };
                if &made.code != code
                    || &made.client_id != client_id
                    || made.secret_sha256 != sha256_hex(client_secret)
                {
                    report.violation(format!(
                        "(a) op {}: the create's answer ({code}, {client_id}) differs from the \
                         platform's app ({}, {})",
                        entry.id, made.code, made.client_id
                    ));
                }
                match kept.get(code) {
                    Some((id, secret)) if id == client_id && secret == client_secret => {}
                    Some(_) => report.violation(format!(
                        "(a) op {}: the store's credentials of {code} differ from the create's answer",
                        entry.id
                    )),
                    None => report.violation(format!(
                        "(a) op {}: {code} was created (Ok) but its credentials are not in the \
                         store; warnings: {warnings:?}",
                        entry.id
                    )),
                }
                if let Err(error) = console.service_token(code).await {
                    report.violation(format!(
                        "(a) op {}: the kept credentials of {code} do not obtain a service token: {}",
                        entry.id, error.message
                    ));
                }
                let created = entries_for(AuditAction::AppCreated, code);
                let with_credentials = created
                    .iter()
                    .filter(|e| {
                        e.after
                            .as_ref()
                            .is_some_and(|a| a.get("credentials").is_some_and(Value::is_object))
                    })
                    .count();
                if created.len() != 1 || with_credentials != 1 {
                    report.violation(format!(
                        "(d) op {}: {code} was created with its credentials, but the audit log has \
                         {} app_created entries for it ({with_credentials} with credentials)",
                        entry.id,
                        created.len()
                    ));
                }
            }
            (Err(error), Some(made)) => {
                // Created, but the client did not get the answer: it must have said so.
                if kept.contains_key(&made.code) {
                    report.violation(format!(
                        "(a) op {}: the create failed ({}) yet the store holds credentials for {}",
                        entry.id, error.code, made.code
                    ));
                }
                if error.code != ErrorCode::UnknownOutcome {
                    report.violation(format!(
                        "(a) op {}: the platform created {} but the create reported `{}` \
                         (\"{}\") instead of an unknown outcome",
                        entry.id, made.code, error.code, error.message
                    ));
                }
                let created = entries_for(AuditAction::AppCreated, &made.code);
                let lost = created
                    .iter()
                    .filter(|e| {
                        audit_str(&e.after, "credentials").is_some_and(|c| c.starts_with("lost"))
                    })
                    .count();
                if created.len() != lost || lost > 1 {
                    report.violation(format!(
                        "(d) op {}: the create failed, but the audit log has {} app_created \
                         entries for {} ({lost} saying the credentials were lost)",
                        entry.id,
                        created.len(),
                        made.code
                    ));
                }
                expected_created_entries += lost;
                if lost == 1 {
                    lost_recorded += 1;
                } else {
                    lost_reported += 1;
                }
            }
            (Err(error), None) => {
                not_created += 1;
                if let Op::Create {
                    explicit_code: true,
                    ..
                } = entry.op
                {
                    let code = format!("soakc{}", entry.id);
                    if !entries_for(AuditAction::AppCreated, &code).is_empty() {
                        report.violation(format!(
                            "(d) op {}: nothing was created ({}), yet {code} has an app_created entry",
                            entry.id, error.code
                        ));
                    }
                }
            }
            (Ok(other), _) => panic!("a create returned {other:?}"),
        }
    }
    // Every credential kept matches the platform's app of that code name.
    let by_code: HashMap<&str, &PlatformApp> = made_by_op
        .values()
        .flatten()
        .map(|a| (a.code.as_str(), a))
        .collect();
    for (code, (client_id, secret)) in &kept {
        match by_code.get(code.as_str()) {
            Some(app) if &app.client_id == client_id && app.secret_sha256 == sha256_hex(secret) => {
            }
            Some(_) => report.violation(format!(
                "(a) the store's credentials of {code} are not the platform's"
            )),
            None => report.violation(format!(
                "(a) the store holds credentials for {code}, which no create made"
            )),
        }
    }
    let all_created = audit
        .iter()
        .filter(|e| e.action == AuditAction::AppCreated)
        .count();
    if all_created != expected_created_entries {
        report.violation(format!(
            "(d) {all_created} app_created entries in the audit log, {expected_created_entries} \
             expected (one per app created with or without its credentials)"
        ));
    }
    report.note(format!(
        "(a) creates: {ok_creates} ok with credentials kept and matching the platform's; \
         {lost_recorded} created with the answer lost, recorded without credentials; \
         {lost_reported} created with the outcome reported unknown; {not_created} not created"
    ));
    report.note(format!(
        "(b) {} apps made by {} creates, none twice",
        made_by_op.values().map(Vec::len).sum::<usize>(),
        made_by_op.len()
    ));

    // (d) Updates and redirect URI changes: one entry per applied change, found by the
    // unique value each change set.
    let updated: Vec<_> = audit
        .iter()
        .filter(|e| e.action == AuditAction::AppUpdated)
        .collect();
    let mut expected_updates = 0;
    for entry in ledger {
        let (app, applied, marker) = match (&entry.op, &entry.outcome) {
            (Op::Update { app, name }, outcome) => (
                app,
                matches!(outcome, Ok(Done::Updated { applied: true })),
                Marker::Name(name.clone()),
            ),
            (Op::RedirectUris { app, uri, .. }, outcome) => (
                app,
                matches!(outcome, Ok(Done::Updated { applied: true })),
                Marker::RedirectUri(uri.clone()),
            ),
            (
                Op::Create { oauth: true, .. },
                Ok(Done::Created {
                    code, registered, ..
                }),
            ) => (
                code,
                *registered == Some(true),
                Marker::RedirectUri(callback(entry.id, 0)),
            ),
            _ => continue,
        };
        let found: Vec<String> = updated
            .iter()
            .filter(|e| e.app_code_name.as_ref().map(|c| c.as_str()) == Some(app))
            .filter(|e| marker.set_by(e))
            .map(|e| {
                format!(
                    "#{} before {} after {}",
                    e.id,
                    e.before.clone().unwrap_or_default(),
                    e.after.clone().unwrap_or_default()
                )
            })
            .collect();
        let expected = usize::from(applied);
        expected_updates += expected;
        if found.len() != expected {
            report.violation(format!(
                "(d) op {} ({:?} of {app}, {}): {} app_updated entries, {expected} expected: {}",
                entry.id,
                entry.op.kind(),
                entry.label(),
                found.len(),
                found.join("; ")
            ));
        }
    }
    if updated.len() != expected_updates {
        report.violation(format!(
            "(d) {} app_updated entries in the audit log, {expected_updates} expected",
            updated.len()
        ));
    }

    // (d) Tokens: per app, one token_created entry per token created (with its tail), one
    // token_revoked entry per revocation that succeeded.
    let mut created_tails: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut revoked: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in ledger {
        match (&entry.op, &entry.outcome) {
            (Op::TokenCreate { app }, Ok(Done::TokenCreated { token })) => created_tails
                .entry(app)
                .or_default()
                .push(Secret::new(token.as_str()).tail()),
            (Op::TokenRevoke { app, .. }, Ok(Done::Revoked { .. })) => {
                *revoked.entry(app).or_default() += 1
            }
            _ => {}
        }
    }
    let mut audited_tails: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut audited_revoked: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &audit {
        let Some(app) = e.app_code_name.as_ref().map(|c| c.as_str()) else {
            continue;
        };
        match e.action {
            AuditAction::TokenCreated => audited_tails
                .entry(app)
                .or_default()
                .push(audit_str(&e.after, "token_tail").unwrap_or("?").to_owned()),
            AuditAction::TokenRevoked => *audited_revoked.entry(app).or_default() += 1,
            _ => {}
        }
    }
    for tails in created_tails.values_mut().chain(audited_tails.values_mut()) {
        tails.sort();
    }
    if created_tails != audited_tails {
        report.violation(format!(
            "(d) token_created entries (tails per app) {audited_tails:?} differ from the tokens \
             created {created_tails:?}"
        ));
    }
    if revoked != audited_revoked {
        report.violation(format!(
            "(d) token_revoked entries per app {audited_revoked:?} differ from the revocations \
             that succeeded {revoked:?}"
        ));
    }
    let others: Vec<&str> = audit
        .iter()
        .map(|e| e.action.as_str())
        .filter(|a| {
            ![
                "app_created",
                "app_updated",
                "token_created",
                "token_revoked",
                "profile_added",
            ]
            .contains(a)
        })
        .collect();
    if !others.is_empty() {
        report.violation(format!("(d) unexpected audit entries: {others:?}"));
    }
    report.note(format!(
        "(d) audit: {all_created} app_created, {} app_updated, {} token_created, {} token_revoked \
         entries, each matching an operation that succeeded",
        updated.len(),
        audited_tails.values().map(Vec::len).sum::<usize>(),
        audited_revoked.values().sum::<usize>()
    ));

    // Tokens kept in the store agree with the platform's: a token created is issued, and
    // one marked revoked is revoked. One the store still has as active may be revoked on
    // the platform only if a revocation of it was reported as an unknown outcome.
    let unknown_revokes: Vec<&str> = ledger
        .iter()
        .filter_map(|e| match (&e.op, &e.outcome) {
            (Op::TokenRevoke { token, .. }, Err(error))
                if error.code == ErrorCode::UnknownOutcome =>
            {
                Some(token.as_str())
            }
            _ => None,
        })
        .collect();
    let mut returned: HashMap<&str, usize> = HashMap::new();
    for entry in ledger {
        if let (Op::TokenCreate { .. }, Ok(Done::TokenCreated { token })) =
            (&entry.op, &entry.outcome)
        {
            if let Some(first) = returned.insert(token, entry.id) {
                report.violation(format!(
                    "(d) token creates {first} and {} both returned the same token (…{})",
                    entry.id,
                    Secret::new(token.as_str()).tail()
                ));
            }
            if !platform_tokens.contains_key(&digest(token)) {
                report.violation(format!(
                    "(d) token create {} returned a token the platform never issued",
                    entry.id
                ));
            }
        }
    }
    let mut kept_values: HashMap<String, usize> = HashMap::new();
    let mut kept_tokens = 0;
    for app in created_tails.keys() {
        let code = intandem_core::platform::AppCodeName::existing(*app).unwrap();
        for token in console
            .store()
            .app_tokens()
            .list(profile.id, &code)
            .await
            .unwrap()
        {
            kept_tokens += 1;
            let value = token.token.expose();
            *kept_values.entry(value.to_owned()).or_default() += 1;
            if kept_values[value] == 2 {
                report.violation(format!(
                    "(d) the store keeps the same token of {app} (…{}) twice",
                    token.token_tail
                ));
            }
            match (
                platform_tokens.get(&digest(value)),
                token.revoked_at.is_some(),
            ) {
                (None, _) => report.violation(format!(
                    "(d) the store keeps a token of {app} (…{}) the platform never issued",
                    token.token_tail
                )),
                (Some(true), true) => report.violation(format!(
                    "(d) the store marks a token of {app} (…{}) revoked, but it is active",
                    token.token_tail
                )),
                (Some(false), false) if !unknown_revokes.contains(&value) => {
                    report.violation(format!(
                        "(d) a token of {app} (…{}) is revoked on the platform, but active in the \
                         store with no revocation reported as uncertain",
                        token.token_tail
                    ))
                }
                _ => {}
            }
        }
    }
    report.note(format!(
        "tokens: {kept_tokens} kept in the store, each issued by the platform, revoked where marked"
    ));
}

// ---------------------------------------------------------------------------------------
// The summary

fn print_summary(
    plan: &Plan,
    ledger: &[Entry],
    faults: &FaultTally,
    report: &Report,
    ops_time: Duration,
    wall: Duration,
) {
    let mut by_kind: BTreeMap<Kind, BTreeMap<String, usize>> = BTreeMap::new();
    let mut slowest: BTreeMap<Kind, Duration> = BTreeMap::new();
    for entry in ledger {
        let kind = entry.op.kind();
        *by_kind
            .entry(kind)
            .or_default()
            .entry(entry.label())
            .or_default() += 1;
        let slow = slowest.entry(kind).or_default();
        *slow = (*slow).max(entry.elapsed);
    }
    let mut out = String::new();
    out.push_str(&format!(
        "\n=== {}: {} operations, {} at a time, seed {} ===\n",
        plan.label,
        ledger.len(),
        plan.concurrency,
        plan.seed
    ));
    out.push_str("operations by kind and outcome:\n");
    for (kind, outcomes) in &by_kind {
        let total: usize = outcomes.values().sum();
        let parts: Vec<String> = outcomes.iter().map(|(o, n)| format!("{o}: {n}")).collect();
        out.push_str(&format!(
            "  {:<13} {:>4}  ({}; slowest {:.1} s)\n",
            format!("{kind:?}"),
            total,
            parts.join(", "),
            slowest[kind].as_secs_f64()
        ));
    }
    let ok = ledger.iter().filter(|e| e.outcome.is_ok()).count();
    out.push_str(&format!(
        "  all           {:>4}  (ok: {ok}, failed: {})\n",
        ledger.len(),
        ledger.len() - ok
    ));
    let mut samples: BTreeMap<(Kind, String), &str> = BTreeMap::new();
    for entry in ledger {
        let message = match &entry.outcome {
            Err(error) => error.message.as_str(),
            Ok(Done::Created { warnings, .. }) if !warnings.is_empty() => warnings[0].as_str(),
            _ => continue,
        };
        samples
            .entry((entry.op.kind(), entry.label()))
            .or_insert(message);
    }
    out.push_str("what the failures said (one of each):\n");
    for ((kind, label), message) in &samples {
        out.push_str(&format!("  {kind:?} {label}: {message}\n"));
    }
    out.push_str(&format!(
        "faults seen by the sandbox: {} requests; {}; statuses {}{}\n",
        faults.requests,
        faults
            .by_fault
            .iter()
            .map(|(f, n)| format!("{f}: {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        faults
            .by_status
            .iter()
            .map(|(s, n)| format!("{s}×{n}"))
            .collect::<Vec<_>>()
            .join(" "),
        if faults.gaps {
            " (the log wrapped: a lower bound)"
        } else {
            ""
        }
    ));
    out.push_str("invariants:\n");
    for note in &report.notes {
        out.push_str(&format!("  {note}\n"));
    }
    out.push_str(&format!(
        "  violations: {}\nwall time: {:.1} s (operations {:.1} s)\n",
        report.violations.len(),
        wall.as_secs_f64(),
        ops_time.as_secs_f64()
    ));
    eprintln!("{out}");
}

/// Lowercase hex SHA-256, as the sandbox keeps issued tokens.
fn digest(value: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(value.as_bytes()))
}
