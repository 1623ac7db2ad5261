//! Error bodies against the vendor reference's own examples, and the statuses it overloads.

use std::time::Duration;

use super::*;
use crate::platform::reference_examples::example as reference_example;

#[test]
fn a_status_error_message_body_keeps_the_vendor_words() {
    let body = reference_example("/platform/v1/tokens", "get", "401");
    let error = from_status(Endpoint::ListAppTokens, 401, &body, None, 1);
    assert_eq!(error.code, ErrorCode::Unauthorized);
    assert_eq!(error.status, Some(401));
    assert_eq!(error.vendor_message.as_deref(), Some("Unauthorized"));
    assert!(
        error
            .message
            .starts_with("Listing app tokens failed: the platform did not accept the token"),
        "{}",
        error.message
    );
    assert!(error
        .message
        .contains("the platform said: \"Unauthorized\""));
}

#[test]
fn revoke_422_means_forbidden_or_not_found_depending_on_the_vendor_words() {
    let body = reference_example("/platform/v1/tokens/revoke", "post", "422");
    let error = from_status(Endpoint::RevokeAppToken, 422, &body, None, 1);
    assert_eq!(error.code, ErrorCode::Forbidden);
    let error = from_status(
        Endpoint::RevokeAppToken,
        422,
        br#"{"status":"Error","error":"invalid token"}"#,
        None,
        1,
    );
    assert_eq!(error.code, ErrorCode::NotFound);
    let body = reference_example("/platform/v1/tokens/revoke", "post", "500");
    let error = from_status(Endpoint::RevokeAppToken, 500, &body, None, 1);
    assert_eq!(error.code, ErrorCode::Server);
    assert_eq!(
        error.vendor_message.as_deref(),
        Some("Internal server error")
    );
}

#[test]
fn oauth_errors_are_coded_by_their_error_field() {
    let body = reference_example("/oauth/token", "post", "401");
    let error = from_status(Endpoint::ExchangeCode, 401, &body, None, 1);
    assert_eq!(error.code, ErrorCode::InvalidClient);
    assert!(error
        .vendor_message
        .unwrap()
        .starts_with("Client authentication failed"));
    let body = reference_example("/oauth/token", "post", "400");
    assert_eq!(
        from_status(Endpoint::ExchangeCode, 400, &body, None, 1).code,
        ErrorCode::Validation
    );
    let grant = from_status(
        Endpoint::ExchangeCode,
        400,
        br#"{"error":"invalid_grant","error_description":"The authorization code has expired"}"#,
        None,
        1,
    );
    assert_eq!(grant.code, ErrorCode::InvalidGrant);
    assert!(grant.message.contains("30 seconds"), "{}", grant.message);
}

#[test]
fn the_service_token_400_means_invalid_credentials() {
    let error = from_status(Endpoint::ServiceToken, 400, b"", None, 1);
    assert_eq!(error.code, ErrorCode::InvalidClient);
    assert_eq!(error.vendor_message, None);
}

#[test]
fn a_create_refused_for_a_taken_code_name_is_a_conflict() {
    let error = from_status(
        Endpoint::CreateApp,
        422,
        br#"{"status":"Error","message":"app_code_name has already been taken"}"#,
        None,
        1,
    );
    assert_eq!(error.code, ErrorCode::Conflict);
    assert_eq!(
        from_status(
            Endpoint::CreateApp,
            400,
            br#"{"message":"name is too short"}"#,
            None,
            1
        )
        .code,
        ErrorCode::Validation
    );
}

#[test]
fn rate_limiting_says_how_long_to_wait() {
    let error = from_status(
        Endpoint::ListApps,
        429,
        b"",
        Some(Duration::from_secs(90)),
        1,
    );
    assert_eq!(error.code, ErrorCode::RateLimited);
    assert_eq!(error.retry_after, Some(Duration::from_secs(90)));
    assert!(error.message.contains("wait 90 s"), "{}", error.message);
}

#[test]
fn an_html_error_page_is_not_taken_for_a_vendor_message_and_long_messages_are_cut() {
    let error = from_status(
        Endpoint::GetApp,
        502,
        b"<html><body>Bad gateway</body></html>",
        None,
        3,
    );
    assert_eq!(error.code, ErrorCode::Server);
    assert_eq!(error.vendor_message, None);
    assert!(
        error.message.contains("after 3 attempts"),
        "{}",
        error.message
    );
    let long = format!(r#"{{"message":"{}"}}"#, "x".repeat(1000));
    let error = from_status(Endpoint::GetApp, 400, long.as_bytes(), None, 1);
    assert!(error.vendor_message.unwrap().chars().count() <= MAX_VENDOR_MESSAGE + 1);
}

#[test]
fn validation_error_lists_are_joined() {
    let body =
        br#"{"status":"Error","errors":{"name":["is too short"],"redirect_uri":["is invalid"]}}"#;
    let error = from_status(Endpoint::UpdateApp, 422, body, None, 1);
    assert_eq!(error.code, ErrorCode::Validation);
    assert_eq!(
        error.vendor_message.as_deref(),
        Some("name is too short; redirect_uri is invalid")
    );
}
