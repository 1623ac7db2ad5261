//! Random identifiers and secrets (hex from the OS RNG), and the SHA-256 digests the
//! sandbox keeps instead of client secrets.

use rand::RngCore;
use sha2::{Digest, Sha256};

/// `bytes` random bytes from the OS RNG, as lowercase hex (twice as many characters).
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

/// A 64-hex-character credential: client ids, client secrets, tokens, codes.
pub fn credential() -> String {
    random_hex(32)
}

/// A 16-hex-character public identifier: app ids, directory, business and staff uids.
pub fn uid() -> String {
    random_hex(8)
}

/// Lowercase hex SHA-256 of `text`.
pub fn sha256_hex(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Compares two strings in time independent of where they first differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_64_lowercase_hex_characters_and_differ() {
        let (a, b) = (credential(), credential());
        assert_eq!(a.len(), 64);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_ne!(a, b);
    }

    #[test]
    fn constant_time_eq_compares_content_and_length() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
