//! When the main window's web process dies (a WebKit crash, the out-of-memory killer, a
//! `kill`), the console loads its page again: without that the window keeps its last
//! picture and answers no click until it is restarted. A page that stops again right away
//! is not loaded a third time: a notice takes its place. Without WebDriver, whose session
//! ends with the page ("session deleted because of page crash"), and in the shipped
//! rendering mode.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{app_binary, kill_processes, web_processes, Display};

const LOADED: &str = "the window's page loaded";
const RELOADING: &str = "the window's page stopped (its web process ended); loading it again";
const GAVE_UP: &str = "the window's page stopped again right after it was loaded again";

/// Waits until `done` holds for the app's output so far.
fn wait_for_output(output: &std::path::Path, what: &str, done: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let text = std::fs::read_to_string(output).unwrap_or_default();
        if done(&text) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "{what}; the app's output:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_page_whose_web_process_is_killed_is_loaded_again_once_then_a_notice_offers_to_load_it() {
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let output = data.path().join("app-output.log");
    let file = std::fs::File::create(&output).unwrap();
    let mut child = Command::new(app_binary())
        .env("DISPLAY", &display.name)
        .env("INTANDEM_DATA_DIR", data.path().join("data"))
        .env("XDG_DATA_HOME", data.path().join("webkit-data"))
        .env("INTANDEM_LOG", "warn,intandem_console=debug")
        .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
        .stdout(Stdio::from(file.try_clone().unwrap()))
        .stderr(Stdio::from(file))
        .spawn()
        .expect("starting the app");

    wait_for_output(&output, "the page never loaded", |text| {
        text.contains(LOADED)
    });
    let before = web_processes(&display.name);
    assert!(!before.is_empty(), "the page has a web process");
    kill_processes(&before);

    let text = wait_for_output(&output, "the page was not loaded again", |text| {
        text.matches(LOADED).count() >= 2
    });
    assert!(
        text.contains(RELOADING) && text.contains("reason=Crashed"),
        "the console says why the page was loaded again: {text}"
    );
    let after = web_processes(&display.name);
    assert!(
        !after.is_empty() && after.iter().all(|pid| !before.contains(pid)),
        "a new web process draws the page: {before:?} then {after:?}"
    );

    // Dying again right away is not met with a reload loop: a notice page (a third load,
    // in a web process of its own) says what happened, and the log says to restart.
    kill_processes(&after);
    let text = wait_for_output(&output, "no notice after the second stop", |text| {
        text.contains(GAVE_UP) && text.matches(LOADED).count() >= 3
    });
    assert_eq!(text.matches(RELOADING).count(), 1, "{text}");
    let notice = web_processes(&display.name);
    assert!(
        !notice.is_empty() && notice.iter().all(|pid| !after.contains(pid)),
        "a new web process draws the notice: {after:?} then {notice:?}"
    );

    // Its one link loads the console's page again (the navigation guard lets it through).
    press_keys_in_console_window(&display.name, &["Tab", "Return"]);
    let text = wait_for_output(&output, "the notice's link loaded nothing", |text| {
        text.matches(LOADED).count() >= 4
    });
    assert!(!text.contains("refused a navigation"), "{text}");
    let loads: Vec<&str> = text.lines().filter(|line| line.contains(LOADED)).collect();
    assert!(
        loads[2].contains("url=about:blank") && is_console_page(loads[3]),
        "the notice, then the console's page again: {loads:#?}"
    );
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(text.matches(RELOADING).count(), 1, "{text}");
}

/// Whether a "page loaded" log line names the console's own page.
fn is_console_page(line: &str) -> bool {
    line.contains("url=tauri://localhost") || line.contains("url=http://tauri.localhost")
}

/// Presses `keys` (xdotool names) in the console's window, through the X server.
fn press_keys_in_console_window(display: &str, keys: &[&str]) {
    let xdotool = |args: &[&str]| {
        let output = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", display)
            .output()
            .expect("running xdotool");
        assert!(output.status.success(), "xdotool {args:?} failed");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let windows = xdotool(&["search", "--onlyvisible", "--name", "inTandem App Console"]);
    let window = windows.lines().last().expect("the console's window");
    xdotool(&["windowfocus", "--sync", window]);
    for key in keys {
        xdotool(&["key", key]);
    }
}
