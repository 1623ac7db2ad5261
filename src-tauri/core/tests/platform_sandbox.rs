//! The platform client against the emulated platform (`intandem-sandbox`), over loopback
//! HTTP: the app lifecycle, app tokens, branding, the whole OAuth authorization-code flow,
//! and the sandbox's injected faults (429 with Retry-After, 5xx, truncated answers).

use std::time::Duration;

use intandem_core::platform::{
    AppCodeName, AppUpdate, ClientOptions, CodeExchange, CreateOutcome, CreatedApp, NewApp,
    PlatformClient, RetryPolicy, ServiceCredentials,
};
use intandem_core::{ErrorCode, Secret};
use intandem_sandbox::{drive_consent, Faults, Sandbox, SandboxConfig};
use url::Url;

const CALLBACK: &str = "http://127.0.0.1:4567/callback";

fn options() -> ClientOptions {
    ClientOptions {
        request_timeout: Duration::from_secs(5),
        retry: RetryPolicy {
            max_attempts: 3,
            base_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(5),
        },
        ..ClientOptions::default()
    }
}

async fn sandbox() -> (Sandbox, PlatformClient) {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("the sandbox starts");
    let base = Url::parse(&sandbox.info().base_url).unwrap();
    let token = Secret::new(sandbox.info().directory_token.clone());
    let client = PlatformClient::with_options(base, token, options());
    (sandbox, client)
}

async fn create(client: &PlatformClient, code_name: &str) -> CreatedApp {
    let mut app = NewApp::new("Sandbox test app", CALLBACK).unwrap();
    app.app_code_name = Some(AppCodeName::new(code_name).unwrap());
    app.url_params = Some(vec!["brand_host".into()]);
    match client.create_app(&app).await.unwrap() {
        CreateOutcome::Created(created) => created,
        other => panic!("expected Created, got {other:?}"),
    }
}

#[tokio::test]
async fn the_app_lifecycle_runs_against_the_sandbox() {
    let (_sandbox, client) = sandbox().await;
    let seeded = client.list_apps().await.unwrap();
    assert_eq!(
        seeded.len(),
        3,
        "the sandbox seeds three apps in the first directory"
    );

    let created = create(&client, "sandboxtest1").await;
    assert_eq!(created.app_code_name.as_str(), "sandboxtest1");
    assert!(!created.client_secret.is_empty());

    let app = client.get_app(&created.app_code_name).await.unwrap();
    assert_eq!(app.redirect_uri.as_deref(), Some(CALLBACK));
    assert_eq!(app.trusted, Some(false));

    let update = AppUpdate {
        oauth_redirect_uris: Some(vec![
            CALLBACK.into(),
            "https://app.example.com/oauth".into(),
        ]),
        ..AppUpdate::default()
    };
    let updated = client
        .update_app(&created.app_code_name, &update)
        .await
        .unwrap();
    assert_eq!(updated.app_code_name, created.app_code_name);
    assert_eq!(updated.oauth_redirect_uris.as_ref().map(Vec::len), Some(2));
    assert_eq!(
        updated.trusted,
        Some(false),
        "the update answer's string \"false\" is read"
    );

    let listed = client.list_apps().await.unwrap();
    assert!(listed
        .iter()
        .any(|a| a.app_code_name == created.app_code_name));
}

#[tokio::test]
async fn an_unknown_app_and_a_bad_token_are_typed_errors_with_the_vendor_message() {
    let (sandbox, client) = sandbox().await;
    let missing = client
        .get_app(&AppCodeName::new("nosuchapp").unwrap())
        .await
        .unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);

    let base = Url::parse(&sandbox.info().base_url).unwrap();
    let stranger = PlatformClient::with_options(base, Secret::new("not-a-real-token"), options());
    let error = stranger.list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Unauthorized);
    assert_eq!(error.vendor_message.as_deref(), Some("Unauthorized"));
    assert!(!error.message.contains("not-a-real-token"));
}

