//! The OAuth flow tester in the real app: the login window (its own incognito web
//! context, which WebDriver cannot reach) is driven with real keyboard input through
//! the X server, like a person would; the main window's timeline is read through WebDriver.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use intandem_sandbox::{AdminClient, Faults};

use crate::harness::{
    clipboard_set_text, kill_web_processes_since, wait_for_clipboard, web_processes, App, Keys,
    UI_TIMEOUT,
};

pub(crate) const LOGIN_WINDOW: &str = "Sign in · OAuth test";
pub(crate) const CALLBACK: &str = "https://e2e.example.com/oauth/callback";

/// Creates an app with `CALLBACK` registered, through the UI, and opens its OAuth tab;
/// returns the app's code name.
pub(crate) async fn app_ready_for_oauth(app: &App, name: &str) -> String {
    app.click("[data-testid=new-app]").await;
    app.fill("#create-name", name).await;
    app.fill("#create-redirect-uri", "https://e2e.example.com/app")
        .await;
    app.fill("#create-oauth-uris", CALLBACK).await;
    app.click("[data-testid=create-submit]").await;
    let code = app.text_of("[data-testid=created-code-name]").await;
    app.click("[data-testid=created-open]").await;
    app.click("[data-testid=tab-oauth]").await;
    app.wait_for_text("#oauth-redirect-uri", CALLBACK).await;
    code
}

pub(crate) async fn steps_of_kind(app: &App, kind: &str) -> usize {
    app.client
        .find_all(Locator::Css(&format!(
            "[data-testid=oauth-step][data-kind={kind}]"
        )))
        .await
        .map(|steps| steps.len())
        .unwrap_or(0)
}

