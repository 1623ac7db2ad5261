//! App tokens and service tokens: a bearer for their own app only, dead once revoked or
//! expired; revocation limited to the caller's own tokens.

use crate::support::{start, start_with, Running};
use intandem_sandbox::{SandboxConfig, SandboxSettings};
use reqwest::Method;
use serde_json::{json, Value};

async fn two_apps(running: &Running) -> (Value, Value) {
    let one = running.create_app(json!({"name": "App one", "app_code_name": "appone", "redirect_uri": "https://a.example/x"})).await;
    let two = running.create_app(json!({"name": "App two", "app_code_name": "apptwo", "redirect_uri": "https://a.example/x"})).await;
    (one, two)
}

async fn app_token(running: &Running, app_id: &Value) -> String {
    let answer = running
        .post(
            "/platform/v1/tokens",
            &running.token(),
            json!({"app_id": app_id}),
        )
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    answer.json()["data"]["token"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn an_app_token_is_a_bearer_for_its_own_app_only() {
    let running = start().await;
    let (one, _) = two_apps(&running).await;
    let token = app_token(&running, &one["app_id"]).await;

    assert_eq!(
        running.get("/platform/v1/apps/appone", &token).await.status,
        200
    );
    assert_eq!(
        running.get("/platform/v1/apps/apptwo", &token).await.status,
        404
    );
    let listed = running.get("/platform/v1/apps", &token).await.json();
    let codes: Vec<&str> = listed["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["app_code_name"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["appone"]);

    let update = running
        .put(
            "/platform/v1/apps/appone",
            &token,
            json!({"name": "Renamed"}),
        )
        .await;
    assert_eq!(
        update.status, 401,
        "app tokens cannot update apps: {}",
        update.text
    );
    assert!(update.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("Unauthorized"));
    let create = running
        .post(
            "/platform/v1/apps",
            &token,
            json!({"name": "Sneaky", "redirect_uri": "https://a.example/x"}),
        )
        .await;
    assert_eq!(create.status, 401, "{}", create.text);
}

#[tokio::test]
async fn a_revoked_app_token_stops_working() {
    let running = start().await;
    let (one, _) = two_apps(&running).await;
    let token = app_token(&running, &one["app_id"]).await;
    assert_eq!(
        running.get("/platform/v1/apps/appone", &token).await.status,
        200
    );

    let revoke = running
        .post(
            "/platform/v1/tokens/revoke",
            &running.token(),
            json!({"token": token}),
        )
        .await;
    assert_eq!(revoke.status, 201, "{}", revoke.text);

    let after = running.get("/platform/v1/apps/appone", &token).await;
    assert_eq!(after.status, 401);
    assert_eq!(
        after.json(),
        json!({"status": "Error", "message": "Unauthorized"})
    );
    let listed = running
        .get("/platform/v1/tokens", &running.token())
        .await
        .json();
    assert_eq!(
        listed["data"]["tokens"],
        json!([]),
        "revoked tokens are not listed"
    );

    let again = running
        .post(
            "/platform/v1/tokens/revoke",
            &running.token(),
            json!({"token": token}),
        )
        .await;
    assert_eq!(again.status, 422);
    assert_eq!(
        again.json(),
        json!({"status": "Error", "error": "invalid token"})
    );
}

#[tokio::test]
async fn another_directory_cannot_revoke_my_tokens() {
    let running = start().await;
    let (one, _) = two_apps(&running).await;
    let token = app_token(&running, &one["app_id"]).await;

    let revoke = running
        .post(
            "/platform/v1/tokens/revoke",
            &running.other_token(),
            json!({"token": token}),
        )
        .await;
    assert_eq!(revoke.status, 422, "{}", revoke.text);
    assert_eq!(
        revoke.json(),
        json!({"status": "Error", "error": "Unauthorized"})
    );
    assert_eq!(
        running.get("/platform/v1/apps/appone", &token).await.status,
        200,
        "still valid"
    );

    let listed = running
        .get("/platform/v1/tokens", &running.other_token())
        .await
        .json();
    assert_eq!(
        listed["data"]["tokens"],
        json!([]),
        "the other directory does not see my tokens"
    );
}

#[tokio::test]
async fn the_seeded_directory_token_cannot_revoke_itself() {
    let running = start().await;
    let token = running.token();
    let revoke = running
        .post(
            "/platform/v1/tokens/revoke",
            &token,
            json!({"token": token}),
        )
        .await;
    assert_eq!(revoke.status, 422, "{}", revoke.text);
    assert_eq!(revoke.json()["error"], "Unauthorized");
    assert_eq!(running.get("/platform/v1/apps", &token).await.status, 201);
}

#[tokio::test]
async fn the_token_list_filters_by_app_id() {
    let running = start().await;
    let (one, two) = two_apps(&running).await;
    let first = app_token(&running, &one["app_id"]).await;
    app_token(&running, &two["app_id"]).await;
    let path = format!(
        "/platform/v1/tokens?app_id={}",
        one["app_id"].as_str().unwrap()
    );
    let listed = running.get(&path, &running.token()).await.json();
    let tokens = listed["data"]["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), 1, "{listed}");
    assert_eq!(
        tokens[0]["token"],
        json!(format!("****{}", &first[first.len() - 4..]))
    );
    assert_eq!(tokens[0]["app_id"], one["app_id"]);
}

#[tokio::test]
async fn tokens_are_listed_masked_by_default_and_in_full_when_the_sandbox_is_set_so() {
    let running = start().await;
    let (one, _) = two_apps(&running).await;
    let token = app_token(&running, &one["app_id"]).await;
    let path = format!(
        "/platform/v1/tokens?app_id={}",
        one["app_id"].as_str().unwrap()
    );
    let listed = running.get(&path, &running.token()).await;
    assert!(
        !listed.text.contains(&token),
        "the list hides the token: {}",
        listed.text
    );
    assert_eq!(
        listed.json()["data"]["tokens"][0]["token"],
        json!(format!("****{}", &token[token.len() - 4..]))
    );

    let admin = running.sandbox.admin();
    let settings = admin
        .set_settings(&SandboxSettings {
            list_tokens_in_full: true,
        })
        .await
        .unwrap();
    assert!(settings.list_tokens_in_full);
    assert!(admin.settings().await.unwrap().list_tokens_in_full);
    let listed = running.get(&path, &running.token()).await.json();
    assert_eq!(listed["data"]["tokens"][0]["token"], json!(token));

    // The same choice made at start.
    let full = start_with(SandboxConfig {
        settings: SandboxSettings {
            list_tokens_in_full: true,
        },
        ..SandboxConfig::default()
    })
    .await;
    let (one, _) = two_apps(&full).await;
    let token = app_token(&full, &one["app_id"]).await;
    let listed = full.get("/platform/v1/tokens", &full.token()).await;
    assert!(listed.text.contains(&token), "{}", listed.text);
}

#[tokio::test]
async fn an_unknown_setting_is_refused_by_name() {
    let running = start().await;
    let answer = running
        .http
        .put(running.url("/__admin/settings"))
        .bearer_auth(&running.info().admin_token)
        .json(&json!({"list_tokens_in_ful": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status().as_u16(), 422);
    assert!(answer.text().await.unwrap().contains("list_tokens_in_ful"));
}

#[tokio::test]
async fn a_directory_token_can_issue_a_directory_token_for_its_own_directory_only() {
    let running = start().await;
    let mine = running
        .post(
            "/platform/v1/tokens",
            &running.token(),
            json!({"directory_id": 1121}),
        )
        .await;
    assert_eq!(mine.status, 201, "{}", mine.text);
    let issued = mine.json()["data"]["token"].as_str().unwrap().to_string();
    assert_eq!(
        running
            .get("/platform/v1/directory/branding", &issued)
            .await
            .json()["data"]["name"],
        "Tandem Sandbox"
    );

    let theirs = running
        .post(
            "/platform/v1/tokens",
            &running.token(),
            json!({"directory_id": 1122}),
        )
        .await;
    assert_eq!(theirs.status, 404, "{}", theirs.text);
}

#[tokio::test]
async fn a_service_token_works_for_its_app_and_expires_after_an_hour() {
    let running = start().await;
    let (one, _) = two_apps(&running).await;
    let body = json!({"service_id": one["client_id"], "service_secret": one["client_secret"]});
    let answer = running
        .call(Method::POST, "/oauth/service/token", None, Some(body))
        .await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    assert_eq!(answer.json()["expires_in"], 3600);
    let token = answer.json()["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        running.get("/platform/v1/apps/appone", &token).await.status,
        200
    );

    running.sandbox.admin().advance_clock(3599).await.unwrap();
    assert_eq!(
        running.get("/platform/v1/apps/appone", &token).await.status,
        200
    );
    running.sandbox.admin().advance_clock(2).await.unwrap();
    assert_eq!(
        running.get("/platform/v1/apps/appone", &token).await.status,
        401
    );

    let wrong = json!({"service_id": one["client_id"], "service_secret": "0".repeat(64)});
    let answer = running
        .call(Method::POST, "/oauth/service/token", None, Some(wrong))
        .await;
    assert_eq!(answer.status, 400, "{}", answer.text);
    assert!(answer.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("Invalid credentials"));
}
