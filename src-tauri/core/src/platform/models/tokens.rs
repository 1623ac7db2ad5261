//! Credentials the platform hands out for apps: `CreatedApp` (the create answer, the
//! only time the client secret is ever shown) and `AppToken` (an app token as listed).

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

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
/// under `token` (or `access_token`) beside descriptive fields; and the token itself may
/// be listed in full or masked (see [`ListedValue`]).
#[derive(Debug, Clone, PartialEq)]
pub struct AppToken {
    /// The token as listed, when the platform lists it at all.
    pub value: Option<ListedValue>,
    pub app_id: Option<String>,
    pub created_at: Option<String>,
    pub expires_at: Option<String>,
    /// Other descriptive fields, minus anything whose name suggests a credential.
    pub extra: Map<String, Value>,
}

/// A listed token's value: the token itself, or a mask that only tells how it ends.
#[derive(Debug, Clone, PartialEq)]
pub enum ListedValue {
    Full(Secret),
    /// `****abcd`, `…abcd`, `xxxxxxxxabcd`, or a value shorter than any real token: the
    /// tail is all that is known (it may be empty when the mask shows nothing).
    Masked {
        tail: String,
    },
}

/// A listed value shorter than this cannot be a whole token: the platform's tokens are
/// long random strings (64 hex characters in the reference's own examples).
const SHORTEST_FULL_TOKEN: usize = 12;
/// How many characters of a token's end name it ([`Secret::tail`]).
const TAIL_CHARS: usize = 4;
/// The characters platforms put in place of a token's hidden part.
const MASK_CHARS: &[char] = &['*', '•', '●', '…', '·', '#'];

impl ListedValue {
    /// Reads a listed value, telling a mask from a whole token.
    pub fn from_listed(text: &str) -> Self {
        let text = text.trim();
        let chars: Vec<char> = text.chars().collect();
        if text.contains(MASK_CHARS) || text.starts_with("...") {
            let tail: String = text
                .rsplit(|c: char| MASK_CHARS.contains(&c) || c == '.')
                .next()
                .unwrap_or_default()
                .to_owned();
            return Self::Masked { tail };
        }
        let x_run = chars.iter().take_while(|c| matches!(c, 'x' | 'X')).count();
        if x_run >= 4 && x_run < chars.len() {
            let shown = chars.len() - x_run;
            // Fewer than four shown means the token's own tail began with an x.
            let tail = last_chars(text, shown.max(TAIL_CHARS));
            return Self::Masked { tail };
        }
        if chars.len() < SHORTEST_FULL_TOKEN {
            return Self::Masked {
                tail: text.to_owned(),
            };
        }
        Self::Full(Secret::new(text))
    }
}

fn last_chars(text: &str, count: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars[chars.len().saturating_sub(count)..].iter().collect()
}

impl AppToken {
    /// The whole token, when the platform listed it in full.
    pub fn full(&self) -> Option<&Secret> {
        match &self.value {
            Some(ListedValue::Full(token)) => Some(token),
            _ => None,
        }
    }

    /// Whether this entry is the given token, known in full.
    pub fn is(&self, token: &Secret) -> bool {
        self.full() == Some(token)
    }

    /// Whether this entry may be the given token: it is, or its mask ends the way it does.
    pub fn may_be(&self, token: &Secret) -> bool {
        match &self.value {
            Some(ListedValue::Full(value)) => value == token,
            Some(ListedValue::Masked { tail }) => {
                !tail.is_empty() && token.expose().ends_with(tail.as_str())
            }
            None => false,
        }
    }

    /// The last four characters (fewer when a mask shows fewer), when any are known.
    pub fn tail(&self) -> Option<String> {
        match &self.value {
            Some(ListedValue::Full(token)) => Some(token.tail()),
            Some(ListedValue::Masked { tail }) if !tail.is_empty() => {
                Some(last_chars(tail, TAIL_CHARS))
            }
            _ => None,
        }
    }

    /// When the platform says the token was created: ISO 8601, Unix seconds, or
    /// `YYYY-MM-DD HH:MM:SS` (taken as UTC).
    pub fn created_time(&self) -> Option<OffsetDateTime> {
        lenient_time(self.created_at.as_deref()?)
    }
}

fn lenient_time(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim();
    if let Ok(seconds) = text.parse::<i64>() {
        return OffsetDateTime::from_unix_timestamp(seconds).ok();
    }
    if let Ok(at) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(at);
    }
    let plain = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second]");
    time::PrimitiveDateTime::parse(text, &plain)
        .ok()
        .map(time::PrimitiveDateTime::assume_utc)
}

