//! `Secret`: the only type that holds a token, client secret, authorization code,
//! PKCE verifier or store key.
//!
//! Invariants: its `Debug` and `Display` never print the value; the bytes are
//! zeroized when it is dropped; it implements `Deserialize` (so vendor responses can
//! be parsed straight into it) but deliberately not `Serialize`, so a secret can only
//! leave the process through an explicit [`Secret::expose`] call that a reviewer can grep for.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::Zeroizing;

/// How many trailing characters [`Secret::masked`] shows.
const VISIBLE_TAIL: usize = 4;

#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Zeroizing<String>);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(Zeroizing::new(value.into()))
    }

    /// The secret value itself. Every call site is a place where a secret leaves
    /// its wrapper: keep them few and obvious (HTTP bodies, the encrypted store).
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A form safe to show: `…abcd` (the last four characters), or `…` when the
    /// value is too short for its tail to be shown without giving most of it away.
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        if chars.len() < VISIBLE_TAIL * 3 {
            return "…".to_owned();
        }
        let tail: String = chars[chars.len() - VISIBLE_TAIL..].iter().collect();
        format!("…{tail}")
    }

    /// The last four characters, used to name a token without revealing it
    /// (`intandem tokens revoke <app> abcd`).
    pub fn tail(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars[chars.len().saturating_sub(VISIBLE_TAIL)..]
            .iter()
            .collect()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A secret arrives from the GUI as a string (a passphrase, a pasted client secret).
impl ts_rs::TS for Secret {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn name(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }

    fn inline(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

/// A secret a DTO carries on purpose, because its action exists to show it (a new client
/// secret, a revealed one, a new app token, a service token). It serializes as its value:
/// the one way a secret becomes JSON, and a type a reviewer can grep for. Its `Debug`
/// stays redacted, so logging a DTO never prints it.
#[derive(Clone, PartialEq, Eq)]
pub struct ShownSecret(Secret);

impl ShownSecret {
    /// Shows `secret` to whoever receives the DTO.
    pub fn new(secret: &Secret) -> Self {
        Self(secret.clone())
    }

    /// A value that is not itself secret (a mask) in a field that may hold one.
    pub fn not_secret(text: impl Into<String>) -> Self {
        Self(Secret::new(text))
    }

    pub fn expose(&self) -> &str {
        self.0.expose()
    }
}

impl fmt::Debug for ShownSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ShownSecret(<redacted>)")
    }
}

impl Serialize for ShownSecret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.expose())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANARY: &str = "canary-7f3a9c1e5b2d4f6a8c0e";

    #[test]
    fn debug_and_display_never_print_the_value() {
        let secret = Secret::new(CANARY);
        assert!(!format!("{secret:?}").contains("canary"));
        assert!(!format!("{secret}").contains("canary"));
        assert!(!format!("{:#?}", Some(&secret)).contains("canary"));
    }

    #[test]
    fn masked_shows_only_the_last_four_characters() {
        assert_eq!(Secret::new(CANARY).masked(), "…8c0e");
        assert_eq!(Secret::new("short").masked(), "…");
        assert_eq!(Secret::new(CANARY).tail(), "8c0e");
    }

    #[test]
    fn deserializes_from_a_json_string() {
        let secret: Secret = serde_json::from_str(&format!("\"{CANARY}\"")).unwrap();
        assert_eq!(secret.expose(), CANARY);
    }

    #[test]
    fn a_shown_secret_serializes_its_value_and_still_hides_it_from_debug() {
        let shown = ShownSecret::new(&Secret::new(CANARY));
        assert_eq!(
            serde_json::to_string(&shown).unwrap(),
            format!("\"{CANARY}\"")
        );
        assert!(!format!("{shown:?}").contains("canary"));
        assert!(!format!("{:?}", Some(&shown)).contains("canary"));
    }
}
