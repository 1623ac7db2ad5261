//! `Console` app tokens and service tokens against the sandbox.

mod console_support;

use console_support::*;
use intandem_core::store::AuditAction;
use intandem_core::ErrorCode;
use intandem_sandbox::SandboxSettings;

/// Create, list and revoke a token by its tail, against a platform that lists tokens masked (the
/// sandbox's default, as a careful platform does) or in full.
async fn a_token_is_created_listed_and_revoked_by_its_tail(h: Harness) {
    h.console
        .app_create(new_app("Token app", "tokenapp1"))
        .await
        .unwrap();
    let created = h.console.token_create("tokenapp1").await.unwrap();
    assert!(created.token.expose().ends_with(&created.tail));

    let listed = h.console.tokens_list("tokenapp1").await.unwrap();
    assert!(listed.sync_error.is_none());
    assert_eq!(listed.tokens.len(), 1);
    let token = &listed.tokens[0];
    assert!(token.created_here && token.listed_on_platform);
    assert_eq!(token.token, format!("…{}", created.tail));
    assert!(!serde_json::to_string(&listed)
        .unwrap()
        .contains(created.token.expose()));

    let revoked = h
        .console
        .token_revoke("tokenapp1", &created.tail)
        .await
        .unwrap();
    assert!(!revoked.already_revoked);
    let after = h.console.tokens_list("tokenapp1").await.unwrap();
    assert!(after.tokens[0].revoked_at.is_some());
    assert!(!after.tokens[0].listed_on_platform);

    let again = h
        .console
        .token_revoke("tokenapp1", &created.tail)
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::NotFound, "no active token ends so");

    let audit = h.console.audit(Some("tokenapp1"), None).await.unwrap();
    let actions: Vec<AuditAction> = audit.iter().map(|e| e.action).collect();
    assert_eq!(
        &actions[..2],
        [AuditAction::TokenRevoked, AuditAction::TokenCreated]
    );
    assert!(!serde_json::to_string(&audit)
        .unwrap()
        .contains(created.token.expose()));
}

#[tokio::test]
async fn an_app_token_is_revoked_by_its_tail_when_the_platform_lists_tokens_masked() {
    a_token_is_created_listed_and_revoked_by_its_tail(harness().await).await;
}

#[tokio::test]
async fn an_app_token_is_revoked_by_its_tail_when_the_platform_lists_tokens_in_full() {
    let h = harness().await;
    h.sandbox
        .admin()
        .set_settings(&SandboxSettings {
            list_tokens_in_full: true,
        })
        .await
        .unwrap();
    a_token_is_created_listed_and_revoked_by_its_tail(h).await;
}

#[tokio::test]
async fn a_token_created_elsewhere_and_listed_masked_needs_the_whole_token_to_be_revoked() {
    let h = harness().await;
    let created = h
        .console
        .app_create(new_app("Elsewhere app", "elsewhere1"))
        .await
        .unwrap();
    // Another tool made this token: the console never saw its value.
    let answer: serde_json::Value = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
        .post(format!("{}/platform/v1/tokens", h.info().base_url))
        .bearer_auth(&h.info().directory_token)
        .json(&serde_json::json!({ "app_id": created.app_id }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let other = answer["data"]["token"].as_str().unwrap().to_owned();
    let tail = &other[other.len() - 4..];

    let listed = h.console.tokens_list("elsewhere1").await.unwrap();
    let view = listed
        .tokens
        .iter()
        .find(|t| t.tail.as_deref() == Some(tail))
        .expect("the platform's token is listed");
    assert!(view.listed_on_platform && !view.created_here && !view.revocable);
    assert_eq!(view.token, format!("…{tail}"));

    let refused = h
        .console
        .token_revoke("elsewhere1", tail)
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert!(
        refused.message.contains("needs the whole token"),
        "{}",
        refused.message
    );
    assert_eq!(
        refused.message.matches(". ").count(),
        0,
        "one sentence: {}",
        refused.message
    );

    let revoked = h.console.token_revoke("elsewhere1", &other).await.unwrap();
    assert_eq!(revoked.token, format!("…{tail}"));
    let after = h.console.tokens_list("elsewhere1").await.unwrap();
    assert!(after.tokens.iter().all(|t| t.tail.as_deref() != Some(tail)));
}

#[tokio::test]
async fn a_token_is_revoked_by_its_full_value_too() {
    let h = harness().await;
    h.console
        .app_create(new_app("Token app", "tokenapp2"))
        .await
        .unwrap();
    let first = h.console.token_create("tokenapp2").await.unwrap();
    let second = h.console.token_create("tokenapp2").await.unwrap();
    h.console
        .token_revoke("tokenapp2", first.token.expose())
        .await
        .unwrap();
    let listed = h.console.tokens_list("tokenapp2").await.unwrap();
    let active: Vec<&str> = listed
        .tokens
        .iter()
        .filter(|t| t.revoked_at.is_none())
        .map(|t| t.token.as_str())
        .collect();
    assert_eq!(active, [format!("…{}", second.tail)]);
}

#[tokio::test]
async fn a_service_token_needs_the_credentials_this_console_kept() {
    let h = harness().await;
    let error = h.console.service_token("calendarsync").await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
    assert!(
        error
            .message
            .contains("keeps no client secret for app calendarsync"),
        "{}",
        error.message
    );
    h.console
        .app_create(new_app("Service app", "serviceapp1"))
        .await
        .unwrap();
    let token = h.console.service_token("serviceapp1").await.unwrap();
    assert!(!token.access_token.expose().is_empty());
    assert_eq!(token.expires_in, Some(3600));
    assert!(token.expires_at.is_some());
}

#[tokio::test]
async fn kept_secrets_are_fetched_for_the_clipboard_by_reference_only_while_active() {
    use intandem_core::console::SecretToCopy;
    let h = harness().await;
    let created_app = h
        .console
        .app_create(new_app("Clipboard app", "clipapp1"))
        .await
        .unwrap();
    let secret = h
        .console
        .secret_for_clipboard("clipapp1", &SecretToCopy::ClientSecret)
        .await
        .unwrap();
    assert_eq!(secret.expose(), created_app.client_secret.expose());

    let token = h.console.token_create("clipapp1").await.unwrap();
    let by_tail = SecretToCopy::AppToken {
        tail: token.tail.clone(),
    };
    let copied = h
        .console
        .secret_for_clipboard("clipapp1", &by_tail)
        .await
        .unwrap();
    assert_eq!(copied.expose(), token.token.expose());

    h.console
        .token_revoke("clipapp1", &token.tail)
        .await
        .unwrap();
    let refused = h
        .console
        .secret_for_clipboard("clipapp1", &by_tail)
        .await
        .unwrap_err();
    assert_eq!(
        refused.code,
        ErrorCode::NotFound,
        "a revoked token is not copied"
    );
    assert!(!refused.message.contains(token.token.expose()));

    let elsewhere = h
        .console
        .secret_for_clipboard("nosuchapp", &SecretToCopy::ClientSecret)
        .await
        .unwrap_err();
    assert_eq!(elsewhere.code, ErrorCode::NotFound);
}
