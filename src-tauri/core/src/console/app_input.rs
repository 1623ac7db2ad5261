//! `AppInput`: every editable field of an app, as a person gives it (an `app.json` file,
//! CLI flags, a GUI form), and the checks made before anything is sent: the vendor's
//! name bounds, valid redirect URIs, `url_params` from the reference's vocabulary.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ConsoleError;
use crate::platform::{
    with_app_fields, AppCodeName, AppDescription, AppUpdate, DeepLink, MenuItems, NewApp,
};
use crate::redirect_uri::{validate_list, RedirectUri};
use ts_rs::TS;

pub use crate::app_vocabulary::URL_PARAMS;

macro_rules! app_input {
    ($($field:ident: $ty:ty),* $(,)?) => {
        /// The app fields a person can set. `None` leaves a field alone (on update) or to
        /// the platform's default (on create). Unknown fields are refused, so a typo in an
        /// `app.json` is reported rather than silently dropped.
        // Serialized (a manifest's apps) without the fields not given; its JSON Schema is
        // the manifest's (see `manifest`).
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
        #[serde(deny_unknown_fields)]
        // A missing field and `null` both mean "not given".
        #[ts(optional_fields = nullable)]
        pub struct AppInput {
            /// Create only: letters and digits (the platform derives one from the name otherwise).
            #[serde(skip_serializing_if = "Option::is_none")]
            pub app_code_name: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pub name: Option<String>,
            /// The app's main landing page.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub redirect_uri: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            pub oauth_redirect_uris: Option<Vec<String>>,
            /// Create only: whether the app skips the consent screen. Read-only afterwards.
            #[serde(
                default,
                deserialize_with = "crate::platform::models::lenient::bool_or_string",
                skip_serializing_if = "Option::is_none"
            )]
            #[schemars(with = "Option<bool>")]
            pub trusted: Option<bool>,
            $(
                #[serde(skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
            /// Create only.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub payment_data: Option<Value>,
            /// Create only.
            #[serde(skip_serializing_if = "Option::is_none")]
            pub open_channel: Option<bool>,
        }

        impl AppInput {
            /// Every field a person can set, in the order manifests list them.
            pub const FIELDS: &'static [&'static str] = &[
                "app_code_name", "name", "redirect_uri", "oauth_redirect_uris", "trusted",
                $(stringify!($field),)*
                "payment_data", "open_channel",
            ];

            /// `self` with every field that `overrides` sets replaced (flags over a file).
            pub fn overridden_by(self, overrides: AppInput) -> AppInput {
                AppInput {
                    app_code_name: overrides.app_code_name.or(self.app_code_name),
                    name: overrides.name.or(self.name),
                    redirect_uri: overrides.redirect_uri.or(self.redirect_uri),
                    oauth_redirect_uris: overrides.oauth_redirect_uris.or(self.oauth_redirect_uris),
                    trusted: overrides.trusted.or(self.trusted),
                    $($field: overrides.$field.or(self.$field),)*
                    payment_data: overrides.payment_data.or(self.payment_data),
                    open_channel: overrides.open_channel.or(self.open_channel),
                }
            }

            /// The create body: the required and create-only fields given, the shared ones
            /// as they are.
            fn new_app(self, app_code_name: Option<AppCodeName>, name: String, redirect_uri: String) -> NewApp {
                NewApp {
                    app_code_name,
                    name,
                    redirect_uri,
                    trusted: self.trusted,
                    $($field: self.$field,)*
                    payment_data: self.payment_data,
                    open_channel: self.open_channel,
                }
            }

            /// The update body for every field set.
            fn app_update(self) -> AppUpdate {
                AppUpdate {
                    name: self.name,
                    redirect_uri: self.redirect_uri,
                    oauth_redirect_uris: self.oauth_redirect_uris,
                    $($field: self.$field,)*
                }
            }
        }
    };
}
with_app_fields!(app_input);

/// A create, checked: the body to send, the OAuth redirect URIs to register right after
/// (the create body cannot carry them), and advice that does not stop it.
pub(crate) struct CheckedCreate {
    pub new_app: NewApp,
    pub oauth_redirect_uris: Option<Vec<String>>,
    pub warnings: Vec<String>,
}

impl AppInput {
    /// Reads an `app.json`; the error names the file's problem (unknown field, wrong type).
    pub fn from_json(text: &str) -> Result<AppInput, ConsoleError> {
        serde_json::from_str(text).map_err(|error| {
            ConsoleError::invalid_input(
                "app",
                format!(
                    "The app description is not valid: {error}; fix it (the fields are those of \
                     the platform's app reference, e.g. \"name\", \"redirect_uri\", \"url_params\")."
                ),
            )
        })
    }

