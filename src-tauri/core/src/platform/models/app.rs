//! `App`: an app as the platform returns it from list, get and update.
//!
//! Every field of the vendor reference's app examples and of the app entity schema is
//! typed here, all optional except the code name (list entries are "simplified" for
//! directory tokens). Anything else the platform sends is kept in `extra`, so a read
//! followed by a write-back loses nothing. `trusted` is read as a boolean or as the
//! strings `"true"`/`"false"` (the update answer uses the string) and written back as a boolean.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Number, Value};

use super::lenient;
use super::AppCodeName;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
// Every `Option` here is left out when `None`, never sent as `null`.
#[ts(optional_fields)]
pub struct App {
    pub app_code_name: AppCodeName,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_id: Option<String>,
    /// The entity schema's unique identifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The app's main landing page (absent from directory-token list entries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    /// `redirect_uri` plus the runtime query parameters, computed by the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_host: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oauth_redirect_uris: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url_params: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "lenient::bool_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub trusted: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openid: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demand_scopes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_format: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_auth_jwks_uri: Option<String>,
    /// Integration points, as written (`app_type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_type: Option<Vec<String>>,
    /// Integration points, as the entity schema names them (`app_types`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_types: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_layer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<AppDescription>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_features: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "lenient::list_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub app_screenshot_uris: Option<Vec<String>>,
    #[serde(
        default,
        deserialize_with = "lenient::list_or_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub app_mobile_screenshot_uris: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_support_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_policy_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locales: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_countries: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub menu_items: Option<MenuItems>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deep_link: Option<DeepLink>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_data: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_in_new_tab: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_screen: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_connection: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supported_in_mobile: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_channel: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub built_in: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_internal: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_installed: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_upgrade: Option<bool>,
    /// Whether the caller owns the app (entity schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignment_types: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_market: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub internal: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extensions: Option<Vec<Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// Every field not named above, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl App {
    /// Whether the app skips the consent screen (the platform's default is `false`).
    pub fn is_trusted(&self) -> bool {
        self.trusted.unwrap_or(false)
    }
}

/// The app market description; the vendor sends `{}` for an app without one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
// Every `Option` here is left out when `None`, never sent as `null`.
#[ts(optional_fields)]
pub struct AppDescription {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Left sidebar entries added when the app is installed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
pub struct MenuItems {
    #[serde(default)]
    pub subitems: Vec<MenuItem>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
// Every `Option` here is left out when `None`, never sent as `null`.
#[ts(optional_fields)]
pub struct MenuItem {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Item names by language (`{"en": "RDBMS Page"}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_name: Option<Map<String, Value>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_order: Option<Number>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block_impersonation: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A deep link: an object `{path, path_params}` in the write schema and the update
/// answer, but a plain URL string in the list example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(untagged)]
pub enum DeepLink {
    Url(String),
    Path {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        path: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        path_params: Option<Map<String, Value>>,
    },
}
