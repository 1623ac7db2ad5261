//! The start-up benchmark's switch, compiled only with the `bench` feature (`make bench`
//! and the end-to-end tests; lib.rs puts no-ops in its place otherwise): with
//! `INTANDEM_BENCH_READY=1` the app prints one line, `READY <ms since process start>`,
//! when the apps list is first painted, then exits. Without it, the UI's "painted" call
//! does nothing.

use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use tauri::AppHandle;

fn enabled() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("INTANDEM_BENCH_READY").is_some_and(|v| v == "1"))
}

/// Rust's side of the start-up, `name=ms` since `run` began: when the first screen's data
/// was ready, when the page was asked for and served (first_screen.rs), when its load
/// started, and when the first screen's commands came in and were answered. Recorded only
/// under the switch.
static RUST_MARKS: Mutex<Vec<(&'static str, u128)>> = Mutex::new(Vec::new());
static STARTED: OnceLock<Instant> = OnceLock::new();

/// Starts Rust's clock (the first thing `run` does).
pub fn start_clock() {
    STARTED.get_or_init(Instant::now);
}

/// Records `name` the first time it happens.
pub fn mark(name: &'static str) {
    if !enabled() {
        return;
    }
    let Some(started) = STARTED.get() else { return };
    let mut marks = RUST_MARKS.lock().unwrap_or_else(|e| e.into_inner());
    if !marks.iter().any(|(n, _)| *n == name) {
        marks.push((name, started.elapsed().as_millis()));
    }
}

/// `page_ms` and `script_ms`: the page's own clock (ms since its navigation started) at
/// the paint and when the UI's script began, printed after the READY figure so a run
/// shows how the time splits between the process, WebKit's page load and the UI.
pub fn painted(
    app: &AppHandle,
    page_ms: Option<f64>,
    script_ms: Option<f64>,
    marks: Option<String>,
) {
    if !enabled() {
        return;
    }
    let mut split = match (page_ms, script_ms) {
        (Some(page), Some(script)) => format!(" page={page:.0} script={script:.0}"),
        _ => String::new(),
    };
    // Page marks are `name=ms` words; anything else is dropped.
    for mark in marks.iter().flat_map(|m| m.split_whitespace()).take(16) {
        if mark.len() < 40
            && mark
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_=.".contains(c))
        {
            split.push(' ');
            split.push_str(mark);
        }
    }
    for (name, ms) in RUST_MARKS.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        split.push_str(&format!(" rs-{name}={ms}"));
    }
    match ms_since_process_start() {
        Some(ms) => println!("READY {ms}{split}"),
        None => println!("READY unknown{split}"),
    }
    app.exit(0);
}

/// Milliseconds since the process started, from the kernel's own start time (so the
/// dynamic loader and everything before `main` count too).
#[cfg(target_os = "linux")]
fn ms_since_process_start() -> Option<u64> {
    // Field 22 of /proc/self/stat: start time in clock ticks after boot. The command name
    // (field 2) may hold spaces, so count from the closing parenthesis.
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after_name = &stat[stat.rfind(')')? + 2..];
    let start_ticks: f64 = after_name.split_whitespace().nth(19)?.parse().ok()?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    // SAFETY: sysconf only reads a system constant.
    let ticks_per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    if ticks_per_second <= 0.0 {
        return None;
    }
    let since = uptime - start_ticks / ticks_per_second;
    Some((since * 1000.0).round().max(0.0) as u64)
}

#[cfg(not(target_os = "linux"))]
fn ms_since_process_start() -> Option<u64> {
    None
}
