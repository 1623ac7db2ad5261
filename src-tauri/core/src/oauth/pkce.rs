//! PKCE (RFC 7636) with the S256 method.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::Secret;

/// A code verifier: 32 random bytes, base64url, so 43 characters from the unreserved set.
#[derive(Debug, Clone)]
pub struct PkceVerifier(Secret);

impl PkceVerifier {
    pub fn generate() -> PkceVerifier {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        PkceVerifier(Secret::new(URL_SAFE_NO_PAD.encode(bytes)))
    }

    pub fn from_secret(secret: Secret) -> PkceVerifier {
        PkceVerifier(secret)
    }

    pub fn secret(&self) -> &Secret {
        &self.0
    }

    /// `BASE64URL(SHA256(verifier))`, sent as `code_challenge` with method `S256`.
    pub fn challenge(&self) -> String {
        URL_SAFE_NO_PAD.encode(Sha256::digest(self.0.expose().as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_matches_the_rfc_7636_example() {
        let verifier =
            PkceVerifier::from_secret(Secret::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        assert_eq!(
            verifier.challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn generated_verifiers_are_43_unreserved_characters_and_differ() {
        let a = PkceVerifier::generate();
        let b = PkceVerifier::generate();
        assert_eq!(a.secret().expose().len(), 43);
        assert!(a
            .secret()
            .expose()
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(a.secret().expose(), b.secret().expose());
    }
}
