//! The platform client over loopback HTTP, against canned answers taken from the vendor
//! reference and against the failures it must survive: 429 with Retry-After, 5xx, cut-off
//! and truncated answers, dead ports, slow servers, and creates whose answer is lost.

#[path = "platform_client/canned.rs"]
mod canned;

use std::time::{Duration, Instant};

use canned::{dead_port, raw_server, CannedServer, Reply};
use intandem_core::platform::{
    AppCodeName, AppUpdate, ClientOptions, CodeExchange, CreateOutcome, NewApp, OAuthClient,
    PlatformClient, RetryPolicy, ServiceCredentials,
};
use intandem_core::{ErrorCode, Secret};
use serde_json::{json, Value};
use url::Url;

const TOKEN: &str = "directory-token-canary-5f1e2d3c";
const APPS: &str = "GET /platform/v1/apps";
const CREATE: &str = "POST /platform/v1/apps";

fn options() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_millis(400),
        retry: RetryPolicy {
            max_attempts: 3,
            base_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(40),
            max_retry_after: Duration::from_secs(5),
        },
        ..ClientOptions::default()
    }
}

fn client(base: &Url) -> PlatformClient {
    PlatformClient::with_options(base.clone(), Secret::new(TOKEN), options())
}

fn apps_list(code_names: &[&str]) -> Reply {
    let apps: Vec<Value> = code_names
        .iter()
        .map(|c| json!({"app_code_name": c, "name": "Some App", "app_host": "https://dummy-path.com", "trusted": false}))
        .collect();
    Reply::json(201, json!({"apps": apps, "status": "OK"}))
}

fn new_app() -> NewApp {
    let mut app = NewApp::new("My first app", "https://myapp.example.com/app").unwrap();
    app.app_code_name = Some(AppCodeName::new("myfirstapp").unwrap());
    app.trusted = Some(true);
    app
}

fn created_answer() -> Reply {
    Reply::json(
        201,
        json!({"data": {"app_code_name": "myfirstapp", "app_id": "123456789ab", "client_id": "cid-1",
                        "client_secret": "client-secret-canary", "name": "My first app"}, "status": "OK"}),
    )
}

fn full_app(code_name: &str) -> Reply {
    Reply::json(
        200,
        json!({"data": {"application": {"app_code_name": code_name, "name": "My first app",
              "redirect_uri": "https://myapp.example.com/app", "trusted": true}, "success": true}, "success": true}),
    )
}

// ---- reads: retries, timeouts, network errors ----

#[tokio::test]
async fn a_read_waits_out_the_retry_after_of_a_429_then_succeeds() {
    let server = CannedServer::start(vec![(
        APPS,
        vec![
            Reply::json(
                429,
                json!({"status": "Error", "message": "Too many requests"}),
            )
            .header("retry-after", "1"),
            apps_list(&["dummyapp_62"]),
        ],
    )])
    .await;
    let started = Instant::now();
    let apps = client(&server.base).list_apps().await.unwrap();
    assert_eq!(apps[0].app_code_name.as_str(), "dummyapp_62");
    assert_eq!(server.count(APPS), 2);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After: 1 was honoured"
    );
}

