//! Adding a profile: the token is checked against the platform before anything is saved.

use fantoccini::Locator;

use crate::harness::App;

#[tokio::test]
async fn a_token_the_platform_refuses_is_reported_and_no_profile_is_saved() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 3").await;
    let header = app
        .wait_for_text("[data-testid=current-profile]", "Sandbox")
        .await;
    let start = header
        .find("http://127.0.0.1:")
        .expect("the header shows the sandbox's URL");
    let sandbox_url: String = header[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();

    app.click("nav.sidebar button:first-child").await;
    app.click("[data-testid=add-profile-button]").await;
    app.fill("#profile-name", "Refused").await;
    app.client
        .find_all(Locator::Css("[data-testid=add-profile] input[type=radio]"))
        .await
        .unwrap()[1] // Production, then Custom
        .click()
        .await
        .unwrap();
    app.fill("#profile-api-base", &sandbox_url).await;
    app.fill("#profile-brand-url", &sandbox_url).await;
    app.fill("#profile-token", "not-a-directory-token").await;
    let token_field_type = app
        .client
        .find(Locator::Css("#profile-token"))
        .await
        .unwrap()
        .attr("type")
        .await
        .unwrap();
    assert_eq!(
        token_field_type.as_deref(),
        Some("password"),
        "the token is masked"
    );
    app.click("[data-testid=add-profile] button[type=submit]")
        .await;

    let alert = app.wait_for_text("[role=alert]", "refused").await;
    assert!(alert.contains("not saved"), "alert: {alert:?}");
    app.save_screenshot("e2e-profile-refused.png").await;

    app.click("[data-testid=add-profile-cancel]").await;
    let profiles = app.text_of("[data-testid=profiles-view]").await;
    assert!(profiles.contains("Sandbox"), "profiles: {profiles:?}");
    assert!(
        !profiles.contains("Refused"),
        "a refused profile was saved: {profiles:?}"
    );
    app.quit().await;
}
