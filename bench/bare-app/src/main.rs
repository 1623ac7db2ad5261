//! A bare Tauri 2 app: one window, one static page, one command. With
//! `INTANDEM_BENCH_READY=1` it prints `READY <ms since process start>` once the page is
//! painted and exits, exactly like the console.

#[tauri::command]
fn ready(app: tauri::AppHandle, page_ms: Option<f64>) {
    if std::env::var_os("INTANDEM_BENCH_READY").is_some_and(|v| v == "1") {
        let split = page_ms.map(|p| format!(" page={p:.0}")).unwrap_or_default();
        match ms_since_process_start() {
            Some(ms) => println!("READY {ms}{split}"),
            None => println!("READY unknown{split}"),
        }
        app.exit(0);
    }
}

fn ms_since_process_start() -> Option<u64> {
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
    Some(((uptime - start_ticks / ticks_per_second) * 1000.0).round().max(0.0) as u64)
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ready])
        .run(tauri::generate_context!())
        .expect("running the bare app");
}
