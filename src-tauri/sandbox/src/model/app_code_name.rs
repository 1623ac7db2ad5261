//! `AppCodeName`: the app's unique, alphanumeric code name (its id in the apps API), and
//! how one is derived from an app name when the caller gives none.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AppCodeName(String);

impl AppCodeName {
    /// Accepts only `^[a-zA-Z0-9]+$`, as the vendor reference documents.
    pub fn parse(text: &str) -> Result<Self, String> {
        if text.is_empty() {
            return Err("app_code_name must not be empty".to_string());
        }
        if !text.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(format!(
                "app_code_name must contain only letters and digits (a-z, A-Z, 0-9), \
                 with no spaces, underscores or hyphens: got {text:?}"
            ));
        }
        Ok(Self(text.to_string()))
    }

    /// The code name a new app gets from its name: its ASCII letters and digits,
    /// lowercased ("My first app" → "myfirstapp"); `app` when nothing is left.
    /// `is_taken` decides collisions; on one, a numeric postfix is added ("myfirstapp2").
    pub fn derive(name: &str, is_taken: impl Fn(&str) -> bool) -> Self {
        let mut base: String = name
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if base.is_empty() {
            base = "app".to_string();
        }
        if !is_taken(&base) {
            return Self(base);
        }
        (2u64..)
            .map(|n| format!("{base}{n}"))
            .find(|candidate| !is_taken(candidate))
            .map(Self)
            .expect("an unbounded range always yields a free postfix")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Code names are unique regardless of case, so `MyApp` and `myapp` cannot coexist.
    pub fn same_as(&self, other: &str) -> bool {
        self.0.eq_ignore_ascii_case(other)
    }
}

impl TryFrom<String> for AppCodeName {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Self::parse(&text)
    }
}

impl From<AppCodeName> for String {
    fn from(name: AppCodeName) -> String {
        name.0
    }
}

impl fmt::Display for AppCodeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_names_accept_only_ascii_letters_and_digits() {
        assert!(AppCodeName::parse("IncredibleCodeName2").is_ok());
        for bad in ["", "my app", "my_app", "my-app", "café", "app!"] {
            assert!(
                AppCodeName::parse(bad).is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn a_derived_code_name_is_the_lowercased_alphanumerics_of_the_name() {
        let name = AppCodeName::derive("My first app", |_| false);
        assert_eq!(name.as_str(), "myfirstapp");
    }

    #[test]
    fn a_derived_code_name_gets_a_numeric_postfix_on_collision() {
        let taken = ["myfirstapp", "myfirstapp2"];
        let name = AppCodeName::derive("My first app", |c| taken.contains(&c));
        assert_eq!(name.as_str(), "myfirstapp3");
    }

    #[test]
    fn a_name_without_ascii_alphanumerics_derives_app() {
        assert_eq!(AppCodeName::derive("日本語 — ✓", |_| false).as_str(), "app");
    }
}
