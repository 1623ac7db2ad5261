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

/// Private files: a data folder made beforehand with default permissions is made 0700 at
/// start, and everything the console writes in it (the store, its journal, its key
/// settings, the sandbox's state) is 0600.
#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_is_made_private_at_start_and_the_console_writes_only_private_files() {
    use std::os::unix::fs::PermissionsExt;
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let data_dir = tempfile::tempdir().unwrap().keep();
    std::fs::set_permissions(&data_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let app = App::launch_with_data_dir(data_dir.clone()).await;
    app.unlock_if_asked("e2e passphrase 3").await;
    app.wait_for_text("[data-testid=current-profile]", "Sandbox")
        .await;
    assert_eq!(mode(&data_dir), 0o700, "the data folder");
    let mut written = Vec::new();
    for entry in std::fs::read_dir(&data_dir).unwrap().flatten() {
        let path = entry.path();
        // WebKit's own storage (the harness points XDG_DATA_HOME here) sits inside the
        // private folder; the console's files are the rest.
        if path.is_file() {
            written.push(path);
        }
    }
    let names: Vec<String> = written
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in ["store.db", "store.json", "sandbox-state.json"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    for path in &written {
        assert_eq!(mode(path), 0o600, "{} is {:o}", path.display(), mode(path));
    }
    app.quit().await;
}
