//! App setup checks in the real app: an app set up to fail (no brand_host) is told so in
//! its Checks tab, and the directory-wide run lists it among the failing apps.

use crate::harness::App;

#[tokio::test]
async fn an_app_without_brand_host_fails_its_checks_in_the_tab_and_the_directory_run() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 13").await;
    app.click("[data-testid=new-app]").await;
    app.fill("#create-name", "Checks e2e app").await;
    app.fill("#create-redirect-uri", "https://checks.example.com/app")
        .await;
    app.click("#create-url-param-brand_host").await;
    app.click("[data-testid=create-submit]").await;
    let code = app.text_of("[data-testid=created-code-name]").await;
    app.click("[data-testid=created-open]").await;
    app.click("[data-testid=tab-checks]").await;

    let brand_host = app
        .wait_for("[data-testid=check-item][data-id=brand_host]")
        .await;
    assert_eq!(
        brand_host.attr("data-severity").await.unwrap().as_deref(),
        Some("fail")
    );
    let text = brand_host.text().await.unwrap();
    assert!(text.contains("brand_host"), "{text:?}");
    let summary = app.text_of("[data-testid=checks-summary]").await;
    assert!(summary.contains("1 failed"), "summary: {summary:?}");
    app.save_screenshot("e2e-checks-app.png").await;

    app.click("nav.sidebar li:nth-child(3) button").await;
    app.click("[data-testid=checks-run-all]").await;
    let row = app
        .wait_for(&format!("[data-testid=checks-row][data-app={code}]"))
        .await;
    let row_text = row.text().await.unwrap();
    assert!(row_text.contains("brand_host"), "row: {row_text:?}");
    let summary = app
        .text_of("[data-testid=checks-view] [data-testid=checks-summary]")
        .await;
    assert!(summary.contains("failed"), "summary: {summary:?}");
    let first = app.wait_for("[data-testid=checks-row]").await;
    assert_eq!(
        first.attr("data-app").await.unwrap().as_deref(),
        Some(code.as_str()),
        "the failing app comes first"
    );
    app.save_screenshot("e2e-checks-directory.png").await;
    app.quit().await;
}

#[tokio::test]
async fn during_an_outage_the_checks_say_they_could_not_check_and_never_blame_the_token() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 23").await;
    // The apps list is painted: the profile works.
    app.wait_for("[data-testid^=open-app-]").await;
    let admin = crate::oauth::sandbox_admin(&app).await;
    admin
        .set_faults(&intandem_sandbox::Faults {
            error_rate: Some(1.0),
            status_5xx: Some(502),
            ..intandem_sandbox::Faults::default()
        })
        .await
        .unwrap();
    app.click("nav.sidebar li:nth-child(3) button").await;
    app.click("[data-testid=checks-run-all]").await;
    let unlisted = app
        .wait_for_text("[data-testid=checks-apps-unlisted]", "could not be listed")
        .await;
    assert!(unlisted.contains("502"), "{unlisted:?}");
    let token = app
        .wait_for("[data-testid=check-item][data-id=directory_token]")
        .await;
    assert_eq!(
        token.attr("data-severity").await.unwrap().as_deref(),
        Some("unknown")
    );
    let text = token.text().await.unwrap();
    assert!(text.contains("COULD NOT CHECK"), "{text:?}");
    assert!(!text.contains("FAIL"), "{text:?}");
    app.save_screenshot("e2e-checks-outage.png").await;
    admin.clear_faults().await.unwrap();
    app.quit().await;
}
