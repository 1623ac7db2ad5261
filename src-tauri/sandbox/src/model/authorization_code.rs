//! Authorization codes from the browser flow: bound to the client and the redirect URI,
//! optionally to a PKCE S256 challenge, valid for 30 seconds, and redeemable once. The
//! token a code produced is remembered so that replaying the code can revoke it.

use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

/// "Note: the code will remain valid for only 30 seconds!" (vendor OAuth guide).
pub const CODE_LIFETIME: Duration = Duration::seconds(30);

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuthorizationCode {
    /// Lowercase hex SHA-256 of the code: the state keeps no code itself.
    pub digest: String,
    pub client_id: String,
    pub redirect_uri: String,
    pub user_uid: String,
    pub scope: Option<String>,
    /// The S256 challenge sent to authorize, if the client used PKCE.
    pub code_challenge: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub issued_at: OffsetDateTime,
    /// The digest of the access token this code was exchanged for, once it has been.
    pub exchanged_for: Option<String>,
    /// The launch whose flow produced it (its trace records what becomes of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_id: Option<String>,
    /// Issued for the console's state probe, not by a user's consent.
    #[serde(default)]
    pub probe: bool,
}

impl AuthorizationCode {
    pub fn is_expired(&self, now: OffsetDateTime) -> bool {
        now - self.issued_at >= CODE_LIFETIME
    }

    /// Checks a token request's `code_verifier` against the stored challenge.
    pub fn check_verifier(&self, verifier: Option<&str>) -> Result<(), &'static str> {
        match (&self.code_challenge, verifier) {
            (None, _) => Ok(()),
            (Some(_), None) => {
                Err("this code was issued with a PKCE code_challenge; code_verifier is required")
            }
            (Some(challenge), Some(verifier)) if s256_challenge(verifier) == *challenge => Ok(()),
            (Some(_), Some(_)) => {
                Err("code_verifier does not match the code_challenge sent to authorize")
            }
        }
    }
}

/// `BASE64URL(SHA256(verifier))` without padding (RFC 7636, S256).
pub fn s256_challenge(verifier: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(challenge: Option<&str>) -> AuthorizationCode {
        AuthorizationCode {
            digest: crate::ids::sha256_hex("c"),
            client_id: "id".into(),
            redirect_uri: "https://a.example/cb".into(),
            user_uid: "u".into(),
            scope: None,
            code_challenge: challenge.map(str::to_string),
            issued_at: OffsetDateTime::UNIX_EPOCH,
            exchanged_for: None,
            launch_id: None,
            probe: false,
        }
    }

    #[test]
    fn the_s256_challenge_matches_the_rfc_7636_example() {
        assert_eq!(
            s256_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn a_code_expires_once_30_seconds_have_passed() {
        let c = code(None);
        assert!(!c.is_expired(c.issued_at + Duration::seconds(29)));
        assert!(c.is_expired(c.issued_at + Duration::seconds(30)));
    }

    #[test]
    fn a_pkce_code_needs_the_matching_verifier() {
        let c = code(Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        assert!(c
            .check_verifier(Some("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
            .is_ok());
        assert!(c.check_verifier(Some("not-the-verifier")).is_err());
        assert!(c.check_verifier(None).is_err());
        assert!(code(None).check_verifier(Some("anything")).is_ok());
    }
}
