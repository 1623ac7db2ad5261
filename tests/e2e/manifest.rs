//! Apps as code in the window: the apps exported as a manifest (previewed), and a manifest
//! pasted into Import, reviewed as a plan against the current profile, applied after
//! confirmation, with the new app's secret kept in the store; and the export saved, and
//! opened again, through the system's own file dialogs.

use crate::harness::{App, Keys};

// JSON: one line, as WebDriver types it (it drops the newlines TOML needs).
const MANIFEST: &str = r#"{"version": 1, "apps": [{"app_code_name": "e2emanifest", "name": "Manifest App", "redirect_uri": "https://manifest.example.com/app", "oauth_redirect_uris": ["https://manifest.example.com/callback"], "url_params": ["brand_host"]}]}"#;

#[tokio::test]
async fn a_pasted_manifest_is_reviewed_as_a_plan_then_applied_and_its_new_app_kept() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 24").await;
    app.wait_for("[data-testid^=open-app-]").await;

    app.click("[data-testid=manifest-export-open]").await;
    let preview = app
        .wait_for_text("[data-testid=manifest-preview]", "version = 1")
        .await;
    assert!(preview.contains("[[apps]]"), "{preview}");
    assert!(!preview.contains("client_secret"), "{preview}");

    app.click("[data-testid=manifest-tab-import]").await;
    app.fill("#manifest-text", MANIFEST).await;
    app.click("[data-testid=manifest-plan]").await;
    let row = app
        .wait_for("[data-testid=manifest-plan-app][data-app=e2emanifest]")
        .await;
    assert_eq!(
        row.attr("data-action").await.unwrap().as_deref(),
        Some("create")
    );
    let summary = app.text_of("[data-testid=manifest-plan-summary]").await;
    assert!(summary.contains("1 app to create"), "{summary}");
    app.save_screenshot("e2e-manifest-plan.png").await;

    app.click("[data-testid=manifest-apply]").await;
    app.click("[data-testid=manifest-confirm-discard]").await;
    let result = app
        .wait_for("[data-testid=manifest-result][data-complete=true]")
        .await;
    let text = result.text().await.unwrap();
    assert!(text.contains("Applied all 1 change(s)."), "{text}");
    let created = app
        .wait_for("[data-testid=manifest-result-app][data-app=e2emanifest]")
        .await;
    assert_eq!(
        created.attr("data-outcome").await.unwrap().as_deref(),
        Some("created")
    );
    app.wait_for("[data-testid=manifest-result-created]").await;
    app.save_screenshot("e2e-manifest-applied.png").await;

    // Reviewed again, the same manifest has nothing left to do.
    app.click("[data-testid=manifest-plan]").await;
    app.wait_for_text("[data-testid=manifest-plan-summary]", "Nothing to apply")
        .await;
    app.quit().await;
}

/// The system's own save and open dialogs (GTK's, shown from Rust), driven with real
/// keystrokes as a person would: the export is saved where the user types, and opening
/// that file fills Import with it.
#[tokio::test]
async fn the_export_is_saved_through_the_save_dialog_and_opened_again_through_the_open_dialog() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 25").await;
    app.wait_for("[data-testid^=open-app-]").await;
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("exported.toml");
    let path = file.to_str().unwrap();

    app.click("[data-testid=manifest-export-open]").await;
    let preview = app
        .wait_for_text("[data-testid=manifest-preview]", "version = 1")
        .await;
    app.click("[data-testid=manifest-save]").await;
    // The name field has the suggested name selected: a full path replaces it.
    answer_dialog(
        &app,
        "Save the manifest",
        &[Keys::Press("ctrl+a"), Keys::Text(path)],
    )
    .await;
    let saved = app
        .wait_for_text("[data-testid=manifest-saved]", "exported.toml")
        .await;
    assert!(saved.contains(path), "{saved}");
    let written = std::fs::read_to_string(&file).expect("the dialog's file was written");
    assert!(written.contains("[[apps]]"), "{written}");
    assert_eq!(
        written.lines().next(),
        preview.lines().next(),
        "the file holds the export shown"
    );

    app.click("[data-testid=manifest-tab-import]").await;
    app.click("[data-testid=manifest-open]").await;
    // GTK's open dialog takes a typed location after Ctrl+L.
    answer_dialog(
        &app,
        "Open a manifest",
        &[Keys::Press("ctrl+l"), Keys::Text(path)],
    )
    .await;
    app.wait_for_text("[data-testid=manifest-file]", "exported.toml")
        .await;
    let text = app
        .wait_for("#manifest-text")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(text, written, "Import holds the opened file");
    app.quit().await;
}

/// Types `keys` into the system dialog titled `title`, then presses Return until it closes:
/// a Return pressed while GTK's path completion is still busy is taken by the completion.
async fn answer_dialog(app: &App, title: &str, keys: &[Keys<'_>]) {
    app.keyboard_into_window(title, keys).await;
    for _ in 0..10 {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        if app.windows_titled(title).is_empty() {
            return;
        }
        app.keyboard_into_window(title, &[Keys::Press("Return")])
            .await;
    }
    panic!("the dialog {title:?} stayed open");
}
