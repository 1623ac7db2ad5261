//! `Console` apps and redirect URIs against the sandbox: list with a stale-cache
//! fallback, create with credentials kept before anything is shown, updates that send
//! only what changed, redirect URI edits with a diff and a preview.

mod console_support;

use console_support::*;
use intandem_core::console::{AppInput, RedirectUriChange};
use intandem_core::store::AuditAction;
use intandem_core::{ErrorCode, Secret};
use intandem_sandbox::Faults;

fn unavailable() -> Faults {
    Faults {
        error_rate: Some(1.0),
        status_5xx: Some(503),
        ..Faults::default()
    }
}

#[tokio::test]
async fn the_apps_list_falls_back_to_the_cache_when_the_platform_is_down() {
    let h = harness().await;
    let fresh = h.console.apps_list().await.unwrap();
    assert!(!fresh.stale);
    assert_eq!(fresh.apps.len(), 3);
    assert!(fresh.last_synced_at.is_some());

    h.sandbox.admin().set_faults(&unavailable()).await.unwrap();
    let cached = h.console.apps_list().await.unwrap();
    assert!(cached.stale);
    assert_eq!(cached.apps, fresh.apps);
    assert_eq!(cached.last_synced_at, fresh.last_synced_at);
    let why = cached.sync_error.expect("the reason it is stale");
    assert_eq!(why.code, ErrorCode::Server);
    assert_eq!(why.status, Some(503));

    let shown = h
        .console
        .app_show(fresh.apps[0].app_code_name.as_str())
        .await
        .unwrap();
    assert!(
        shown.stale,
        "a cached app is shown when the platform is down"
    );
    h.sandbox.admin().clear_faults().await.unwrap();
    assert!(!h.console.apps_list().await.unwrap().stale);
}

