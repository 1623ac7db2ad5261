//! `make bench`: the console's figures, measured on this machine against a bare Tauri 2
//! app built the same way (bench/bare-app). Prints a table and writes them as JSON to
//! `$BENCH_OUT` (bench/results/latest.json by default).
//!
//! Needs: Xvfb, tauri-driver, a running Secret Service (the script starts one), the
//! release builds of both apps (the script builds them; `BARE_APP_BIN` names the bare one).
//!
//! Both apps run the same way: without GL compositing and without JavaScriptCore's
//! optimising compilers, as the console ships (a second line: both with compositing).
//!
//! What is measured, and how:
//! - start-up: process start to the apps list painted, read from the app's own
//!   `READY <ms>` line (`INTANDEM_BENCH_READY=1`), on a fresh data folder (a new one for
//!   each run: a new user's first launch, the Sandbox's demo apps), with 1,000 cached apps,
//!   and with 10,000 (reported beside them; both read from a platform outside the app, see
//!   `prepared_data_dir`); median of 11 runs, each on a fresh Xvfb display, taken in turns
//!   with the bare app's;
//! - memory: PSS of the whole process tree (the app and its WebKit processes) after the
//!   list is shown and 5 s idle, in the same three conditions;
//! - large directory: 10,000 cached apps: the latency of each search keystroke (input
//!   event to the list updated, and to the next painted frame), p50/p95;
//! - sync: 2,000 apps read in full from the sandbox with 50 ms latency, against the ideal
//!   for the concurrency; and again with a 429 every 50th request;
//! - OAuth: redirect capture to userinfo read, over loopback against the sandbox;
//! - store: unlock by keyring and by passphrase; 10,000 apps written and read;
//! - size: the release binaries (and the .deb when one was built).

#[path = "../tests/e2e/harness.rs"]
#[allow(dead_code)]
mod harness;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use harness::{App, Display};
use intandem_core::console::{
    Arrival, Console, Environment, NewProfileInput, OAuthBegin, SYNC_CONCURRENCY,
};
use intandem_core::platform::{ClientOptions, RetryPolicy};
use intandem_core::store::{AppRecord, Keyring, Store, Unlock};
use intandem_core::Secret;
use intandem_sandbox::{drive_consent, Faults, Sandbox, SandboxConfig};
use serde_json::{json, Value};

const STARTUP_RUNS: usize = 11;
/// WebKitGTK's switch for GL compositing ("1": off, as the console ships; "0": on).
const COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
/// JavaScriptCore's optimising compilers ("0": off, as the console ships them): set for the
/// bare app too, so both run their scripts the same way.
const JSC_DFG: &str = "JSC_useDFGJIT";
/// The console's own rendering mode, the one its ratios are taken in.
const SHIPPED: &str = "shipped";
/// Both apps' environment in the shipped mode, and in the second line (compositing on).
const SHIPPED_ENV: &[(&str, &str)] = &[(COMPOSITING, "1"), (JSC_DFG, "0")];
const COMPOSITED_ENV: &[(&str, &str)] = &[(COMPOSITING, "0"), (JSC_DFG, "0")];

/// The targets of issue 21, each reported as met or missed; a miss makes the run fail.
#[derive(Default)]
struct Targets {
    missed: Vec<String>,
}

impl Targets {
    /// For a targeted condition, checks the entry's ratio against `limit`; the table's
    /// suffix (nothing when the condition has no target or the bare app was not run).
    fn ratio_at_most(&mut self, entry: &Value, limit: f64, target: &str, targeted: bool) -> String {
        match entry.get("ratio").and_then(Value::as_f64) {
            Some(ratio) if targeted => self.check(target, ratio <= limit),
            _ => String::new(),
        }
    }

