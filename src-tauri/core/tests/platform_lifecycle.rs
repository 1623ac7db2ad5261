//! The lifecycle part of the platform client (businesses, staff, app installs) over
//! loopback HTTP, against the vendor reference's own example answers and the install
//! entity its v3 file documents, and against an install whose answer is lost.

#[path = "platform_client/canned.rs"]
#[allow(dead_code)] // shared with platform_client.rs, which uses all of it
mod canned;

use std::time::Duration;

use canned::{CannedServer, Reply};
use intandem_core::platform::{ClientOptions, PlatformClient, RetryPolicy};
use intandem_core::{ErrorCode, Secret};
use serde_json::{json, Value};
use url::Url;

const INSTALLS: &str = "/v3/apps/business_app_installs";

fn lifecycle_example(path: &str, method: &str, status: &str) -> Value {
    let reference: Value = serde_json::from_str(include_str!(
        "../../../vendor-reference/lifecycle-examples.json"
    ))
    .unwrap();
    let example = reference["paths"][path][method]["responses"][status]["content"]
        ["application/json"]["example"]
        .clone();
    assert!(
        !example.is_null(),
        "an example for {method} {path} {status}"
    );
    example
}

fn client(base: &Url) -> PlatformClient {
    PlatformClient::with_options(
        base.clone(),
        Secret::new("directory-token-canary"),
        ClientOptions {
            request_timeout: Duration::from_millis(400),
            retry: RetryPolicy {
                max_attempts: 2,
                base_backoff: Duration::from_millis(5),
                max_backoff: Duration::from_millis(20),
                max_retry_after: Duration::from_secs(1),
            },
            ..ClientOptions::default()
        },
    )
}

/// The install entity as the reference's schema documents it.
fn install(uid: &str) -> Value {
    json!({"uid": uid, "business_uid": "d290f1ee6c544b01", "app_code_name": "calendarsync",
           "created_at": "2024-01-15T10:30:00Z", "updated_at": "2024-01-15T10:30:00Z"})
}

#[tokio::test]
async fn businesses_their_owner_and_staff_are_read_from_the_references_example_answers() {
    let server = CannedServer::start(vec![
        (
            "GET /platform/v1/businesses",
            vec![Reply::json(
                200,
                lifecycle_example("/platform/v1/businesses", "get", "200"),
            )],
        ),
        (
            "GET /platform/v1/businesses/a123b456c789",
            vec![Reply::json(
                200,
                lifecycle_example("/platform/v1/businesses/{business_uid}", "get", "200"),
            )],
        ),
        (
            "GET /platform/v1/businesses/a123b456c789/staffs",
            vec![Reply::json(
                200,
                lifecycle_example(
                    "/platform/v1/businesses/{business_uid}/staffs",
                    "get",
                    "200",
                ),
            )],
        ),
    ])
    .await;
    let platform = client(&server.base);
    assert_eq!(platform.list_businesses().await.unwrap(), ["a123b456c789"]);
    let business = platform.get_business("a123b456c789").await.unwrap();
    assert_eq!(business.name, "Business name");
    assert_eq!(
        business.owner_staff_uid.as_deref(),
        Some("aaa1234567890abcdef")
    );
    assert!(!business.blocked, "account_blocked_at is null");
    let staff = platform.list_staff("a123b456c789").await.unwrap();
    assert_eq!(staff.len(), 2);
    assert_eq!(staff[0].email.as_deref(), Some("staff_1@email.com"));
    assert_eq!(
        staff[0].cannot_sign_in(),
        Some("blocked"),
        "the first example staff member has a blocked_at"
    );
    assert_eq!(staff[1].cannot_sign_in(), None);
    assert_eq!(
        server.requests()[0].authorization.as_deref(),
        Some("Bearer directory-token-canary")
    );
}