impl<'de> Deserialize<'de> for AppToken {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Described {
            #[serde(default, alias = "access_token")]
            token: Option<Secret>,
            /// Where a platform lists only a mask, or only the last characters, apart.
            #[serde(
                default,
                alias = "token_mask",
                alias = "last4",
                alias = "last_four",
                alias = "token_last4",
                alias = "token_last_four"
            )]
            masked_token: Option<String>,
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
                value: Some(ListedValue::from_listed(token.expose())),
                app_id: None,
                created_at: None,
                expires_at: None,
                extra: Map::new(),
            },
            Raw::Described(entry) => Self {
                value: match (entry.token, entry.masked_token) {
                    (Some(token), _) if !token.expose().trim().is_empty() => {
                        Some(ListedValue::from_listed(token.expose()))
                    }
                    (_, Some(mask)) if !mask.trim().is_empty() => Some(ListedValue::Masked {
                        tail: match ListedValue::from_listed(&mask) {
                            ListedValue::Masked { tail } => tail,
                            // A "mask" field holding a whole token is still only a tail to us.
                            ListedValue::Full(_) => last_chars(mask.trim(), TAIL_CHARS),
                        },
                    }),
                    _ => None,
                },
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

    fn full(token: &AppToken) -> &str {
        token.full().expect("listed in full").expose()
    }

    #[test]
    fn a_listed_token_may_be_a_bare_string_or_an_object() {
        let tokens: Vec<AppToken> = serde_json::from_value(json!([
            "tok-bare-1234",
            {"token": "tok-obj-5678", "app_id": 42, "created_at": 1700000000, "refresh_token": "r", "label": "ci"},
            {"access_token": "tok-alias-9999"},
            {"id": "t1"}
        ]))
        .unwrap();
        assert_eq!(full(&tokens[0]), "tok-bare-1234");
        assert_eq!(full(&tokens[1]), "tok-obj-5678");
        assert_eq!(tokens[1].app_id.as_deref(), Some("42"));
        assert_eq!(tokens[1].created_at.as_deref(), Some("1700000000"));
        assert_eq!(tokens[1].extra.get("label"), Some(&json!("ci")));
        assert!(!tokens[1].extra.contains_key("refresh_token"));
        assert_eq!(full(&tokens[2]), "tok-alias-9999");
        assert!(tokens[3].value.is_none());
        assert!(!format!("{tokens:?}").contains("tok-"));
    }

    #[test]
    fn a_masked_token_is_read_as_a_tail_in_every_common_form() {
        let whole = "9f2c41aa7e3b5d10ab12cd0066";
        for listed in [
            "****0066",
            "…0066",
            "...0066",
            "••••••••0066",
            "xxxxxxxxxxxxxxxx0066",
            "XXXXXXXX0066",
            "0066",
            "ab12cd0066",
            "9f2c****0066",
        ] {
            let token: AppToken = serde_json::from_value(json!({ "token": listed })).unwrap();
            assert!(token.full().is_none(), "{listed} is a mask, not a token");
            assert_eq!(token.tail().as_deref(), Some("0066"), "{listed}");
            assert!(token.may_be(&Secret::new(whole)), "{listed} may be {whole}");
            assert!(
                !token.is(&Secret::new(whole)),
                "a mask is never known to be a token"
            );
            assert!(!token.may_be(&Secret::new("9f2c41aa7e3b5d10ab12cdffff")));
        }
        let bare: AppToken = serde_json::from_value(json!("****beef")).unwrap();
        assert_eq!(bare.tail().as_deref(), Some("beef"));
    }

    #[test]
    fn a_mask_given_in_a_field_of_its_own_is_a_tail() {
        for field in [
            "masked_token",
            "token_mask",
            "last4",
            "last_four",
            "token_last4",
        ] {
            let token: AppToken = serde_json::from_value(
                json!({ field: "…7a7a", "created_at": "2026-12-01 10:00:00" }),
            )
            .unwrap();
            assert_eq!(token.tail().as_deref(), Some("7a7a"), "{field}");
            assert!(token.full().is_none());
            assert!(!token.extra.contains_key(field));
        }
    }

    #[test]
    fn a_whole_token_stays_whole_and_masks_show_nothing_more() {
        let long = "4f1e0c2b9a8d7e6f5a4b3c2d1e0f9a8b";
        let token: AppToken = serde_json::from_value(json!({ "token": long })).unwrap();
        assert_eq!(full(&token), long);
        assert_eq!(token.tail().as_deref(), Some("9a8b"));
        let empty: AppToken = serde_json::from_value(json!({ "token": "********" })).unwrap();
        assert_eq!(
            empty.value,
            Some(ListedValue::Masked {
                tail: String::new()
            })
        );
        assert_eq!(empty.tail(), None);
        assert!(!empty.may_be(&Secret::new(long)));
    }

    #[test]
    fn creation_times_are_read_in_the_vendors_forms() {
        let at = |created: Value| {
            serde_json::from_value::<AppToken>(
                json!({ "token": "****abcd", "created_at": created }),
            )
            .unwrap()
            .created_time()
            .map(OffsetDateTime::unix_timestamp)
        };
        assert_eq!(at(json!(1_700_000_000)), Some(1_700_000_000));
        assert_eq!(at(json!("2023-11-14T22:13:20.000Z")), Some(1_700_000_000));
        assert_eq!(at(json!("2023-11-14 22:13:20")), Some(1_700_000_000));
        assert_eq!(at(json!("yesterday")), None);
    }
}