/// Waits until the login window has finished loading its `count`th page (the main
/// window counts the `page_loaded` events), so keys go to a page that is there.
pub(crate) async fn wait_for_pages(app: &App, count: usize) {
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let loaded = app
            .wait_for("[data-testid=oauth-window-status]")
            .await
            .attr("data-loaded")
            .await
            .ok()
            .flatten()
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        if loaded >= count {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the login window never loaded page {count}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Layout and focus settle within a frame or two of the load.
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// Starts a test and signs in on the sandbox's login page; returns before the consent.
pub(crate) async fn start_and_sign_in(app: &App) {
    let email = app.text_of("[data-testid=oauth-sandbox-email]").await;
    let password = app.text_of("[data-testid=oauth-sandbox-password]").await;
    app.click("[data-testid=oauth-start]").await;
    wait_for_pages(app, 1).await;
    app.keyboard_into_window(
        LOGIN_WINDOW,
        &[
            Keys::Press("Tab"),
            Keys::Text(&email),
            Keys::Press("Tab"),
            Keys::Text(&password),
            Keys::Press("Return"),
        ],
    )
    .await;
    // The login form's answer, then the consent page.
    wait_for_pages(app, 2).await;
}

/// Tab order on the consent page: Deny, then Approve.
pub(crate) async fn decide(app: &App, approve: bool) {
    let keys: &[Keys<'_>] = if approve {
        &[
            Keys::Press("Tab"),
            Keys::Press("Tab"),
            Keys::Press("Return"),
        ]
    } else {
        &[Keys::Press("Tab"), Keys::Press("Return")]
    };
    app.keyboard_into_window(LOGIN_WINDOW, keys).await;
}

/// The embedded sandbox's admin API: its address from the header, its token from its
/// state file in the app's data dir.
pub(crate) async fn sandbox_admin(app: &App) -> AdminClient {
    let header = app
        .wait_for_text("[data-testid=current-profile]", "http://127.0.0.1:")
        .await;
    let start = header.find("http://127.0.0.1:").unwrap();
    let base: String = header[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    let state = std::fs::read_to_string(app.data_dir.join("sandbox-state.json"))
        .expect("the embedded sandbox keeps its state in the data dir");
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    let token = state["state"]["identity"]["admin_token"]
        .as_str()
        .expect("the state file names the admin token");
    AdminClient::new(base.trim_end_matches('/'), token)
}

pub(crate) async fn wait_for_window_closed(app: &App) {
    app.wait_for_no_window_titled(LOGIN_WINDOW, "the login window stayed open")
        .await;
}

#[tokio::test]
async fn a_test_signs_in_in_the_login_window_and_shows_the_userinfo_in_the_main_window() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 9").await;
    app_ready_for_oauth(&app, "OAuth e2e app").await;
    start_and_sign_in(&app).await;
    app.save_screenshot("e2e-oauth-waiting.png").await;
    // The login window says where the password goes: the sandbox is plain http.
    assert_eq!(
        app.windows_titled("Not secure: http://127.0.0.1:[0-9]+ — Sign in")
            .len(),
        1,
        "the login window's title shows the page's address with a warning"
    );
    decide(&app, true).await;

    let result = app.wait_for("[data-testid=oauth-result]").await;
    let result = result.text().await.unwrap();
    for field in ["business_uid", "sub", "role", "brand_host", "directory_uid"] {
        let value = app
            .text_of(&format!("[data-testid=oauth-userinfo-{field}]"))
            .await;
        assert!(!value.trim().is_empty(), "{field} is shown: {result:?}");
    }
    let used = app
        .wait_for_text("[data-testid=oauth-countdown]", "of the code")
        .await;
    let shown = app
        .wait_for_text("[data-testid=oauth-shown-after]", "ms")
        .await;
    println!("OAuth e2e: {used} | {shown}");
    let timeline = app.text_of("[data-testid=oauth-timeline]").await;
    for (at, _) in timeline.match_indices("code=") {
        let rest = &timeline[at + "code=".len()..];
        assert!(
            rest.starts_with("%5Bredacted%5D") || rest.starts_with("[redacted]"),
            "a code shows in the timeline: {timeline:?}"
        );
    }
    assert_eq!(steps_of_kind(&app, "exchange").await, 1);
    assert_eq!(steps_of_kind(&app, "user_info").await, 1);
    wait_for_window_closed(&app).await;
    app.save_screenshot("e2e-oauth-result.png").await;

    // The run is in the history, and its report is copied (redacted) from there.
    let history = app
        .wait_for_text("[data-testid=oauth-history]", "succeeded")
        .await;
    assert!(history.contains(CALLBACK), "history: {history:?}");
    app.quit().await;
}

#[tokio::test]
async fn a_denied_consent_is_reported_as_access_denied() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 10").await;
    app_ready_for_oauth(&app, "OAuth deny app").await;
    start_and_sign_in(&app).await;
    decide(&app, false).await;
    let failure = app.wait_for("[data-testid=oauth-failure]").await;
    assert_eq!(
        failure.attr("data-code").await.unwrap().as_deref(),
        Some("access_denied")
    );
    let text = failure.text().await.unwrap();
    assert!(text.contains("denied"), "failure: {text:?}");
    assert_eq!(steps_of_kind(&app, "exchange").await, 0, "no exchange");
    wait_for_window_closed(&app).await;
    app.save_screenshot("e2e-oauth-denied.png").await;
    app.quit().await;
}

#[tokio::test]
async fn a_code_that_reaches_the_exchange_after_30_seconds_is_reported_as_expired() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 11").await;
    app_ready_for_oauth(&app, "OAuth late app").await;
    // Every code exchange arrives 31 s after the code was issued (sandbox clock).
    sandbox_admin(&app)
        .await
        .set_faults(&Faults {
            advance_clock_secs: Some(31),
            paths: vec!["/oauth/token".into()],
            ..Faults::default()
        })
        .await
        .expect("setting the sandbox's clock fault");
    start_and_sign_in(&app).await;
    decide(&app, true).await;
    let failure = app.wait_for("[data-testid=oauth-failure]").await;
    assert_eq!(
        failure.attr("data-code").await.unwrap().as_deref(),
        Some("invalid_grant")
    );
    let text = failure.text().await.unwrap();
    assert!(text.contains("30"), "the 30-second life is named: {text:?}");
    app.save_screenshot("e2e-oauth-expired.png").await;
    app.quit().await;
}

