//! The app rules: directory isolation, names, code names, credentials, `trusted`, redirect URIs.

use crate::support::start;
use serde_json::{json, Value};

fn app(name: &str) -> Value {
    json!({"name": name, "redirect_uri": "https://app.example.com/landing"})
}

#[tokio::test]
async fn another_directorys_app_is_simply_not_found() {
    let running = start().await;
    let created = running.create_app(json!({"name": "Mine", "app_code_name": "mineonly", "redirect_uri": "https://a.example/x"})).await;
    let other = running.other_token();

    let read = running.get("/platform/v1/apps/mineonly", &other).await;
    assert_eq!(read.status, 404, "{}", read.text);
    assert_eq!(read.json()["status"], "Error");
    assert!(read.json()["message"]
        .as_str()
        .unwrap()
        .contains("mineonly"));

    let update = running
        .put(
            "/platform/v1/apps/mineonly",
            &other,
            json!({"name": "Stolen"}),
        )
        .await;
    assert_eq!(update.status, 404, "{}", update.text);

    let listed = running.get("/platform/v1/apps", &other).await.json();
    let codes: Vec<&str> = listed["apps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["app_code_name"].as_str().unwrap())
        .collect();
    assert!(!codes.contains(&"mineonly"), "{codes:?}");
    assert!(
        !codes.is_empty(),
        "the other directory has its own seeded app"
    );
    let token = running
        .post(
            "/platform/v1/tokens",
            &other,
            json!({"app_id": created["app_id"]}),
        )
        .await;
    assert_eq!(token.status, 404, "{}", token.text);

    let mine = running
        .get("/platform/v1/apps", &running.token())
        .await
        .json();
    assert!(mine["apps"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| !codes.contains(&a["app_code_name"].as_str().unwrap())));
}

#[tokio::test]
async fn names_must_have_3_to_25_characters() {
    let running = start().await;
    for (name, status) in [
        ("ab", 422),
        ("abc", 201),
        (&"n".repeat(25)[..], 201),
        (&"n".repeat(26)[..], 422),
    ] {
        let answer = running
            .post("/platform/v1/apps", &running.token(), app(name))
            .await;
        assert_eq!(
            answer.status,
            status,
            "name of {} chars: {}",
            name.len(),
            answer.text
        );
        if status == 422 {
            assert_eq!(answer.json()["status"], "Error");
            assert!(
                answer.json()["message"]
                    .as_str()
                    .unwrap()
                    .starts_with("name"),
                "{}",
                answer.text
            );
        }
    }
    let update = running
        .put(
            "/platform/v1/apps/abc",
            &running.token(),
            json!({"name": "xy"}),
        )
        .await;
    assert_eq!(update.status, 422, "{}", update.text);
}

#[tokio::test]
async fn a_name_and_a_redirect_uri_are_required_to_create() {
    let running = start().await;
    let answer = running
        .post(
            "/platform/v1/apps",
            &running.token(),
            json!({"redirect_uri": "https://a.example/x"}),
        )
        .await;
    assert_eq!(answer.status, 422);
    assert!(answer.json()["message"].as_str().unwrap().contains("name"));
    let answer = running
        .post(
            "/platform/v1/apps",
            &running.token(),
            json!({"name": "No landing"}),
        )
        .await;
    assert_eq!(answer.status, 422);
    assert!(answer.json()["message"]
        .as_str()
        .unwrap()
        .contains("redirect_uri"));
}

#[tokio::test]
async fn code_names_must_be_alphanumeric_and_unique_across_directories() {
    let running = start().await;
    let bad = running.post("/platform/v1/apps", &running.token(), json!({"name": "Bad", "app_code_name": "bad_name", "redirect_uri": "https://a.example/x"})).await;
    assert_eq!(bad.status, 422, "{}", bad.text);
    assert!(bad.json()["message"]
        .as_str()
        .unwrap()
        .starts_with("app_code_name"));

    running.create_app(json!({"name": "Taken", "app_code_name": "takenname", "redirect_uri": "https://a.example/x"})).await;
    let clash = running
        .post("/platform/v1/apps", &running.other_token(), json!({"name": "Clash", "app_code_name": "TakenName", "redirect_uri": "https://a.example/x"}))
        .await;
    assert_eq!(clash.status, 422, "{}", clash.text);
    assert!(clash.json()["message"]
        .as_str()
        .unwrap()
        .contains("already taken"));
}

#[tokio::test]
async fn the_client_secret_is_returned_only_by_create() {
    let running = start().await;
    let created = running.create_app(json!({"name": "Secretive", "app_code_name": "secretive", "redirect_uri": "https://a.example/x"})).await;
    let secret = created["client_secret"].as_str().unwrap();
    let token = running.token();
    for path in ["/platform/v1/apps", "/platform/v1/apps/secretive"] {
        let answer = running.get(path, &token).await;
        assert!(!answer.text.contains(secret), "{path} leaks the secret");
        assert!(
            !answer.text.contains("client_secret"),
            "{path} mentions client_secret"
        );
    }
    let update = running
        .put(
            "/platform/v1/apps/secretive",
            &token,
            json!({"name": "Still secret"}),
        )
        .await;
    assert_eq!(update.status, 200);
    assert!(!update.text.contains(secret));
}

#[tokio::test]
async fn a_directory_token_cannot_change_trusted_but_the_internal_token_can() {
    let running = start().await;
    running.create_app(json!({"name": "Trust me", "app_code_name": "trustme", "redirect_uri": "https://a.example/x", "trusted": "false"})).await;
    let token = running.token();

    let change = running
        .put(
            "/platform/v1/apps/trustme",
            &token,
            json!({"trusted": "true"}),
        )
        .await;
    assert_eq!(change.status, 422, "{}", change.text);
    let message = change.json()["message"].as_str().unwrap().to_string();
    assert!(
        message.contains("trusted") && message.contains("directory token"),
        "{message}"
    );
    let read = running
        .get("/platform/v1/apps/trustme", &token)
        .await
        .json();
    assert_eq!(read["data"]["application"]["trusted"], json!(false));

    let same = running
        .put(
            "/platform/v1/apps/trustme",
            &token,
            json!({"trusted": "false", "name": "Trust me too"}),
        )
        .await;
    assert_eq!(
        same.status, 200,
        "sending the current value is not a change: {}",
        same.text
    );

    let internal = running.info().admin_token.clone();
    let change = running
        .put(
            "/platform/v1/apps/trustme",
            &internal,
            json!({"trusted": true}),
        )
        .await;
    assert_eq!(change.status, 200, "{}", change.text);
    let read = running
        .get("/platform/v1/apps/trustme", &token)
        .await
        .json();
    assert_eq!(read["data"]["application"]["trusted"], json!(true));
}

#[tokio::test]
async fn redirect_uris_must_be_absolute_https_or_http_on_loopback() {
    let running = start().await;
    let token = running.token();
    let cases = [
        (
            json!({"redirect_uri": "http://myapp.example.com/cb"}),
            422,
            "redirect_uri",
        ),
        (json!({"redirect_uri": "/relative/cb"}), 422, "redirect_uri"),
        (
            json!({"redirect_uri": "https://myapp.example.com/cb#frag"}),
            422,
            "redirect_uri",
        ),
        (
            json!({"redirect_uri": "https://a.example/x", "oauth_redirect_uris": ["https://ok.example/cb", "http://evil.example/cb"]}),
            422,
            "oauth_redirect_uris[1]",
        ),
        (
            json!({"redirect_uri": "http://127.0.0.1:9999/cb", "oauth_redirect_uris": ["http://localhost:3000/cb", "http://[::1]/cb"]}),
            201,
            "",
        ),
    ];
    for (i, (mut body, status, field)) in cases.into_iter().enumerate() {
        body["name"] = json!(format!("Redirects {i}"));
        let answer = running.post("/platform/v1/apps", &token, body).await;
        assert_eq!(answer.status, status, "case {i}: {}", answer.text);
        if status == 422 {
            assert!(
                answer.json()["message"]
                    .as_str()
                    .unwrap()
                    .starts_with(field),
                "case {i}: {}",
                answer.text
            );
        }
    }
    running.create_app(json!({"name": "Updatable", "app_code_name": "updatable", "redirect_uri": "https://a.example/x"})).await;
    let update = running
        .put(
            "/platform/v1/apps/updatable",
            &token,
            json!({"oauth_redirect_uris": ["ftp://a.example/cb"]}),
        )
        .await;
    assert_eq!(update.status, 422, "{}", update.text);
    let update = running
        .put(
            "/platform/v1/apps/updatable",
            &token,
            json!({"oauth_redirect_uris": ["https://b.example/cb"]}),
        )
        .await;
    assert_eq!(
        update.json()["application"]["oauth_redirect_uris"],
        json!(["https://b.example/cb"])
    );
}

#[tokio::test]
async fn an_unknown_app_is_a_vendor_shaped_404() {
    let running = start().await;
    let answer = running
        .get("/platform/v1/apps/nosuchapp", &running.token())
        .await;
    assert_eq!(answer.status, 404);
    assert_eq!(answer.json()["status"], "Error");
    assert!(answer.json()["message"]
        .as_str()
        .unwrap()
        .contains("nosuchapp"));
}

#[tokio::test]
async fn a_bad_bearer_is_401_unauthorized_everywhere() {
    let running = start().await;
    for path in [
        "/platform/v1/apps",
        "/platform/v1/apps/x",
        "/platform/v1/tokens",
        "/platform/v1/directory/branding",
        "/oauth/userinfo",
    ] {
        let answer = running.get(path, "0123456789abcdef").await;
        assert_eq!(answer.status, 401, "{path}");
        assert_eq!(
            answer.json(),
            json!({"status": "Error", "message": "Unauthorized"}),
            "{path}"
        );
    }
    let unauthenticated = running
        .call(reqwest::Method::GET, "/platform/v1/apps", None, None)
        .await;
    assert_eq!(unauthenticated.status, 401);
}
