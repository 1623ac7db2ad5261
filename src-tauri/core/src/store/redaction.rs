//! Keeping secrets out of the store's plain JSON columns (`apps_cache.json`, the
//! audit log's before/after, OAuth timelines and userinfo).
//!
//! `Secret` has no `Serialize`, so typed data cannot carry one into JSON; these
//! checks cover vendor JSON passed through as-is (a create response carries the
//! new app's `client_secret`) and values the caller says are already redacted.

use serde_json::Value;

use super::StoreError;
use crate::Secret;

/// Names of fields whose values are secrets wherever they appear in vendor JSON.
const SECRET_FIELD_NAMES: &[&str] = &[
    "client_secret",
    "service_secret",
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "code_verifier",
    "password",
];

/// What a removed secret value is replaced with, so the shape stays visible.
pub const REDACTED: &str = "[redacted]";

/// A copy of `value` in which every field named like a secret (at any depth) has
/// its value replaced by [`REDACTED`].
pub fn without_secret_fields(value: &Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(name, field)| {
                    let field = if SECRET_FIELD_NAMES.contains(&name.as_str()) && !field.is_null() {
                        Value::String(REDACTED.to_owned())
                    } else {
                        without_secret_fields(field)
                    };
                    (name.clone(), field)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_secret_fields).collect()),
        other => other.clone(),
    }
}

/// Refuses `text` (bound for a plain column) if it contains any of `secrets`.
pub fn ensure_free_of(
    what: &'static str,
    text: &str,
    secrets: &[Option<&Secret>],
) -> Result<(), StoreError> {
    let leaks = secrets
        .iter()
        .flatten()
        .any(|secret| !secret.is_empty() && text.contains(secret.expose()));
    if leaks {
        Err(StoreError::SecretInPlainColumn { what })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secret_fields_are_redacted_at_any_depth_and_the_rest_is_kept() {
        let created = json!({
            "data": {
                "app_code_name": "calendarsync",
                "client_id": "id-123",
                "client_secret": "canary-secret",
                "nested": [{"access_token": "canary-token", "token_type": "Bearer"}],
                "access_token_format": "opaque",
                "refresh_token": null
            }
        });
        let cleaned = without_secret_fields(&created);
        let text = cleaned.to_string();
        assert!(!text.contains("canary"), "{text}");
        assert_eq!(cleaned["data"]["client_secret"], REDACTED);
        assert_eq!(cleaned["data"]["nested"][0]["access_token"], REDACTED);
        assert_eq!(cleaned["data"]["nested"][0]["token_type"], "Bearer");
        assert_eq!(cleaned["data"]["client_id"], "id-123");
        assert_eq!(cleaned["data"]["access_token_format"], "opaque");
        assert_eq!(cleaned["data"]["refresh_token"], Value::Null);
    }

    #[test]
    fn text_containing_a_known_secret_is_refused() {
        let token = Secret::new("canary-token-value");
        let error = ensure_free_of(
            "OAuth timeline",
            r#"[{"body": "access_token=canary-token-value"}]"#,
            &[None, Some(&token)],
        )
        .unwrap_err();
        assert_eq!(error.code(), "secret_in_plain_column");
        assert!(ensure_free_of("OAuth timeline", "[]", &[Some(&token)]).is_ok());
        assert!(ensure_free_of("OAuth timeline", "[]", &[Some(&Secret::new(""))]).is_ok());
    }
}
