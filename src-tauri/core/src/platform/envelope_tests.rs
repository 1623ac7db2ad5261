//! Envelope parsing against the vendor reference's own examples (the repository's copy in
//! `vendor-reference/`), plus the quirks and failures around them.

use serde_json::{json, Value};

use super::*;
use crate::platform::models::{AppDescription, DeepLink, ServiceToken, TokenGrant, UserInfo};
use crate::platform::reference_examples::{example, reference};

fn code(name: &str) -> AppCodeName {
    AppCodeName::existing(name).unwrap()
}

#[test]
fn the_reference_apps_list_answered_with_201_parses_with_its_quirks() {
    let apps = apps_list(201, &example("/platform/v1/apps", "get", "201")).unwrap();
    assert_eq!(apps.len(), 1);
    let app = &apps[0];
    assert_eq!(app.app_code_name.as_str(), "dummyapp_62");
    assert_eq!(app.app_id.as_deref(), Some("some_id"));
    assert_eq!(
        app.description,
        Some(AppDescription::default()),
        "`description: {{}}` is an empty description"
    );
    assert!(matches!(&app.deep_link, Some(DeepLink::Url(u)) if u == "https://dummy-path.com"));
    assert_eq!(
        app.menu_items.as_ref().unwrap().subitems[0]
            .route
            .as_deref(),
        Some("rdbms")
    );
    assert_eq!(app.status.as_deref(), Some("not_installed"));
    assert_eq!(app.supported_in_mobile, Some(true));
    assert!(
        app.extra.is_empty(),
        "every field of the list example is typed: {:?}",
        app.extra.keys()
    );
}

#[test]
fn the_reference_get_answer_is_unwrapped_from_data_application() {
    let body = example("/platform/v1/apps/{id}", "get", "200");
    let app = app(Endpoint::GetApp, 200, &body, &code("IncredibleCodeName")).unwrap();
    assert_eq!(app.app_code_name.as_str(), "IncredibleCodeName");
    assert_eq!(app.trusted, Some(true));
    assert_eq!(app.openid, Some(true));
    assert_eq!(app.menu_items, None, "`menu_items: null` reads as absent");
    assert_eq!(app.oauth_redirect_uris.as_ref().unwrap().len(), 3);
    assert_eq!(
        app.redirect_uri.as_deref(),
        Some("https://en.wikipedia.org/wiki")
    );
    assert_eq!(app.access_token_format.as_deref(), Some("opaque"));
    assert!(
        app.extra.is_empty(),
        "unexpected extra fields: {:?}",
        app.extra.keys()
    );
}

#[test]
fn the_reference_update_answer_has_trusted_as_a_string_and_no_code_name() {
    let body = example("/platform/v1/apps/{id}", "put", "200");
    let app = app(Endpoint::UpdateApp, 200, &body, &code("ourapp")).unwrap();
    assert_eq!(app.trusted, Some(false), "\"false\" is read as false");
    assert_eq!(
        app.app_code_name.as_str(),
        "ourapp",
        "the code name comes from the path"
    );
    assert_eq!(app.app_layer.as_deref(), Some("cores"));
    let deep_link = serde_json::to_value(app.deep_link.as_ref().unwrap()).unwrap();
    assert_eq!(
        deep_link,
        json!({"path": "/app/somepath", "path_params": {"this_is_a_parameter": 12}})
    );
}

#[test]
fn the_reference_create_answer_yields_the_credentials_with_the_secret_wrapped() {
    let created = created_app(201, &example("/platform/v1/apps", "post", "201")).unwrap();
    assert_eq!(created.app_code_name.as_str(), "some_code_name");
    assert_eq!(created.app_id, "some_id");
    assert_eq!(created.client_id, "OAuth Client ID");
    assert_eq!(created.client_secret.expose(), "OAuth Client Secret");
    assert_eq!(created.name, "Some App");
    assert!(!format!("{created:?}").contains("OAuth Client Secret"));
}

#[test]
fn the_seed_guide_create_answer_with_a_numeric_looking_app_id_parses() {
    let body = br#"{"data":{"app_code_name":"myfirstapp","app_id":123456789,"client_id":"e0fa","client_secret":"4095","name":"My first app"},"status":"OK"}"#;
    let created = created_app(200, body).unwrap();
    assert_eq!(created.app_id, "123456789");
}

