//! Unsaved edits kept for the page: what it sends is what it gets back, per profile the
//! page names (not per current profile), across a restart, encrypted on disk, until it is
//! forgotten or its profile removed; a body that is not JSON, too large, for an unknown
//! profile or a malformed app name is refused and changes nothing.

mod console_support;

use console_support::*;
use intandem_core::console::{DraftPart, MAX_DRAFT_BYTES};
use intandem_core::store::ProfileId;
use intandem_core::ErrorCode;
use serde_json::json;

const SANDBOX: &str = "Sandbox";
/// A value typed into a form, looked for in the store's files.
const TYPED: &str = "Typed-but-not-saved-4f1c9a";

fn file_contains(path: &std::path::Path, needle: &str) -> bool {
    std::fs::read(path)
        .map(|bytes| bytes.windows(needle.len()).any(|w| w == needle.as_bytes()))
        .unwrap_or(false)
}

#[tokio::test]
async fn a_kept_edit_comes_back_as_sent_after_a_restart_until_it_is_forgotten() {
    let h = harness().await;
    let sandbox = h.profile_id(SANDBOX).await;
    let settings = json!({ "base": { "app_code_name": "shop" }, "form": { "name": TYPED, "full_screen": true } });
    let uris = json!([
        "https://shop.example/callback",
        "https://shop.example/other"
    ]);
    h.console
        .draft_keep(
            sandbox,
            "shop",
            DraftPart::Settings,
            Some(&settings.to_string()),
        )
        .await
        .unwrap();
    h.console
        .draft_keep(
            sandbox,
            "shop",
            DraftPart::RedirectUris,
            Some(&uris.to_string()),
        )
        .await
        .unwrap();
    // A second keep replaces the first.
    let edited =
        json!({ "base": { "app_code_name": "shop" }, "form": { "name": format!("{TYPED}!") } });
    h.console
        .draft_keep(
            sandbox,
            "shop",
            DraftPart::Settings,
            Some(&edited.to_string()),
        )
        .await
        .unwrap();

    let dir = h.dir.path().to_owned();
    for file in ["store.db", "store.db-wal"] {
        assert!(
            !file_contains(&dir.join(file), TYPED),
            "the edit is readable in {file}"
        );
    }
    let h = h.restart().await;
    let drafts = h.console.drafts_list(sandbox).await.unwrap();
    let mut parts: Vec<_> = drafts
        .iter()
        .map(|d| (d.app.as_str(), d.part, d.body.clone()))
        .collect();
    parts.sort_by_key(|(_, part, _)| *part == DraftPart::RedirectUris);
    assert_eq!(
        parts,
        vec![
            ("shop", DraftPart::Settings, edited),
            ("shop", DraftPart::RedirectUris, uris)
        ]
    );
    assert!(!file_contains(&dir.join("store.db"), TYPED));

    h.console
        .draft_keep(sandbox, "shop", DraftPart::Settings, None)
        .await
        .unwrap();
    let left = h.console.drafts_list(sandbox).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].part, DraftPart::RedirectUris);
    // Forgetting what is not kept is not an error.
    h.console
        .draft_keep(sandbox, "shop", DraftPart::Settings, None)
        .await
        .unwrap();
}

#[tokio::test]
async fn drafts_belong_to_the_profile_the_page_names_not_to_the_current_one() {
    let h = harness().await;
    h.add_profile("second").await;
    let sandbox = h.profile_id(SANDBOX).await;
    let second = h.profile_id("second").await;
    h.console
        .draft_keep(
            sandbox,
            "shop",
            DraftPart::RedirectUris,
            Some("[\"https://a.example/cb\"]"),
        )
        .await
        .unwrap();
    assert!(h.console.drafts_list(second).await.unwrap().is_empty());

    // The page discards the Sandbox draft just as the person switches profile: it still
    // goes to the Sandbox profile.
    h.console.profile_use("second").await.unwrap();
    h.console
        .draft_keep(second, "shop", DraftPart::RedirectUris, Some("[]"))
        .await
        .unwrap();
    h.console
        .draft_keep(sandbox, "shop", DraftPart::RedirectUris, None)
        .await
        .unwrap();
    assert!(h.console.drafts_list(sandbox).await.unwrap().is_empty());
    assert_eq!(h.console.drafts_list(second).await.unwrap().len(), 1);

    // Removing a profile removes its drafts with it (a profile added later may get its id).
    h.console.profile_use(SANDBOX).await.unwrap();
    h.console.profile_remove("second").await.unwrap();
    assert!(h.console.drafts_list(second).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_draft_that_is_not_json_too_large_or_misaddressed_is_refused_and_nothing_changes() {
    let h = harness().await;
    let sandbox = h.profile_id(SANDBOX).await;
    let kept = "[\"https://kept.example/cb\"]";
    h.console
        .draft_keep(sandbox, "shop", DraftPart::RedirectUris, Some(kept))
        .await
        .unwrap();

    let not_json = h
        .console
        .draft_keep(sandbox, "shop", DraftPart::RedirectUris, Some("[\"cut off"))
        .await
        .unwrap_err();
    assert_eq!(not_json.code, ErrorCode::InvalidInput);
    assert_eq!(not_json.field.as_deref(), Some("body"));

    let huge = format!("\"{}\"", "x".repeat(MAX_DRAFT_BYTES));
    let too_large = h
        .console
        .draft_keep(sandbox, "shop", DraftPart::RedirectUris, Some(&huge))
        .await
        .unwrap_err();
    assert_eq!(too_large.code, ErrorCode::InvalidInput);
    assert!(too_large.message.contains("KiB"), "{}", too_large.message);

    let nobody = ProfileId(sandbox.0 + 1000);
    h.console
        .draft_keep(nobody, "shop", DraftPart::RedirectUris, Some("[]"))
        .await
        .expect_err("no profile has that id");
    assert!(h.console.drafts_list(nobody).await.unwrap().is_empty());

    let bad_app = h
        .console
        .draft_keep(
            sandbox,
            "not an app/../x",
            DraftPart::RedirectUris,
            Some("[]"),
        )
        .await
        .unwrap_err();
    assert_eq!(bad_app.field.as_deref(), Some("app"));

    let drafts = h.console.drafts_list(sandbox).await.unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(
        drafts[0].body,
        serde_json::from_str::<serde_json::Value>(kept).unwrap()
    );
}
