//! Apps in the real window against the embedded sandbox: create (the secret shown once,
//! copied through Rust, kept across a restart), edit with a diff, redirect URIs with
//! inline validation, and app tokens generated and revoked.

use std::time::{Duration, Instant};

use fantoccini::Locator;

use crate::harness::{clipboard_set_text, clipboard_text, wait_for_clipboard, App, UI_TIMEOUT};

/// Opens the first app of the list and returns its code name.
async fn open_first_app(app: &App) -> String {
    let link = app.wait_for("[data-testid^=open-app-]").await;
    let code = link
        .attr("data-testid")
        .await
        .unwrap()
        .unwrap()
        .trim_start_matches("open-app-")
        .to_owned();
    link.click().await.unwrap();
    app.wait_for_text("[data-testid=app-page]", &code).await;
    code
}

/// How the page's first screen went: [times the boot painted it from the page's own data,
/// leftovers of that picture and its data block, elements matching `counted`].
async fn first_paint(app: &App, counted: &str) -> serde_json::Value {
    app.client
        .execute(
            "return [performance.getEntriesByName('first-screen-painted').length, \
             document.querySelectorAll('#first-screen-paint, #first-screen').length, \
             document.querySelectorAll(arguments[0]).length]",
            vec![serde_json::json!(counted)],
        )
        .await
        .expect("reading the page's first paint")
}

fn is_hex64(text: &str) -> bool {
    text.len() == 64 && text.chars().all(|c| c.is_ascii_hexdigit())
}

