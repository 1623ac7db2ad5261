//! The "Create your first app" guide, step 2, verbatim.

use crate::support::start;
use serde_json::json;

fn is_hex64(value: &serde_json::Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit()))
}

#[tokio::test]
async fn the_guides_create_request_gets_the_documented_answer() {
    let running = start().await;
    let body = json!({"name": "My first app", "redirect_uri": "https://myapp.example.com/oauth/callback", "trusted": "true"});
    let answer = running
        .post("/platform/v1/apps", &running.token(), body)
        .await;
    assert_eq!(answer.status, 201, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["status"], "OK");
    let data = &body["data"];
    assert_eq!(data["app_code_name"], "myfirstapp");
    assert_eq!(data["name"], "My first app");
    assert!(data["app_id"].as_str().is_some_and(|id| !id.is_empty()));
    assert!(
        is_hex64(&data["client_id"]),
        "client_id: {}",
        data["client_id"]
    );
    assert!(
        is_hex64(&data["client_secret"]),
        "client_secret: {}",
        data["client_secret"]
    );
    assert_ne!(data["client_id"], data["client_secret"]);

    let read = running
        .get("/platform/v1/apps/myfirstapp", &running.token())
        .await
        .json();
    assert_eq!(
        read["data"]["application"]["trusted"],
        json!(true),
        "a directory token may set trusted on create"
    );
}

#[tokio::test]
async fn a_second_app_with_the_same_name_gets_a_postfixed_code_name() {
    let running = start().await;
    let body = json!({"name": "My first app", "redirect_uri": "https://myapp.example.com/cb", "trusted": "true"});
    let first = running.create_app(body.clone()).await;
    let second = running.create_app(body).await;
    assert_eq!(first["app_code_name"], "myfirstapp");
    let code = second["app_code_name"].as_str().unwrap();
    assert!(
        code.starts_with("myfirstapp") && code != "myfirstapp",
        "{code}"
    );
    assert!(code.chars().all(|c| c.is_ascii_alphanumeric()), "{code}");
}
