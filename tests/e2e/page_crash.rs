//! When the main window's web process dies (a WebKit crash, the out-of-memory killer, a
//! `kill`), the console loads its page again: without that the window keeps its last
//! picture and answers no click until it is restarted. Without WebDriver, whose session
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
fn a_page_whose_web_process_is_killed_is_loaded_again_once_and_not_in_a_loop() {
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

    // Dying again right away is not met with a reload loop: the log says to restart.
    kill_processes(&after);
    let text = wait_for_output(&output, "no word on the second stop", |text| {
        text.contains(GAVE_UP)
    });
    std::thread::sleep(Duration::from_secs(2));
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(text.matches(RELOADING).count(), 1, "{text}");
    assert_eq!(
        std::fs::read_to_string(&output)
            .unwrap_or_default()
            .matches(LOADED)
            .count(),
        2,
        "no third load"
    );
}