    fn check(&mut self, target: &str, met: bool) -> String {
        if met {
            format!(" · target {target}: met")
        } else {
            self.missed.push(target.to_owned());
            format!(" · target {target}: MISSED")
        }
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let only: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let wanted = |name: &str| only.is_empty() || only.iter().any(|o| o == name);
    let mut results = serde_json::Map::new();
    let mut table: Vec<(String, String, String)> = Vec::new();
    let mut targets = Targets::default();

    if wanted("startup") || wanted("memory") || wanted("large") {
        let (data_1k, _platform_1k) = prepared_data_dir(&runtime, 1_000);
        let (data_10k, _platform_10k) = prepared_data_dir(&runtime, 10_000);
        let bare = std::env::var_os("BARE_APP_BIN").map(PathBuf::from);
        // The conditions the start-up and memory targets hold for (a new user's first
        // launch, and 1,000 cached apps), and 10,000 cached apps reported beside them.
        let conditions = [
            ("fresh", None, "fresh data folder", true),
            ("1k", Some(data_1k.as_path()), "1,000 cached apps", true),
            ("10k", Some(data_10k.as_path()), "10,000 cached apps", false),
        ];
        if wanted("startup") {
            for &(name, data, label, targeted) in &conditions {
                let (entry, line) = startup_line(data, bare.as_deref(), SHIPPED, SHIPPED_ENV);
                let target = format!("start-up ≤ 1.10× the bare app ({label})");
                let line = line + &targets.ratio_at_most(&entry, 1.10, &target, targeted);
                results.insert(result_key("startup", name, SHIPPED), entry);
                table.push((
                    format!("Start-up, {label}"),
                    line,
                    format!("{STARTUP_RUNS} runs each, interleaved"),
                ));
            }
            // Like with like: the bare app draws as the console does (no GL compositing),
            // and, as a second line, both draw with it.
            let (entry, line) = startup_line(
                Some(&data_1k),
                bare.as_deref(),
                "compositing",
                COMPOSITED_ENV,
            );
            results.insert(result_key("startup", "1k", "compositing"), entry);
            table.push((
                "  same, both with GL compositing".into(),
                line,
                format!("{STARTUP_RUNS} runs each, interleaved"),
            ));
        }
        if wanted("memory") {
            let bare_shipped = bare
                .as_deref()
                .map(|b| median_pss_kib(b, None, SHIPPED_ENV));
            for &(name, data, label, targeted) in &conditions {
                let console = median_pss_kib(app_binary(), data, SHIPPED_ENV);
                let (entry, line) = memory_line(console, bare_shipped, SHIPPED);
                let target = format!("idle PSS ≤ 1.10× the bare app ({label})");
                let line = line + &targets.ratio_at_most(&entry, 1.10, &target, targeted);
                results.insert(result_key("memory", name, SHIPPED), entry);
                table.push((
                    format!("Memory, {label}"),
                    line,
                    "PSS of the process tree, 5 s idle; median of 3".into(),
                ));
            }
            let console = median_pss_kib(app_binary(), Some(&data_1k), COMPOSITED_ENV);
            let bare_composited = bare
                .as_deref()
                .map(|b| median_pss_kib(b, None, COMPOSITED_ENV));
            let (entry, line) = memory_line(console, bare_composited, "compositing");
            results.insert(result_key("memory", "1k", "compositing"), entry);
            table.push((
                "  same, both with GL compositing".into(),
                line,
                "median of 3, 1,000 cached apps".into(),
            ));
        }
        if wanted("large") {
            let open = results
                .get(&result_key("startup", "10k", SHIPPED))
                .and_then(|entry| entry.get("console_ms"))
                .cloned()
                .unwrap_or_else(|| {
                    stats(&startup_runs(app_binary(), Some(&data_10k), None, SHIPPED_ENV).0)
                });
            let (updated, framed) = runtime.block_on(search_latencies(&data_10k));
            results.insert(
                "large_directory".into(),
                json!({
                    "apps": 10_000,
                    "open_ms": open,
                    "search_keystroke_to_list_updated_ms": float_stats(&updated),
                    "search_keystroke_to_next_frame_ms": float_stats(&framed),
                }),
            );
            table.push((
                "10,000 apps: search keystroke".into(),
                format!(
                    "list updated p50 {:.1} ms · p95 {:.1} ms{}",
                    pct(&updated, 50.0),
                    pct(&updated, 95.0),
                    targets.check("search p95 < 16 ms", pct(&updated, 95.0) < 16.0)
                ),
                format!("{} keystrokes", updated.len()),
            ));
            table.push((
                "10,000 apps: keystroke to next frame".into(),
                format!(
                    "p50 {:.1} ms · p95 {:.1} ms",
                    pct(&framed, 50.0),
                    pct(&framed, 95.0)
                ),
                "includes the wait for the 60 Hz frame clock".into(),
            ));
        }
    }
    if wanted("sync") {
        let (plain, ideal, limited, limited_429s) = runtime.block_on(sync_figures());
        let ratio = plain as f64 / ideal as f64;
        results.insert(
            "sync".into(),
            json!({
                "apps": 2_000, "latency_ms": 50, "concurrency": SYNC_CONCURRENCY,
                "wall_ms": plain, "ideal_ms": ideal, "ratio": round2(ratio),
                "with_429s": { "wall_ms": limited, "rate_limited_answers": limited_429s, "completed": true }
            }),
        );
        table.push((
            "Sync 2,000 apps, 50 ms latency".into(),
            format!(
                "{:.1} s · ideal {:.1} s · {:.2}× (target ≤ 1.3×)",
                plain as f64 / 1e3,
                ideal as f64 / 1e3,
                ratio
            ),
            format!("concurrency {SYNC_CONCURRENCY}"),
        ));
        table.push((
            "Sync with a 429 every 50th request".into(),
            format!("{:.1} s, completed", limited as f64 / 1e3),
            format!("{limited_429s} × 429 honoured"),
        ));
    }
    if wanted("oauth") {
        let times = runtime.block_on(oauth_times(20));
        results.insert(
            "oauth".into(),
            json!({ "redirect_to_userinfo_ms": float_stats(&times) }),
        );
        table.push((
            "OAuth: redirect captured → userinfo".into(),
            format!(
                "p50 {:.1} ms · p95 {:.1} ms",
                pct(&times, 50.0),
                pct(&times, 95.0)
            ),
            format!("{} runs, loopback sandbox", times.len()),
        ));
    }
    if wanted("store") {
        let figures = runtime.block_on(store_figures());
        table.push((
            "Store: unlock".into(),
            format!(
                "keyring {:.1} ms · passphrase {:.1} ms",
                figures["unlock_keyring_ms"].as_f64().unwrap_or(f64::NAN),
                figures["unlock_passphrase_ms"].as_f64().unwrap_or(f64::NAN)
            ),
            "open an existing store".into(),
        ));
        table.push((
            "Store: 10,000 apps".into(),
            format!(
                "write {:.0} ms · read {:.0} ms",
                figures["write_10k_apps_ms"].as_f64().unwrap_or(f64::NAN),
                figures["read_10k_apps_ms"].as_f64().unwrap_or(f64::NAN)
            ),
            "one transaction".into(),
        ));
        results.insert("store".into(), figures);
    }
    if wanted("size") {
        // The packaged binary when the script found one (no benchmark marks), else this
        // build's.
        let shipped = std::env::var_os("SHIPPED_BIN").map(PathBuf::from);
        let console = file_size(shipped.as_deref().unwrap_or(app_binary()));
        let bare = std::env::var_os("BARE_APP_BIN").map(|p| file_size(Path::new(&p)));
        let deb = std::env::var_os("DEB_PATH").map(|p| file_size(Path::new(&p)));
        let bare_deb = std::env::var_os("BARE_DEB_PATH").map(|p| file_size(Path::new(&p)));
        let cli = std::env::var_os("CLI_BIN").map(|p| file_size(Path::new(&p)));
        results.insert(
            "size".into(),
            json!({ "binary_bytes": console, "bare_binary_bytes": bare, "deb_bytes": deb,
                    "bare_deb_bytes": bare_deb, "cli_bytes": cli }),
        );
        let mib = |b: u64| b as f64 / 1048576.0;
        let mut line = format!("binary {:.1} MiB", mib(console));
        if let Some(bare) = bare {
            let ratio = console as f64 / bare.max(1) as f64;
            line += &format!(" · bare {:.1} MiB · {ratio:.2}×", mib(bare));
            line += &targets.check("binary ≤ 2× the bare app", ratio <= 2.0);
        }
        let what = if shipped.is_some() {
            "release, stripped, as the .deb installs it"
        } else {
            "release, stripped (this build, with the benchmark's marks)"
        };
        table.push(("Size: desktop app".into(), line, what.into()));
        if let Some(deb) = deb {
            let mut line = format!(".deb {:.1} MiB", mib(deb));
            if let Some(bare_deb) = bare_deb {
                let ratio = deb as f64 / bare_deb.max(1) as f64;
                line += &format!(" · bare .deb {:.1} MiB · {ratio:.2}×", mib(bare_deb));
                line += &targets.check(".deb ≤ 2× the bare app's", ratio <= 2.0);
            }
            table.push((
                "Size: .deb".into(),
                line,
                "the console's holds the CLI too".into(),
            ));
        }
        if let Some(cli) = cli {
            let line = format!("{:.1} MB", cli as f64 / 1e6)
                + &targets.check("CLI < 10 MB", cli < 10_000_000);
            table.push((
                "Size: intandem CLI".into(),
                line,
                "release, stripped".into(),
            ));
        }
    }

    println!("\n{:<38} {:<62} Notes", "Benchmark", "Result");
    println!("{}", "-".repeat(120));
    for (name, result, notes) in &table {
        println!("{name:<38} {result:<62} {notes}");
    }
    let out = std::env::var_os("BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/results/latest.json"));
    if let Some(dir) = out.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let document = json!({
        "machine": machine(),
        "results": Value::Object(results),
        "targets_missed": targets.missed.clone(),
    });
    std::fs::write(&out, serde_json::to_string_pretty(&document).unwrap())
        .unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
    println!("\nFigures written to {}", out.display());
    if !targets.missed.is_empty() {
        eprintln!("Targets missed: {}", targets.missed.join("; "));
        std::process::exit(1);
    }
}

