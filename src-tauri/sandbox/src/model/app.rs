//! An app as the sandbox stores it: identity and credentials, its redirect URIs, the
//! `trusted` flag, and the app-market/integration profile the vendor echoes back.
//! The client secret is kept only as a SHA-256 digest: it is shown once, at creation.

use super::app_code_name::AppCodeName;
use super::redirect_uri::RedirectUri;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use time::OffsetDateTime;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct App {
    pub app_id: String,
    pub app_code_name: AppCodeName,
    /// The directory that created the app; `None` for apps created with an internal token.
    pub owner_directory_uid: Option<String>,
    pub client_id: String,
    pub client_secret_sha256: String,
    pub name: String,
    pub redirect_uri: RedirectUri,
    pub oauth_redirect_uris: Vec<RedirectUri>,
    pub trusted: bool,
    pub profile: AppProfile,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl App {
    /// Whether `uri` is, character for character, the app's `redirect_uri` or one of its
    /// `oauth_redirect_uris`.
    pub fn registers_redirect(&self, uri: &str) -> bool {
        self.registered_redirects()
            .any(|registered| registered == uri)
    }

    pub fn registered_redirects(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.redirect_uri.as_str())
            .chain(self.oauth_redirect_uris.iter().map(RedirectUri::as_str))
    }

    pub fn is_owned_by(&self, directory_uid: &str) -> bool {
        self.owner_directory_uid.as_deref() == Some(directory_uid)
    }
}

/// Everything about an app that the platform stores and echoes but does not act on.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct AppProfile {
    pub app_type: Vec<String>,
    pub url_params: Vec<String>,
    pub menu_items: Option<Value>,
    pub open_in_new_tab: bool,
    pub full_screen: bool,
    pub description: Map<String, Value>,
    pub app_features: Vec<String>,
    pub app_screenshot_uris: Vec<String>,
    pub app_mobile_screenshot_uris: Vec<String>,
    pub contact_support_link: Option<String>,
    pub locales: Vec<String>,
    pub payment_data: Option<Value>,
    pub privacy_policy_link: Option<String>,
    pub personal_connection: bool,
    pub supported_countries: Vec<String>,
    pub api_uri: Option<String>,
    pub app_layer: Option<String>,
    pub deep_link: Option<Value>,
    pub scopes: Vec<String>,
    pub demand_scopes: Vec<String>,
    pub access_token_format: String,
    pub client_auth_jwks_uri: Option<String>,
    pub open_channel: bool,
}

impl Default for AppProfile {
    fn default() -> Self {
        Self {
            app_type: Vec::new(),
            url_params: Vec::new(),
            menu_items: None,
            open_in_new_tab: false,
            full_screen: false,
            description: Map::new(),
            app_features: Vec::new(),
            app_screenshot_uris: Vec::new(),
            app_mobile_screenshot_uris: Vec::new(),
            contact_support_link: None,
            locales: Vec::new(),
            payment_data: None,
            privacy_policy_link: None,
            personal_connection: false,
            supported_countries: Vec::new(),
            api_uri: None,
            app_layer: None,
            deep_link: None,
            scopes: Vec::new(),
            demand_scopes: Vec::new(),
            access_token_format: "opaque".to_string(),
            client_auth_jwks_uri: None,
            open_channel: false,
        }
    }
}
