//! The admin API: guarded by the admin token; each fault knob does what it says; the
//! request log is redacted; reset returns to the seed with the same credentials.

use crate::support::start;
use intandem_sandbox::{AdminClientError, Faults};
use reqwest::Method;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn the_admin_api_needs_the_admin_token() {
    let running = start().await;
    let none = running
        .call(Method::GET, "/__admin/faults", None, None)
        .await;
    assert_eq!(none.status, 401);
    assert_eq!(
        none.json(),
        json!({"status": "Error", "message": "Unauthorized"})
    );
    let directory = running.get("/__admin/requests", &running.token()).await;
    assert_eq!(directory.status, 401);
    assert_eq!(
        running
            .get("/__admin/clock", &running.info().admin_token)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn latency_delays_answers_but_not_the_admin_api() {
    let running = start().await;
    let admin = running.sandbox.admin();
    admin
        .set_faults(&Faults {
            latency_ms: Some(250),
            ..Faults::default()
        })
        .await
        .unwrap();
    let started = Instant::now();
    assert_eq!(
        running
            .get("/platform/v1/apps", &running.token())
            .await
            .status,
        201
    );
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "{:?}",
        started.elapsed()
    );
    let started = Instant::now();
    admin.faults().await.unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(250),
        "admin calls are never delayed"
    );
}

#[tokio::test]
async fn an_error_rate_of_one_fails_every_request_with_the_chosen_5xx() {
    let running = start().await;
    let admin = running.sandbox.admin();
    admin
        .set_faults(&Faults {
            error_rate: Some(1.0),
            ..Faults::default()
        })
        .await
        .unwrap();
    for _ in 0..3 {
        let answer = running.get("/platform/v1/apps", &running.token()).await;
        assert_eq!(answer.status, 503, "503 when status_5xx is not given");
        assert_eq!(answer.json()["status"], "Error");
    }
    admin
        .set_faults(&Faults {
            error_rate: Some(1.0),
            status_5xx: Some(500),
            ..Faults::default()
        })
        .await
        .unwrap();
    assert_eq!(
        running
            .get("/platform/v1/apps", &running.token())
            .await
            .status,
        500
    );
    assert_eq!(
        admin.faults().await.unwrap().status_5xx,
        Some(500),
        "admin calls never fail"
    );
    admin.clear_faults().await.unwrap();
    assert_eq!(
        running
            .get("/platform/v1/apps", &running.token())
            .await
            .status,
        201
    );
}

#[tokio::test]
async fn a_partial_error_rate_fails_about_that_share_deterministically() {
    let running = start().await;
    let admin = running.sandbox.admin();
    let faults = Faults {
        error_rate: Some(0.5),
        seed: Some(7),
        ..Faults::default()
    };
    let mut runs = Vec::new();
    for _ in 0..2 {
        admin.set_faults(&faults).await.unwrap();
        let mut statuses = Vec::new();
        for _ in 0..40 {
            statuses.push(
                running
                    .get("/platform/v1/apps", &running.token())
                    .await
                    .status,
            );
        }
        runs.push(statuses);
    }
    let failures = runs[0].iter().filter(|s| **s == 503).count();
    assert!((8..=32).contains(&failures), "{failures} of 40 failed");
    assert!(runs[0].iter().all(|s| *s == 503 || *s == 201));
    assert_eq!(runs[0], runs[1], "the same seed gives the same sequence");
}

#[tokio::test]
async fn every_nth_request_is_rate_limited_with_retry_after() {
    let running = start().await;
    let admin = running.sandbox.admin();
    admin
        .set_faults(&Faults {
            rate_limit_every: Some(3),
            retry_after_secs: Some(7),
            ..Faults::default()
        })
        .await
        .unwrap();
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let answer = running.get("/platform/v1/apps", &running.token()).await;
        if answer.status == 429 {
            assert_eq!(answer.header("retry-after"), Some("7"));
            assert_eq!(answer.json()["status"], "Error");
        }
        statuses.push(answer.status);
    }
    assert_eq!(statuses, vec![201, 201, 429, 201, 201, 429]);
    let log = admin.request_log().await.unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.fault.as_deref() == Some("rate_limited"))
            .count(),
        2
    );
}