fn app_binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_intandem-console"))
}

/// The JSON key of a `kind` (`startup`, `memory`) result: `<kind>_shipped` and
/// `<kind>_compositing` are the 1,000-app runs (as in earlier result files),
/// `<kind>_fresh` and `<kind>_10k` the others.
fn result_key(kind: &str, condition: &str, mode: &str) -> String {
    match condition {
        "1k" => format!("{kind}_{mode}"),
        other => format!("{kind}_{other}"),
    }
}

/// Interleaved start-up runs of the console on `data` (a new data folder for each run
/// when none) and of the bare app: the JSON entry and the table's line.
fn startup_line(
    data: Option<&Path>,
    bare: Option<&Path>,
    mode: &str,
    env: &[(&str, &str)],
) -> (Value, String) {
    let (console, base) = startup_runs(app_binary(), data, bare, env);
    let mut entry = json!({ "console_ms": stats(&console), "rendering": mode });
    let mut line = format!("median {} ms", median(&console));
    if !base.is_empty() {
        let ratio = median(&console) as f64 / median(&base).max(1) as f64;
        entry["bare_ms"] = stats(&base);
        entry["ratio"] = json!(round2(ratio));
        line += &format!(" · bare {} ms · {:.2}×", median(&base), ratio);
    }
    (entry, line)
}

