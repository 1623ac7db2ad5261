//! The end-to-end harness: a private Xvfb display, a `tauri-driver` in front of
//! WebKitWebDriver, and a WebDriver session on the real app binary with its own data dir.
//!
//! Every test gets its own display, driver and data dir, so tests never share state.
//! Nothing here is skipped: a missing Xvfb or tauri-driver is a test failure that says
//! how to install it (`make test` installs both).

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// The text on the X clipboard of `display`, read by this test process as another
/// application would (None when nothing is offered).
pub async fn clipboard_text(display: &str) -> Option<String> {
    let display = display.to_owned();
    tokio::task::spawn_blocking(move || {
        // The e2e tests run one at a time (--test-threads=1), so setting DISPLAY for
        // this process does not race another test.
        std::env::set_var("DISPLAY", display);
        arboard::Clipboard::new().ok()?.get_text().ok()
    })
    .await
    .expect("reading the clipboard")
}

/// Waits until the X clipboard of `display` holds text that `wanted` accepts, and returns
/// it; after `UI_TIMEOUT` the test fails, saying `what` did not happen.
pub async fn wait_for_clipboard(
    display: &str,
    what: &str,
    wanted: impl Fn(&str) -> bool,
) -> String {
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        if let Some(text) = clipboard_text(display).await {
            if wanted(&text) {
                return text;
            }
        }
        assert!(Instant::now() < deadline, "{what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Puts `text` on the X clipboard of `display` from this test process, as another
/// application would; the clipboard holds it while the returned handle lives.
pub async fn clipboard_set_text(display: &str, text: &str) -> arboard::Clipboard {
    let (display, text) = (display.to_owned(), text.to_owned());
    tokio::task::spawn_blocking(move || {
        std::env::set_var("DISPLAY", display);
        let mut clipboard = arboard::Clipboard::new().expect("opening the clipboard");
        clipboard.set_text(text).expect("writing the clipboard");
        clipboard
    })
    .await
    .expect("writing the clipboard")
}

/// How long an element may take to appear before a test fails.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

pub struct Display {
    child: Child,
    // Xvfb exits when the pipe it reported its display number on is closed: keep it.
    _displayfd: ChildStdout,
    pub name: String,
}

impl Display {
    pub fn start() -> Display {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("starting Xvfb (install it with `make deps`, or apt-get install xvfb)");
        let stdout = child.stdout.take().expect("Xvfb stdout is piped");
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        reader
            .read_line(&mut line)
            .expect("reading the display number from Xvfb");
        let number = line.trim();
        assert!(
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
            "Xvfb did not report a display number (got {line:?})"
        );
        Display {
            name: format!(":{number}"),
            child,
            _displayfd: reader.into_inner(),
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("finding a free loopback port")
}

fn tauri_driver_path() -> PathBuf {
    if let Ok(path) = std::env::var("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|dir| dir.join("bin").join("tauri-driver"));
    match cargo_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// What to type with [`App::keyboard_into_window`].
pub enum Keys<'a> {
    /// Characters, typed one by one.
    Text(&'a str),
    /// One key by its X name (`Tab`, `Return`).
    Press(&'a str),
}

/// A running app under WebDriver. Dropping it ends the session and stops every process.
pub struct App {
    pub client: Client,
    /// Kept so a test can relaunch the app on the same data (what survives a restart).
    #[allow(dead_code)]
    pub data_dir: PathBuf,
    driver: Child,
    display: Display,
    /// Where the app's output goes (the log at `warn`, WebKit's messages, any panic).
    output: PathBuf,
    /// The harness chose `output` (beside the data dir) and removes it after a pass.
    own_output: bool,
}

impl App {
    /// Launches the real app binary with a fresh data dir.
    pub async fn launch() -> App {
        let data_dir = tempfile::tempdir()
            .expect("creating a temporary data dir")
            .keep();
        App::launch_with_data_dir(data_dir).await
    }

    /// Launches the app on an existing data dir (to test what survives a restart).
    pub async fn launch_with_data_dir(data_dir: PathBuf) -> App {
        App::launch_with_env(data_dir, &[]).await
    }

    /// Launches the app on `data_dir` with extra environment variables.
    pub async fn launch_with_env(data_dir: PathBuf, env: &[(&str, &str)]) -> App {
        App::launch_with_output(data_dir, env, None).await
    }

    /// Launches the app with its stdout and stderr (the log, and any panic) appended to
    /// `output`. Without one, they go to a file beside the data dir, whose end a failing
    /// test prints (a page that crashed or hung under WebDriver says why there), and which
    /// a passing test removes.
    pub async fn launch_with_output(
        data_dir: PathBuf,
        env: &[(&str, &str)],
        output: Option<&Path>,
    ) -> App {
        let own_output = output.is_none();
        let output = match output {
            Some(path) => path.to_path_buf(),
            None => {
                let mut name = data_dir.clone().into_os_string();
                name.push(".app-output.log");
                PathBuf::from(name)
            }
        };
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&output)
            .expect("opening the app's output file");
        let (stdout, stderr) = (
            Stdio::from(file.try_clone().expect("duplicating the output file")),
            Stdio::from(file),
        );
        let display = Display::start();
        let port = free_port();
        let native_port = free_port();
        let driver = Command::new(tauri_driver_path())
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", &display.name)
            .env("INTANDEM_DATA_DIR", &data_dir)
            // WebKit keeps the page's storage (the theme choice…) under XDG_DATA_HOME:
            // one per data dir, so tests do not see each other's.
            .env("XDG_DATA_HOME", data_dir.join("webkit-data"))
            .env("INTANDEM_LOG", "warn")
            // The console draws without GL compositing (see `software_rendering` in the
            // shell), and WebKitWebDriver then stops answering after a few commands (seen
            // with WebKitGTK 2.50: a click never completes). Under WebDriver the tests keep
            // WebKit's default; `frame::the_shipped_rendering_paints_the_apps_list` checks
            // the shipped mode without WebDriver.
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "0")
            .envs(env.iter().copied())
            .stdout(stdout)
            .stderr(stderr)
            // Its own process group, so that stopping it also stops the WebKitWebDriver it starts.
            .process_group(0)
            .spawn()
            .expect("starting tauri-driver (install it with `make deps`, or cargo install tauri-driver --locked)");
        let client = connect(port, app_binary()).await;
        App {
            client,
            data_dir,
            driver,
            display,
            output,
            own_output,
        }
    }

    /// Waits for an element and returns its visible text.
    pub async fn text_of(&self, css: &str) -> String {
        self.element(css)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("reading the text of `{css}`: {e}"))
    }

    /// Waits until an element's text contains `needle`, and returns the text.
    pub async fn wait_for_text(&self, css: &str, needle: &str) -> String {
        let deadline = Instant::now() + UI_TIMEOUT;
        loop {
            let text = self.text_of(css).await;
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "`{css}` never contained {needle:?}; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Types into the element `css` (waiting for it first).
    pub async fn fill(&self, css: &str, text: &str) {
        self.element(css)
            .await
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing into `{css}`: {e}"));
    }

    /// Replaces the text of the input `css`: WebDriver's clear (which fires the change
    /// events React listens to), then typing.
    pub async fn replace(&self, css: &str, text: &str) {
        let element = self.element(css).await;
        element
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clearing `{css}`: {e}"));
        element
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("typing into `{css}`: {e}"));
    }

    /// Waits until the element `css` exists, and returns it.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.element(css).await
    }

    /// The X window ids titled `title` on the app's display (none when it is not open).
    pub fn windows_titled(&self, title: &str) -> Vec<String> {
        let output = Command::new("xdotool")
            .args(["search", "--onlyvisible", "--name", title])
            .env("DISPLAY", &self.display.name)
            .output()
            .expect("running xdotool (install it with `make deps`, or apt-get install xdotool)");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Real keyboard input, through the X server, into the window titled `title`: the
    /// way to drive a window WebDriver cannot see (the OAuth login window has its own
    /// incognito web context, which WebKit does not put under automation).
    pub async fn keyboard_into_window(&self, title: &str, keys: &[Keys<'_>]) {
        let deadline = Instant::now() + UI_TIMEOUT;
        let window = loop {
            if let Some(id) = self.windows_titled(title).pop() {
                break id;
            }
            assert!(
                Instant::now() < deadline,
                "no window titled {title:?} appeared"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        let xdotool = |args: &[&str]| {
            let status = Command::new("xdotool")
                .args(args)
                .env("DISPLAY", &self.display.name)
                .status()
                .expect("running xdotool");
            assert!(status.success(), "xdotool {args:?} failed");
        };
        xdotool(&["windowfocus", "--sync", &window]);
        for key in keys {
            match key {
                Keys::Text(text) => xdotool(&["type", "--delay", "15", text]),
                Keys::Press(name) => xdotool(&["key", name]),
            }
        }
    }

    /// Asks the window titled `title` to close, as a window manager's close button does
    /// (a WM_DELETE_WINDOW message; Xvfb runs no window manager). It waits half a second
    /// first: GTK dropped a close request sent right after a WebDriver click (1 run in 6;
    /// none in 14 with the pause), which a person's close button never meets.
    pub async fn ask_window_to_close(&self, title: &str) {
        use x11rb::connection::Connection;
        use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt, EventMask};
        tokio::time::sleep(Duration::from_millis(500)).await;
        let window: u32 = self
            .windows_titled(title)
            .pop()
            .unwrap_or_else(|| panic!("no window titled {title:?} to close"))
            .parse()
            .expect("xdotool prints window ids in decimal");
        let (connection, _) =
            x11rb::connect(Some(&self.display.name)).expect("connecting to the app's display");
        let atom = |name: &[u8]| {
            connection
                .intern_atom(false, name)
                .expect("interning an X atom")
                .reply()
                .expect("interning an X atom")
                .atom
        };
        let (protocols, delete) = (atom(b"WM_PROTOCOLS"), atom(b"WM_DELETE_WINDOW"));
        let message = ClientMessageEvent::new(
            32,
            window,
            protocols,
            [delete, x11rb::CURRENT_TIME, 0, 0, 0],
        );
        connection
            .send_event(false, window, EventMask::NO_EVENT, message)
            .expect("sending the close request");
        connection.flush().expect("sending the close request");
    }

    /// Waits until no window titled `title` is left; fails with `why_not` after the UI timeout.
    pub async fn wait_for_no_window_titled(&self, title: &str, why_not: &str) {
        let deadline = Instant::now() + UI_TIMEOUT;
        while !self.windows_titled(title).is_empty() {
            assert!(Instant::now() < deadline, "{why_not}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// What the app has written to its output so far (its log at `warn`, WebKit's messages).
    pub fn output_so_far(&self) -> String {
        std::fs::read_to_string(&self.output).unwrap_or_default()
    }

    /// The X display the app runs on (for reading its clipboard).
    pub fn display_name(&self) -> &str {
        &self.display.name
    }

    /// Clicks the element `css` once it exists and is enabled, as a person waits for a
    /// greyed-out button (WebDriver's click on a disabled button silently does nothing).
    ///
    /// A click WebDriver refused before any event reached the page (the element was
    /// re-rendered, covered or not yet laid out, as when a window closes beside it) is
    /// tried again on the element found afresh; any other error names its WebDriver status.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + UI_TIMEOUT;
        loop {
            let element = self.element(css).await;
            let clicked = match element.is_enabled().await {
                Ok(false) => {
                    assert!(
                        Instant::now() < deadline,
                        "`{css}` stayed disabled for {UI_TIMEOUT:?}"
                    );
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
                Ok(true) => element.click().await,
                Err(e) => Err(e),
            };
            match clicked {
                Ok(()) => return,
                Err(e) if not_delivered(&e) && Instant::now() < deadline => {
                    eprintln!("clicking `{css}` again: WebDriver refused the click ({e:?})");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("clicking `{css}`: {e:?}"),
            }
        }
    }

    async fn element(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("waiting for `{css}`: {e}"))
    }

    /// Saves a screenshot under the target's tmp dir, for a person to look at.
    pub async fn save_screenshot(&self, name: &str) {
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("taking the screenshot {name}: {e}"));
        let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        std::fs::write(&path, png)
            .unwrap_or_else(|e| panic!("saving the screenshot {}: {e}", path.display()));
    }

    /// Without an OS keyring the first launch asks for a new passphrase: give it one.
    /// (Under `make test` gnome-keyring is running, so no question is asked.)
    pub async fn unlock_if_asked(&self, passphrase: &str) {
        let landed = self
            .client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(
                "[data-testid=unlock], [data-testid=apps-view], [data-testid=empty-state]",
            ))
            .await
            .expect("the console shows an unlock form, the apps or an empty state");
        if landed.attr("data-testid").await.ok().flatten().as_deref() != Some("unlock") {
            return;
        }
        for id in ["#passphrase", "#passphrase-confirm"] {
            if let Ok(field) = self.client.find(Locator::Css(id)).await {
                field
                    .send_keys(passphrase)
                    .await
                    .expect("typing the passphrase");
            }
        }
        self.client
            .find(Locator::Css("[data-testid=unlock] button[type=submit]"))
            .await
            .expect("the unlock form has a submit button")
            .click()
            .await
            .expect("submitting the passphrase");
    }

    pub async fn quit(self) {
        let client = self.client.clone();
        let _ = client.close().await;
        // Dropping stops the driver's process group and the display.
    }
}

impl Drop for App {
    fn drop(&mut self) {
        stop_process_group(&mut self.driver);
        if std::thread::panicking() {
            print_tail(&self.output);
        } else if self.own_output {
            let _ = std::fs::remove_file(&self.output);
        }
    }
}

/// The last lines of the app's output, on stderr (shown with the failing test's report).
fn print_tail(output: &Path) {
    const LINES: usize = 80;
    let text = std::fs::read_to_string(output).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    let tail = &lines[lines.len().saturating_sub(LINES)..];
    eprintln!(
        "--- the app's output ({}, last {} of {} lines) ---\n{}\n--- end of the app's output ---",
        output.display(),
        tail.len(),
        lines.len(),
        tail.join("\n")
    );
}

/// Stops a child started with `process_group(0)` and everything it started.
fn stop_process_group(child: &mut Child) {
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals that process group; no memory is involved.
        unsafe {
            libc::kill(-pid, libc::SIGTERM);
        }
    }
    let _ = child.wait();
}

pub fn app_binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_intandem-console"))
}

async fn connect(port: u16, application: &Path) -> Client {
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("wry"));
    capabilities.insert(
        "tauri:options".into(),
        json!({ "application": application.display().to_string() }),
    );
    let url = format!("http://127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        match ClientBuilder::native()
            .capabilities(capabilities.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return client,
            Err(error) if Instant::now() < deadline => {
                let _ = error;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(error) => {
                panic!("opening a WebDriver session on the app through tauri-driver: {error}")
            }
        }
    }
}

/// The pids of the WebKit web processes drawing on `display` (each test has its own Xvfb,
/// and WebKit's processes inherit `DISPLAY`).
pub fn web_processes(display: &str) -> Vec<u32> {
    processes_on(display, "WebKitWebProces")
}

/// The pids of the console's own process on `display` (not its web processes).
#[allow(dead_code)]
pub fn console_processes(display: &str) -> Vec<u32> {
    // The kernel keeps the first 15 bytes of the name.
    processes_on(display, "intandem-consol")
}

/// The pids of the processes named `comm` (as /proc has it) with `DISPLAY=display`.
fn processes_on(display: &str, comm: &str) -> Vec<u32> {
    let wanted = format!("DISPLAY={display}");
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            name.trim() == comm
                && environ
                    .split(|b| *b == 0)
                    .any(|var| var == wanted.as_bytes())
        })
        .collect()
}

/// Kills, as a crash would, the web processes on `display` that are not in `before`: the
/// page of a window opened since. Fails if there is none.
pub fn kill_web_processes_since(display: &str, before: &[u32], window: &str) {
    let since: Vec<u32> = web_processes(display)
        .into_iter()
        .filter(|pid| !before.contains(pid))
        .collect();
    assert!(
        !since.is_empty(),
        "the {window} has a web process of its own"
    );
    kill_processes(&since);
}

/// Kills each of `pids` with SIGKILL, as a crash or the out-of-memory killer would.
pub fn kill_processes(pids: &[u32]) {
    for pid in pids {
        let killed = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .expect("running kill");
        assert!(killed.success(), "killing process {pid}");
    }
}

/// Whether WebDriver refused a click before dispatching it: the element went stale,
/// is covered, or cannot be interacted with yet. Such a click never reached the page,
/// so trying it again cannot click twice.
fn not_delivered(error: &fantoccini::error::CmdError) -> bool {
    use fantoccini::error::{CmdError, ErrorStatus};
    matches!(
        error,
        CmdError::Standard(e) if matches!(
            e.error,
            ErrorStatus::StaleElementReference
                | ErrorStatus::ElementClickIntercepted
                | ErrorStatus::ElementNotInteractable
        )
    )
}