#[tokio::test]
async fn a_created_app_shows_its_secret_once_and_its_credentials_survive_a_restart() {
    let data_dir = tempfile::tempdir().unwrap().keep();
    let env = [("INTANDEM_CLIPBOARD_CLEAR_SECS", "3")];
    let app = App::launch_with_env(data_dir.clone(), &env).await;
    app.unlock_if_asked("e2e passphrase 5").await;

    app.click("[data-testid=new-app]").await;
    app.fill("#create-name", "E2").await;
    app.click("#create-redirect-uri").await;
    let error = app
        .wait_for_text("[data-testid=create-name-error]", "at least 3")
        .await;
    assert!(error.contains("2 characters"), "inline error: {error:?}");
    app.fill("#create-name", "E created app").await;
    app.fill("#create-redirect-uri", "https://e2e.example.com/app")
        .await;
    app.save_screenshot("e2e-create-form.png").await;
    app.click("[data-testid=create-submit]").await;

    // The page gets the secret's mask: the secret is already in the store. Reveal is an
    // explicit request for it, and Hide forgets it.
    let mask = app.text_of("[data-testid=created-client-secret]").await;
    let client_id = app.text_of("[data-testid=created-client-id]").await;
    let code = app.text_of("[data-testid=created-code-name]").await;
    assert!(
        mask.starts_with('…') && mask.chars().count() == 5,
        "the client secret is masked: {mask:?}"
    );
    app.click("[data-testid=reveal-secret]").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    let secret = loop {
        let shown = app.text_of("[data-testid=created-client-secret]").await;
        if is_hex64(&shown) {
            break shown;
        }
        assert!(
            Instant::now() < deadline,
            "Reveal never showed the secret: {shown:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        secret.ends_with(&mask['…'.len_utf8()..]),
        "{mask:?} masks {secret:?}"
    );
    app.click("[data-testid=hide-secret]").await;
    app.wait_for_text("[data-testid=created-client-secret]", &mask)
        .await;
    assert!(
        is_hex64(&client_id),
        "the client id is shown: {client_id:?}"
    );
    let saved = app.text_of("[data-testid=created-saved]").await;
    assert!(saved.contains("encrypted store"), "saved state: {saved:?}");
    app.save_screenshot("e2e-created-app.png").await;

    // Copying goes through Rust, and the secret is cleared from the clipboard after the
    // (shortened) lifetime.
    app.click("[data-testid=copy-client-secret]").await;
    app.wait_for_text("[data-testid=copy-client-secret]", "Copied")
        .await;
    assert_eq!(
        clipboard_text(app.display_name()).await.as_deref(),
        Some(secret.as_str())
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = clipboard_text(app.display_name()).await;
        if now.as_deref() != Some(secret.as_str()) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the secret was never cleared from the clipboard"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }

    // Copied again, then something else is copied before the (3 s) lifetime ends: that
    // later copy is left alone when the secret's time is up.
    app.click("[data-testid=copy-client-secret]").await;
    wait_for_clipboard(
        app.display_name(),
        "the secret was not copied again",
        |text| text == secret,
    )
    .await;
    let users_copy = clipboard_set_text(app.display_name(), "the user's own copy").await;
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        clipboard_text(app.display_name()).await.as_deref(),
        Some("the user's own copy")
    );
    drop(users_copy);

    app.click("[data-testid=created-open]").await;
    app.wait_for_text("[data-testid=client-id]", &client_id)
        .await;
    app.quit().await;

    // A new process on the same data: the credentials are still there.
    let app = App::launch_with_env(data_dir, &env).await;
    app.unlock_if_asked("e2e passphrase 5").await;
    // With apps cached, the page came with its first screen and painted it before the
    // app loaded (src-tauri/shell/first_screen.rs); the app then took the screen over.
    app.wait_for("[data-testid=apps-table]").await;
    assert_eq!(
        first_paint(&app, ".frame").await,
        serde_json::json!([1, 0, 1]),
        "painted from the page's own data, then replaced by the app: [marks, leftovers, frames]"
    );
    app.click(&format!("[data-testid=open-app-{code}]")).await;
    app.click("[data-testid=tab-credentials]").await;
    app.wait_for_text("[data-testid=client-id]", &client_id)
        .await;
    let masked = app.text_of("[data-testid=client-secret]").await;
    assert_eq!(
        masked,
        format!("…{}", &secret[60..]),
        "masked until revealed"
    );
    app.click("[data-testid=reveal-secret]").await;
    app.wait_for_text("[data-testid=client-secret]", &secret)
        .await;
    app.save_screenshot("e2e-credentials-revealed.png").await;
    app.quit().await;
}

#[tokio::test]
async fn a_first_run_shows_the_sandbox_demo_apps_in_the_page_s_own_first_screen() {
    // A fresh data folder: nothing is cached, so the shell reads the built-in Sandbox's
    // list for the page (src-tauri/shell/first_screen.rs) instead of serving it empty.
    let app = App::launch().await;
    app.wait_for("[data-testid=apps-table]").await;
    assert_eq!(
        first_paint(&app, "[data-testid^=open-app-]").await,
        serde_json::json!([1, 0, 3]),
        "the three demo apps painted from the page's own data, then by the app: \
         [marks, leftovers, rows]"
    );
    app.quit().await;
}

#[tokio::test]
async fn an_edit_is_reviewed_as_a_diff_and_only_the_change_is_sent() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 6").await;
    open_first_app(&app).await;

    app.replace("#edit-name", "Renamed by e2e").await;
    app.click("[data-testid=editor-review]").await;
    let diff = app
        .wait_for_text("[data-testid=editor-diff]", "Renamed by e2e")
        .await;
    assert!(diff.contains("name"), "diff: {diff:?}");
    let rows = app
        .client
        .find_all(Locator::Css("[data-testid=editor-diff] tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "only the name changes: {diff:?}");
    app.save_screenshot("e2e-editor-diff.png").await;
    app.click("[data-testid=editor-save]").await;
    app.wait_for_text("[data-testid=editor-saved]", "1 field")
        .await;
    app.wait_for_text("[data-testid=app-name]", "Renamed by e2e")
        .await;

    app.click("[data-testid=tab-history]").await;
    let history = app
        .wait_for_text("[data-testid=history]", "Renamed by e2e")
        .await;
    assert!(history.contains("App updated"), "history: {history:?}");
    app.save_screenshot("e2e-history.png").await;
    app.quit().await;
}

#[tokio::test]
async fn redirect_uris_are_validated_inline_then_added_and_removed_after_review() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 7").await;
    open_first_app(&app).await;
    app.click("[data-testid=tab-redirect_uris]").await;

    app.fill("#ru-new", "http://example.com/cb").await;
    let error = app
        .wait_for_text("[data-testid=ru-new-error]", "loopback")
        .await;
    assert!(error.contains("https"), "inline error: {error:?}");
    let add = app.wait_for("[data-testid=ru-add]").await;
    assert!(
        !add.is_enabled().await.unwrap(),
        "Add is disabled while invalid"
    );
    app.save_screenshot("e2e-redirect-uri-invalid.png").await;
    // The same screen in the dark theme (system → light → dark), for a person to look at.
    app.click("[data-testid=theme-toggle]").await;
    app.click("[data-testid=theme-toggle]").await;
    app.wait_for_text("[data-testid=theme-toggle]", "dark")
        .await;
    app.save_screenshot("e2e-redirect-uri-invalid-dark.png")
        .await;

    let added = "https://e2e.example.com/oauth/callback";
    app.replace("#ru-new", added).await;
    app.click("[data-testid=ru-add]").await;
    let remove = app.wait_for("button[aria-label^='Remove ']").await;
    let removed = remove
        .attr("aria-label")
        .await
        .unwrap()
        .unwrap()
        .trim_start_matches("Remove ")
        .to_owned();
    assert_ne!(removed, added, "the first entry is an existing one");
    remove.click().await.unwrap();

    app.click("[data-testid=ru-review]").await;
    let diff = app.wait_for_text("[data-testid=ru-diff]", added).await;
    assert!(
        diff.contains(&removed),
        "the diff names the removed URI: {diff:?}"
    );
    app.save_screenshot("e2e-redirect-uri-diff.png").await;
    app.click("[data-testid=ru-save]").await;
    app.wait_for("[data-testid=ru-saved]").await;

    // What the platform has now, read again from it.
    app.click("[data-testid=tab-settings]").await;
    app.click("[data-testid=tab-redirect_uris]").await;
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let panel = app.text_of("[data-testid=tab-panel]").await;
        if panel.contains(added) && !panel.contains(&removed) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the saved list is not shown: {panel:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.quit().await;
}

#[tokio::test]
async fn an_app_token_is_copied_by_reference_and_revoked_after_confirmation() {
    let env = [("INTANDEM_CLIPBOARD_CLEAR_SECS", "30")];
    let app = App::launch_with_env(tempfile::tempdir().unwrap().keep(), &env).await;
    app.unlock_if_asked("e2e passphrase 8").await;
    open_first_app(&app).await;
    app.click("[data-testid=tab-credentials]").await;
    // The client credentials part settles first (kept, or not kept here): clicks land
    // where they are aimed once the layout no longer moves.
    app.wait_for("[data-testid=no-credentials], [data-testid=kept-credentials]")
        .await;

    app.click("[data-testid=token-create]").await;
    let mask = app.text_of("[data-testid=token-created-value]").await;
    assert!(
        mask.starts_with('…') && mask.chars().count() == 5,
        "the new token is masked: {mask:?}"
    );
    let tail: String = mask.chars().skip(1).collect();
    // Copy names the token by its tail; Rust reads it from the store.
    app.click("[data-testid=token-copy]").await;
    app.wait_for_text("[data-testid=token-copy]", "Copied")
        .await;
    let token = clipboard_text(app.display_name())
        .await
        .expect("the token is on the clipboard");
    assert!(
        token.len() >= 16 && token.ends_with(&tail),
        "the copied token ends with {tail:?}: {} characters",
        token.len()
    );
    let row = format!("[data-testid=token-row-{tail}]");
    app.wait_for_text(&row, "active").await;
    app.click("[data-testid=token-created-done]").await;
    let table = app.text_of("[data-testid=tokens-table]").await;
    assert!(
        !table.contains(&token),
        "listed tokens are masked: {table:?}"
    );

    app.click(&format!("[data-testid=token-revoke-{tail}]"))
        .await;
    app.wait_for_text(&row, "Apps using it stop working").await;
    app.save_screenshot("e2e-token-revoke-confirm.png").await;
    app.click(&format!("[data-testid=token-revoke-confirm-{tail}]"))
        .await;
    app.wait_for_text(&row, "revoked").await;
    app.quit().await;
}