/// The console's idle PSS against the bare app's: the JSON entry and the table's line.
fn memory_line(console: u64, bare: Option<u64>, mode: &str) -> (Value, String) {
    let mut entry = json!({ "console_pss_kib": console, "rendering": mode });
    let mut line = format!("{} MiB", console / 1024);
    if let Some(base) = bare {
        let ratio = console as f64 / base.max(1) as f64;
        entry["bare_pss_kib"] = json!(base);
        entry["ratio"] = json!(round2(ratio));
        line += &format!(" · bare {} MiB · {:.2}×", base / 1024, ratio);
    }
    (entry, line)
}

/// A data folder whose current profile ("Directory", a custom one) has `apps` apps cached,
/// read from a platform outside the app: a sandbox this bench process runs, standing in for
/// the real platform, which keeps a partner's directory on its own servers. The app's
/// embedded sandbox keeps its 3 demo apps, as a user's does. (Seeding the embedded sandbox
/// with the thousands instead, as earlier runs did, had the app parse them at every start
/// and hold them in memory: ~15 ms and ~3 MiB with 1,000 apps, ~85 ms and ~20 MiB with
/// 10,000.) Returned with that platform, which must keep running while the app refreshes.
fn prepared_data_dir(runtime: &tokio::runtime::Runtime, apps: usize) -> (PathBuf, Sandbox) {
    let platform = runtime
        .block_on(Sandbox::start(SandboxConfig {
            seed_apps: apps,
            ..SandboxConfig::default()
        }))
        .expect("the stand-in platform starts");
    let dir = tempfile::tempdir().unwrap().keep();
    // A first launch makes the store (its key in the keyring) and the Sandbox profile.
    assert!(
        launch_until_ready(app_binary(), Some(&dir), &[]).is_some(),
        "the app never painted its first screen while preparing {apps} apps"
    );
    let info = platform.info();
    let cached = runtime.block_on(async {
        let store = Store::open(&dir, Unlock::Keyring(Keyring::os()))
            .await
            .expect("the bench store opens with the keyring");
        let console = Console::new(store, "bench");
        console
            .profile_add(NewProfileInput {
                name: "Directory".into(),
                environment: Environment::Custom {
                    api_base: info.base_url.clone(),
                    brand_url: info.brand_url.clone(),
                },
                directory_token: Secret::new(info.directory_token.clone()),
                make_current: true,
                allow_insecure_http: false,
            })
            .await
            .expect("the Directory profile is added");
        console
            .apps_list()
            .await
            .expect("the directory's apps are read")
            .apps
            .len()
    });
    assert!(cached >= apps, "{cached} of {apps} apps cached");
    (dir, platform)
}

