//! Apps as code in the window: the apps exported as a manifest (previewed), and a manifest
//! pasted into Import, reviewed as a plan against the current profile, applied after
//! confirmation, with the new app's secret kept in the store.

use crate::harness::App;

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