#[tokio::test]
async fn a_read_retries_a_503_and_succeeds() {
    let route = "GET /platform/v1/apps/myapp";
    let server = CannedServer::start(vec![(
        route,
        vec![
            Reply::json(
                503,
                json!({"status": "Error", "message": "Service unavailable"}),
            ),
            full_app("myapp"),
        ],
    )])
    .await;
    let app = client(&server.base)
        .get_app(&AppCodeName::existing("myapp").unwrap())
        .await
        .unwrap();
    assert_eq!(app.trusted, Some(true));
    assert_eq!(server.count(route), 2);
    let request = &server.requests()[0];
    assert_eq!(
        request.authorization.as_deref(),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[tokio::test]
async fn a_read_gives_up_after_max_attempts_keeping_the_vendor_message() {
    let server = CannedServer::start(vec![(
        APPS,
        vec![Reply::json(
            500,
            json!({"status": "Error", "message": "Internal server error"}),
        )],
    )])
    .await;
    let error = client(&server.base).list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Server);
    assert_eq!(error.status, Some(500));
    assert_eq!(
        error.vendor_message.as_deref(),
        Some("Internal server error")
    );
    assert!(
        error.message.contains("after 3 attempts"),
        "{}",
        error.message
    );
    assert_eq!(server.count(APPS), 3);
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_fails_at_once_as_rate_limited() {
    let server = CannedServer::start(vec![(
        APPS,
        vec![
            Reply::json(429, "{}").header("retry-after", "120"),
            apps_list(&[]),
        ],
    )])
    .await;
    let error = client(&server.base).list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::RateLimited);
    assert_eq!(error.retry_after, Some(Duration::from_secs(120)));
    assert!(error.message.contains("wait 120 s"), "{}", error.message);
    assert_eq!(server.count(APPS), 1);
}

#[tokio::test]
async fn an_unreachable_platform_is_a_network_error_that_names_the_host_not_the_token() {
    let base = dead_port().await;
    let error = client(&base).list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Network);
    assert_eq!(error.status, None);
    assert!(error.message.contains("127.0.0.1"), "{}", error.message);
    assert!(
        error.message.contains("after 3 attempts"),
        "{}",
        error.message
    );
    assert!(!error.message.contains(TOKEN));
}

#[tokio::test]
async fn a_slow_platform_is_a_timeout_and_reads_are_retried() {
    let server = CannedServer::start(vec![(
        APPS,
        vec![apps_list(&[]).after(Duration::from_secs(3))],
    )])
    .await;
    let started = Instant::now();
    let error = client(&server.base).list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Timeout);
    assert!(error.message.contains("within 0.4 s"), "{}", error.message);
    assert_eq!(server.count(APPS), 3);
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "each attempt was cut at the timeout"
    );
}

#[tokio::test]
async fn a_read_whose_connection_is_cut_mid_answer_is_retried() {
    let full = r#"{"apps":[{"app_code_name":"a1"}],"status":"OK"}"#;
    let cut = format!(
        "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{}",
        full.len() + 40,
        &full[..20]
    );
    let whole = format!(
        "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{full}",
        full.len()
    );
    let (base, served) = raw_server(vec![cut, whole]).await;
    let apps = client(&base).list_apps().await.unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(*served.lock().unwrap(), 2);
}

#[tokio::test]
async fn a_read_whose_answer_stays_truncated_is_retried_then_reported_as_a_decode_error_naming_the_endpoint(
) {
    let server = CannedServer::start(vec![(
        APPS,
        vec![Reply::json(201, r#"{"apps":[{"app_code_name":"a1""#)],
    )])
    .await;
    let error = client(&server.base).list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Decode);
    assert!(
        error.message.starts_with("Listing apps failed"),
        "{}",
        error.message
    );
    assert!(error.message.contains("cut off"), "{}", error.message);
    assert_eq!(
        server.count(APPS),
        3,
        "a cut-off answer to a read is worth another attempt"
    );
}

// ---- updates ----

#[tokio::test]
async fn an_update_sends_only_the_changed_fields_and_reads_the_bare_application_envelope() {
    let route = "PUT /platform/v1/apps/ourapp";
    let server = CannedServer::start(vec![(
        route,
        vec![Reply::json(
            200,
            json!({"application": {"name": "Our app", "trusted": "false",
                   "oauth_redirect_uris": ["http://127.0.0.1/callback"]}, "success": true}),
        )],
    )])
    .await;
    let update = AppUpdate {
        oauth_redirect_uris: Some(vec!["http://127.0.0.1/callback".into()]),
        ..AppUpdate::default()
    };
    let app = client(&server.base)
        .update_app(&AppCodeName::existing("ourapp").unwrap(), &update)
        .await
        .unwrap();
    assert_eq!(app.app_code_name.as_str(), "ourapp");
    assert_eq!(app.trusted, Some(false));
    let sent: Value = serde_json::from_str(&server.requests()[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"oauth_redirect_uris": ["http://127.0.0.1/callback"]})
    );
}

// ---- create: never blindly retried, reconciled by listing ----

