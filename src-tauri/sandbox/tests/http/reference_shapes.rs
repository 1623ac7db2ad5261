//! Every endpoint answers with the status the vendor reference documents, and a body with
//! exactly the keys (and, where both are set, the JSON types) of the reference's example.

use crate::support::{
    assert_same_shape, documented_error, documented_success, reference, start_with, Running,
};
use intandem_sandbox::SandboxConfig;
use reqwest::Method;
use serde_json::{json, Value};

/// An app with every documented field set, so the shapes compare real values.
fn full_app_body() -> Value {
    json!({
        "name": "Shape app",
        "app_code_name": "shapeapp",
        "redirect_uri": "https://shape.example.com/app",
        "oauth_redirect_uris": ["https://shape.example.com/cb", "http://127.0.0.1:8765/callback"],
        "trusted": "false",
        "app_type": ["communication", "menu_items"],
        "url_params": ["brand_host", "business_uid"],
        "menu_items": {"subitems": [{"category": "clients", "item_name": {"en": "Page"}, "route": "page",
                                     "display_order": 0, "permissions": ["can_view_payments"]}]},
        "open_in_new_tab": true,
        "full_screen": false,
        "description": {"logo": "https://shape.example.com/logo.png", "short_description": "Short", "text": "Long"},
        "app_features": ["Talk to all your friends!"],
        "app_screenshot_uris": ["https://shape.example.com/1.png"],
        "app_mobile_screenshot_uris": ["https://shape.example.com/m1.png"],
        "contact_support_link": "https://shape.example.com/support",
        "locales": ["en"],
        "privacy_policy_link": "https://shape.example.com/privacy",
        "personal_connection": true,
        "supported_countries": ["United States"],
        "api_uri": "https://shape.example.com/api",
        "app_layer": "cores",
        "deep_link": {"path": "/app/somepath", "path_params": {"tab": 12}},
        "scopes": ["openid", "clients"],
        "demand_scopes": ["clients"],
        "access_token_format": "opaque",
        "client_auth_jwks_uri": "https://shape.example.com/.well-known/jwks.json",
    })
}

async fn sandbox_with_full_app() -> (Running, Value) {
    let running = start_with(SandboxConfig {
        seed_apps: 0,
        ..SandboxConfig::default()
    })
    .await;
    let created = running.create_app(full_app_body()).await;
    (running, created)
}

