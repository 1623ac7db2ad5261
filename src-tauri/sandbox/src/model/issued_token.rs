//! Bearer tokens the platform has issued: what each one grants, which directory it
//! lives in (who may list and revoke it), where it came from, and when it stops working.

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
    pub value: String,
    pub grant: TokenGrant,
    pub directory_uid: Option<String>,
    pub origin: TokenOrigin,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub expires_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub revoked_at: Option<OffsetDateTime>,
}

impl IssuedToken {
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
        IssuedToken {
            value: "t".into(),
            grant: TokenGrant::App { app_id: "a".into() },
            directory_uid: None,
            origin: TokenOrigin::TokensApi,
            created_at: OffsetDateTime::UNIX_EPOCH,
            expires_at,
            revoked_at: None,
        }
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
