//! What the console writes: `NewApp` (the create body) and `AppUpdate` (only the fields
//! that change). Both follow the vendor's write schemas exactly, quirks included:
//! `trusted` is the *string* `"true"`/`"false"` on create, screenshot URIs are one
//! string, `oauth_redirect_uris` can only be set by an update, and an update never
//! carries `trusted` (directory tokens may not change it). The fields they share are
//! listed once, in `app_fields.rs`.

use serde::Serialize;
use serde_json::Value;
use url::Url;

use super::app_fields::with_app_fields;
use super::{lenient, AppCodeName, AppDescription, DeepLink, MenuItems};
use crate::error::{ErrorCode, PlatformError};

macro_rules! new_app {
    ($($field:ident: $ty:ty),* $(,)?) => {
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
            $(
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
            #[serde(skip_serializing_if = "Option::is_none")]
            pub payment_data: Option<Value>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pub open_channel: Option<bool>,
        }

        impl NewApp {
            /// Every field the create body can carry.
            pub const FIELDS: &'static [&'static str] = &[
                "app_code_name", "name", "redirect_uri", "trusted",
                $(stringify!($field),)*
                "payment_data", "open_channel",
            ];
        }
    };
}
with_app_fields!(new_app);

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

macro_rules! app_update {
    ($($field:ident: $ty:ty),* $(,)?) => {
        /// The body of `PUT /platform/v1/apps/{id}`: only the fields that change. `trusted`
        /// is deliberately absent (directory tokens cannot change it).
        #[derive(Debug, Clone, Default, PartialEq, Serialize)]
        pub struct AppUpdate {
            #[serde(skip_serializing_if = "Option::is_none")]
            pub name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pub redirect_uri: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pub oauth_redirect_uris: Option<Vec<String>>,
            $(
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl AppUpdate {
            /// Every field the update body can carry.
            pub const FIELDS: &'static [&'static str] = &[
                "name", "redirect_uri", "oauth_redirect_uris",
                $(stringify!($field),)*
            ];
        }
    };
}
with_app_fields!(app_update);

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

    fn request_properties(path: &str, method: &str) -> Vec<String> {
        let reference = crate::platform::reference_examples::reference();
        let mut names: Vec<String> = reference["paths"][path][method]["request_schema"]
            ["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("the reference's {method} {path} body schema"))
            .keys()
            .cloned()
            .collect();
        names.sort();
        names
    }

    fn sorted(fields: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        names.sort();
        names
    }

    #[test]
    fn the_create_body_carries_exactly_the_fields_of_the_references_create_schema() {
        assert_eq!(
            sorted(NewApp::FIELDS),
            request_properties("/platform/v1/apps", "post")
        );
    }

    #[test]
    fn the_update_body_carries_the_references_update_fields_but_trusted() {
        let mut documented = request_properties("/platform/v1/apps/{id}", "put");
        documented.retain(|f| f != "trusted");
        assert_eq!(sorted(AppUpdate::FIELDS), documented);
    }

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
