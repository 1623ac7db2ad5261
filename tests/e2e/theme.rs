//! Light and dark themes: the switch in the sidebar changes the real palette.

use fantoccini::Locator;

use crate::harness::App;

async fn page_background(app: &App) -> String {
    app.client
        .execute(
            "return getComputedStyle(document.documentElement).backgroundColor",
            vec![],
        )
        .await
        .expect("reading the page's background")
        .as_str()
        .expect("a CSS colour")
        .to_owned()
}

#[tokio::test]
async fn the_theme_switch_changes_the_palette_between_light_and_dark() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 2").await;
    app.wait_for_text("[data-testid=current-profile]", "Sandbox")
        .await;
    let toggle = app
        .client
        .find(Locator::Css("[data-testid=theme-toggle]"))
        .await
        .expect("the theme switch is in the sidebar");

    toggle.clone().click().await.unwrap();
    app.wait_for_text("[data-testid=theme-toggle]", "light")
        .await;
    let light = page_background(&app).await;
    toggle.clone().click().await.unwrap();
    app.wait_for_text("[data-testid=theme-toggle]", "dark")
        .await;
    let dark = page_background(&app).await;

    assert_eq!(
        light, "rgb(246, 247, 249)",
        "the light palette's background"
    );
    assert_eq!(dark, "rgb(15, 19, 28)", "the dark palette's background");
    app.save_screenshot("e2e-dark-theme.png").await;
    app.quit().await;
}