/// `binary` on `display`, its data (and WebKit's storage) in `data`, logging errors only.
fn app_command(binary: &Path, display: &Display, data: &Path) -> Command {
    let mut command = Command::new(binary);
    command
        .env("DISPLAY", &display.name)
        .env("INTANDEM_DATA_DIR", data)
        .env("XDG_DATA_HOME", data.join("webkit-data"))
        .env("INTANDEM_LOG", "error")
        .stderr(Stdio::null());
    command
}

/// Launches `binary` on a fresh display with `INTANDEM_BENCH_READY=1`; returns the ms it
/// reports, or None if it never does within 60 s.
fn launch_until_ready(binary: &Path, data_dir: Option<&Path>, env: &[(&str, &str)]) -> Option<u64> {
    let display = Display::start();
    let scratch = tempfile::tempdir().unwrap();
    let mut child = app_command(binary, &display, data_dir.unwrap_or(scratch.path()))
        .env("INTANDEM_BENCH_READY", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(ms) = line
                .strip_prefix("READY ")
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|ms| ms.parse::<u64>().ok())
            {
                let _ = send.send(ms);
                return;
            }
        }
    });
    let ready = receive.recv_timeout(Duration::from_secs(60)).ok();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    ready
}

/// Start-up runs of the console and, when given, the bare app, taken in turns (console,
/// bare, console, …): a slow spell of the machine (here the page cache is reclaimed now
/// and then) then falls on both alike instead of on one block of runs.
fn startup_runs(
    console: &Path,
    data_dir: Option<&Path>,
    bare: Option<&Path>,
    env: &[(&str, &str)],
) -> (Vec<u64>, Vec<u64>) {
    // One warm-up run of each (page cache, fontconfig), not counted. The bare app keeps
    // no data, and starts as fast on a new WebKit data folder as on a kept one (270 vs
    // 280 ms), so it gets a new one each run whatever the console's condition.
    launch_until_ready(console, data_dir, env);
    if let Some(bare) = bare {
        launch_until_ready(bare, None, env);
    }
    let mut console_ms = Vec::new();
    let mut bare_ms = Vec::new();
    for _ in 0..STARTUP_RUNS {
        console_ms
            .push(launch_until_ready(console, data_dir, env).expect("the console reports READY"));
        if let Some(bare) = bare {
            bare_ms.push(launch_until_ready(bare, None, env).expect("the bare app reports READY"));
        }
    }
    (console_ms, bare_ms)
}