    pub(crate) fn for_create(self) -> Result<CheckedCreate, ConsoleError> {
        let name = self.name.clone().ok_or_else(|| {
            ConsoleError::invalid_input(
                "name",
                "An app needs a name (3 to 25 characters): give one, like \"My first app\".",
            )
        })?;
        let redirect_uri = self.redirect_uri.clone().ok_or_else(|| {
            ConsoleError::invalid_input(
                "redirect_uri",
                "An app needs a redirect URI (its landing page): give one, like \
                 https://myapp.example.com/app.",
            )
        })?;
        self.check_common()?;
        let app_code_name = self
            .app_code_name
            .as_deref()
            .map(AppCodeName::new)
            .transpose()
            .map_err(|e| ConsoleError::from(e).with_field("app_code_name"))?;
        let mut warnings = Vec::new();
        if !self
            .url_params
            .as_ref()
            .is_some_and(|p| p.iter().any(|p| p == "brand_host"))
        {
            warnings.push(
                "url_params does not include brand_host: the platform's OAuth guide needs it so \
                 the app learns which brand host opened it; add it (e.g. --url-param brand_host)."
                    .to_owned(),
            );
        }
        let oauth_redirect_uris = self.oauth_redirect_uris.clone();
        let new_app = self.new_app(app_code_name, name, redirect_uri);
        new_app.validate().map_err(|e| {
            let field = if e.message.contains("name") {
                "name"
            } else {
                "redirect_uri"
            };
            ConsoleError::from(e).with_field(field)
        })?;
        Ok(CheckedCreate {
            new_app,
            oauth_redirect_uris: oauth_redirect_uris.filter(|uris| !uris.is_empty()),
            warnings,
        })
    }

    /// The update body for every field set (the caller keeps only those that change).
    /// `trusted`, `app_code_name` and the create-only fields are checked by the caller.
    pub(crate) fn for_update(&self) -> Result<AppUpdate, ConsoleError> {
        self.check_common()?;
        for (field, set) in [
            ("payment_data", self.payment_data.is_some()),
            ("open_channel", self.open_channel.is_some()),
        ] {
            if set {
                return Err(ConsoleError::invalid_input(
                    field,
                    format!(
                        "{field} can only be set when an app is created: the platform's update \
                         does not accept it; leave it out of the update."
                    ),
                ));
            }
        }
        Ok(self.clone().app_update())
    }

    /// Checks shared by create and update.
    fn check_common(&self) -> Result<(), ConsoleError> {
        if let Some(uri) = &self.redirect_uri {
            RedirectUri::parse(uri).map_err(|error| {
                ConsoleError::invalid_input(
                    "redirect_uri",
                    format!("The redirect URI is not valid: {error}."),
                )
            })?;
        }
        if let Some(uris) = &self.oauth_redirect_uris {
            validate_list(uris).map_err(|problems| {
                let told: Vec<String> = problems.into_iter().map(|p| p.message).collect();
                ConsoleError::invalid_input(
                    "oauth_redirect_uris",
                    format!(
                        "The OAuth redirect URIs are not valid: {}.",
                        told.join("; ")
                    ),
                )
            })?;
        }
        if let Some(params) = &self.url_params {
            if let Some(unknown) = params.iter().find(|p| !URL_PARAMS.contains(&p.as_str())) {
                return Err(ConsoleError::invalid_input(
                    "url_params",
                    format!(
                        "{unknown:?} is not a URL parameter the platform knows: use any of {} \
                         (brand_host is the one the OAuth flow needs).",
                        URL_PARAMS.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn input(json: &str) -> AppInput {
        AppInput::from_json(json).unwrap()
    }

    #[test]
    fn an_app_file_with_an_unknown_field_is_refused_with_its_name() {
        let error =
            AppInput::from_json(r#"{"name": "Good name", "redirect_urii": "x"}"#).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.contains("redirect_urii"), "{}", error.message);
    }

    #[test]
    fn flags_override_the_file_field_by_field() {
        let file = input(
            r#"{"name": "From file", "redirect_uri": "https://a.example/", "trusted": "true"}"#,
        );
        let flags = AppInput {
            name: Some("From flags".into()),
            ..AppInput::default()
        };
        let merged = file.overridden_by(flags);
        assert_eq!(merged.name.as_deref(), Some("From flags"));
        assert_eq!(merged.redirect_uri.as_deref(), Some("https://a.example/"));
        assert_eq!(merged.trusted, Some(true));
    }

    #[test]
    fn a_create_is_checked_before_anything_is_sent() {
        let short = input(r#"{"name": "ab", "redirect_uri": "https://a.example/"}"#);
        assert_eq!(
            short.for_create().err().unwrap().field.as_deref(),
            Some("name")
        );
        let insecure = input(r#"{"name": "Good name", "redirect_uri": "http://a.example/"}"#);
        assert_eq!(
            insecure.for_create().err().unwrap().field.as_deref(),
            Some("redirect_uri")
        );
        let param = input(
            r#"{"name": "Good name", "redirect_uri": "https://a.example/", "url_params": ["brandhost"]}"#,
        );
        let error = param.for_create().err().unwrap();
        assert_eq!(error.field.as_deref(), Some("url_params"));
        assert!(error.message.contains("brand_host"));
        let dupes = input(
            r#"{"name": "Good name", "redirect_uri": "https://a.example/", "oauth_redirect_uris": ["https://a.example/cb", "https://a.example/cb"]}"#,
        );
        assert_eq!(
            dupes.for_create().err().unwrap().field.as_deref(),
            Some("oauth_redirect_uris")
        );
    }

    #[test]
    fn a_create_without_brand_host_is_allowed_with_advice() {
        let checked = input(r#"{"name": "Good name", "redirect_uri": "https://a.example/"}"#)
            .for_create()
            .ok()
            .unwrap();
        assert!(checked.warnings[0].contains("brand_host"));
        let with = input(r#"{"name": "Good name", "redirect_uri": "https://a.example/", "url_params": ["brand_host"]}"#)
            .for_create()
            .ok()
            .unwrap();
        assert!(with.warnings.is_empty());
    }
}
