//! Credentials the platform hands out for apps: `CreatedApp` (the create answer, the
//! only time the client secret is ever shown) and `AppToken` (an app token as listed).

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use super::{lenient, AppCodeName};
use crate::Secret;

/// The answer to creating an app. Store the secret before showing anything: the
/// platform never returns it again.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CreatedApp {
    pub app_code_name: AppCodeName,
    #[serde(deserialize_with = "lenient::string_or_number")]
    pub app_id: String,
    pub client_id: String,
    pub client_secret: Secret,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub access_token_format: Option<String>,
    #[serde(default)]
    pub client_auth_jwks_uri: Option<String>,
}

/// One app token as the tokens list returns it. The vendor's list example is empty, so
/// its entries are accepted either as the bare token string or as an object carrying it
/// under `token` (or `access_token`) beside descriptive fields.
#[derive(Debug, Clone, PartialEq)]
pub struct AppToken {
    /// The token itself, when the platform lists it.
    pub token: Option<Secret>,
    pub app_id: Option<String>,
    pub created_at: Option<String>,
    pub expires_at: Option<String>,
    /// Other descriptive fields, minus anything whose name suggests a credential.
    pub extra: Map<String, Value>,
}

impl AppToken {
    /// Whether this entry is the given token.
    pub fn is(&self, token: &Secret) -> bool {
        self.token.as_ref() == Some(token)
    }
}

impl<'de> Deserialize<'de> for AppToken {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Described {
            #[serde(default, alias = "access_token")]
            token: Option<Secret>,
            #[serde(default, deserialize_with = "optional_string_or_number")]
            app_id: Option<String>,
            #[serde(default)]
            created_at: Option<Value>,
            #[serde(default)]
            expires_at: Option<Value>,
            #[serde(flatten)]
            extra: Map<String, Value>,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bare(Secret),
            Described(Described),
        }
        Ok(match Raw::deserialize(d)? {
            Raw::Bare(token) => Self {
                token: Some(token),
                app_id: None,
                created_at: None,
                expires_at: None,
                extra: Map::new(),
            },
            Raw::Described(entry) => Self {
                token: entry.token,
                app_id: entry.app_id,
                created_at: entry.created_at.map(plain_text),
                expires_at: entry.expires_at.map(plain_text),
                extra: entry
                    .extra
                    .into_iter()
                    .filter(|(key, _)| !looks_like_a_credential(key))
                    .collect(),
            },
        })
    }
}

fn optional_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Option::<Value>::deserialize(d).map(|value| value.filter(|v| !v.is_null()).map(plain_text))
}

fn plain_text(value: Value) -> String {
    match value {
        Value::String(text) => text,
        other => other.to_string(),
    }
}

fn looks_like_a_credential(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["token", "secret", "code", "password"]
        .iter()
        .any(|word| key.contains(word))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_listed_token_may_be_a_bare_string_or_an_object() {
        let tokens: Vec<AppToken> = serde_json::from_value(json!([
            "tok-bare-1234",
            {"token": "tok-obj-5678", "app_id": 42, "created_at": 1700000000, "refresh_token": "r", "label": "ci"},
            {"access_token": "tok-alias-9999"},
            {"id": "t1"}
        ]))
        .unwrap();
        assert_eq!(tokens[0].token.as_ref().unwrap().expose(), "tok-bare-1234");
        assert_eq!(tokens[1].token.as_ref().unwrap().expose(), "tok-obj-5678");
        assert_eq!(tokens[1].app_id.as_deref(), Some("42"));
        assert_eq!(tokens[1].created_at.as_deref(), Some("1700000000"));
        assert_eq!(tokens[1].extra.get("label"), Some(&json!("ci")));
        assert!(!tokens[1].extra.contains_key("refresh_token"));
        assert_eq!(tokens[2].token.as_ref().unwrap().expose(), "tok-alias-9999");
        assert!(tokens[3].token.is_none());
        assert!(!format!("{tokens:?}").contains("tok-"));
    }
}