#[test]
fn the_reference_token_answers_parse() {
    let token = created_token(201, &example("/platform/v1/tokens", "post", "201")).unwrap();
    assert_eq!(token.expose(), "some_token");
    let tokens = tokens_list(201, &example("/platform/v1/tokens", "get", "201")).unwrap();
    assert!(tokens.is_empty());
    let revoked =
        revoked_tokens(201, &example("/platform/v1/tokens/revoke", "post", "201")).unwrap();
    assert_eq!(revoked[0].expose(), "abc123def456ghi789");
}

#[test]
fn a_token_list_may_hold_strings_or_objects() {
    let body = br#"{"data":{"tokens":["tok-a-0123456789",{"token":"tok-b-0123456789","app_id":"a1"},{"token":"****beef"}]},"status":"OK"}"#;
    let tokens = tokens_list(200, body).unwrap();
    assert_eq!(tokens.len(), 3);
    assert!(tokens[0].is(&Secret::new("tok-a-0123456789")));
    assert!(tokens[1].is(&Secret::new("tok-b-0123456789")));
    assert!(tokens[2].full().is_none(), "a masked entry is not a token");
    assert!(tokens[2].may_be(&Secret::new("tok-c-0123456789beef")));
}

#[test]
fn the_reference_branding_and_oauth_answers_parse() {
    let branding = branding(
        200,
        &example("/platform/v1/directory/branding", "get", "200"),
    )
    .unwrap();
    assert_eq!(branding.uid.as_deref(), Some("aaaabbbb"));
    assert_eq!(branding.colors.unwrap().primary.as_deref(), Some("#374766"));

    let user: UserInfo = bare(
        Endpoint::UserInfo,
        200,
        &example("/oauth/userinfo", "get", "200"),
    )
    .unwrap();
    assert_eq!(user.user_type.as_deref(), Some("staff"));
    assert_eq!(
        user.brand_host.as_deref(),
        Some("695b14b22b8483c6.myclients.me")
    );
    let theme = user.brand_theme.unwrap();
    assert_eq!(theme.colors.unwrap().secondary.as_deref(), Some("#d1b050"));
    assert!(theme.powered_by.unwrap().contains_key("intandem_logo_dark"));
}

#[test]
fn created_at_is_read_as_unix_seconds_or_iso_8601_as_the_reference_uses_both() {
    let grant: TokenGrant = bare(
        Endpoint::ExchangeCode,
        200,
        &example("/oauth/token", "post", "200"),
    )
    .unwrap();
    assert_eq!(grant.created_at.unwrap().unix_timestamp(), 1_754_377_015);
    assert_eq!(grant.expires_in, Some(631_139_040));
    assert_eq!(grant.token_type, "Bearer");

    let service: ServiceToken = bare(
        Endpoint::ServiceToken,
        200,
        &example("/oauth/service/token", "post", "200"),
    )
    .unwrap();
    assert_eq!(service.created_at.unwrap().unix_timestamp(), 1_637_069_387);
    assert_eq!(
        service.expires_at().unwrap().unix_timestamp(),
        1_637_069_387 + 3600
    );
}

#[test]
fn an_app_read_then_written_back_loses_nothing() {
    let reference = reference();
    let original = &reference["paths"]["/platform/v1/apps/{id}"]["get"]["responses"]["200"]
        ["content"]["application/json"]["example"]["data"]["application"];
    let mut with_unknown = original.clone();
    with_unknown["a_field_from_the_future"] = json!({"nested": [1, 2]});
    let app: App = serde_json::from_value(with_unknown.clone()).unwrap();
    let written = serde_json::to_value(&app).unwrap();
    let mut expected = with_unknown.as_object().unwrap().clone();
    expected.retain(|_, v| !v.is_null());
    assert_eq!(written, Value::Object(expected));
}

#[test]
fn an_answer_that_is_cut_off_is_a_decode_error_naming_the_endpoint() {
    let body = br#"{"data":{"app_code_name":"x","client_id":"c","client_secret":"very-secret-val"#;
    let error = created_app(201, body).unwrap_err();
    assert_eq!(error.code, ErrorCode::Decode);
    assert_eq!(error.status, Some(201));
    assert!(
        error.message.starts_with("Creating the app failed"),
        "{}",
        error.message
    );
    assert!(error.message.contains("cut off"), "{}", error.message);
    assert!(!error.message.contains("very-secret"));
}

