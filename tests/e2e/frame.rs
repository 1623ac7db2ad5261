//! The main window renders the console's frame, and a new user lands on the Sandbox.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use fantoccini::Locator;

use crate::harness::{app_binary, App, Display};

/// The rendering the console ships (no GL compositing), without WebDriver: the app's own
/// start-up switch prints `READY` once the apps list is painted, seeded with 50 apps.
/// (The switch exists with the `bench` feature and a UI built with `INTANDEM_BENCH=1`, as
/// `make test` builds them.)
#[test]
fn the_shipped_rendering_paints_the_apps_list() {
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(app_binary())
        .env("DISPLAY", &display.name)
        .env("INTANDEM_DATA_DIR", data.path())
        .env("XDG_DATA_HOME", data.path().join("webkit-data"))
        .env("INTANDEM_LOG", "warn")
        .env("INTANDEM_SANDBOX_SEED_APPS", "50")
        .env("INTANDEM_BENCH_READY", "1")
        .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starting the app");
    let stdout = child.stdout.take().unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with("READY ") {
                let _ = send.send(line);
                return;
            }
        }
    });
    let ready = receive.recv_timeout(Duration::from_secs(60));
    let _ = child.kill();
    let _ = child.wait();
    let line = ready.expect(
        "the app never painted its apps list in the shipped rendering mode (or was built \
         without `--features bench` and `INTANDEM_BENCH=1`, which print the READY line)",
    );
    assert!(
        line.contains("rows-rendered="),
        "the list's rows were painted: {line}"
    );
}

#[tokio::test]
async fn a_new_user_lands_on_the_sandbox_profile_with_its_seeded_apps() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 1").await;

    let sidebar = app.text_of("nav.sidebar").await;
    assert!(sidebar.contains("Profiles"), "sidebar: {sidebar:?}");
    assert!(sidebar.contains("Apps"), "sidebar: {sidebar:?}");

    let header = app
        .wait_for_text("[data-testid=current-profile]", "Sandbox")
        .await;
    assert!(
        header.contains("127.0.0.1"),
        "the Sandbox profile points at the embedded sandbox: {header:?}"
    );
    let store = app.text_of("[data-testid=store-state]").await;
    assert!(
        store.contains("Store:"),
        "the store's state is shown: {store:?}"
    );

    let table = app.text_of("[data-testid=apps-table]").await;
    let rows = app
        .client
        .find_all(Locator::Css(
            "[data-testid=apps-table] [role=rowgroup] [role=row]",
        ))
        .await
        .expect("reading the apps table's rows");
    assert!(
        rows.len() >= 3,
        "the sandbox's seeded apps are listed ({} rows): {table:?}",
        rows.len()
    );

    app.save_screenshot("e2e-apps-list.png").await;
    assert_eq!(app.client.title().await.unwrap(), "inTandem App Console");
    app.quit().await;
}