#[tokio::test]
async fn installs_are_listed_filtered_by_business_and_app_and_created_with_the_documented_body() {
    let server = CannedServer::start(vec![
        (
            &format!("GET {INSTALLS}"),
            vec![Reply::json(
                200,
                json!({"success": true, "data": {"business_app_installs": [install("i1")]}}),
            )],
        ),
        (
            &format!("POST {INSTALLS}"),
            vec![Reply::json(
                201,
                json!({"success": true, "data": install("i2")}),
            )],
        ),
        (
            &format!("DELETE {INSTALLS}/i2"),
            vec![Reply::json(200, json!({"success": true}))],
        ),
    ])
    .await;
    let platform = client(&server.base);
    let listed = platform
        .list_installs("d290f1ee6c544b01", "calendarsync")
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].uid, "i1");
    let created = platform
        .create_install("d290f1ee6c544b01", "calendarsync")
        .await
        .unwrap();
    assert_eq!(created.uid, "i2");
    platform.delete_install("i2").await.unwrap();

    let requests = server.requests();
    assert_eq!(
        requests[0].path_and_query,
        format!("{INSTALLS}?business_uid=d290f1ee6c544b01&app_code_name=calendarsync")
    );
    let body: Value = serde_json::from_str(&requests[1].body).unwrap();
    assert_eq!(
        body,
        json!({"business_uid": "d290f1ee6c544b01", "app_code_name": "calendarsync"})
    );
    assert_eq!(requests[2].method, "DELETE");
}

#[tokio::test]
async fn an_install_refused_with_422_says_what_the_platform_said_and_is_not_resent() {
    let server = CannedServer::start(vec![(
        &format!("POST {INSTALLS}"),
        vec![Reply::json(
            422,
            json!({"success": false, "errors": [{"code": "unprocessable", "message": "business_uid or app_code_name not found"}]}),
        )],
    )])
    .await;
    let error = client(&server.base)
        .create_install("nope", "calendarsync")
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation, "{error:?}");
    assert_eq!(server.count(&format!("POST {INSTALLS}")), 1);
    assert_eq!(
        server.count(&format!("GET {INSTALLS}")),
        0,
        "a refusal is not reconciled"
    );
}

#[tokio::test]
async fn an_install_whose_answer_is_lost_is_found_by_listing_and_not_resent() {
    let server = CannedServer::start(vec![
        (
            &format!("POST {INSTALLS}"),
            vec![Reply::json(500, json!({"success": false}))],
        ),
        (
            &format!("GET {INSTALLS}"),
            vec![Reply::json(
                200,
                json!({"success": true, "data": {"business_app_installs": [install("i9")]}}),
            )],
        ),
    ])
    .await;
    let created = client(&server.base)
        .create_install("d290f1ee6c544b01", "calendarsync")
        .await
        .unwrap();
    assert_eq!(created.uid, "i9");
    assert_eq!(
        server.count(&format!("POST {INSTALLS}")),
        1,
        "an install is never resent"
    );
}

#[tokio::test]
async fn an_install_that_failed_and_is_not_listed_is_safe_to_try_again() {
    let server = CannedServer::start(vec![
        (
            &format!("POST {INSTALLS}"),
            vec![Reply::json(500, json!({"success": false}))],
        ),
        (
            &format!("GET {INSTALLS}"),
            vec![Reply::json(
                200,
                json!({"success": true, "data": {"business_app_installs": []}}),
            )],
        ),
    ])
    .await;
    let error = client(&server.base)
        .create_install("d290f1ee6c544b01", "calendarsync")
        .await
        .unwrap_err();
    assert!(
        error.message.contains("safe to try again"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn an_install_whose_outcome_cannot_be_checked_is_unknown_and_says_to_list_first() {
    let server = CannedServer::start(vec![
        (
            &format!("POST {INSTALLS}"),
            vec![Reply::json(200, "{}").after(Duration::from_secs(2))],
        ),
        (
            &format!("GET {INSTALLS}"),
            vec![Reply::json(503, json!({"success": false}))],
        ),
    ])
    .await;
    let error = client(&server.base)
        .create_install("d290f1ee6c544b01", "calendarsync")
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::UnknownOutcome, "{error:?}");
    assert!(error.message.contains("list them"), "{}", error.message);
}
