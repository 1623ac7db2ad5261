//! The shell's security, in the real app: the CSP is enforced by WebKit, a page in the
//! OAuth login window (a remote page the user's brand host serves) cannot call a single
//! command, the main window will not leave the console's own pages, and a full run (an
//! app created, its secret copied, a token generated and copied, an OAuth test, checks,
//! history) sends no secret to the webview and leaves none in plaintext on disk or in
//! the log.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::harness::{wait_for_clipboard, App, Keys};
use crate::oauth::{
    app_ready_for_oauth, decide, start_and_sign_in, wait_for_pages, wait_for_window_closed,
    CALLBACK, LOGIN_WINDOW,
};

/// A hostile web server on loopback: every GET gets the IPC probe page, and the page
/// POSTs what each call did to `/report`.
struct Hostile {
    base: String,
    requests: Arc<Mutex<Vec<String>>>,
    reports: Arc<Mutex<Vec<Value>>>,
    app: Arc<Mutex<String>>,
}

impl Hostile {
    async fn start() -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hostile = Hostile {
            base,
            requests: Arc::default(),
            reports: Arc::default(),
            app: Arc::default(),
        };
        let (requests, reports, app) = (
            hostile.requests.clone(),
            hostile.reports.clone(),
            hostile.app.clone(),
        );
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (requests, reports, app) = (requests.clone(), reports.clone(), app.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, requests, reports, app).await;
                });
            }
        });
        hostile
    }

    fn requested(&self, path: &str) -> bool {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .any(|p| p.starts_with(path))
    }

    async fn report(&self) -> Value {
        self.report_from("").await
    }

    /// The first report of a page whose path starts with `path`.
    async fn report_from(&self, path: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            let reports = self.reports.lock().unwrap().clone();
            if let Some(report) = reports
                .into_iter()
                .find(|r| r["path"].as_str().unwrap_or("").starts_with(path))
            {
                return report;
            }
            assert!(
                Instant::now() < deadline,
                "the probe page never reported; requests: {:?}",
                self.requests.lock().unwrap()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

async fn serve(
    mut stream: TcpStream,
    requests: Arc<Mutex<Vec<String>>>,
    reports: Arc<Mutex<Vec<Value>>>,
    app: Arc<Mutex<String>>,
) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
    let mut words = head.split_whitespace();
    let method = words.next().unwrap_or("").to_owned();
    let path = words.next().unwrap_or("").to_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    requests.lock().unwrap().push(path.clone());
    let response = if method == "POST" && path == "/report" {
        let body = &buffer[head_end..(head_end + length).min(buffer.len())];
        let report =
            serde_json::from_slice(body).unwrap_or_else(|e| json!({ "unreadable": e.to_string() }));
        reports.lock().unwrap().push(report);
        "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_owned()
    } else {
        let page = PROBE_PAGE.replace("__APP__", &app.lock().unwrap());
        format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
            page.len()
        )
    };
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

/// A page that tries the console's most sensitive commands and Tauri's own window and
/// event commands, and reports each outcome.
const PROBE_PAGE: &str = r#"<!doctype html>
<title>Sign in · hostile brand page</title>
<h1 id="status">probing</h1>
<a id="help" href="/help" target="_blank">Help (opens a new window)</a>
<script>
(async () => {
  const app = "__APP__";
  const internals = window.__TAURI_INTERNALS__;
  const results = { internals: typeof internals, is_tauri: typeof window.isTauri, path: location.pathname };
  // The page's own JavaScript world, as a browser gives it: built-ins not replaced and
  // Object.prototype not frozen (ES5-style classes, and Babel's loose output, assign
  // methods such as `toString` to a prototype, which throws in strict code once it is).
  results.world = {
    dialogs: ["alert", "confirm", "prompt"]
      .map((name) => (/\[native code\]/.test(Function.prototype.toString.call(window[name])) ? "native" : "replaced"))
      .join(","),
    frozen: Object.isFrozen(Object.prototype),
    es5_class: (() => {
      "use strict";
      try {
        function Money(cents) { this.cents = cents; }
        Money.prototype.toString = function () { return (this.cents / 100).toFixed(2); };
        return String(new Money(1250)) === "12.50" ? "works" : "wrong";
      } catch (e) {
        return "throws: " + String(e);
      }
    })(),
  };
  const attempt = async (cmd, args) => {
    if (!internals || typeof internals.invoke !== "function") return "no ipc";
    try {
      const answer = await Promise.race([
        internals.invoke(cmd, args),
        new Promise((_, reject) => setTimeout(() => reject(new Error("no answer in 5 s")), 5000)),
      ]);
      return "ALLOWED " + JSON.stringify(answer).slice(0, 300);
    } catch (e) {
      return "refused: " + String((e && e.message) || e).slice(0, 300);
    }
  };
  const calls = [
    ["console_overview", {}],
    ["apps_list", {}],
    ["app_credentials", { app, reveal: true }],
    ["tokens_list", { app }],
    ["token_create", { app }],
    ["clipboard_copy_secret", { app, secret: { kind: "client_secret" } }],
    ["oauth_runs", { app }],
    ["plugin:event|emit", { event: "oauth-event", payload: { kind: "finished" } }],
    ["plugin:event|listen", { event: "oauth-event", target: { kind: "Any" }, handler: 1 }],
    ["plugin:webview|create_webview_window", { options: { label: "evil", url: "https://example.invalid/" } }],
    ["plugin:window|close", { label: "main" }],
  ];
  await Promise.all(calls.map(async ([cmd, args]) => { results[cmd] = await attempt(cmd, args); }));
  // Tauri's IPC over its own scheme, as its script would send it but without the invoke key.
  results.ipc_scheme = await fetch("ipc://localhost/apps_list", {
    method: "POST",
    body: "{}",
    headers: { "Content-Type": "application/json", "Tauri-Callback": "1", "Tauri-Error": "2" },
  })
    .then(async (r) => (r.ok ? "ALLOWED " : "refused: " + r.status + " ") + (await r.text()).slice(0, 300))
    .catch((e) => "refused: " + String(e).slice(0, 300));
  await fetch("/report", { method: "POST", body: JSON.stringify(results) });
  document.getElementById("status").textContent = "done";
  // Ready for a person's Return key: the link opens /help in a new window.
  document.getElementById("help").focus();
})();
</script>"#;

/// A link the partner's page opens in a new window (`target="_blank"`, `window.open` from
/// a click) opens as a browser would open it: a window of its own, in the same session,
/// with a browser's JavaScript world, and none of Tauri's scripts, as the login window.
#[tokio::test]
async fn a_new_window_a_partner_page_opens_opens_as_in_a_browser_without_ipc() {
    let (hostile, app) = probe_in_the_login_window("e2e passphrase 26", "Pop-up app").await;
    let page = hostile.report().await;
    assert_eq!(page["world"]["frozen"], json!(false), "{page}");

    // The page has focused its link: a person presses Return.
    app.keyboard_into_window(LOGIN_WINDOW, &[Keys::Press("Return")])
        .await;
    let popup = hostile.report_from("/help").await;
    println!("pop-up probe: {popup}");
    assert_a_browsers_world_and_no_command(&popup, "the pop-up");
    console_is_there(&app).await;
    app.click("[data-testid=oauth-stop]").await;
    wait_for_window_closed(&app).await;
    app.quit().await;
}

/// The console with an app ready for an OAuth test whose brand host is a new [`Hostile`]
/// server: the test is started, so the probe page opens in the login window.
async fn probe_in_the_login_window(passphrase: &str, app_name: &str) -> (Hostile, App) {
    let hostile = Hostile::start().await;
    let app = App::launch().await;
    app.unlock_if_asked(passphrase).await;
    let code = app_ready_for_oauth(&app, app_name).await;
    *hostile.app.lock().unwrap() = code;
    // A brand host the partner typed: its page opens in the login window.
    app.replace("#oauth-brand-url", &hostile.base).await;
    app.click("[data-testid=oauth-start]").await;
    (hostile, app)
}

/// A probe page's report from a partner window (`window` names it): the page got none of
/// Tauri's scripts (no `__TAURI_INTERNALS__`, so no invoke key), every call was tried and
/// refused or had no IPC to go through, and the page's JavaScript world is a browser's,
/// with none of the console's own page protections (Tauri's frozen Object.prototype, a
/// dialog plugin's alert and confirm).
fn assert_a_browsers_world_and_no_command(report: &Value, window: &str) {
    let results = report.as_object().expect("a report object");
    assert!(
        results.len() >= 14,
        "every call was tried in {window}: {report}"
    );
    assert_eq!(
        (&results["internals"], &results["is_tauri"]),
        (&json!("undefined"), &json!("undefined")),
        "{window}'s page got Tauri's scripts: {report}"
    );
    assert_eq!(
        results["world"],
        json!({ "dialogs": "native,native,native", "frozen": false, "es5_class": "works" }),
        "{window}'s page has a browser's JavaScript world"
    );
    for (call, outcome) in results {
        if ["internals", "is_tauri", "world", "path"].contains(&call.as_str()) {
            continue;
        }
        let outcome = outcome.as_str().unwrap_or_default();
        assert!(
            !outcome.starts_with("ALLOWED"),
            "{call} worked from {window}: {outcome}"
        );
        assert!(
            outcome.starts_with("refused") || outcome == "no ipc",
            "{call} in {window}: {outcome}"
        );
    }
}

async fn console_is_there(app: &App) {
    app.wait_for("nav.sidebar").await;
    let url = app.client.current_url().await.unwrap();
    assert!(
        url.scheme() == "tauri" || url.host_str() == Some("tauri.localhost"),
        "the main window shows the console: {url}"
    );
}

#[tokio::test]
async fn the_csp_blocks_eval_inline_scripts_and_foreign_connections() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 20").await;
    app.wait_for("[data-testid=new-app]").await;
    let hostile = Hostile::start().await;
    let outcome = app
        .client
        .execute_async(
            r#"
            const [foreign, done] = arguments;
            const result = { violations: [] };
            document.addEventListener("securitypolicyviolation", (e) =>
              result.violations.push(e.violatedDirective));
            try { eval("1 + 1"); result.eval = "ran"; } catch (e) { result.eval = "blocked " + e.name; }
            try { new Function("return 1")(); result.function = "ran"; } catch (e) { result.function = "blocked " + e.name; }
            const script = document.createElement("script");
            script.textContent = "window.__inlineRan = true";
            document.body.appendChild(script);
            const image = new Image();
            const imageLoaded = new Promise((resolve) => {
              image.onload = () => resolve("loaded");
              image.onerror = () => resolve("blocked");
            });
            image.src = foreign + "/pixel.png";
            let fetched;
            try { await fetch(foreign + "/fetch"); fetched = "fetched"; } catch (e) { fetched = "blocked"; }
            result.fetch = fetched;
            result.image = await imageLoaded;
            result.inline = window.__inlineRan === true ? "ran" : "blocked";
            setTimeout(() => done(result), 200);
            "#,
            vec![json!(hostile.base)],
        )
        .await
        .expect("running the probe in the main window");
    println!("CSP probe: {outcome}");
    for (what, expected) in [
        ("eval", "blocked EvalError"),
        ("function", "blocked EvalError"),
        ("inline", "blocked"),
        ("fetch", "blocked"),
        ("image", "blocked"),
    ] {
        assert_eq!(outcome[what], expected, "{what}: {outcome}");
    }
    assert!(
        !hostile.requested("/"),
        "the page reached a foreign server: {:?}",
        hostile.requests.lock().unwrap()
    );
    let violations = outcome["violations"].to_string();
    for directive in ["script-src", "connect-src", "img-src"] {
        assert!(
            violations.contains(directive),
            "{directive} was reported: {violations}"
        );
    }
    app.quit().await;
}