#[tokio::test]
async fn a_refused_token_is_an_error_not_a_stale_list() {
    let h = harness().await;
    h.console.apps_list().await.unwrap();
    h.console
        .ensure_sandbox_profile(
            &h.info().base_url,
            &h.info().brand_url,
            intandem_core::Secret::new("revoked-directory-token-0000"),
        )
        .await
        .unwrap();
    let error = h.console.apps_list().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn a_created_app_has_its_credentials_kept_and_its_redirect_uris_registered() {
    let h = harness().await;
    let input = AppInput {
        oauth_redirect_uris: Some(vec![
            CALLBACK.into(),
            "https://app.example.com/oauth".into(),
        ]),
        ..new_app("Created app", "createdapp1")
    };
    let created = h.console.app_create(input).await.unwrap();
    assert_eq!(created.app_code_name.as_str(), "createdapp1");
    assert!(created.warnings.is_empty(), "{:?}", created.warnings);
    let diff = created
        .redirect_uris
        .as_ref()
        .expect("registered after the create");
    assert!(diff.applied);
    assert_eq!(diff.added.len(), 2);

    let masked = h
        .console
        .app_credentials("createdapp1", false)
        .await
        .unwrap();
    assert!(!masked.revealed);
    assert_ne!(masked.client_secret, created.client_secret);
    assert!(masked.client_secret.expose().starts_with('…'));
    let revealed = h
        .console
        .app_credentials("createdapp1", true)
        .await
        .unwrap();
    assert_eq!(revealed.client_secret, created.client_secret);
    assert_eq!(revealed.client_id, created.client_id);

    let uris = h.console.redirect_uris_list("createdapp1").await.unwrap();
    let listed: Vec<&str> = uris.uris.iter().map(|u| u.uri.as_str()).collect();
    assert_eq!(
        listed,
        [
            "https://app.example.com/landing",
            CALLBACK,
            "https://app.example.com/oauth"
        ]
    );

    let listing = h.console.apps_list().await.unwrap();
    let entry = listing
        .apps
        .iter()
        .find(|a| a.app_code_name.as_str() == "createdapp1")
        .unwrap();
    assert!(entry.has_credentials);

    let audit = h.console.audit(Some("createdapp1"), None).await.unwrap();
    let actions: Vec<AuditAction> = audit.iter().map(|e| e.action).collect();
    assert_eq!(actions, [AuditAction::AppUpdated, AuditAction::AppCreated]);
    let audit_text = serde_json::to_string(&audit).unwrap();
    assert!(!audit_text.contains(created.client_secret.expose()));
    assert_eq!(audit[1].actor, ACTOR);
}

#[tokio::test]
async fn a_create_is_refused_before_sending_when_the_input_breaks_the_rules() {
    let h = harness().await;
    let bad = AppInput {
        url_params: Some(vec!["brandhost".into()]),
        ..new_app("Bad params", "badparams")
    };
    let error = h.console.app_create(bad).await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("url_params"));
    let log = h.sandbox.admin().request_log().await.unwrap();
    assert!(
        log.iter().all(|r| r.method != "POST"),
        "nothing was sent: {log:?}"
    );
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_is_recorded_without_credentials_and_told_truthfully() {
    let h = harness().await;
    // The snapshot list passes, the create's answer is cut off, the reconciling list passes.
    h.sandbox
        .admin()
        .set_faults(&Faults {
            truncate_every: Some(2),
            paths: vec!["/platform/v1/apps".into()],
            ..Faults::default()
        })
        .await
        .unwrap();
    let error = h
        .console
        .app_create(new_app("Lost answer", "lostanswer"))
        .await
        .unwrap_err();
    h.sandbox.admin().clear_faults().await.unwrap();
    assert_eq!(error.code, ErrorCode::UnknownOutcome, "{}", error.message);
    assert!(error.message.contains("was created"), "{}", error.message);
    let shown = h.console.app_show("lostanswer").await.unwrap();
    assert!(!shown.has_credentials);
    let audit = h.console.audit(Some("lostanswer"), None).await.unwrap();
    assert_eq!(audit[0].action, AuditAction::AppCreated);
    let missing = h
        .console
        .app_credentials("lostanswer", true)
        .await
        .unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn an_update_sends_only_what_changed_and_a_preview_changes_nothing() {
    let h = harness().await;
    h.console
        .app_create(new_app("Before rename", "updateapp1"))
        .await
        .unwrap();
    let change = AppInput {
        name: Some("After rename".into()),
        url_params: Some(vec!["brand_host".into()]),
        trusted: Some(false),
        ..AppInput::default()
    };
    let preview = h
        .console
        .app_update_preview("updateapp1", change.clone())
        .await
        .unwrap();
    assert!(!preview.applied);
    assert_eq!(preview.changes.len(), 1, "{:?}", preview.changes);
    assert_eq!(preview.changes[0].field, "name");
    assert_eq!(preview.app.name.as_deref(), Some("Before rename"));

    let updated = h
        .console
        .app_update("updateapp1", change.clone())
        .await
        .unwrap();
    assert!(updated.applied);
    assert_eq!(updated.app.name.as_deref(), Some("After rename"));
    assert_eq!(updated.app.app_code_name.as_str(), "updateapp1");
    let again = h.console.app_update("updateapp1", change).await.unwrap();
    assert!(
        !again.applied && again.changes.is_empty(),
        "nothing left to change"
    );

    let audit = h.console.audit(Some("updateapp1"), None).await.unwrap();
    assert_eq!(audit[0].action, AuditAction::AppUpdated);
    assert_eq!(audit[0].after.as_ref().unwrap()["name"], "After rename");
    assert_eq!(audit[0].before.as_ref().unwrap()["name"], "Before rename");
    let recorded: Vec<&String> = audit[0]
        .after
        .as_ref()
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(recorded, ["name"], "the history names only what changed");

    let flip = AppInput {
        trusted: Some(true),
        ..AppInput::default()
    };
    let error = h.console.app_update("updateapp1", flip).await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("trusted"));
}

#[tokio::test]
async fn redirect_uris_are_added_removed_and_replaced_with_a_diff() {
    let h = harness().await;
    h.console
        .app_create(new_app("Redirects", "redirects1"))
        .await
        .unwrap();
    let add = RedirectUriChange::Add(vec![CALLBACK.into(), "https://app.example.com/cb".into()]);
    let preview = h
        .console
        .redirect_uris_preview("redirects1", add.clone())
        .await
        .unwrap();
    assert_eq!(preview.added.len(), 2);
    assert!(!preview.applied);
    assert_eq!(
        h.console
            .redirect_uris_list("redirects1")
            .await
            .unwrap()
            .uris
            .len(),
        1
    );

    let added = h
        .console
        .redirect_uris_apply("redirects1", add)
        .await
        .unwrap();
    assert!(added.applied);
    assert_eq!(
        added.oauth_redirect_uris,
        [CALLBACK, "https://app.example.com/cb"]
    );

    let near = h
        .console
        .redirect_uris_preview(
            "redirects1",
            RedirectUriChange::Add(vec!["https://app.example.com/cb/".into()]),
        )
        .await
        .unwrap();
    assert_eq!(near.warnings.len(), 1, "{:?}", near.warnings);

    let removed = h
        .console
        .redirect_uris_apply(
            "redirects1",
            RedirectUriChange::Remove(vec![CALLBACK.into()]),
        )
        .await
        .unwrap();
    assert_eq!(removed.removed, [CALLBACK]);
    assert_eq!(removed.unchanged, ["https://app.example.com/cb"]);

    let replaced = h
        .console
        .redirect_uris_apply(
            "redirects1",
            RedirectUriChange::Replace(vec!["http://localhost:8080/cb".into()]),
        )
        .await
        .unwrap();
    assert_eq!(replaced.added, ["http://localhost:8080/cb"]);
    assert_eq!(replaced.removed, ["https://app.example.com/cb"]);

    let invalid = h
        .console
        .redirect_uris_apply(
            "redirects1",
            RedirectUriChange::Add(vec!["http://app.example.com/cb".into()]),
        )
        .await
        .unwrap_err();
    assert_eq!(invalid.code, ErrorCode::InvalidInput);
    let uris = h.console.redirect_uris_list("redirects1").await.unwrap();
    assert_eq!(uris.uris.len(), 2, "the refused change saved nothing");
}

#[tokio::test]
async fn a_full_sync_reads_every_app_in_full_and_the_cached_list_paints_without_the_platform() {
    let h = harness().await;
    let before = h.console.apps_cached().await.unwrap();
    assert!(
        before.apps.is_empty() && before.last_synced_at.is_none(),
        "nothing synced yet"
    );

    let progress = std::sync::Mutex::new(Vec::new());
    let report = h
        .console
        .apps_sync(2, &|done, total| {
            progress.lock().unwrap().push((done, total))
        })
        .await
        .unwrap();
    assert!(report.apps >= 3 && report.failed.is_empty(), "{report:?}");
    assert_eq!(
        progress.lock().unwrap().last(),
        Some(&(report.apps, report.apps))
    );

    // The full entity (with the landing page a list entry lacks) is in the cache.
    h.sandbox.admin().set_faults(&unavailable()).await.unwrap();
    let cached = h.console.apps_cached().await.unwrap();
    assert_eq!(cached.apps.len(), report.apps);
    assert!(cached.last_synced_at.is_some());
    let shown = h.console.app_show("calendarsync").await.unwrap();
    assert!(
        shown.stale,
        "read from the cache while the platform is down"
    );
    assert!(
        shown.app.redirect_uri.is_some(),
        "the cached copy is the full entity"
    );
}

/// A platform whose app answers carry credentials the client never asked for.
async fn leaky_platform() -> String {
    use axum::routing::get;
    use axum::Json;
    let app = serde_json::json!({
        "app_code_name": "leakyapp",
        "name": "Leaky app",
        "app_id": "leaky-1",
        "client_secret": "canary-client-secret-in-a-get",
        "api_token": "canary-token-in-a-get",
        "internal": {"refresh_token": "canary-nested-token"},
        "status": "not_installed"
    });
    let list = serde_json::json!({"data": {"apps": [app.clone()]}, "status": "OK"});
    let one = serde_json::json!({"data": {"application": app}, "success": true});
    let router = axum::Router::new()
        .route(
            "/platform/v1/apps",
            get(move || {
                let list = list.clone();
                async move { (axum::http::StatusCode::CREATED, Json(list)) }
            }),
        )
        .route(
            "/platform/v1/apps/{id}",
            get(move || {
                let one = one.clone();
                async move { Json(one) }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    base
}

#[tokio::test]
async fn credentials_a_platform_adds_to_an_app_answer_never_leave_the_console() {
    let base = leaky_platform().await;
    let dir = tempfile::tempdir().unwrap();
    let console = open_console(dir.path()).await;
    console
        .profile_add(intandem_core::console::NewProfileInput {
            name: "Leaky".to_owned(),
            environment: intandem_core::console::Environment::Custom {
                api_base: base.clone(),
                brand_url: base,
            },
            directory_token: Secret::new("directory-token-for-the-leaky-platform"),
            make_current: true,
            allow_insecure_http: false,
        })
        .await
        .unwrap();
    let shown = console.app_show("leakyapp").await.unwrap();
    let json = serde_json::to_string(&shown).unwrap();
    let debug = format!("{shown:?}");
    for text in [&json, &debug] {
        assert!(!text.contains("canary"), "{text}");
    }
    assert_eq!(shown.app.status.as_deref(), Some("not_installed"));
}

#[tokio::test]
async fn imported_credentials_are_checked_with_the_platform_and_a_wrong_pair_keeps_nothing() {
    let h = harness().await;
    let created = h
        .console
        .app_create(new_app("Imported pair", "importedpair"))
        .await
        .unwrap();
    let secret = created.client_secret.expose().to_owned();
    h.console
        .app_credentials_remove("importedpair")
        .await
        .unwrap();
    assert_eq!(
        h.console
            .app_credentials("importedpair", false)
            .await
            .unwrap_err()
            .code,
        ErrorCode::NotFound,
        "removed"
    );

    let wrong = h
        .console
        .app_credentials_import("importedpair", "not-a-real-id", Secret::new("nonsense"))
        .await
        .unwrap_err();
    assert_eq!(wrong.field.as_deref(), Some("client_secret"), "{wrong:?}");
    assert!(
        wrong.message.contains("nothing was saved"),
        "{}",
        wrong.message
    );
    let wrong_secret = h
        .console
        .app_credentials_import(
            "importedpair",
            &created.client_id,
            Secret::new("0".repeat(64)),
        )
        .await
        .unwrap_err();
    assert!(
        wrong_secret.message.contains("refused"),
        "{}",
        wrong_secret.message
    );
    assert!(h
        .console
        .app_credentials("importedpair", false)
        .await
        .is_err());

    let kept = h
        .console
        .app_credentials_import(
            "importedpair",
            &created.client_id,
            Secret::new(secret.clone()),
        )
        .await
        .unwrap();
    assert_eq!(kept.verified, Some(true));
    assert!(kept.note.is_none());
    assert_eq!(
        h.console
            .app_credentials("importedpair", true)
            .await
            .unwrap()
            .client_secret
            .expose(),
        secret
    );

    let audit = h
        .console
        .audit(Some("importedpair"), Some(10))
        .await
        .unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&AuditAction::CredentialsRemoved.as_str()),
        "{actions:?}"
    );
    assert!(
        actions.contains(&AuditAction::CredentialsImported.as_str()),
        "{actions:?}"
    );
    let text = serde_json::to_string(&audit).unwrap();
    assert!(!text.contains(&secret), "no secret in the audit log");
}

#[tokio::test]
async fn after_an_unknown_outcome_the_app_asked_for_is_found_or_said_not_created() {
    let h = harness().await;
    let input = AppInput {
        app_code_name: None,
        ..new_app("Maybe created", "unused")
    };
    assert!(
        h.console
            .app_find_created(input.clone())
            .await
            .unwrap()
            .is_none(),
        "not created: it may be created"
    );
    let created = h.console.app_create(input.clone()).await.unwrap();
    let found = h
        .console
        .app_find_created(input)
        .await
        .unwrap()
        .expect("found by its name and landing page");
    assert_eq!(found.app_code_name, created.app_code_name);
    let by_code = h
        .console
        .app_find_created(new_app("Another name", created.app_code_name.as_str()))
        .await
        .unwrap();
    assert!(by_code.is_some(), "found by its code name");
}
