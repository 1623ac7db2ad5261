//! Launching a partner's own app from its Launch tab: a real partner app (a loopback web
//! app) is created through the window, given the credentials the window revealed, then
//! launched; the launch window (its own incognito web context, which WebDriver cannot
//! reach) is driven with real keyboard input as the staff member would; the verdict is
//! read in the main window.

use std::time::{Duration, Instant};

use intandem_partner_app::{Mistake, PartnerApp};
use intandem_sandbox::AdminClient;

use crate::harness::{kill_web_processes_since, web_processes, App, Keys, UI_TIMEOUT};

const LAUNCH_WINDOW: &str = "App launch";

/// Waits until the sandbox has served the page at `path` (200) to the launch window,
/// then lets the window draw it before keys are typed into it.
async fn wait_for_page(admin: &AdminClient, path: &str) {
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let served = admin
            .request_log()
            .await
            .unwrap()
            .iter()
            .any(|r| r.method == "GET" && r.path.starts_with(path) && r.status == 200);
        if served {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the launch window never got the page {path}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
}

/// Creates an app for `partner` through the window, hands the partner app the revealed
/// credentials, opens the app's Launch tab and launches it as the first business's owner;
/// signs in and approves in the launch window; returns the verdict's `data-verdict`.
async fn launch_through_the_window(app: &App, partner: &PartnerApp, name: &str) -> String {
    let (sandbox, password) = start_launch(app, partner, name).await;
    // The sign-in page has the staff member's email filled in: Tab to the password.
    app.keyboard_into_window(
        LAUNCH_WINDOW,
        &[
            Keys::Press("Tab"),
            Keys::Press("Tab"),
            Keys::Text(&password),
            Keys::Press("Return"),
        ],
    )
    .await;
    // Signed in, the platform opens the app, which sends the user to authorize: the
    // consent page.
    wait_for_page(&sandbox, "/app/oauth/authorize").await;
    app.keyboard_into_window(
        LAUNCH_WINDOW,
        &[
            Keys::Press("Tab"),
            Keys::Press("Tab"),
            Keys::Press("Return"),
        ],
    )
    .await;
    let verdict = app
        .wait_for("[data-testid=launch-verdict][data-verdict]")
        .await;
    verdict.attr("data-verdict").await.unwrap().unwrap()
}

/// The first half of [`launch_through_the_window`]: up to the launch window showing the
/// platform's sign-in page. Returns the sandbox's admin client and the staff password.
async fn start_launch(app: &App, partner: &PartnerApp, name: &str) -> (AdminClient, String) {
    app.click("[data-testid=new-app]").await;
    app.fill("#create-name", name).await;
    app.fill("#create-redirect-uri", &partner.landing_url())
        .await;
    app.fill("#create-oauth-uris", &partner.callback_url())
        .await;
    app.click("[data-testid=create-submit]").await;
    let client_id = app.text_of("[data-testid=created-client-id]").await;
    app.click("[data-testid=reveal-secret]").await;
    let deadline = Instant::now() + UI_TIMEOUT;
    let secret = loop {
        let shown = app.text_of("[data-testid=created-client-secret]").await;
        if shown.len() == 64 {
            break shown;
        }
        assert!(Instant::now() < deadline, "Reveal never showed the secret");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let sandbox = crate::oauth::sandbox_admin(app).await;
    partner.configure(&client_id, &secret, sandbox.base_url());
    app.click("[data-testid=hide-secret]").await;
    app.click("[data-testid=created-open]").await;
    app.click("[data-testid=tab-launch]").await;
    // The businesses are listed: the form starts on the first one and its owner.
    app.wait_for("#launch-business option").await;
    app.click("[data-testid=launch-start]").await;
    let notes = app.text_of("[data-testid=launch-notes]").await;
    assert!(
        notes.contains("Installed app"),
        "the install is said: {notes:?}"
    );
    let password = app.text_of("[data-testid=launch-sandbox-password]").await;
    wait_for_page(&sandbox, "/app/launch/").await;
    (sandbox, password)
}

#[tokio::test]
async fn a_partner_app_that_follows_the_guide_passes_its_launch_from_the_launch_tab() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 21").await;
    let partner = PartnerApp::start(Mistake::None).await;
    let verdict = launch_through_the_window(&app, &partner, "Launch good app").await;
    let checks = app.text_of("[data-testid=launch-verdict]").await;
    assert_eq!(verdict, "pass", "{checks}");
    for id in ["brand_host", "state_checked", "exchange", "userinfo"] {
        let row = app
            .wait_for(&format!(
                "[data-testid=launch-verdict] [data-testid=launch-check][data-id={id}]"
            ))
            .await;
        assert_eq!(
            row.attr("data-severity").await.unwrap().as_deref(),
            Some("pass"),
            "{id}: {checks}"
        );
    }
    app.wait_for("[data-testid=launch-history-row][data-verdict=pass]")
        .await;
    app.save_screenshot("e2e-launch-pass.png").await;
    app.quit().await;
}

/// The launch window's web process dying (WebKit crashing on the page, the out-of-memory
/// killer) ends the launch at once: it is judged on what the platform saw until then, its
/// notes say the page stopped, and the window closes.
#[tokio::test]
async fn a_launch_whose_page_dies_is_judged_at_once_and_its_notes_say_the_page_stopped() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 36").await;
    let partner = PartnerApp::start(Mistake::None).await;
    let main_page = web_processes(app.display_name());
    start_launch(&app, &partner, "Launch crash app").await;
    kill_web_processes_since(app.display_name(), &main_page, "launch window");

    let verdict = app
        .wait_for_text("[data-testid=launch-verdict]", "the app's page stopped")
        .await;
    assert!(
        verdict.contains("Stopped before the flow ended"),
        "{verdict}"
    );
    app.wait_for_no_window_titled(LAUNCH_WINDOW, "the launch window stayed open")
        .await;
    app.quit().await;
}

#[tokio::test]
async fn a_partner_app_that_never_sends_state_fails_its_launch_and_the_fix_is_shown() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 22").await;
    let partner = PartnerApp::start(Mistake::NoState).await;
    let verdict = launch_through_the_window(&app, &partner, "Launch no state").await;
    assert_eq!(verdict, "fail");
    let row = app
        .wait_for("[data-testid=launch-verdict] [data-testid=launch-check][data-id=state_sent]")
        .await;
    assert_eq!(
        row.attr("data-severity").await.unwrap().as_deref(),
        Some("fail")
    );
    let text = row.text().await.unwrap();
    assert!(text.contains("never sent state"), "{text:?}");
    assert!(text.contains("unguessable"), "the fix is shown: {text:?}");
    app.save_screenshot("e2e-launch-fail.png").await;
    app.quit().await;
}