#[tokio::test]
async fn a_page_in_the_login_window_gets_no_ipc_and_the_main_window_stays_on_the_console() {
    let (hostile, app) = probe_in_the_login_window("e2e passphrase 21", "IPC probe app").await;
    wait_for_pages(&app, 1).await;
    let report = hostile.report().await;
    println!("login window probe: {report}");
    assert_a_browsers_world_and_no_command(&report, "the login window");
    // The main window it tried to close is still there, and the console's own page keeps
    // its Object.prototype frozen (a polluted prototype cannot reach its IPC calls).
    console_is_there(&app).await;
    let frozen = app
        .client
        .execute("return Object.isFrozen(Object.prototype);", vec![])
        .await
        .unwrap();
    assert_eq!(
        frozen,
        json!(true),
        "the console's page freezes Object.prototype"
    );
    app.click("[data-testid=oauth-stop]").await;
    wait_for_window_closed(&app).await;

    // The main window refuses to navigate away, or to open a pop-up.
    app.client
        .execute(
            r#"const [base] = arguments;
               setTimeout(() => { window.open(base + "/popup"); }, 0);
               setTimeout(() => { window.location.href = base + "/main-window"; }, 50);"#,
            vec![json!(hostile.base)],
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_secs(3)).await;
    app.save_screenshot("e2e-security-after-navigation.png")
        .await;
    println!(
        "after navigation: {:?} {:?}",
        app.client.current_url().await,
        app.client.windows().await
    );
    assert!(
        !hostile.requested("/main-window"),
        "the main window loaded a foreign page"
    );
    assert!(
        !hostile.requested("/popup"),
        "a pop-up loaded a foreign page"
    );
    console_is_there(&app).await;
    app.quit().await;
}