#[test]
fn a_wrongly_typed_field_is_named_without_quoting_its_value() {
    let body = br#"{"data":{"app_code_name":"x","app_id":"1","client_id":"c","client_secret":12345678},"status":"OK"}"#;
    let error = created_app(201, body).unwrap_err();
    assert_eq!(error.code, ErrorCode::Decode);
    assert!(
        error.message.contains("`data.client_secret`"),
        "{}",
        error.message
    );

    let body = br#"{"apps":[{"app_code_name":"ok","trusted":"maybe-secret-ish"}],"status":"OK"}"#;
    let error = apps_list(201, body).unwrap_err();
    assert!(
        error.message.contains("`apps.[0].trusted`") || error.message.contains("`apps[0].trusted`"),
        "{}",
        error.message
    );
    assert!(
        !error.message.contains("maybe-secret-ish"),
        "{}",
        error.message
    );
}

/// Caught by the `vendor_json` fuzz target: a value with a `"` in it was shown from there on.
#[test]
fn a_wrongly_typed_value_holding_a_quote_is_not_quoted_either() {
    let body = br#"{"apps":["a\"SECRET-7f3a9c1e"],"status":"OK"}"#;
    let error = apps_list(201, body).unwrap_err();
    assert_eq!(error.code, ErrorCode::Decode);
    assert!(!error.message.contains("SECRET"), "{}", error.message);
    assert!(
        error.message.contains("invalid type: string"),
        "{}",
        error.message
    );

    let body = br#"{"data":{"application":{"openid":"x\\\"SECRET-7f3a9c1e\\"}},"success":true}"#;
    let error = app(Endpoint::GetApp, 200, body, &code("myapp")).unwrap_err();
    assert!(
        error.message.contains("`data.application.openid`"),
        "{}",
        error.message
    );
    assert!(!format!("{error:?}").contains("SECRET"), "{error:?}");
    assert_eq!(
        redact_quoted(r#"string "a\"b\\" and "c""#),
        r#"string "…" and "…""#
    );
}

#[test]
fn a_missing_payload_names_what_was_expected_and_what_was_there() {
    let error = apps_list(200, br#"{"status":"OK","items":[]}"#).unwrap_err();
    assert_eq!(error.code, ErrorCode::Decode);
    assert!(
        error.message.contains("`apps`") && error.message.contains("`items`"),
        "{}",
        error.message
    );
    let error = apps_list(200, b"   ").unwrap_err();
    assert!(error.message.contains("empty"), "{}", error.message);
    let error = apps_list(200, b"<html>Bad gateway</html>").unwrap_err();
    assert!(
        error.message.contains("not valid JSON"),
        "{}",
        error.message
    );
}

#[test]
fn a_2xx_envelope_that_declares_an_error_is_a_failure_with_the_vendor_message() {
    let error = apps_list(
        200,
        br#"{"status":"Error","message":"Directory suspended"}"#,
    )
    .unwrap_err();
    assert_eq!(error.code, ErrorCode::Server);
    assert_eq!(error.vendor_message.as_deref(), Some("Directory suspended"));
    let error = branding(200, br#"{"success":false,"error":"nope"}"#).unwrap_err();
    assert_eq!(error.vendor_message.as_deref(), Some("nope"));
}

#[test]
fn other_envelopes_the_vendor_uses_elsewhere_are_tolerated() {
    let code_name = code("a1");
    let bare_app = app(
        Endpoint::GetApp,
        200,
        br#"{"application":{"app_code_name":"a1","trusted":"true"},"success":true}"#,
        &code_name,
    )
    .unwrap();
    assert_eq!(bare_app.trusted, Some(true));
    let data_app = app(
        Endpoint::GetApp,
        201,
        br#"{"data":{"app_code_name":"a1"},"status":"OK"}"#,
        &code_name,
    )
    .unwrap();
    assert_eq!(data_app.app_code_name, code_name);
    let top_app = app(
        Endpoint::GetApp,
        200,
        br#"{"app_code_name":"a1","name":"N"}"#,
        &code_name,
    )
    .unwrap();
    assert_eq!(top_app.name.as_deref(), Some("N"));
    let listed = apps_list(
        200,
        br#"{"data":{"apps":[{"app_code_name":"a1"}]},"success":true}"#,
    )
    .unwrap();
    assert_eq!(listed.len(), 1);
    let grant: TokenGrant = bare(
        Endpoint::ExchangeCode,
        200,
        br#"{"data":{"access_token":"t","expires_in":"60"},"status":"OK"}"#,
    )
    .unwrap();
    assert_eq!(grant.expires_in, Some(60));
}
