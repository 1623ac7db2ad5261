//! Bearer tokens the platform has issued: what each one grants, which directory it
//! lives in (who may list and revoke it), where it came from, and when it stops working.
//!
//! Like a careful platform, the sandbox keeps a token's SHA-256 digest (enough to recognise
//! it when presented) and its last four characters (for masked lists), not the token: the
//! state file never holds one. The value stays in memory only, for the optional mode that
//! lists tokens in full.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// What presenting the token as a bearer makes the caller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TokenGrant {
    Directory {
        directory_uid: String,
    },
    /// App tokens (`POST /platform/v1/tokens` with `app_id`) and service tokens.
    App {
        app_id: String,
    },
    /// OAuth access tokens (the user authorized `app_id`) and business tokens.
    Staff {
        user_uid: String,
        business_uid: String,
        app_id: Option<String>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenOrigin {
    /// Created with the sandbox's seed; not listed, and no caller may revoke it.
    Seed,
    TokensApi,
    AuthorizationCode,
    ServiceCredentials,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IssuedToken {
    /// Lowercase hex SHA-256 of the token.
    pub digest: String,
    /// The token's last four characters.
    pub tail: String,
    /// The token itself, while this process runs (never saved): listed when the sandbox
    /// lists tokens in full.
    #[serde(skip)]
    pub value: Option<String>,
    pub grant: TokenGrant,
    pub directory_uid: Option<String>,
    pub origin: TokenOrigin,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
    /// The launch whose flow produced it: calls made with it go to that launch's trace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launch_id: Option<String>,
}

impl IssuedToken {
    /// A new record of `value`, issued at `created_at`.
    pub fn new(
        value: &str,
        grant: TokenGrant,
        directory_uid: Option<String>,
        origin: TokenOrigin,
        created_at: OffsetDateTime,
        expires_at: Option<OffsetDateTime>,
    ) -> Self {
        let chars: Vec<char> = value.chars().collect();
        Self {
            digest: crate::ids::sha256_hex(value),
            tail: chars[chars.len().saturating_sub(4)..].iter().collect(),
            value: Some(value.to_owned()),
            grant,
            directory_uid,
            origin,
            created_at,
            expires_at,
            revoked_at: None,
            launch_id: None,
        }
    }

    /// Whether `value` is this token (compared by digest, in constant time).
    pub fn is(&self, value: &str) -> bool {
        crate::ids::constant_time_eq(&crate::ids::sha256_hex(value), &self.digest)
    }

    /// The token as a masked list shows it: `****abcd`.
    pub fn masked(&self) -> String {
        format!("****{}", self.tail)
    }

    pub fn is_active(&self, now: OffsetDateTime) -> bool {
        self.revoked_at.is_none() && self.expires_at.is_none_or(|expiry| now < expiry)
    }

    /// The app the token was issued for, if any.
    pub fn app_id(&self) -> Option<&str> {
        match &self.grant {
            TokenGrant::App { app_id } => Some(app_id),
            TokenGrant::Staff { app_id, .. } => app_id.as_deref(),
            TokenGrant::Directory { .. } => None,
        }
    }

    pub fn user_uid(&self) -> Option<&str> {
        match &self.grant {
            TokenGrant::Staff { user_uid, .. } => Some(user_uid),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn token(expires_at: Option<OffsetDateTime>) -> IssuedToken {
        IssuedToken::new(
            "t",
            TokenGrant::App { app_id: "a".into() },
            None,
            TokenOrigin::TokensApi,
            OffsetDateTime::UNIX_EPOCH,
            expires_at,
        )
    }

    #[test]
    fn a_token_is_recognised_by_its_digest_and_saved_without_its_value() {
        let value = "9f2c41aa7e3b5d10c0ffee0066";
        let token = IssuedToken::new(
            value,
            TokenGrant::App { app_id: "a".into() },
            None,
            TokenOrigin::TokensApi,
            OffsetDateTime::UNIX_EPOCH,
            None,
        );
        assert!(token.is(value));
        assert!(!token.is("9f2c41aa7e3b5d10c0ffee0067"));
        assert_eq!(token.masked(), "****0066");
        let saved = serde_json::to_string(&token).unwrap();
        assert!(!saved.contains(value), "{saved}");
        let loaded: IssuedToken = serde_json::from_str(&saved).unwrap();
        assert!(loaded.is(value) && loaded.value.is_none());
    }

    #[test]
    fn a_token_stops_being_active_at_its_expiry_or_when_revoked() {
        let now = OffsetDateTime::UNIX_EPOCH + Duration::hours(1);
        assert!(token(None).is_active(now));
        assert!(token(Some(now + Duration::seconds(1))).is_active(now));
        assert!(!token(Some(now)).is_active(now));
        let mut revoked = token(None);
        revoked.revoked_at = Some(now);
        assert!(!revoked.is_active(now));
    }
}