#[tokio::test]
async fn app_tokens_are_created_listed_and_revoked_against_the_sandbox() {
    let (_sandbox, client) = sandbox().await;
    let created = create(&client, "tokenapp").await;
    let token = client.create_app_token(&created.app_id).await.unwrap();
    let listed = client.list_app_tokens(&created.app_id).await.unwrap();
    assert!(
        listed.iter().any(|t| t.may_be(&token)),
        "the new token is listed"
    );
    assert!(
        listed.iter().all(|t| t.full().is_none()),
        "the sandbox lists tokens masked by default, as a careful platform does"
    );

    client
        .revoke_app_token(&created.app_id, &token)
        .await
        .unwrap();
    let listed = client.list_app_tokens(&created.app_id).await.unwrap();
    assert!(
        !listed.iter().any(|t| t.may_be(&token)),
        "the revoked token is gone"
    );
    let again = client
        .revoke_app_token(&created.app_id, &token)
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn branding_and_a_service_token_are_read_from_the_sandbox() {
    let (_sandbox, client) = sandbox().await;
    let branding = client.directory_branding(None).await.unwrap();
    assert!(branding.uid.is_some() && branding.colors.is_some());

    let created = create(&client, "serviceapp").await;
    let credentials = ServiceCredentials {
        service_id: created.client_id.clone(),
        service_secret: created.client_secret.clone(),
    };
    let token = client.oauth().service_token(&credentials).await.unwrap();
    assert_eq!(token.expires_in, Some(3600));
    let wrong = ServiceCredentials {
        service_id: created.client_id,
        service_secret: Secret::new("wrong"),
    };
    assert_eq!(
        client.oauth().service_token(&wrong).await.unwrap_err().code,
        ErrorCode::InvalidClient
    );
}

/// Runs the browser part of the flow and returns the code from the redirect.
async fn authorize(sandbox: &Sandbox, created: &CreatedApp) -> Secret {
    let info = sandbox.info();
    let mut authorize = Url::parse(&info.brand_url)
        .unwrap()
        .join("/app/oauth/authorize")
        .unwrap();
    authorize
        .query_pairs_mut()
        .append_pair("client_id", &created.client_id)
        .append_pair("redirect_uri", CALLBACK)
        .append_pair("response_type", "code")
        .append_pair("state", "state-1");
    let location = drive_consent(
        authorize.as_str(),
        &info.user_email,
        &info.user_password,
        true,
    )
    .await
    .expect("the consent is given");
    let location = Url::parse(&location).unwrap();
    let code = location
        .query_pairs()
        .find(|(k, _)| k == "code")
        .expect("a code")
        .1
        .into_owned();
    Secret::new(code)
}

fn exchange(created: &CreatedApp, code: Secret) -> CodeExchange {
    CodeExchange {
        client_id: created.client_id.clone(),
        client_secret: created.client_secret.clone(),
        code,
        redirect_uri: CALLBACK.into(),
        code_verifier: None,
    }
}

#[tokio::test]
async fn the_oauth_flow_completes_against_the_sandbox_and_a_code_is_single_use() {
    let (sandbox, client) = sandbox().await;
    let created = create(&client, "oauthapp").await;
    let code = authorize(&sandbox, &created).await;

    let oauth = client.oauth();
    let timed = oauth.exchange_code(&exchange(&created, code.clone())).await;
    let grant = timed.value.unwrap();
    assert!(timed.elapsed < Duration::from_secs(30));
    assert!(!grant.access_token.is_empty());

    let user = oauth.userinfo(&grant.access_token).await.unwrap();
    assert_eq!(
        user.email.as_deref(),
        Some(sandbox.info().user_email.as_str())
    );

    let replay = oauth
        .exchange_code(&exchange(&created, code))
        .await
        .value
        .unwrap_err();
    assert_eq!(replay.code, ErrorCode::InvalidGrant);
}

#[tokio::test]
async fn a_code_older_than_30_seconds_is_invalid_grant() {
    let (sandbox, client) = sandbox().await;
    let created = create(&client, "lateapp").await;
    let code = authorize(&sandbox, &created).await;
    sandbox.admin().advance_clock(31).await.unwrap();
    let error = client
        .oauth()
        .exchange_code(&exchange(&created, code))
        .await
        .value
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidGrant);
    assert!(error.message.contains("30 seconds"), "{}", error.message);
}

#[tokio::test]
async fn reads_ride_out_the_sandboxs_injected_429s_and_give_up_on_persistent_5xx() {
    let (sandbox, client) = sandbox().await;
    let admin = sandbox.admin();
    admin
        .set_faults(&Faults {
            rate_limit_every: Some(1),
            retry_after_secs: Some(1),
            paths: vec!["/platform/v1/apps".into()],
            ..Faults::default()
        })
        .await
        .unwrap();
    let error = client.list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::RateLimited);
    assert_eq!(error.retry_after, Some(Duration::from_secs(1)));

    admin
        .set_faults(&Faults {
            rate_limit_every: Some(2),
            retry_after_secs: Some(1),
            paths: vec!["/platform/v1/apps".into()],
            ..Faults::default()
        })
        .await
        .unwrap();
    assert!(client.list_apps().await.is_ok(), "request 1 passes");
    assert!(
        client.list_apps().await.is_ok(),
        "request 2 is refused with 429, request 3 passes"
    );

    admin
        .set_faults(&Faults {
            error_rate: Some(1.0),
            status_5xx: Some(503),
            paths: vec!["/platform/v1/directory/branding".into()],
            ..Faults::default()
        })
        .await
        .unwrap();
    let error = client.directory_branding(None).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Server);
    assert_eq!(error.status, Some(503));
    assert!(
        error.message.contains("after 3 attempts"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_create_whose_answer_is_truncated_is_reconciled_against_the_sandbox() {
    let (sandbox, client) = sandbox().await;
    // Requests to /platform/v1/apps…: 1 the snapshot list, 2 the create (cut), 3 the
    // reconciling list, 4 the full read of the found app (cut, retried as 5).
    sandbox
        .admin()
        .set_faults(&Faults {
            truncate_every: Some(2),
            paths: vec!["/platform/v1/apps".into()],
            ..Faults::default()
        })
        .await
        .unwrap();
    let mut app = NewApp::new("Lost answer app", CALLBACK).unwrap();
    app.app_code_name = Some(AppCodeName::new("lostanswer").unwrap());
    let outcome = client.create_app(&app).await.unwrap();
    let CreateOutcome::CreatedButAnswerLost { app, error } = outcome else {
        panic!("expected CreatedButAnswerLost, got {outcome:?}")
    };
    assert_eq!(app.app_code_name.as_str(), "lostanswer");
    assert_eq!(
        app.redirect_uri.as_deref(),
        Some(CALLBACK),
        "the full app was read after the retry"
    );
    assert_eq!(error.code, ErrorCode::UnknownOutcome);
    assert!(
        error.message.contains("cannot be recovered"),
        "{}",
        error.message
    );

    sandbox.admin().clear_faults().await.unwrap();
    let creates = sandbox
        .admin()
        .request_log()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "/platform/v1/apps")
        .count();
    assert_eq!(creates, 1, "the create was sent once");
}