#[tokio::test]
async fn create_sends_the_vendor_body_and_returns_the_credentials() {
    let server = CannedServer::start(vec![
        (APPS, vec![apps_list(&["old"])]),
        (CREATE, vec![created_answer()]),
    ])
    .await;
    let outcome = client(&server.base).create_app(&new_app()).await.unwrap();
    let CreateOutcome::Created(created) = outcome else {
        panic!("expected Created")
    };
    assert_eq!(created.client_secret.expose(), "client-secret-canary");
    assert_eq!(created.app_code_name.as_str(), "myfirstapp");
    let post = server
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    let body: Value = serde_json::from_str(&post.body).unwrap();
    assert_eq!(body["trusted"], "true", "trusted is written as a string");
    assert_eq!(body["app_code_name"], "myfirstapp");
    assert_eq!(body["redirect_uri"], "https://myapp.example.com/app");
}

#[tokio::test]
async fn create_is_not_retried_after_a_5xx_and_reconciles_by_listing() {
    let server = CannedServer::start(vec![
        (
            APPS,
            vec![apps_list(&["old"]), apps_list(&["old", "myfirstapp"])],
        ),
        (
            CREATE,
            vec![Reply::json(
                500,
                json!({"status": "Error", "message": "Internal server error"}),
            )],
        ),
        (
            "GET /platform/v1/apps/myfirstapp",
            vec![full_app("myfirstapp")],
        ),
    ])
    .await;
    let outcome = client(&server.base).create_app(&new_app()).await.unwrap();
    let CreateOutcome::CreatedButAnswerLost { app, error } = outcome else {
        panic!("expected CreatedButAnswerLost")
    };
    assert_eq!(
        server.count(CREATE),
        1,
        "a create is never resent after a 5xx"
    );
    assert_eq!(app.app_code_name.as_str(), "myfirstapp");
    assert_eq!(
        app.redirect_uri.as_deref(),
        Some("https://myapp.example.com/app"),
        "the full app was read"
    );
    assert_eq!(error.code, ErrorCode::UnknownOutcome);
    assert_eq!(
        error.vendor_message.as_deref(),
        Some("Internal server error")
    );
    assert!(
        error.message.contains("was created (code name myfirstapp)"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("cannot be recovered"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn create_that_failed_without_persisting_says_it_is_safe_to_try_again() {
    let server = CannedServer::start(vec![
        (APPS, vec![apps_list(&["old"])]),
        (
            CREATE,
            vec![Reply::json(
                503,
                json!({"status": "Error", "message": "Maintenance"}),
            )],
        ),
    ])
    .await;
    let error = client(&server.base)
        .create_app(&new_app())
        .await
        .unwrap_err();
    assert_eq!(server.count(CREATE), 1);
    assert_eq!(server.count(APPS), 2, "a snapshot before, a check after");
    assert_eq!(error.code, ErrorCode::Server);
    assert!(
        error.message.contains("was not created"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("safe to try again"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn create_after_a_timeout_reconciles_by_name_and_landing_page_when_no_code_name_was_asked() {
    let mut app = new_app();
    app.app_code_name = None;
    let listed_after = Reply::json(
        201,
        json!({"apps": [{"app_code_name": "old"},
                        {"app_code_name": "myfirstapp_2", "name": "My first app",
                         "app_host": "https://myapp.example.com/app?business_uid=b1"}], "status": "OK"}),
    );
    let server = CannedServer::start(vec![
        (APPS, vec![apps_list(&["old"]), listed_after]),
        (CREATE, vec![created_answer().after(Duration::from_secs(3))]),
        (
            "GET /platform/v1/apps/myfirstapp_2",
            vec![Reply::json(500, "{}")],
        ),
    ])
    .await;
    let outcome = client(&server.base).create_app(&app).await.unwrap();
    let CreateOutcome::CreatedButAnswerLost { app, error } = outcome else {
        panic!("expected CreatedButAnswerLost")
    };
    assert_eq!(
        server.count(CREATE),
        1,
        "a create is never resent after a timeout"
    );
    assert_eq!(
        app.app_code_name.as_str(),
        "myfirstapp_2",
        "the list entry stands in when the full read fails"
    );
    assert_eq!(error.code, ErrorCode::UnknownOutcome);
    assert!(
        error.message.contains("did not answer in time"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn create_with_a_truncated_201_answer_reconciles_and_never_echoes_the_secret() {
    let server = CannedServer::start(vec![
        (APPS, vec![apps_list(&[]), apps_list(&["myfirstapp"])]),
        (
            CREATE,
            vec![Reply::json(
                201,
                r#"{"data":{"app_code_name":"myfirstapp","client_secret":"client-secret-canary"#,
            )],
        ),
        (
            "GET /platform/v1/apps/myfirstapp",
            vec![full_app("myfirstapp")],
        ),
    ])
    .await;
    let outcome = client(&server.base).create_app(&new_app()).await.unwrap();
    let CreateOutcome::CreatedButAnswerLost { error, .. } = outcome else {
        panic!("expected CreatedButAnswerLost")
    };
    assert_eq!(error.code, ErrorCode::UnknownOutcome);
    assert_eq!(error.status, Some(201));
    assert!(!format!("{error:?}").contains("canary"));
}

#[tokio::test]
async fn create_refused_with_429_is_resent_after_retry_after_since_nothing_was_created() {
    let server = CannedServer::start(vec![
        (APPS, vec![apps_list(&[])]),
        (
            CREATE,
            vec![
                Reply::json(429, "{}").header("retry-after", "0"),
                created_answer(),
            ],
        ),
    ])
    .await;
    let outcome = client(&server.base).create_app(&new_app()).await.unwrap();
    assert!(matches!(outcome, CreateOutcome::Created(_)));
    assert_eq!(server.count(CREATE), 2);
}

#[tokio::test]
async fn create_refused_with_a_4xx_is_reported_as_is_without_reconciling() {
    let server = CannedServer::start(vec![
        (APPS, vec![apps_list(&[])]),
        (
            CREATE,
            vec![Reply::json(
                422,
                json!({"status": "Error", "message": "app_code_name has already been taken"}),
            )],
        ),
    ])
    .await;
    let error = client(&server.base)
        .create_app(&new_app())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict);
    assert_eq!(
        server.count(APPS),
        1,
        "only the snapshot: a refusal needs no reconciling"
    );
    assert_eq!(server.count(CREATE), 1);
}

#[tokio::test]
async fn create_whose_check_fails_too_reports_an_unknown_outcome_and_warns_against_retrying() {
    let server = CannedServer::start(vec![
        (APPS, vec![apps_list(&[]), Reply::json(502, "bad gateway")]),
        (CREATE, vec![Reply::json(502, "bad gateway")]),
    ])
    .await;
    let error = client(&server.base)
        .create_app(&new_app())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::UnknownOutcome);
    assert!(
        error.message.contains("may or may not have worked"),
        "{}",
        error.message
    );
    assert!(error.message.contains("second app"), "{}", error.message);
    assert_eq!(server.count(CREATE), 1);
}

#[tokio::test]
async fn create_is_not_attempted_when_the_snapshot_list_fails() {
    let server = CannedServer::start(vec![(
        APPS,
        vec![Reply::json(
            401,
            json!({"status": "Error", "message": "Unauthorized"}),
        )],
    )])
    .await;
    let error = client(&server.base)
        .create_app(&new_app())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Unauthorized);
    assert!(
        error.message.contains("nothing was created"),
        "{}",
        error.message
    );
    assert_eq!(server.count(CREATE), 0);
}

#[tokio::test]
async fn an_invalid_new_app_is_refused_before_anything_is_sent() {
    let server = CannedServer::start(vec![]).await;
    let mut app = new_app();
    app.name = "ab".into();
    let error = client(&server.base).create_app(&app).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(server.requests().is_empty());
}

// ---- app tokens ----

#[tokio::test]
async fn tokens_are_created_listed_and_revoked_with_the_app_id() {
    let server = CannedServer::start(vec![
        (
            "GET /platform/v1/tokens",
            vec![Reply::json(
                201,
                json!({"data": {"tokens": ["tok-old-1234"]}, "status": "OK"}),
            )],
        ),
        (
            "POST /platform/v1/tokens",
            vec![Reply::json(
                201,
                json!({"data": {"token": "tok-new-5678"}, "status": "OK"}),
            )],
        ),
        (
            "POST /platform/v1/tokens/revoke",
            vec![Reply::json(
                201,
                json!({"status": "OK", "data": {"revoked_tokens": ["tok-old-1234"]}}),
            )],
        ),
    ])
    .await;
    let client = client(&server.base);
    let token = client.create_app_token("app-42").await.unwrap();
    assert_eq!(token.expose(), "tok-new-5678");
    let listed = client.list_app_tokens("app-42").await.unwrap();
    assert!(listed[0].is(&Secret::new("tok-old-1234")));
    client
        .revoke_app_token("app-42", &Secret::new("tok-old-1234"))
        .await
        .unwrap();
    let requests = server.requests();
    assert!(requests
        .iter()
        .any(|r| r.path_and_query == "/platform/v1/tokens?app_id=app-42"));
    let create: Value = serde_json::from_str(
        &requests
            .iter()
            .find(|r| r.path_and_query == "/platform/v1/tokens" && r.method == "POST")
            .unwrap()
            .body,
    )
    .unwrap();
    assert_eq!(create, json!({"app_id": "app-42"}));
    let revoke: Value = serde_json::from_str(&requests.last().unwrap().body).unwrap();
    assert_eq!(revoke, json!({"token": "tok-old-1234"}));
}

#[tokio::test]
async fn a_token_create_whose_answer_is_lost_is_recovered_from_the_list_and_not_resent() {
    let server = CannedServer::start(vec![
        (
            "GET /platform/v1/tokens",
            vec![
                Reply::json(
                    201,
                    json!({"data": {"tokens": ["tok-old-1234"]}, "status": "OK"}),
                ),
                Reply::json(
                    201,
                    json!({"data": {"tokens": ["tok-old-1234", "tok-new-5678"]}, "status": "OK"}),
                ),
            ],
        ),
        ("POST /platform/v1/tokens", vec![Reply::json(500, "{}")]),
    ])
    .await;
    let token = client(&server.base)
        .create_app_token("app-42")
        .await
        .unwrap();
    assert_eq!(token.expose(), "tok-new-5678");
    assert_eq!(server.count("POST /platform/v1/tokens"), 1);
}

#[tokio::test]
async fn a_revoke_whose_answer_is_lost_checks_the_list_and_says_whether_it_worked() {
    let gone = CannedServer::start(vec![
        (
            "POST /platform/v1/tokens/revoke",
            vec![Reply::json(500, "{}")],
        ),
        (
            "GET /platform/v1/tokens",
            vec![Reply::json(
                201,
                json!({"data": {"tokens": []}, "status": "OK"}),
            )],
        ),
    ])
    .await;
    client(&gone.base)
        .revoke_app_token("app-42", &Secret::new("tok-old-1234"))
        .await
        .unwrap();
    assert_eq!(gone.count("POST /platform/v1/tokens/revoke"), 1);

    let still_there = CannedServer::start(vec![
        (
            "POST /platform/v1/tokens/revoke",
            vec![Reply::json(500, "{}")],
        ),
        (
            "GET /platform/v1/tokens",
            vec![Reply::json(
                201,
                json!({"data": {"tokens": ["tok-old-1234"]}, "status": "OK"}),
            )],
        ),
    ])
    .await;
    let error = client(&still_there.base)
        .revoke_app_token("app-42", &Secret::new("tok-old-1234"))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Server);
    assert!(error.message.contains("still active"), "{}", error.message);
    assert!(
        !error.message.contains("tok-old-1234"),
        "only the masked tail is shown"
    );
}

#[tokio::test]
async fn a_revoke_of_an_unknown_token_is_not_found() {
    let server = CannedServer::start(vec![(
        "POST /platform/v1/tokens/revoke",
        vec![Reply::json(
            422,
            json!({"status": "Error", "error": "invalid token"}),
        )],
    )])
    .await;
    let error = client(&server.base)
        .revoke_app_token("app-42", &Secret::new("nope"))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
}

// ---- branding and OAuth ----

#[tokio::test]
async fn branding_is_read_for_a_white_label_host() {
    let server = CannedServer::start(vec![(
        "GET /platform/v1/directory/branding",
        vec![Reply::json(200, json!({"data": {"colors": {"primary": "#374766"}, "name": "Dir", "uid": "aaaabbbb"}, "success": true}))],
    )])
    .await;
    let branding = client(&server.base)
        .directory_branding(Some("brand.example.com"))
        .await
        .unwrap();
    assert_eq!(branding.uid.as_deref(), Some("aaaabbbb"));
    assert_eq!(
        server.requests()[0].path_and_query,
        "/platform/v1/directory/branding?host=brand.example.com"
    );
}

fn exchange() -> CodeExchange {
    CodeExchange {
        client_id: "cid-1".into(),
        client_secret: Secret::new("client-secret-canary"),
        code: Secret::new("code-canary"),
        redirect_uri: "http://127.0.0.1:4567/callback".into(),
        code_verifier: None,
    }
}

#[tokio::test]
async fn a_code_exchange_returns_the_grant_and_how_long_it_took() {
    let server = CannedServer::start(vec![(
        "POST /oauth/token",
        vec![Reply::json(
            200,
            json!({"access_token": "at-canary", "created_at": 1754377015, "expires_in": 631139040, "token_type": "Bearer"}),
        )
        .after(Duration::from_millis(150))],
    )])
    .await;
    let oauth = OAuthClient::with_options(server.base.clone(), options());
    let timed = oauth.exchange_code(&exchange()).await;
    let grant = timed.value.unwrap();
    assert_eq!(grant.access_token.expose(), "at-canary");
    assert!(timed.elapsed >= Duration::from_millis(150));
    let request = &server.requests()[0];
    assert_eq!(
        request.authorization, None,
        "the token endpoint takes no bearer"
    );
    let body: Value = serde_json::from_str(&request.body).unwrap();
    assert_eq!(body["grant_type"], "authorization_code");
    assert_eq!(body["code"], "code-canary");
}

#[tokio::test]
async fn a_code_exchange_is_never_retried_even_after_a_5xx() {
    let server =
        CannedServer::start(vec![("POST /oauth/token", vec![Reply::json(503, "{}")])]).await;
    let oauth = client(&server.base).oauth();
    let timed = oauth.exchange_code(&exchange()).await;
    assert_eq!(timed.value.unwrap_err().code, ErrorCode::Server);
    assert_eq!(server.count("POST /oauth/token"), 1);
}

#[tokio::test]
async fn an_expired_code_is_invalid_grant_with_the_vendor_description() {
    let server = CannedServer::start(vec![(
        "POST /oauth/token",
        vec![Reply::json(400, json!({"error": "invalid_grant", "error_description": "The authorization code has expired"}))],
    )])
    .await;
    let error = OAuthClient::with_options(server.base.clone(), options())
        .exchange_code(&exchange())
        .await
        .value
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidGrant);
    assert_eq!(
        error.vendor_message.as_deref(),
        Some("The authorization code has expired")
    );
    assert!(
        !error.message.contains("code-canary") && !error.message.contains("client-secret-canary")
    );
}

#[tokio::test]
async fn userinfo_is_read_with_the_bearer_it_is_given() {
    let server = CannedServer::start(vec![(
        "GET /oauth/userinfo",
        vec![Reply::json(
            200,
            json!({"sub": "a383717599bf1893", "type": "staff", "role": "owner"}),
        )],
    )])
    .await;
    let user = client(&server.base)
        .oauth()
        .userinfo(&Secret::new("user-access-token"))
        .await
        .unwrap();
    assert_eq!(user.sub.as_deref(), Some("a383717599bf1893"));
    assert_eq!(
        server.requests()[0].authorization.as_deref(),
        Some("Bearer user-access-token")
    );
}

#[tokio::test]
async fn a_service_token_is_requested_with_the_app_credentials_and_bad_ones_are_invalid_client() {
    let server = CannedServer::start(vec![(
        "POST /oauth/service/token",
        vec![
            Reply::json(200, json!({"access_token": "st", "created_at": "2021-11-16T13:29:47.000Z", "expires_in": 3600, "token_type": "Bearer"})),
            Reply::json(400, "{}"),
        ],
    )])
    .await;
    let oauth = client(&server.base).oauth();
    let credentials = ServiceCredentials {
        service_id: "cid-1".into(),
        service_secret: Secret::new("client-secret-canary"),
    };
    let token = oauth.service_token(&credentials).await.unwrap();
    assert_eq!(token.expires_in, Some(3600));
    let body: Value = serde_json::from_str(&server.requests()[0].body).unwrap();
    assert_eq!(
        body,
        json!({"service_id": "cid-1", "service_secret": "client-secret-canary"})
    );
    let error = oauth.service_token(&credentials).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidClient);
    assert_eq!(
        server.count("POST /oauth/service/token"),
        2,
        "a 400 is not retried"
    );
}

#[tokio::test]
async fn an_api_base_with_a_path_prefix_is_kept() {
    let server = CannedServer::start(vec![(
        "GET /api/platform/v1/apps",
        vec![apps_list(&["a1"])],
    )])
    .await;
    let base = server.base.join("/api").unwrap();
    let apps = client(&base).list_apps().await.unwrap();
    assert_eq!(apps.len(), 1);
}

// ---- what the client refuses, whatever the server does ----

#[tokio::test]
async fn a_redirect_is_an_error_naming_where_it_pointed_and_nothing_is_sent_there() {
    let thief = CannedServer::start(vec![("POST /steal", vec![Reply::json(200, "{}")])]).await;
    let steal = format!("http://localhost:{}/steal", thief.base.port().unwrap());
    let server = CannedServer::start(vec![(
        "POST /oauth/token",
        vec![Reply::json(307, "{}").header("location", steal)],
    )])
    .await;
    let oauth = client(&server.base).oauth();
    let error = oauth.exchange_code(&exchange()).await.value.unwrap_err();
    assert_eq!(error.code, ErrorCode::Decode);
    assert_eq!(error.status, Some(307));
    assert!(
        error.message.contains("redirect") && error.message.contains("localhost"),
        "{}",
        error.message
    );
    assert!(!error.message.contains("client-secret-canary"));
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        thief.requests().is_empty(),
        "the redirect target received nothing: {:?}",
        thief.requests()
    );
    assert_eq!(server.count("POST /oauth/token"), 1);
}

fn small_body_limit() -> ClientOptions {
    ClientOptions {
        max_body_bytes: 64 * 1024,
        ..options()
    }
}

#[tokio::test]
async fn an_answer_declared_larger_than_the_limit_is_refused_before_it_is_read() {
    let (base, served) = raw_server(vec![format!(
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{\"data\":[",
        100 * 1024 * 1024
    )])
    .await;
    let client = PlatformClient::with_options(base, Secret::new(TOKEN), small_body_limit());
    let error = client.list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Decode);
    assert!(
        error.message.starts_with("Listing apps failed") && error.message.contains("100.0 MiB"),
        "{}",
        error.message
    );
    assert_eq!(
        *served.lock().unwrap(),
        1,
        "a too-large answer is not asked for again"
    );
}

#[tokio::test]
async fn a_streamed_answer_longer_than_the_limit_is_cut_off_with_a_clear_error() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = Url::parse(&format!("http://{}", listener.local_addr().unwrap())).unwrap();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = vec![0u8; 16 * 1024];
        let _ = socket.read(&mut request).await;
        let head = "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("{:x}\r\n{}\r\n", 8192, " ".repeat(8192));
        // 100 MiB unless the client stops reading.
        for _ in 0..12_800 {
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
    });
    let client = PlatformClient::with_options(base, Secret::new(TOKEN), small_body_limit());
    let error = client.list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Decode);
    assert!(
        error.message.starts_with("Listing apps failed")
            && error.message.contains("past the 64 KiB"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn plain_http_to_another_computer_is_refused_before_anything_is_sent() {
    let remote = Url::parse("http://api.example.invalid/").unwrap();
    let client = PlatformClient::with_options(remote.clone(), Secret::new(TOKEN), options());
    let error = client.list_apps().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error.message.contains("plain http") && error.message.contains("not attempted"),
        "{}",
        error.message
    );
    // Opted in: it is attempted (and this name resolves nowhere).
    let allowed = PlatformClient::with_options(
        remote,
        Secret::new(TOKEN),
        ClientOptions {
            allow_insecure_http: true,
            ..options()
        },
    );
    let error = allowed.list_apps().await.unwrap_err();
    assert_ne!(error.code, ErrorCode::InvalidInput, "{}", error.message);
    // Loopback needs no opt-in.
    let server = CannedServer::start(vec![(APPS, vec![apps_list(&["loopbackapp"])])]).await;
    assert_eq!(
        client_for_loopback(&server.base)
            .list_apps()
            .await
            .unwrap()
            .len(),
        1
    );
}

fn client_for_loopback(base: &Url) -> PlatformClient {
    PlatformClient::with_options(base.clone(), Secret::new(TOKEN), options())
}