/// The median of three idle PSS readings (each in a fresh display).
fn median_pss_kib(binary: &Path, data_dir: Option<&Path>, env: &[(&str, &str)]) -> u64 {
    let readings: Vec<u64> = (0..3)
        .map(|_| idle_pss_kib(binary, data_dir, env))
        .collect();
    median(&readings)
}

/// PSS of the app's process tree once the list is shown and the app idled 5 s.
fn idle_pss_kib(binary: &Path, data_dir: Option<&Path>, env: &[(&str, &str)]) -> u64 {
    let display = Display::start();
    let scratch = tempfile::tempdir().unwrap();
    let mut child = app_command(binary, &display, data_dir.unwrap_or(scratch.path()))
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
    std::thread::sleep(Duration::from_secs(4 + 5));
    let pss = tree_pss_kib(child.id());
    let _ = child.kill();
    let _ = child.wait();
    pss
}

/// The summed `Pss` of `root` and its descendants, from /proc.
fn tree_pss_kib(root: u32) -> u64 {
    let mut parents = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        if let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            if let Some(after) = stat.rfind(')').map(|i| &stat[i + 2..]) {
                if let Some(ppid) = after
                    .split_whitespace()
                    .nth(1)
                    .and_then(|p| p.parse::<u32>().ok())
                {
                    parents.push((pid, ppid));
                }
            }
        }
    }
    let mut tree = vec![root];
    let mut index = 0;
    while index < tree.len() {
        let parent = tree[index];
        tree.extend(
            parents
                .iter()
                .filter(|(_, p)| *p == parent)
                .map(|(pid, _)| *pid),
        );
        index += 1;
    }
    tree.iter()
        .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok())
        .map(|text| {
            text.lines()
                .find(|l| l.starts_with("Pss:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum()
}

/// Search-as-you-type over 10,000 apps in the real window: each keystroke sets the
/// search field's value as typing does, and the time to the next painted frame is kept.
/// Per keystroke, in the real window (10,000 apps): the time from the input event to the
/// list updated in the DOM (React renders a typed character synchronously, in the
/// event's microtask), and the time to the next frame after it (which waits for the
/// display's frame clock: up to 16.7 ms at 60 Hz however little work was done).
async fn search_latencies(data_dir: &Path) -> (Vec<f64>, Vec<f64>) {
    // The shipped rendering (no GL compositing), which the e2e harness turns back on for
    // WebDriver's clicks; this benchmark only runs scripts, which work either way.
    let shipped = [("WEBKIT_DISABLE_COMPOSITING_MODE", "1")];
    let app = App::launch_with_env(data_dir.to_path_buf(), &shipped).await;
    app.wait_for_text("[data-testid=apps-count]", "10000").await;
    let script = r#"
        const [text, done] = [arguments[0], arguments[arguments.length - 1]];
        const input = document.querySelector('input[aria-label="Search apps"]');
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        const updated = [];
        const framed = [];
        let i = 0;
        const step = () => {
          if (i > text.length) { done([updated, framed]); return; }
          const t0 = performance.now();
          setter.call(input, text.slice(0, i));
          input.dispatchEvent(new Event('input', { bubbles: true }));
          queueMicrotask(() => updated.push(performance.now() - t0));
          requestAnimationFrame(() => {
            framed.push(performance.now() - t0);
            i += 1;
            setTimeout(step, 30);
          });
        };
        step();
    "#;
    let (mut updated, mut framed) = (Vec::new(), Vec::new());
    for text in ["app number 4242", "demo", "9999", "zzz no match", "App"] {
        let value = app
            .client
            .execute_async(script, vec![json!(text)])
            .await
            .expect("timing the search");
        let floats = |v: &Value| -> Vec<f64> {
            v.as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_f64)
                .collect()
        };
        updated.extend(floats(&value[0]));
        framed.extend(floats(&value[1]));
    }
    app.quit().await;
    (updated, framed)
}

fn fast_options() -> ClientOptions {
    ClientOptions {
        retry: RetryPolicy {
            max_attempts: 6,
            base_backoff: Duration::from_millis(50),
            max_backoff: Duration::from_secs(2),
            max_retry_after: Duration::from_secs(5),
        },
        ..ClientOptions::default()
    }
}

async fn console_on(sandbox: &Sandbox) -> (Console, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(
        dir.path(),
        Unlock::Passphrase(Secret::new("bench passphrase")),
    )
    .await
    .unwrap();
    let console = Console::new(store, "bench").with_client_options(fast_options());
    let info = sandbox.info();
    console
        .ensure_sandbox_profile(
            &info.base_url,
            &info.brand_url,
            Secret::new(info.directory_token.clone()),
        )
        .await
        .unwrap();
    (console, dir)
}

/// (wall ms, ideal ms, wall ms with 429s, 429s answered).
async fn sync_figures() -> (u64, u64, u64, usize) {
    let sandbox = Sandbox::start(SandboxConfig {
        seed_apps: 1_999,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let (console, _dir) = console_on(&sandbox).await;
    let admin = sandbox.admin();
    admin
        .set_faults(&Faults {
            latency_ms: Some(50),
            ..Faults::default()
        })
        .await
        .unwrap();
    let report = console
        .apps_sync(SYNC_CONCURRENCY, &|_, _| {})
        .await
        .unwrap();
    assert!(
        report.failed.is_empty(),
        "every app was read: {:?}",
        report.failed.len()
    );
    let apps = report.apps as u64;
    // One list request, then the apps `concurrency` at a time, each 50 ms.
    let ideal = 50 * (1 + apps.div_ceil(SYNC_CONCURRENCY as u64));

    admin
        .set_faults(&Faults {
            latency_ms: Some(50),
            rate_limit_every: Some(50),
            retry_after_secs: Some(1),
            ..Faults::default()
        })
        .await
        .unwrap();
    admin.clear_request_log().await.unwrap();
    let limited = console
        .apps_sync(SYNC_CONCURRENCY, &|_, _| {})
        .await
        .unwrap();
    assert!(
        limited.failed.is_empty(),
        "the 429s were retried: {} apps failed",
        limited.failed.len()
    );
    let rate_limited = admin
        .request_log()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.status == 429)
        .count();
    (report.elapsed_ms, ideal, limited.elapsed_ms, rate_limited)
}

/// Redirect captured to userinfo read, `runs` times, in ms.
async fn oauth_times(runs: usize) -> Vec<f64> {
    let sandbox = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let (console, _dir) = console_on(&sandbox).await;
    let callback = "http://127.0.0.1:4567/callback";
    console
        .app_create(intandem_core::console::AppInput {
            name: Some("Bench OAuth".into()),
            app_code_name: Some("benchoauth".into()),
            redirect_uri: Some("https://bench.example.com/app".into()),
            oauth_redirect_uris: Some(vec![callback.into()]),
            url_params: Some(vec!["brand_host".into()]),
            ..Default::default()
        })
        .await
        .unwrap();
    let info = sandbox.info().clone();
    let mut times = Vec::new();
    for _ in 0..runs {
        let begun = console
            .oauth_begin(OAuthBegin {
                app: "benchoauth".into(),
                redirect_uri: callback.into(),
                brand_url: None,
                pkce: true,
                scope: None,
            })
            .await
            .unwrap();
        let location = drive_consent(&begun.url, &info.user_email, &info.user_password, true)
            .await
            .unwrap();
        let arrival = Arrival::now();
        let done = console
            .oauth_complete_run(begun.run_id, &location, arrival, &|_| {})
            .await
            .unwrap();
        assert!(done.userinfo.is_some(), "{:?}", done.error);
        times.push(arrival.instant.elapsed().as_secs_f64() * 1000.0);
    }
    times
}

async fn store_figures() -> Value {
    let keyring_dir = tempfile::tempdir().unwrap();
    let keyring = Store::create(keyring_dir.path(), Unlock::Keyring(Keyring::os())).await;
    let unlock_keyring_ms = match keyring {
        Ok(store) => {
            drop(store);
            let started = Instant::now();
            let reopened = Store::open(keyring_dir.path(), Unlock::Keyring(Keyring::os())).await;
            reopened
                .ok()
                .map(|_| started.elapsed().as_secs_f64() * 1000.0)
        }
        Err(_) => None,
    };
    let dir = tempfile::tempdir().unwrap();
    let passphrase = || Unlock::Passphrase(Secret::new("bench passphrase"));
    drop(Store::create(dir.path(), passphrase()).await.unwrap());
    let started = Instant::now();
    let store = Store::open(dir.path(), passphrase()).await.unwrap();
    let unlock_passphrase_ms = started.elapsed().as_secs_f64() * 1000.0;

    let console = Console::new(store, "bench");
    console
        .ensure_sandbox_profile(
            "http://127.0.0.1:9/",
            "http://127.0.0.1:9/",
            Secret::new("bench-token"),
        )
        .await
        .unwrap();
    let profile = console.store().profiles().current().await.unwrap().unwrap();
    let records: Vec<AppRecord> = (0..10_000)
        .map(|i| {
            let app: intandem_core::platform::App = serde_json::from_value(json!({
                "app_code_name": format!("benchapp{i:05}"),
                "app_id": format!("id{i:05}"),
                "name": format!("Bench app {i}"),
                "redirect_uri": "https://bench.example.com/app",
                "url_params": ["brand_host"],
            }))
            .unwrap();
            AppRecord::from_app(&app)
        })
        .collect();
    let started = Instant::now();
    console
        .store()
        .apps_cache()
        .replace_all(profile.id, &records)
        .await
        .unwrap();
    let write = started.elapsed().as_secs_f64() * 1000.0;
    let started = Instant::now();
    let read = console.store().apps_cache().list(profile.id).await.unwrap();
    let read_ms = started.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(read.len(), 10_000);
    json!({
        "unlock_keyring_ms": unlock_keyring_ms.map(round2),
        "unlock_passphrase_ms": round2(unlock_passphrase_ms),
        "write_10k_apps_ms": round2(write),
        "read_10k_apps_ms": round2(read_ms),
    })
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn machine() -> Value {
    let cpus = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let model = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|t| {
        t.lines()
            .find(|l| l.starts_with("model name"))
            .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
    });
    json!({ "cpus": cpus, "cpu": model, "os": std::env::consts::OS })
}

fn median(values: &[u64]) -> u64 {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    sorted.get(sorted.len() / 2).copied().unwrap_or(0)
}

fn stats(values: &[u64]) -> Value {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    json!({ "median": median(values), "min": sorted.first(), "max": sorted.last(), "runs": values })
}

fn pct(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn float_stats(values: &[f64]) -> Value {
    json!({ "p50": round2(pct(values, 50.0)), "p95": round2(pct(values, 95.0)), "max": round2(pct(values, 100.0)), "samples": values.len() })
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
