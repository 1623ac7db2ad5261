//! `AppCodeName`: an app's unique code name, the `{id}` in `/platform/v1/apps/{id}`.
//!
//! Two rules, both the vendor's: a code name the console *asks for* on create must be
//! letters and digits only (`^[a-zA-Z0-9]+$`); a code name the platform *assigned* may
//! also carry `_` or `-` (its own examples include `dummyapp_62` and `calendar_sync`,
//! and it appends a postfix when a name is taken), so reads accept those too.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{ErrorCode, PlatformError};
use ts_rs::TS;

const MAX_LEN: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, TS)]
#[serde(transparent)]
pub struct AppCodeName(String);

impl AppCodeName {
    /// A code name to request on create: letters and digits only, as the vendor validates it.
    pub fn new(value: impl Into<String>) -> Result<Self, PlatformError> {
        let value = value.into();
        let trimmed = value.trim();
        if trimmed.is_empty() || !trimmed.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(PlatformError::new(
                ErrorCode::InvalidInput,
                format!(
                    "The app code name {trimmed:?} is not valid: the platform accepts only letters \
                     a-z, A-Z and digits 0-9 (no spaces, underscores or hyphens); choose a name \
                     like \"myfirstapp\"."
                ),
            ));
        }
        Self::existing(trimmed)
    }

    /// The code name of an app that exists on the platform (letters, digits, `_`, `-`).
    pub fn existing(value: impl Into<String>) -> Result<Self, PlatformError> {
        let value = value.into();
        let valid = !value.is_empty()
            && value.len() <= MAX_LEN
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if valid {
            Ok(Self(value))
        } else {
            Err(PlatformError::new(
                ErrorCode::InvalidInput,
                format!(
                    "{value:?} is not an app code name: code names are 1 to {MAX_LEN} letters, \
                     digits, '_' or '-'; copy it from the apps list."
                ),
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AppCodeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for AppCodeName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for AppCodeName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = String::deserialize(d)?;
        Self::existing(value).map_err(|_| {
            serde::de::Error::custom("an app code name must be letters, digits, '_' or '-'")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_requested_code_name_must_be_letters_and_digits_only() {
        assert_eq!(
            AppCodeName::new("myFirstApp2").unwrap().as_str(),
            "myFirstApp2"
        );
        for bad in ["", "   ", "my app", "my_app", "my-app", "appé", "a/b"] {
            let err = AppCodeName::new(bad).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidInput, "{bad:?}");
        }
    }

    #[test]
    fn a_platform_assigned_code_name_may_carry_the_collision_postfix() {
        let name: AppCodeName = serde_json::from_str("\"dummyapp_62\"").unwrap();
        assert_eq!(name.as_str(), "dummyapp_62");
        assert!(serde_json::from_str::<AppCodeName>("\"../etc\"").is_err());
        assert!(serde_json::from_str::<AppCodeName>("\"\"").is_err());
    }
}