#[tokio::test]
async fn listing_apps_answers_the_documented_201_with_the_example_keys() {
    let reference = reference();
    let (running, _) = sandbox_with_full_app().await;
    let answer = running.get("/platform/v1/apps", &running.token()).await;
    let (status, example) = documented_success(&reference, "/platform/v1/apps", "get");
    assert_eq!((answer.status, status), (201, 201), "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["apps"][0]["app_code_name"], "shapeapp");
    assert_same_shape(&body, &example, "GET /platform/v1/apps");
}

#[tokio::test]
async fn creating_an_app_answers_the_documented_201_with_the_example_keys() {
    let reference = reference();
    let running = start_with(SandboxConfig {
        seed_apps: 0,
        ..SandboxConfig::default()
    })
    .await;
    let answer = running
        .post("/platform/v1/apps", &running.token(), full_app_body())
        .await;
    let (status, example) = documented_success(&reference, "/platform/v1/apps", "post");
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_same_shape(&answer.json(), &example, "POST /platform/v1/apps");
}

#[tokio::test]
async fn reading_an_app_answers_the_documented_200_with_the_example_keys() {
    let reference = reference();
    let (running, _) = sandbox_with_full_app().await;
    let answer = running
        .get("/platform/v1/apps/shapeapp", &running.token())
        .await;
    let (status, example) = documented_success(&reference, "/platform/v1/apps/{id}", "get");
    assert_eq!(answer.status, status, "{}", answer.text);
    let body = answer.json();
    assert_same_shape(&body, &example, "GET /platform/v1/apps/{id}");
    assert_eq!(
        body["data"]["application"]["trusted"],
        json!(false),
        "trusted is a boolean on reads"
    );
}

#[tokio::test]
async fn updating_an_app_answers_the_documented_200_with_the_example_keys() {
    let reference = reference();
    let (running, _) = sandbox_with_full_app().await;
    let answer = running
        .put(
            "/platform/v1/apps/shapeapp",
            &running.token(),
            json!({"name": "Shape app v2"}),
        )
        .await;
    let (status, example) = documented_success(&reference, "/platform/v1/apps/{id}", "put");
    assert_eq!(answer.status, status, "{}", answer.text);
    let body = answer.json();
    assert_same_shape(&body, &example, "PUT /platform/v1/apps/{id}");
    assert_eq!(body["application"]["name"], "Shape app v2");
    assert_eq!(
        body["application"]["trusted"],
        json!("false"),
        "the update example returns trusted as a string"
    );
}

#[tokio::test]
async fn app_tokens_create_list_and_revoke_answer_as_documented() {
    let reference = reference();
    let (running, created) = sandbox_with_full_app().await;
    let token = running.token();

    let answer = running
        .post(
            "/platform/v1/tokens",
            &token,
            json!({"app_id": created["app_id"]}),
        )
        .await;
    let (status, example) = documented_success(&reference, "/platform/v1/tokens", "post");
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_same_shape(&answer.json(), &example, "POST /platform/v1/tokens");
    let app_token = answer.json()["data"]["token"].as_str().unwrap().to_string();

    let answer = running.get("/platform/v1/tokens", &token).await;
    let (status, example) = documented_success(&reference, "/platform/v1/tokens", "get");
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_same_shape(&answer.json(), &example, "GET /platform/v1/tokens");
    let tail = &app_token[app_token.len() - 4..];
    assert_eq!(
        answer.json()["data"]["tokens"][0]["token"],
        json!(format!("****{tail}")),
        "listed masked, as a careful platform lists them"
    );

    let answer = running
        .post(
            "/platform/v1/tokens/revoke",
            &token,
            json!({"token": app_token}),
        )
        .await;
    let (status, example) = documented_success(&reference, "/platform/v1/tokens/revoke", "post");
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_same_shape(&answer.json(), &example, "POST /platform/v1/tokens/revoke");
    assert_eq!(answer.json()["data"]["revoked_tokens"], json!([app_token]));
}

#[tokio::test]
async fn directory_branding_answers_the_documented_200_with_the_example_keys() {
    let reference = reference();
    let (running, _) = sandbox_with_full_app().await;
    let answer = running
        .get("/platform/v1/directory/branding", &running.token())
        .await;
    let (status, example) =
        documented_success(&reference, "/platform/v1/directory/branding", "get");
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_same_shape(
        &answer.json(),
        &example,
        "GET /platform/v1/directory/branding",
    );
}

#[tokio::test]
async fn the_service_token_answers_the_documented_200_with_the_example_keys() {
    let reference = reference();
    let (running, created) = sandbox_with_full_app().await;
    let body =
        json!({"service_id": created["client_id"], "service_secret": created["client_secret"]});
    let answer = running
        .call(Method::POST, "/oauth/service/token", None, Some(body))
        .await;
    let (status, example) = documented_success(&reference, "/oauth/service/token", "post");
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_same_shape(&answer.json(), &example, "POST /oauth/service/token");
}

#[tokio::test]
async fn the_code_exchange_and_userinfo_answer_the_documented_200_with_the_example_keys() {
    let reference = reference();
    let running = start_with(SandboxConfig::default()).await;
    let app = running.oauth_app(false).await;
    let code = running.code(&app, &[]).await;

    let answer = running.exchange(&app, &code, &app.redirect_uri, None).await;
    let (status, example) = documented_success(&reference, "/oauth/token", "post");
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_same_shape(&answer.json(), &example, "POST /oauth/token");
    let access_token = answer.json()["access_token"].as_str().unwrap().to_string();

    let answer = running.get("/oauth/userinfo", &access_token).await;
    let (status, example) = documented_success(&reference, "/oauth/userinfo", "get");
    assert_eq!(answer.status, status, "{}", answer.text);
    assert_same_shape(&answer.json(), &example, "GET /oauth/userinfo");
    let host = running
        .info()
        .brand_url
        .trim_start_matches("http://")
        .to_string();
    assert_eq!(answer.json()["brand_host"], json!(host));
}

#[tokio::test]
async fn documented_error_bodies_are_answered_verbatim() {
    let reference = reference();
    let running = start_with(SandboxConfig::default()).await;
    let token = running.token();

    let answer = running.get("/platform/v1/tokens", "not-a-token").await;
    assert_eq!(answer.status, 401);
    assert_eq!(
        answer.json(),
        documented_error(&reference, "/platform/v1/tokens", "get", "401")
    );

    let answer = running.post("/platform/v1/tokens", &token, json!({})).await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        answer.json(),
        documented_error(&reference, "/platform/v1/tokens", "post", "400")
    );

    let answer = running
        .post(
            "/platform/v1/tokens",
            &token,
            json!({"app_id": "nosuchapp"}),
        )
        .await;
    assert_eq!(answer.status, 404);
    assert_eq!(
        answer.json(),
        documented_error(&reference, "/platform/v1/tokens", "post", "404")
    );

    let answer = running
        .post(
            "/platform/v1/tokens/revoke",
            &token,
            json!({"token": "0".repeat(64)}),
        )
        .await;
    assert_eq!(answer.status, 422);
    assert_eq!(
        answer.json(),
        json!({"status": "Error", "error": "invalid token"})
    );
    assert_same_shape(
        &answer.json(),
        &documented_error(&reference, "/platform/v1/tokens/revoke", "post", "422"),
        "revoke 422",
    );
}

#[tokio::test]
async fn oauth_token_errors_have_the_documented_shape_and_statuses() {
    let reference = reference();
    let running = start_with(SandboxConfig::default()).await;
    let app = running.oauth_app(false).await;

    let missing = json!({"grant_type": "authorization_code", "client_id": app.client_id});
    let answer = running
        .call(Method::POST, "/oauth/token", None, Some(missing))
        .await;
    assert_eq!(answer.status, 400);
    assert_same_shape(
        &answer.json(),
        &documented_error(&reference, "/oauth/token", "post", "400"),
        "400",
    );
    assert_eq!(answer.json()["error"], "invalid_request");

    let wrong_secret = json!({"grant_type": "authorization_code", "client_id": app.client_id,
        "client_secret": "f".repeat(64), "code": "x", "redirect_uri": app.redirect_uri});
    let answer = running
        .call(Method::POST, "/oauth/token", None, Some(wrong_secret))
        .await;
    assert_eq!(answer.status, 401);
    assert_eq!(
        answer.json(),
        documented_error(&reference, "/oauth/token", "post", "401")
    );
}
