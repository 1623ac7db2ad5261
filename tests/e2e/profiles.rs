//! Adding a profile: the token is checked against the platform before anything is saved.

use fantoccini::Locator;

use crate::harness::App;

async fn fill(app: &App, css: &str, text: &str) {
    app.client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("finding `{css}`: {e}"))
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("typing into `{css}`: {e}"));
}

async fn click(app: &App, css: &str) {
    app.client
        .wait()
        .at_most(crate::harness::UI_TIMEOUT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("waiting for `{css}`: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking `{css}`: {e}"));
}

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

    click(&app, "nav.sidebar button:first-child").await;
    click(&app, "[data-testid=add-profile-button]").await;
    fill(&app, "#profile-name", "Refused").await;
    click(
        &app,
        "[data-testid=add-profile] input[type=radio]:nth-of-type(1)",
    )
    .await;
    app.client
        .find_all(Locator::Css("[data-testid=add-profile] input[type=radio]"))
        .await
        .unwrap()[1] // Production, then Custom
        .click()
        .await
        .unwrap();
    fill(&app, "#profile-api-base", &sandbox_url).await;
    fill(&app, "#profile-brand-url", &sandbox_url).await;
    fill(&app, "#profile-token", "not-a-directory-token").await;
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
    click(&app, "[data-testid=add-profile] button[type=submit]").await;

    let alert = app.wait_for_text("[role=alert]", "refused").await;
    assert!(alert.contains("not saved"), "alert: {alert:?}");
    let shot = app
        .client
        .screenshot()
        .await
        .expect("a screenshot of the refusal");
    std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("e2e-profile-refused.png"),
        shot,
    )
    .expect("saving the screenshot");

    click(&app, "[data-testid=add-profile-cancel]").await;
    let profiles = app.text_of("[data-testid=profiles-view]").await;
    assert!(profiles.contains("Sandbox"), "profiles: {profiles:?}");
    assert!(
        !profiles.contains("Refused"),
        "a refused profile was saved: {profiles:?}"
    );
    app.quit().await;
}