/// Installs, in the main window, a recorder of everything Rust sends to the page: every
/// command's answer and every event go through `__TAURI_INTERNALS__.runCallback`, which
/// looks the callback up in the `callbacks` map; the recorder wraps that lookup.
const IPC_RECORDER: &str = r#"
  window.__ipcLog = [];
  const callbacks = window.__TAURI_INTERNALS__.callbacks;
  const get = Map.prototype.get;
  Object.defineProperty(callbacks, "get", {
    configurable: true,
    value: function (id) {
      const callback = get.call(this, id);
      if (!callback) return callback;
      return (data) => {
        let text;
        try { text = JSON.stringify(data); } catch (e) { text = String(data); }
        window.__ipcLog.push(text === undefined ? String(data) : text);
        return callback(data);
      };
    },
  });
  return true;
"#;

/// Every run of exactly 64 hex digits in `bytes` (the sandbox's tokens and codes).
fn hex64_runs(bytes: &[u8]) -> Vec<String> {
    let mut runs = Vec::new();
    let mut start = None;
    for (i, byte) in bytes.iter().chain([&b' ']).enumerate() {
        match (byte.is_ascii_hexdigit(), start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                if i - from == 64 {
                    runs.push(String::from_utf8_lossy(&bytes[from..i]).into_owned());
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn is_hex64(text: &str) -> bool {
    text.len() == 64 && text.chars().all(|c| c.is_ascii_hexdigit())
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

async fn copied_secret(app: &App, button: &str) -> String {
    app.click(button).await;
    app.wait_for_text(button, "Copied").await;
    wait_for_clipboard(
        app.display_name(),
        &format!("nothing was copied by {button}"),
        |text| !text.is_empty(),
    )
    .await
}

#[tokio::test]
async fn a_full_run_sends_no_secret_to_the_webview_and_writes_none_in_plaintext() {
    let data_dir = tempfile::tempdir().unwrap().keep();
    let output = tempfile::NamedTempFile::new().unwrap().into_temp_path();
    // The most talkative log there is, and backtraces on, to give a leak every chance.
    let env = [
        ("INTANDEM_LOG", "trace"),
        ("RUST_BACKTRACE", "1"),
        ("INTANDEM_CLIPBOARD_CLEAR_SECS", "60"),
    ];
    let app = App::launch_with_output(data_dir.clone(), &env, Some(&output)).await;
    app.unlock_if_asked("e2e passphrase 22").await;
    app.wait_for("[data-testid=new-app]").await;
    let installed = app.client.execute(IPC_RECORDER, vec![]).await.unwrap();
    assert_eq!(installed, json!(true));

    // Create an app and copy its secret (by reference: Rust reads the store).
    app.click("[data-testid=new-app]").await;
    app.fill("#create-name", "Canary app").await;
    app.fill("#create-redirect-uri", "https://e2e.example.com/app")
        .await;
    app.fill("#create-oauth-uris", CALLBACK).await;
    app.click("[data-testid=create-submit]").await;
    let client_id = app.text_of("[data-testid=created-client-id]").await;
    let client_secret = copied_secret(&app, "[data-testid=copy-client-secret]").await;
    assert!(
        is_hex64(&client_secret),
        "the copied secret: {} chars",
        client_secret.len()
    );

    // A new app token, copied the same way.
    app.click("[data-testid=created-open]").await;
    app.click("[data-testid=tab-credentials]").await;
    app.click("[data-testid=token-create]").await;
    app.wait_for("[data-testid=token-created-value]").await;
    let app_token = copied_secret(&app, "[data-testid=token-copy]").await;
    assert!(
        app_token.len() >= 16,
        "the copied token: {} chars",
        app_token.len()
    );

    // An OAuth test: the code, the exchange, the access token and the userinfo.
    app.click("[data-testid=tab-oauth]").await;
    app.wait_for_text("#oauth-redirect-uri", CALLBACK).await;
    start_and_sign_in(&app).await;
    decide(&app, true).await;
    app.wait_for("[data-testid=oauth-result]").await;
    wait_for_window_closed(&app).await;

    // Checks and history.
    app.click("[data-testid=tab-checks]").await;
    app.wait_for("[data-testid=check-item]").await;
    app.click("[data-testid=tab-history]").await;
    app.wait_for_text("[data-testid=history]", "App created")
        .await;
    app.click("[data-testid=tab-credentials]").await;
    app.wait_for("[data-testid=client-secret]").await;

    let log: Vec<String> = serde_json::from_value(
        app.client
            .execute("return window.__ipcLog", vec![])
            .await
            .unwrap(),
    )
    .unwrap();
    let page = app
        .client
        .execute("return document.documentElement.outerHTML", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned();

    // Every secret the platform issued in this run: from the sandbox's own state (the
    // emulated platform's database; it keeps client secrets only as hashes), and the
    // two the test copied.
    let state: Value = serde_json::from_str(
        &std::fs::read_to_string(data_dir.join("sandbox-state.json")).unwrap(),
    )
    .unwrap();
    let mut canaries = BTreeSet::from([client_secret.clone(), app_token.clone()]);
    for key in ["directory_token", "other_directory_token", "admin_token"] {
        canaries.insert(state["state"]["identity"][key].as_str().unwrap().to_owned());
    }
    // The tokens the platform issued are kept there as digests only: a leak of one is a
    // 64-hex string in the haystack whose digest is among them.
    let tokens = state["state"]["tokens"].as_array().unwrap();
    let issued: BTreeSet<String> = tokens
        .iter()
        .map(|token| token["digest"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        tokens.len() >= 4,
        "the run issued an app token and an access token besides the seeded ones: {tokens:?}"
    );
    let issued_token_in = |haystack: &[u8]| -> Option<String> {
        hex64_runs(haystack)
            .into_iter()
            .find(|run| issued.contains(&sha256_hex(run)))
    };
    canaries.retain(|c| c.len() >= 16);

    // The recorder saw the run: answers (the client id) and events (the OAuth test's).
    assert!(log.len() > 20, "only {} IPC messages recorded", log.len());
    assert!(
        log.iter().any(|m| m.contains(&client_id)),
        "no answer carried the client id"
    );
    assert!(
        log.iter().any(|m| m.contains("\"event\":\"oauth-event\"")),
        "no OAuth event was recorded"
    );
    for canary in &canaries {
        let tail = &canary[canary.len() - 4..];
        for message in &log {
            assert!(
                !message.contains(canary.as_str()),
                "a secret (…{tail}) reached the webview: {}",
                message.replace(canary.as_str(), "[CANARY]")
            );
        }
        assert!(
            !page.contains(canary.as_str()),
            "a secret (…{tail}) is in the page"
        );
    }
    for message in &log {
        if let Some(token) = issued_token_in(message.as_bytes()) {
            panic!("an issued token (…{}) reached the webview", &token[60..]);
        }
    }
    assert!(
        issued_token_in(page.as_bytes()).is_none(),
        "an issued token is in the page"
    );
    app.quit().await;
    tokio::time::sleep(Duration::from_millis(500)).await;

    // The app's output (the trace-level log) and every file it wrote: the encrypted
    // store, its WAL, WebKit's storage, the config. The sandbox's own state file is the
    // platform's side, not the console's.
    let output_text = std::fs::read(&output).unwrap();
    assert!(
        contains(&output_text, "TRACE") || contains(&output_text, "DEBUG"),
        "the app's log was captured ({} bytes)",
        output_text.len()
    );
    let mut scanned = vec![(PathBuf::from(&*output), output_text)];
    for file in files_under(&data_dir) {
        if file.file_name().is_some_and(|n| n == "sandbox-state.json") {
            continue;
        }
        let bytes = std::fs::read(&file).unwrap_or_default();
        scanned.push((file, bytes));
    }
    assert!(
        scanned
            .iter()
            .any(|(p, _)| p.extension().is_some_and(|e| e == "db")),
        "the store was among the files: {:?}",
        scanned.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for (path, bytes) in &scanned {
        if let Some(token) = issued_token_in(bytes) {
            panic!(
                "an issued token (…{}) is in plaintext in {}",
                &token[60..],
                path.display()
            );
        }
        for canary in &canaries {
            assert!(
                !contains(bytes, canary),
                "a secret (…{}) is in plaintext in {}",
                &canary[canary.len() - 4..],
                path.display()
            );
        }
    }
    println!(
        "canary scan: {} secrets, {} IPC messages, {} files ({} bytes) clean",
        canaries.len(),
        log.len(),
        scanned.len(),
        scanned.iter().map(|(_, b)| b.len()).sum::<usize>()
    );
}
