//! `POST /oauth/token`: codes are single-use (a replay revokes the token), bound to the
//! client and the redirect URI, valid 30 seconds, and checked against the PKCE verifier.

use crate::support::{s256, start};
use reqwest::Method;
use serde_json::json;

const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

#[tokio::test]
async fn a_code_is_exchanged_once_and_its_replay_revokes_the_token() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let code = running.code(&app, &[]).await;

    let first = running.exchange(&app, &code, &app.redirect_uri, None).await;
    assert_eq!(first.status, 200, "{}", first.text);
    assert_eq!(first.json()["token_type"], "Bearer");
    assert_eq!(first.header("cache-control"), Some("no-store"));
    let access_token = first.json()["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        running.get("/oauth/userinfo", &access_token).await.status,
        200
    );

    let replay = running.exchange(&app, &code, &app.redirect_uri, None).await;
    assert_eq!(replay.status, 401, "{}", replay.text);
    assert_eq!(replay.json()["error"], "invalid_grant");
    assert!(replay.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("already been used"));
    assert_eq!(
        running.get("/oauth/userinfo", &access_token).await.status,
        401,
        "the token from the code is revoked"
    );
}

#[tokio::test]
async fn a_code_expires_30_seconds_after_it_was_issued() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let admin = running.sandbox.admin();

    let code = running.code(&app, &[]).await;
    admin.advance_clock(28).await.unwrap();
    assert_eq!(
        running
            .exchange(&app, &code, &app.redirect_uri, None)
            .await
            .status,
        200,
        "still valid at 28 s"
    );

    let code = running.code(&app, &[]).await;
    admin.advance_clock(31).await.unwrap();
    let late = running.exchange(&app, &code, &app.redirect_uri, None).await;
    assert_eq!(late.status, 401, "{}", late.text);
    assert_eq!(late.json()["error"], "invalid_grant");
    assert!(late.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("expired"));
}

#[tokio::test]
async fn a_clock_fault_on_the_token_path_makes_every_exchange_arrive_too_late() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let admin = running.sandbox.admin();
    admin
        .set_faults(&intandem_sandbox::Faults {
            advance_clock_secs: Some(31),
            paths: vec!["/oauth/token".into()],
            ..Default::default()
        })
        .await
        .unwrap();
    let before = admin.clock().await.unwrap().offset_secs;
    let code = running.code(&app, &[]).await;
    assert_eq!(
        admin.clock().await.unwrap().offset_secs,
        before,
        "the authorize pages are not on the fault's path"
    );
    let late = running.exchange(&app, &code, &app.redirect_uri, None).await;
    assert_eq!(late.status, 401, "{}", late.text);
    assert_eq!(late.json()["error"], "invalid_grant");
    assert_eq!(admin.clock().await.unwrap().offset_secs, before + 31);

    let refused = admin
        .set_faults(&intandem_sandbox::Faults {
            advance_clock_secs: Some(100_000),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(
        refused.to_string().contains("advance_clock_secs"),
        "{refused}"
    );
}

#[tokio::test]
async fn a_code_is_bound_to_its_redirect_uri() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let code = running.code(&app, &[]).await;
    let mismatch = running
        .exchange(&app, &code, "https://app.example.com/landing", None)
        .await;
    assert_eq!(mismatch.status, 401, "{}", mismatch.text);
    assert_eq!(mismatch.json()["error"], "invalid_grant");
    assert!(mismatch.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("redirect_uri"));
    assert_eq!(
        running
            .exchange(&app, &code, &app.redirect_uri, None)
            .await
            .status,
        200,
        "the right URI still works"
    );
}

#[tokio::test]
async fn a_code_is_bound_to_its_client() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let other = running.oauth_app(false).await;
    let code = running.code(&app, &[]).await;
    let stolen = running
        .exchange(&other, &code, &app.redirect_uri, None)
        .await;
    assert_eq!(stolen.status, 401, "{}", stolen.text);
    assert_eq!(stolen.json()["error"], "invalid_grant");
    assert_eq!(
        running
            .exchange(&app, &code, &app.redirect_uri, None)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn a_pkce_code_needs_the_matching_verifier() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let challenge = s256(VERIFIER);
    let pkce = [
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    let code = running.code(&app, &pkce).await;

    let wrong = running
        .exchange(
            &app,
            &code,
            &app.redirect_uri,
            Some("wrong-verifier-wrong-verifier-wrong-verifier"),
        )
        .await;
    assert_eq!(wrong.status, 401, "{}", wrong.text);
    assert_eq!(wrong.json()["error"], "invalid_grant");
    assert!(wrong.json()["error_description"]
        .as_str()
        .unwrap()
        .contains("code_verifier"));

    let missing = running.exchange(&app, &code, &app.redirect_uri, None).await;
    assert_eq!(missing.status, 401);
    assert_eq!(missing.json()["error"], "invalid_grant");

    assert_eq!(
        running
            .exchange(&app, &code, &app.redirect_uri, Some(VERIFIER))
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn the_exchange_also_accepts_a_urlencoded_form() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let code = running.code(&app, &[]).await;
    let form = [
        ("grant_type", "authorization_code"),
        ("code", &code),
        ("client_id", &app.client_id),
        ("client_secret", &app.client_secret),
        ("redirect_uri", &app.redirect_uri),
    ];
    let answer = running
        .http
        .post(running.url("/oauth/token"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
}

#[tokio::test]
async fn an_unknown_code_or_grant_type_is_refused_in_the_oauth_shape() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let unknown = running
        .exchange(&app, "not-a-code", &app.redirect_uri, None)
        .await;
    assert_eq!(
        (unknown.status, unknown.json()["error"].clone()),
        (401, json!("invalid_grant"))
    );

    let body = json!({"grant_type": "password", "client_id": app.client_id, "client_secret": app.client_secret});
    let answer = running
        .call(Method::POST, "/oauth/token", None, Some(body))
        .await;
    assert_eq!(
        (answer.status, answer.json()["error"].clone()),
        (400, json!("unsupported_grant_type"))
    );
}

#[tokio::test]
async fn userinfo_describes_the_user_who_approved_and_refuses_other_tokens() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let code = running.code(&app, &[]).await;
    let token = running
        .exchange(&app, &code, &app.redirect_uri, None)
        .await
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    let info = running.get("/oauth/userinfo", &token).await.json();
    assert_eq!(info["email"], json!(running.info().user_email));
    assert_eq!(info["type"], "staff");
    assert_eq!(info["business_uid"], info["business_id"]);

    let directory = running.get("/oauth/userinfo", &running.token()).await;
    assert_eq!(
        directory.status, 401,
        "a directory token is not a staff token"
    );
}
