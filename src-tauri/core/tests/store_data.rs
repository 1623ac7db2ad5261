//! What the store keeps: profiles, the apps cache, credentials, app tokens, OAuth
//! runs and the audit log that goes with every change.

mod store_support;

use std::time::Instant;

use intandem_core::store::{
    AppRecord, AuditAction, AuditQuery, CredentialSource, NewAuditEntry, NewCredentials,
    NewOAuthRun, OAuthOutcome, OAuthRunFinish, ProfileChanges, ProfileId, ProfileKind, Store,
};
use intandem_core::Secret;
use serde_json::json;
use store_support::*;
use time::OffsetDateTime;

async fn fresh() -> (tempfile::TempDir, Store, intandem_core::store::Profile) {
    let dir = tempfile::tempdir().unwrap();
    let (store, profile) = passphrase_store_with_profile(dir.path()).await;
    (dir, store, profile)
}

#[tokio::test]
async fn profiles_are_added_listed_chosen_changed_and_removed_with_an_audit_trail() {
    let (_dir, store, sandbox) = fresh().await;
    let profiles = store.profiles();
    assert!(sandbox.is_current);
    assert_eq!(sandbox.token_tail, "42e6");

    let production = profiles
        .add(
            intandem_core::store::NewProfile {
                kind: ProfileKind::Production,
                ..sandbox_profile("Production", "prod-token-0001")
            },
            "alice (cli)",
        )
        .await
        .unwrap();
    assert!(!production.is_current);
    let names: Vec<String> = profiles
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Production", "Sandbox"]);

    let error = profiles
        .add(sandbox_profile("Sandbox", "another-token"), "alice (cli)")
        .await
        .unwrap_err();
    assert_eq!(error.code(), "profile_name_taken");

    profiles.set_current(production.id).await.unwrap();
    assert_eq!(profiles.current().await.unwrap().unwrap().id, production.id);
    assert!(!profiles.get(sandbox.id).await.unwrap().unwrap().is_current);

    let changed = profiles
        .update(
            production.id,
            ProfileChanges {
                name: Some("Prod".into()),
                directory_token: Some(Secret::new("prod-token-0002")),
                ..ProfileChanges::default()
            },
            "alice (cli)",
        )
        .await
        .unwrap();
    assert_eq!(changed.name, "Prod");
    assert_eq!(changed.directory_token.expose(), "prod-token-0002");
    assert_eq!(changed.token_tail, "0002");
    assert_eq!(changed.kind, ProfileKind::Production);
    assert_eq!(
        profiles.find_by_name("Prod").await.unwrap().unwrap().id,
        production.id
    );

    profiles.remove(production.id, "alice (cli)").await.unwrap();
    assert!(profiles.get(production.id).await.unwrap().is_none());
    assert!(profiles.current().await.unwrap().is_none());
    assert_eq!(
        profiles
            .remove(production.id, "alice (cli)")
            .await
            .unwrap_err()
            .code(),
        "profile_not_found"
    );

    let log = store
        .audit_log()
        .list(&AuditQuery {
            profile_id: Some(production.id),
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<AuditAction> = log.iter().map(|entry| entry.action).collect();
    assert_eq!(
        actions,
        [
            AuditAction::ProfileRemoved,
            AuditAction::ProfileUpdated,
            AuditAction::ProfileAdded
        ]
    );
    let update = &log[1];
    assert_eq!(update.actor, "alice (cli)");
    assert_eq!(update.before.as_ref().unwrap()["name"], "Production");
    assert_eq!(update.after.as_ref().unwrap()["name"], "Prod");
    assert_eq!(update.after.as_ref().unwrap()["token_tail"], "0002");
    assert_eq!(
        log[0].profile_name.as_deref(),
        Some("Prod"),
        "kept after removal"
    );
    let all = serde_json::to_string(&log).unwrap();
    assert!(
        !all.contains("prod-token-000"),
        "a token reached the audit log: {all}"
    );
}

#[tokio::test]
async fn a_created_app_its_credentials_and_its_audit_entry_are_recorded_together() {
    let (_dir, store, profile) = fresh().await;
    let created = store
        .record_created_app(
            profile.id,
            &created_app_record("calendarsync"),
            canary_credentials(),
            "bob (desktop)",
        )
        .await
        .unwrap();
    assert_eq!(created.credentials.source, CredentialSource::CreatedHere);
    assert_eq!(
        created.credentials.client_secret.expose(),
        CANARY_CLIENT_SECRET
    );
    assert_eq!(
        created.credentials.app_id.as_deref(),
        Some("uid-calendarsync")
    );
    // The cached entity keeps its shape but not the secret.
    assert_eq!(created.app.entity["client_secret"], "[redacted]");
    assert_eq!(created.app.entity["client_id"], "client-id-123");

    let credentials = store
        .credentials()
        .get(profile.id, &code("calendarsync"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(credentials, created.credentials);
    assert_eq!(store.credentials().list(profile.id).await.unwrap().len(), 1);

    let log = store
        .audit_log()
        .list(&AuditQuery {
            app_code_name: Some(code("calendarsync")),
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, AuditAction::AppCreated);
    assert_eq!(log[0].actor, "bob (desktop)");
    assert_eq!(log[0].profile_name.as_deref(), Some("Sandbox"));
    let after = log[0].after.as_ref().unwrap();
    assert_eq!(after["app_code_name"], "calendarsync");
    assert_eq!(after["credentials"]["client_id"], "client-id-123");
    assert!(!after.to_string().contains(CANARY_CLIENT_SECRET));
}

#[tokio::test]
async fn recording_an_app_for_a_removed_profile_writes_nothing() {
    let (_dir, store, profile) = fresh().await;
    let error = store
        .record_created_app(
            ProfileId(profile.id.0 + 100),
            &created_app_record("orphan"),
            canary_credentials(),
            "test",
        )
        .await
        .unwrap_err();
    assert_eq!(error.code(), "profile_not_found");
    let log = store
        .audit_log()
        .list(&AuditQuery::default())
        .await
        .unwrap();
    assert!(log
        .iter()
        .all(|entry| entry.action != AuditAction::AppCreated));
}

#[tokio::test]
async fn imported_credentials_replace_earlier_ones_and_are_audited_without_the_secret() {
    let (_dir, store, profile) = fresh().await;
    let first = store
        .credentials()
        .import(
            profile.id,
            &code("legacyapp"),
            None,
            NewCredentials {
                client_id: "old-id".into(),
                client_secret: Secret::new("old-secret-value"),
            },
            "carol (cli)",
        )
        .await
        .unwrap();
    assert_eq!(first.source, CredentialSource::Imported);
    store
        .credentials()
        .import(
            profile.id,
            &code("legacyapp"),
            Some("42"),
            canary_credentials(),
            "carol (cli)",
        )
        .await
        .unwrap();
    let kept = store
        .credentials()
        .get(profile.id, &code("legacyapp"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.client_secret.expose(), CANARY_CLIENT_SECRET);
    assert_eq!(kept.app_id.as_deref(), Some("42"));

    let log = store
        .audit_log()
        .list(&AuditQuery::default())
        .await
        .unwrap();
    let latest = &log[0];
    assert_eq!(latest.action, AuditAction::CredentialsImported);
    assert_eq!(latest.before.as_ref().unwrap()["client_id"], "old-id");
    assert_eq!(latest.after.as_ref().unwrap()["client_id"], "client-id-123");
    let text = serde_json::to_string(&log).unwrap();
    assert!(!text.contains("old-secret-value") && !text.contains(CANARY_CLIENT_SECRET));
}

#[tokio::test]
async fn a_full_sync_caches_exactly_the_listed_apps_and_records_its_state() {
    let (_dir, store, profile) = fresh().await;
    let cache = store.apps_cache();
    assert_eq!(
        cache.sync_state(profile.id).await.unwrap().last_synced_at,
        None
    );

    let first = ["alpha", "bravo", "charlie"].map(app_record);
    let summary = cache.replace_all(profile.id, &first).await.unwrap();
    assert_eq!((summary.written, summary.removed), (3, 0));

    let mut bravo = app_record("bravo");
    bravo.name = Some("Bravo Renamed".into());
    let summary = cache
        .replace_all(profile.id, &[bravo, app_record("delta")])
        .await
        .unwrap();
    assert_eq!((summary.written, summary.removed), (2, 2));
    let cached = cache.list(profile.id).await.unwrap();
    let names: Vec<&str> = cached
        .iter()
        .filter_map(|app| app.name.as_deref())
        .collect();
    assert_eq!(names, ["Bravo Renamed", "App delta"]);
    assert_eq!(
        cached[0].entity["redirect_uri"],
        "https://example.com/landing"
    );

    cache
        .record_sync_failure(profile.id, "rate limited: retry after 30 s")
        .await
        .unwrap();
    let state = cache.sync_state(profile.id).await.unwrap();
    assert_eq!(state.last_synced_at, Some(summary.synced_at));
    assert_eq!(
        state.last_error.as_deref(),
        Some("rate limited: retry after 30 s")
    );
    assert!(state.last_attempt_at.unwrap() >= summary.synced_at);
    assert_eq!(
        cache.list(profile.id).await.unwrap().len(),
        2,
        "a failure keeps the cache"
    );

    cache.replace_all(profile.id, &[]).await.unwrap();
    assert_eq!(cache.sync_state(profile.id).await.unwrap().last_error, None);
    assert!(cache.list(profile.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn a_sync_never_takes_credentials_with_the_apps_it_drops() {
    let (_dir, store, profile) = fresh().await;
    store
        .record_created_app(
            profile.id,
            &created_app_record("keepme"),
            canary_credentials(),
            "t",
        )
        .await
        .unwrap();
    store
        .apps_cache()
        .replace_all(profile.id, &[])
        .await
        .unwrap();
    assert!(store
        .apps_cache()
        .get(profile.id, &code("keepme"))
        .await
        .unwrap()
        .is_none());
    assert!(store
        .credentials()
        .get(profile.id, &code("keepme"))
        .await
        .unwrap()
        .is_some());
}

#[tokio::test]
async fn an_app_updated_through_the_console_is_audited_with_before_and_after() {
    let (_dir, store, profile) = fresh().await;
    store
        .apps_cache()
        .upsert(profile.id, &app_record("editme"))
        .await
        .unwrap();
    let mut edited = app_record("editme");
    edited.entity["url_params"] = json!(["brand_host", "language"]);
    let after = store
        .apps_cache()
        .record_updated_app(profile.id, &edited, None, "dave (desktop)")
        .await
        .unwrap();
    assert_eq!(
        after.entity["url_params"],
        json!(["brand_host", "language"])
    );
    let log = store
        .audit_log()
        .list(&AuditQuery::default())
        .await
        .unwrap();
    assert_eq!(log[0].action, AuditAction::AppUpdated);
    assert_eq!(
        log[0].before.as_ref().unwrap()["url_params"],
        json!(["brand_host"])
    );
    assert_eq!(
        log[0].after.as_ref().unwrap()["url_params"],
        json!(["brand_host", "language"])
    );
    assert_eq!(
        log[0].after.as_ref().unwrap().as_object().unwrap().len(),
        1,
        "only the changed field is recorded: {:?}",
        log[0].after
    );
}

#[tokio::test]
async fn app_tokens_are_kept_found_by_tail_and_revoked_once() {
    let (_dir, store, profile) = fresh().await;
    let tokens = store.app_tokens();
    let first = tokens
        .record_created(
            profile.id,
            &code("tokenapp"),
            Secret::new("token-aaaa-1111"),
            "erin",
        )
        .await
        .unwrap();
    let second = tokens
        .record_created(
            profile.id,
            &code("tokenapp"),
            Secret::new("token-bbbb-2222"),
            "erin",
        )
        .await
        .unwrap();
    assert_eq!(first.token_tail, "1111");
    assert_eq!(
        tokens.list(profile.id, &code("tokenapp")).await.unwrap(),
        [first.clone(), second.clone()]
    );
    let found = tokens
        .find_active_by_tail(profile.id, &code("tokenapp"), "2222")
        .await
        .unwrap();
    assert_eq!(found, std::slice::from_ref(&second));

    let revoked = tokens.record_revoked(second.id, "erin").await.unwrap();
    assert!(revoked.revoked_at.is_some());
    let again = tokens.record_revoked(second.id, "erin").await.unwrap();
    assert_eq!(again.revoked_at, revoked.revoked_at);
    assert!(tokens
        .find_active_by_tail(profile.id, &code("tokenapp"), "2222")
        .await
        .unwrap()
        .is_empty());

    let log = store
        .audit_log()
        .list(&AuditQuery::default())
        .await
        .unwrap();
    let actions: Vec<AuditAction> = log.iter().take(3).map(|entry| entry.action).collect();
    assert_eq!(
        actions,
        [
            AuditAction::TokenRevoked,
            AuditAction::TokenCreated,
            AuditAction::TokenCreated
        ],
        "revoking twice records once"
    );
    assert_eq!(log[0].before.as_ref().unwrap()["revoked_at"], json!(null));
    assert!(log[0].after.as_ref().unwrap()["revoked_at"].is_string());
    assert!(!serde_json::to_string(&log).unwrap().contains("token-bbbb"));
}

#[tokio::test]
async fn an_oauth_run_is_started_finished_once_and_refuses_a_leaky_timeline() {
    let (_dir, store, profile) = fresh().await;
    let runs = store.oauth_runs();
    let start = |app: &str| NewOAuthRun {
        profile_id: profile.id,
        app_code_name: code(app),
        started_at: OffsetDateTime::now_utc(),
        state: Secret::new("state-0123456789"),
        pkce_verifier: Some(Secret::new(CANARY_VERIFIER)),
        redirect_uri: "http://127.0.0.1:8123/callback".into(),
    };
    let id = runs.start(start("oauthapp")).await.unwrap();
    let running = runs.get(id).await.unwrap().unwrap();
    assert_eq!(running.outcome, None);
    assert_eq!(
        running.pkce_verifier.as_ref().unwrap().expose(),
        CANARY_VERIFIER
    );
    assert_eq!(running.timeline, json!([]));

    runs.update_timeline(id, &json!([{"step": "authorize"}]))
        .await
        .unwrap();
    let leaky = runs
        .update_timeline(
            id,
            &json!([{"body": format!("code_verifier={CANARY_VERIFIER}")}]),
        )
        .await
        .unwrap_err();
    assert_eq!(leaky.code(), "secret_in_plain_column");

    let finish = |timeline: serde_json::Value| OAuthRunFinish {
        finished_at: OffsetDateTime::now_utc(),
        outcome: OAuthOutcome::Succeeded,
        error: None,
        timeline,
        access_token: Some(Secret::new(CANARY_ACCESS_TOKEN)),
        userinfo: Some(json!({"email": "user@example.com"})),
    };
    let leaky = runs
        .finish(id, finish(json!([{"response": CANARY_ACCESS_TOKEN}])))
        .await
        .unwrap_err();
    assert_eq!(leaky.code(), "secret_in_plain_column");
    let done = runs
        .finish(
            id,
            finish(json!([{"step": "authorize"}, {"step": "exchange"}])),
        )
        .await
        .unwrap();
    assert_eq!(done.outcome, Some(OAuthOutcome::Succeeded));
    assert_eq!(
        done.access_token.as_ref().unwrap().expose(),
        CANARY_ACCESS_TOKEN
    );
    assert_eq!(done.userinfo, Some(json!({"email": "user@example.com"})));
    assert_eq!(
        runs.finish(id, finish(json!([]))).await.unwrap_err().code(),
        "oauth_run_already_finished"
    );

    let newer = runs.start(start("oauthapp")).await.unwrap();
    runs.start(start("otherapp")).await.unwrap();
    assert_eq!(
        runs.latest_for_app(profile.id, &code("oauthapp"))
            .await
            .unwrap()
            .unwrap()
            .id,
        newer
    );
    assert_eq!(
        runs.list_for_app(profile.id, &code("oauthapp"), 10)
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn the_audit_log_pages_newest_first_and_redacts_secret_fields_it_is_given() {
    let (_dir, store, profile) = fresh().await;
    for n in 0..5 {
        store
            .audit_log()
            .record(NewAuditEntry {
                actor: "frank".into(),
                profile_id: Some(profile.id),
                app_code_name: Some(code(&format!("app{n}"))),
                action: AuditAction::AppUpdated,
                before: None,
                after: Some(json!({"n": n, "client_secret": "oops-a-secret"})),
            })
            .await
            .unwrap();
    }
    let page = store
        .audit_log()
        .list(&AuditQuery {
            profile_id: Some(profile.id),
            limit: 2,
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        page.iter()
            .map(|e| e.after.as_ref().unwrap()["n"].clone())
            .collect::<Vec<_>>(),
        [json!(4), json!(3)]
    );
    let next = store
        .audit_log()
        .list(&AuditQuery {
            profile_id: Some(profile.id),
            limit: 2,
            before_id: Some(page[1].id),
            ..AuditQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(next[0].after.as_ref().unwrap()["n"], 2);
    assert_eq!(
        next[0].after.as_ref().unwrap()["client_secret"],
        "[redacted]"
    );
    assert!(page[0].at >= next[0].at);
}

#[tokio::test]
async fn a_full_sync_of_10000_apps_is_one_fast_transaction() {
    let (_dir, store, profile) = fresh().await;
    let apps: Vec<AppRecord> = (0..10_000)
        .map(|n| app_record(&format!("app{n:05}")))
        .collect();

    let started = Instant::now();
    let summary = store
        .apps_cache()
        .replace_all(profile.id, &apps)
        .await
        .unwrap();
    let write = started.elapsed();
    let started = Instant::now();
    let cached = store.apps_cache().list(profile.id).await.unwrap();
    let read = started.elapsed();
    eprintln!("10,000 apps: write {write:?}, read back {read:?}");

    assert_eq!(summary.written, 10_000);
    assert_eq!(cached.len(), 10_000);
    assert_eq!(cached[9_999].app_code_name.as_str(), "app09999");
    assert_eq!(cached[0].entity, apps[0].entity);
    // Generous for an unoptimised test build on a busy two-core machine; a
    // row-per-transaction write would take far longer.
    assert!(write.as_secs() < 15, "writing 10,000 apps took {write:?}");
    assert!(read.as_secs() < 15, "reading 10,000 apps took {read:?}");

    let started = Instant::now();
    let summary = store
        .apps_cache()
        .replace_all(profile.id, &apps[..9_000])
        .await
        .unwrap();
    eprintln!("10,000 apps: resync of 9,000 {:?}", started.elapsed());
    assert_eq!(summary.removed, 1_000);
}

#[tokio::test]
async fn an_app_read_by_the_platform_client_is_cached_whole_without_its_secrets() {
    let (_dir, store, profile) = fresh().await;
    // A directory-token list entry: no name, `trusted` as a string, plus a field
    // this build does not know and a secret that should never have been there.
    let app: intandem_core::platform::App = serde_json::from_value(json!({
        "app_code_name": "dummyapp_62",
        "uid": "b6e1",
        "trusted": "true",
        "future_field": {"kept": true},
        "client_secret": CANARY_CLIENT_SECRET,
    }))
    .unwrap();
    let record = AppRecord::from_app(&app);
    assert_eq!(record.app_id.as_deref(), Some("b6e1"));
    store
        .apps_cache()
        .upsert(profile.id, &record)
        .await
        .unwrap();

    let cached = store
        .apps_cache()
        .get(profile.id, &code("dummyapp_62"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cached.name, None);
    assert_eq!(cached.entity["trusted"], json!(true));
    assert_eq!(cached.entity["future_field"], json!({"kept": true}));
    assert_eq!(cached.entity["client_secret"], "[redacted]");
}