/// The login window's close button needs a window manager, which Xvfb does not run; Stop
/// closes the window the same way (its Destroyed event is what cancels the run).
#[tokio::test]
async fn stopping_a_test_closes_its_login_window_and_ends_it_as_cancelled() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 12").await;
    app_ready_for_oauth(&app, "OAuth close app").await;
    app.click("[data-testid=oauth-start]").await;
    wait_for_pages(&app, 1).await;
    assert_eq!(app.windows_titled(LOGIN_WINDOW).len(), 1);
    app.click("[data-testid=oauth-stop]").await;
    let failure = app.wait_for("[data-testid=oauth-failure]").await;
    assert_eq!(
        failure.attr("data-code").await.unwrap().as_deref(),
        Some("cancelled")
    );
    wait_for_window_closed(&app).await;
    let history = app
        .wait_for_text("[data-testid=oauth-history]", "cancelled")
        .await;
    assert!(history.contains(CALLBACK));
    app.quit().await;
}

/// The login page's web process dying (WebKit crashing on it, the out-of-memory killer)
/// ends the test at once, as failed with the reason, and closes the window: it does not
/// leave a dead window and a run waiting out its time.
#[tokio::test]
async fn a_login_page_whose_web_process_dies_ends_the_test_as_failed_and_says_why() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 35").await;
    app_ready_for_oauth(&app, "OAuth crash app").await;
    let main_page = web_processes(app.display_name());
    app.click("[data-testid=oauth-start]").await;
    wait_for_pages(&app, 1).await;
    kill_web_processes_since(app.display_name(), &main_page, "login window");

    let failure = app
        .wait_for_text("[data-testid=oauth-failure]", "page stopped")
        .await;
    assert!(failure.contains("Start the test again"), "{failure}");
    wait_for_window_closed(&app).await;
    app.wait_for_text("[data-testid=oauth-history]", "failed")
        .await;
    app.quit().await;
}

/// "Any browser": Rust puts the sign-in link on the clipboard, the person signs in
/// elsewhere (here over plain HTTP), copies the address their browser landed on, and Rust
/// reads it back from the clipboard: the exchange and the userinfo follow.
#[tokio::test]
async fn a_manual_test_copies_the_sign_in_link_and_reads_the_landing_address_from_the_clipboard() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 29").await;
    app_ready_for_oauth(&app, "Manual OAuth app").await;
    let email = app.text_of("[data-testid=oauth-sandbox-email]").await;
    let password = app.text_of("[data-testid=oauth-sandbox-password]").await;
    app.click("#oauth-browser-manual").await;
    app.click("[data-testid=oauth-start]").await;
    // Nothing on the clipboard yet: the console says so, and the test is still waiting.
    app.click("[data-testid=oauth-paste-clipboard]").await;
    let error = app
        .wait_for_text("[data-testid=oauth-paste-error]", "could not be read")
        .await;
    assert!(error.contains("paste it into the field by hand"), "{error}");
    app.save_screenshot("e2e-oauth-manual-empty-clipboard.png")
        .await;
    app.click("[data-testid=oauth-copy-url]").await;
    let authorize_url = wait_for_clipboard(
        app.display_name(),
        "the sign-in link was never copied",
        |text| text.contains("state="),
    )
    .await;
    assert!(
        authorize_url.starts_with("http://127.0.0.1:"),
        "the sandbox's authorize page: {authorize_url}"
    );

    let landed = intandem_sandbox::drive_consent(&authorize_url, &email, &password, true)
        .await
        .expect("signing in and approving in \"another browser\"");
    assert!(landed.starts_with(CALLBACK), "landed on {landed}");
    let users_copy = clipboard_set_text(app.display_name(), &landed).await;
    app.click("[data-testid=oauth-paste-clipboard]").await;
    app.wait_for("[data-testid=oauth-result]").await;
    let sub = app.text_of("[data-testid=oauth-userinfo-sub]").await;
    assert!(!sub.trim().is_empty(), "the userinfo is shown");
    drop(users_copy);
    app.quit().await;
}
