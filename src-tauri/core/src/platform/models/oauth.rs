//! The OAuth side: what goes into a code exchange or a service-token request, the
//! `TokenGrant` that comes back, and the `UserInfo` of the user who authorized.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

use super::{lenient, BrandColors};
use crate::Secret;
use ts_rs::TS;

/// The inputs of `POST /oauth/token` (`grant_type=authorization_code`).
#[derive(Debug, Clone)]
pub struct CodeExchange {
    pub client_id: String,
    pub client_secret: Secret,
    pub code: Secret,
    /// Exactly the redirect URI used in the authorization request.
    pub redirect_uri: String,
    /// The PKCE verifier, when the authorization request carried a challenge.
    pub code_verifier: Option<Secret>,
}

/// The inputs of `POST /oauth/service/token`: an app's client id and client secret.
#[derive(Debug, Clone)]
pub struct ServiceCredentials {
    pub service_id: String,
    pub service_secret: Secret,
}

/// An access token granted by `/oauth/token` or `/oauth/service/token`.
/// `created_at` is Unix seconds from one and ISO 8601 from the other: both are read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TokenGrant {
    pub access_token: Secret,
    #[serde(default = "bearer")]
    pub token_type: String,
    #[serde(default, deserialize_with = "lenient::number_or_string")]
    pub expires_in: Option<u64>,
    #[serde(default, deserialize_with = "lenient::unix_or_iso_time")]
    pub created_at: Option<OffsetDateTime>,
    #[serde(default)]
    pub refresh_token: Option<Secret>,
    #[serde(default)]
    pub scope: Option<String>,
}

/// A service token has the same shape as any other grant.
pub type ServiceToken = TokenGrant;

fn bearer() -> String {
    "Bearer".to_owned()
}

impl TokenGrant {
    /// When the token stops working, if the platform said when it was issued and for how long.
    pub fn expires_at(&self) -> Option<OffsetDateTime> {
        let seconds = i64::try_from(self.expires_in?).ok()?;
        self.created_at?
            .checked_add(time::Duration::seconds(seconds))
    }
}

/// `GET /oauth/userinfo`: who authorized, and in which business and brand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(optional_fields)]
pub struct UserInfo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// `staff`, … (the vendor's `type`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_uid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory_uid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_theme: Option<BrandTheme>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(optional_fields)]
pub struct BrandTheme {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colors: Option<BrandColors>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Links and logos of the "powered by" footer (all nullable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub powered_by: Option<Map<String, Value>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
