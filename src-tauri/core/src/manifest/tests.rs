//! The manifest format: reading (versions, unknown fields, where an error is), writing
//! (stable, no nulls), and the committed JSON Schema.

use super::*;
use crate::error::ErrorCode;

const GOOD: &str = r#"
version = 1

[[apps]]
app_code_name = "calendarsync"
name = "Calendar Sync"
redirect_uri = "https://calendar-sync.example.com/app"
oauth_redirect_uris = ["https://calendar-sync.example.com/oauth/callback"]
url_params = ["brand_host"]

[apps.description]
short_description = "Keeps calendars in sync"
"#;

#[test]
fn a_toml_manifest_is_read_with_its_apps_and_nested_tables() {
    let manifest = Manifest::parse(GOOD, ManifestFormat::Toml, "apps.toml").unwrap();
    assert_eq!(manifest.version, 1);
    let app = &manifest.apps[0];
    assert_eq!(app.app_code_name.as_deref(), Some("calendarsync"));
    assert_eq!(
        app.description
            .as_ref()
            .unwrap()
            .short_description
            .as_deref(),
        Some("Keeps calendars in sync")
    );
}

#[test]
fn an_unknown_field_is_refused_by_name_with_its_line_and_column() {
    let text = GOOD.replace("url_params =", "url_parms =");
    let error = Manifest::parse(&text, ManifestFormat::Toml, "apps.toml").unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert!(
        error.message.starts_with("apps.toml:9:1: "),
        "{}",
        error.message
    );
    assert!(error.message.contains("url_parms"), "{}", error.message);

    let json = r#"{"version": 1, "apps": [{"app_code_name": "a1", "nmae": "x"}]}"#;
    let error = Manifest::parse(json, ManifestFormat::Json, "apps.json").unwrap_err();
    assert!(
        error.message.starts_with("apps.json:1:"),
        "{}",
        error.message
    );
    assert!(error.message.contains("nmae"), "{}", error.message);
}

#[test]
fn a_syntax_error_says_where() {
    let error =
        Manifest::parse("version = 1\n[[apps]\n", ManifestFormat::Toml, "bad.toml").unwrap_err();
    assert!(
        error.message.starts_with("bad.toml:2:"),
        "{}",
        error.message
    );
    let error = Manifest::parse(
        "{\"version\": 1,\n  \"apps\": [}",
        ManifestFormat::Json,
        "bad.json",
    )
    .unwrap_err();
    assert!(
        error.message.starts_with("bad.json:2:"),
        "{}",
        error.message
    );
}

#[test]
fn another_version_is_refused_with_the_version_found_and_a_missing_one_is_asked_for() {
    let error = Manifest::parse(
        &GOOD.replace("version = 1", "version = 2"),
        ManifestFormat::Toml,
        "m",
    )
    .unwrap_err();
    assert!(
        error.message.contains("version 2 manifest"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("reads version 1"),
        "{}",
        error.message
    );
    let error =
        Manifest::parse(&GOOD.replace("version = 1", ""), ManifestFormat::Toml, "m").unwrap_err();
    assert!(
        error.message.contains("has no version"),
        "{}",
        error.message
    );
}

#[test]
fn every_app_needs_a_valid_code_name_given_once() {
    let missing = GOOD.replace("app_code_name = \"calendarsync\"\n", "");
    let error = Manifest::parse(&missing, ManifestFormat::Toml, "m").unwrap_err();
    assert!(
        error
            .message
            .contains("app 1 (Calendar Sync) has no app_code_name"),
        "{}",
        error.message
    );
    let bad = GOOD.replace("calendarsync", "calendar_sync");
    assert!(Manifest::parse(&bad, ManifestFormat::Toml, "m").is_err());
    let twice = format!("{GOOD}\n[[apps]]\napp_code_name = \"calendarsync\"\n");
    let error = Manifest::parse(&twice, ManifestFormat::Toml, "m").unwrap_err();
    assert!(error.message.contains("given twice"), "{}", error.message);
}

#[test]
fn a_manifest_written_then_read_is_the_same_in_both_formats() {
    let manifest = Manifest::parse(GOOD, ManifestFormat::Toml, "m").unwrap();
    for format in [ManifestFormat::Toml, ManifestFormat::Json] {
        let text = manifest.render(format, "exported for a test").unwrap();
        assert!(!text.contains("null"), "{text}");
        let again = Manifest::parse(&text, format, "m").unwrap();
        assert_eq!(again, manifest, "{text}");
    }
    let toml = manifest
        .render(ManifestFormat::Toml, "line one\nline two")
        .unwrap();
    assert!(toml.starts_with("# line one\n# line two\n"), "{toml}");
    let first = toml.find("app_code_name").unwrap();
    let name = toml.find("name = ").unwrap();
    assert!(first < name, "fields keep AppInput's order: {toml}");
}

#[test]
fn the_format_is_guessed_from_the_file_name_then_the_text() {
    assert_eq!(
        ManifestFormat::guess(Some("a.JSON"), ""),
        ManifestFormat::Json
    );
    assert_eq!(
        ManifestFormat::guess(Some("a.toml"), "{"),
        ManifestFormat::Toml
    );
    assert_eq!(
        ManifestFormat::guess(None, "  {\"version\":1}"),
        ManifestFormat::Json
    );
    assert_eq!(
        ManifestFormat::guess(None, "version = 1"),
        ManifestFormat::Toml
    );
}

/// `make bindings` (INTANDEM_WRITE_BINDINGS=1) rewrites the committed schema.
#[test]
fn the_committed_json_schema_is_the_one_the_rust_types_make() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../schemas/app-manifest.v1.schema.json");
    let generated = serde_json::to_string_pretty(&Manifest::json_schema()).unwrap() + "\n";
    if std::env::var("INTANDEM_WRITE_BINDINGS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schemas/app-manifest.v1.schema.json is out of date: run `make bindings`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    assert_eq!(schema["additionalProperties"], false);
    assert!(schema.to_string().contains("oauth_redirect_uris"));
}
