//! What the console writes: `NewApp` (the create body) and `AppUpdate` (only the fields
//! that change). Both follow the vendor's write schemas exactly, quirks included:
//! `trusted` is the *string* `"true"`/`"false"` on create, screenshot URIs are one
//! string, `oauth_redirect_uris` can only be set by an update, and an update never
//! carries `trusted` (directory tokens may not change it).

use serde::Serialize;
use serde_json::Value;
use url::Url;

use super::{lenient, AppCodeName, AppDescription, DeepLink, MenuItems};
use crate::error::{ErrorCode, PlatformError};

/// The body of `POST /platform/v1/apps`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NewApp {
    /// When absent the platform derives one from `name` (adding a postfix if it is taken).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_code_name: Option<AppCodeName>,
    pub name: String,
    /// The app's main landing page.
    pub redirect_uri: String,
    #[serde(
        serialize_with = "lenient::bool_as_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub trusted: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_type: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_params: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub menu_items: Option<MenuItems>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_in_new_tab: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_screen: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<AppDescription>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_features: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_screenshot_uris: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_mobile_screenshot_uris: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_support_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locales: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_data: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_policy_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_connection: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supported_countries: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_layer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deep_link: Option<DeepLink>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand_scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_auth_jwks_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_channel: Option<bool>,
}

impl NewApp {
    /// The vendor's bounds on an app's display name, in characters.
    pub const NAME_CHARS: std::ops::RangeInclusive<usize> = 3..=25;

    /// The two fields every app needs; set the others on the returned value.
    pub fn new(
        name: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Result<Self, PlatformError> {
        let app = Self {
            name: name.into(),
            redirect_uri: redirect_uri.into(),
            ..Self::default()
        };
        app.validate()?;
        Ok(app)
    }

    /// The vendor's documented rules, checked before anything is sent.
    pub fn validate(&self) -> Result<(), PlatformError> {
        validate_name(&self.name)?;
        validate_landing_page(&self.redirect_uri)?;
        if let Some(code_name) = &self.app_code_name {
            AppCodeName::new(code_name.as_str())?;
        }
        Ok(())
    }
}

/// The body of `PUT /platform/v1/apps/{id}`: only the fields that change. `trusted` is
/// deliberately absent (directory tokens cannot change it).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AppUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oauth_redirect_uris: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url_params: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_type: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub menu_items: Option<MenuItems>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_in_new_tab: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_screen: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<AppDescription>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_features: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_screenshot_uris: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_mobile_screenshot_uris: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_support_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub locales: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub privacy_policy_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_connection: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supported_countries: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_uri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_layer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deep_link: Option<DeepLink>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub demand_scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_auth_jwks_uri: Option<String>,
}

impl AppUpdate {
    /// True when the update would change nothing.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    pub fn validate(&self) -> Result<(), PlatformError> {
        if self.is_empty() {
            return Err(PlatformError::new(
                ErrorCode::InvalidInput,
                "The update changes nothing: set at least one field before saving.",
            ));
        }
        if let Some(name) = &self.name {
            validate_name(name)?;
        }
        if let Some(uri) = &self.redirect_uri {
            validate_landing_page(uri)?;
        }
        Ok(())
    }
}

fn validate_name(name: &str) -> Result<(), PlatformError> {
    let chars = name.trim().chars().count();
    if NewApp::NAME_CHARS.contains(&chars) {
        return Ok(());
    }
    let fix = if chars < *NewApp::NAME_CHARS.start() {
        "lengthen"
    } else {
        "shorten"
    };
    Err(PlatformError::new(
        ErrorCode::InvalidInput,
        format!(
            "The app name {name:?} is {chars} characters long, but the platform requires \
             {} to {} characters: {fix} it.",
            NewApp::NAME_CHARS.start(),
            NewApp::NAME_CHARS.end()
        ),
    ))
}

fn validate_landing_page(uri: &str) -> Result<(), PlatformError> {
    match Url::parse(uri.trim()) {
        Ok(url) if matches!(url.scheme(), "https" | "http") && url.has_host() => Ok(()),
        _ => Err(PlatformError::new(
            ErrorCode::InvalidInput,
            format!(
                "The redirect URI {uri:?} is not an absolute http(s) URL: enter the app's \
                 landing page, like https://myapp.example.com/app."
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn trusted_is_written_as_the_string_the_vendor_asks_for() {
        let mut app = NewApp::new("My first app", "https://myapp.example.com/").unwrap();
        app.trusted = Some(true);
        app.app_code_name = Some(AppCodeName::new("myfirstapp").unwrap());
        let body = serde_json::to_value(&app).unwrap();
        assert_eq!(
            body,
            json!({
                "app_code_name": "myfirstapp",
                "name": "My first app",
                "redirect_uri": "https://myapp.example.com/",
                "trusted": "true"
            })
        );
        app.trusted = Some(false);
        assert_eq!(serde_json::to_value(&app).unwrap()["trusted"], "false");
    }

    #[test]
    fn an_update_carries_only_the_fields_that_change_and_never_trusted() {
        let update = AppUpdate {
            oauth_redirect_uris: Some(vec!["http://127.0.0.1/callback".into()]),
            ..AppUpdate::default()
        };
        let body = serde_json::to_value(&update).unwrap();
        assert_eq!(
            body,
            json!({"oauth_redirect_uris": ["http://127.0.0.1/callback"]})
        );
        assert!(update.validate().is_ok());
        assert_eq!(
            AppUpdate::default().validate().unwrap_err().code,
            ErrorCode::InvalidInput
        );
    }

    #[test]
    fn a_new_app_is_refused_before_sending_when_it_breaks_the_vendor_rules() {
        assert!(NewApp::new("ab", "https://a.example.com").is_err());
        assert!(NewApp::new(
            "A name far too long for the market",
            "https://a.example.com"
        )
        .is_err());
        assert!(NewApp::new("Good name", "not a url").is_err());
        assert!(NewApp::new("Good name", "ftp://a.example.com").is_err());
        let mut app = NewApp::new("Good name", "https://a.example.com").unwrap();
        app.app_code_name = Some(AppCodeName::existing("has_underscore").unwrap());
        assert_eq!(app.validate().unwrap_err().code, ErrorCode::InvalidInput);
    }
}
