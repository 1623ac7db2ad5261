//! The request log: every platform call a profile made, each attempt with its status and
//! time, redacted (no token, secret or code, whatever the call carried), filterable by
//! app, and kept across restarts in the encrypted store.

mod console_support;

use console_support::*;
use intandem_sandbox::{AdminClient, Faults};

#[tokio::test]
async fn every_call_is_logged_with_its_status_and_no_secret_whatever_it_carried() {
    let h = harness().await;
    let secret = create_oauth_app(&h.console, "loggedapp").await;
    let token = h.console.token_create("loggedapp").await.unwrap();
    h.console.apps_list().await.unwrap();

    let log = h.console.request_log(None, None).await.unwrap();
    let create = log
        .iter()
        .find(|c| c.method == "POST" && c.path == "/platform/v1/apps")
        .expect("the create is logged");
    assert_eq!(create.status, Some(201));
    assert_eq!(create.app_code_name.as_deref(), Some("loggedapp"));
    assert!(create
        .request_body
        .as_deref()
        .unwrap()
        .contains("loggedapp"));
    assert!(create
        .request_headers
        .iter()
        .any(|(k, v)| k == "Authorization" && v == "Bearer [redacted]"));
    assert!(create
        .response_body
        .as_deref()
        .unwrap()
        .contains("[redacted]"));
    assert!(log
        .iter()
        .any(|c| c.method == "GET" && c.path == "/platform/v1/apps"));

    let text = serde_json::to_string(&log).unwrap();
    for leaked in [
        secret.as_str(),
        token.token.expose(),
        h.info().directory_token.as_str(),
    ] {
        assert!(!text.contains(leaked), "a secret is in the request log");
    }

    let only = h
        .console
        .request_log(Some("loggedapp"), None)
        .await
        .unwrap();
    assert!(!only.is_empty());
    assert!(only
        .iter()
        .all(|c| c.app_code_name.as_deref() == Some("loggedapp")));
    assert!(
        only.len() < log.len(),
        "the apps list is not about that app"
    );
}

#[tokio::test]
async fn each_attempt_of_a_failing_call_is_logged_and_the_log_survives_a_restart() {
    let h = harness().await;
    let admin = AdminClient::for_sandbox(h.info());
    admin
        .set_faults(&Faults {
            error_rate: Some(1.0),
            status_5xx: Some(503),
            ..Faults::default()
        })
        .await
        .unwrap();
    assert!(h.console.check_all(1, &|_, _| {}).await.is_ok());
    admin.clear_faults().await.unwrap();
    let log = h.console.request_log(None, Some(50)).await.unwrap();
    let failed: Vec<_> = log
        .iter()
        .filter(|c| c.path == "/platform/v1/apps" && c.status == Some(503))
        .collect();
    assert!(failed.len() >= 2, "every attempt: {log:#?}");
    let attempts: Vec<u32> = failed.iter().map(|c| c.attempt).collect();
    assert!(
        attempts.contains(&1) && attempts.contains(&2),
        "{attempts:?}"
    );

    let h = h.restart().await;
    let again = h.console.request_log(None, Some(50)).await.unwrap();
    assert_eq!(again.len(), log.len(), "kept in the store");
}
