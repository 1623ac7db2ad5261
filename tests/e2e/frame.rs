//! The main window renders the console's frame, and a new user lands on the Sandbox.

use fantoccini::Locator;

use crate::harness::App;

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