#[tokio::test]
async fn every_nth_body_is_truncated_to_invalid_json() {
    let running = start().await;
    let admin = running.sandbox.admin();
    admin
        .set_faults(&Faults {
            truncate_every: Some(2),
            ..Faults::default()
        })
        .await
        .unwrap();
    let whole = running.get("/platform/v1/apps", &running.token()).await;
    let cut = running.get("/platform/v1/apps", &running.token()).await;
    assert!(serde_json::from_str::<serde_json::Value>(&whole.text).is_ok());
    assert_eq!(cut.status, 201, "the status is kept");
    assert!(
        serde_json::from_str::<serde_json::Value>(&cut.text).is_err(),
        "{}",
        cut.text
    );
    assert!(
        !cut.text.is_empty()
            && whole.text.starts_with(&cut.text)
            && cut.text.len() < whole.text.len()
    );
}

#[tokio::test]
async fn faults_can_be_limited_to_path_prefixes() {
    let running = start().await;
    let admin = running.sandbox.admin();
    let faults = Faults {
        error_rate: Some(1.0),
        paths: vec!["/platform/v1/tokens".into()],
        ..Faults::default()
    };
    admin.set_faults(&faults).await.unwrap();
    assert_eq!(
        running
            .get("/platform/v1/apps", &running.token())
            .await
            .status,
        201
    );
    assert_eq!(
        running
            .get("/platform/v1/tokens", &running.token())
            .await
            .status,
        503
    );
    assert_eq!(
        running
            .get("/platform/v1/tokens?app_id=x", &running.token())
            .await
            .status,
        503
    );
}

#[tokio::test]
async fn out_of_range_faults_are_refused() {
    let running = start().await;
    let admin = running.sandbox.admin();
    let refused = admin
        .set_faults(&Faults {
            error_rate: Some(2.0),
            ..Faults::default()
        })
        .await;
    assert!(
        matches!(refused, Err(AdminClientError::Refused { status: 422, .. })),
        "{refused:?}"
    );
    let unknown = running
        .put(
            "/__admin/faults",
            &running.info().admin_token,
            json!({"error_rat": 0.5}),
        )
        .await;
    assert_eq!(unknown.status, 422);
    assert!(unknown.json()["message"]
        .as_str()
        .unwrap()
        .contains("error_rat"));
}

#[tokio::test]
async fn the_request_log_records_requests_without_secrets() {
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
    running.get("/oauth/userinfo", &token).await;

    let log = running.sandbox.admin().request_log().await.unwrap();
    let authorize = log
        .iter()
        .find(|e| e.path == "/app/oauth/authorize")
        .expect("the authorize request is logged");
    let query = authorize.query.as_deref().unwrap();
    assert!(
        query.contains(&format!("client_id={}", app.client_id)),
        "{query}"
    );
    assert!(
        query.contains("state=%5Bredacted%5D") && !query.contains("st-123"),
        "{query}"
    );
    let exchange = log.iter().find(|e| e.path == "/oauth/token").unwrap();
    assert_eq!((exchange.method.as_str(), exchange.status), ("POST", 200));
    assert!(log
        .iter()
        .any(|e| e.path == "/oauth/userinfo" && e.status == 200));
    assert!(log.iter().all(|e| !e.path.starts_with("/__admin")));

    let text = serde_json::to_string(&log).unwrap();
    let info = running.info();
    for secret in [
        &code,
        &token,
        &app.client_secret,
        &info.user_password,
        &info.directory_token,
    ] {
        assert!(!text.contains(secret.as_str()), "the log leaks a secret");
    }
}

#[tokio::test]
async fn reset_returns_to_the_seed_and_keeps_the_printed_credentials() {
    let running = start().await;
    let admin = running.sandbox.admin();
    running.create_app(json!({"name": "Ephemeral", "app_code_name": "ephemeral", "redirect_uri": "https://a.example/x"})).await;
    admin.advance_clock(100).await.unwrap();
    admin
        .set_faults(&Faults {
            latency_ms: Some(1),
            ..Faults::default()
        })
        .await
        .unwrap();

    admin.reset().await.unwrap();
    assert_eq!(
        running
            .get("/platform/v1/apps/ephemeral", &running.token())
            .await
            .status,
        404
    );
    assert_eq!(admin.clock().await.unwrap().offset_secs, 0);
    assert_eq!(admin.faults().await.unwrap(), Faults::default());
    assert!(admin.request_log().await.unwrap().len() <= 1);
    let apps = running.get("/platform/v1/apps", &running.token()).await;
    assert_eq!(apps.status, 201, "the seeded directory token still works");
    assert_eq!(apps.json()["apps"].as_array().unwrap().len(), 3);
}
