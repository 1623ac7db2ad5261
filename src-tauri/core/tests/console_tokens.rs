//! `Console` app tokens and service tokens against the sandbox.

mod console_support;

use console_support::*;
use intandem_core::store::AuditAction;
use intandem_core::ErrorCode;

#[tokio::test]
async fn an_app_token_is_created_listed_masked_and_revoked_by_its_tail() {
    let h = harness().await;
    h.console
        .app_create(new_app("Token app", "tokenapp1"))
        .await
        .unwrap();
    let created = h.console.token_create("tokenapp1").await.unwrap();
    assert!(created.token.ends_with(&created.tail));

    let listed = h.console.tokens_list("tokenapp1").await.unwrap();
    assert!(listed.sync_error.is_none());
    assert_eq!(listed.tokens.len(), 1);
    let token = &listed.tokens[0];
    assert!(token.created_here && token.listed_on_platform);
    assert_eq!(token.token, format!("…{}", created.tail));
    assert!(!serde_json::to_string(&listed)
        .unwrap()
        .contains(&created.token));

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
        .contains(&created.token));
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
        .token_revoke("tokenapp2", &first.token)
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
        error.message.contains("did not create app calendarsync"),
        "{}",
        error.message
    );
    h.console
        .app_create(new_app("Service app", "serviceapp1"))
        .await
        .unwrap();
    let token = h.console.service_token("serviceapp1").await.unwrap();
    assert!(!token.access_token.is_empty());
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
    assert_eq!(secret.expose(), created_app.client_secret);

    let token = h.console.token_create("clipapp1").await.unwrap();
    let by_tail = SecretToCopy::AppToken {
        tail: token.tail.clone(),
    };
    let copied = h
        .console
        .secret_for_clipboard("clipapp1", &by_tail)
        .await
        .unwrap();
    assert_eq!(copied.expose(), token.token);

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
    assert!(!refused.message.contains(&token.token));

    let elsewhere = h
        .console
        .secret_for_clipboard("nosuchapp", &SecretToCopy::ClientSecret)
        .await
        .unwrap_err();
    assert_eq!(elsewhere.code, ErrorCode::NotFound);
}
