//! Creating and updating apps in `PlatformState`: the rules that need the whole
//! platform (code-name uniqueness and derivation, who may change `trusted`).

use super::PlatformState;
use crate::app_body::AppChanges;
use crate::ids;
use crate::model::app::App;
use crate::model::app_code_name::AppCodeName;

/// A freshly created app and its client secret, the only time the secret exists in clear.
pub struct CreatedApp {
    pub app: App,
    pub client_secret: String,
}

impl PlatformState {
    pub fn create_app(
        &mut self,
        owner_directory_uid: Option<String>,
        changes: AppChanges,
    ) -> Result<CreatedApp, String> {
        let Some(name) = changes.name else {
            return Err("name is required: send 3 to 25 characters".into());
        };
        let Some(redirect_uri) = changes.redirect_uri else {
            return Err(
                "redirect_uri is required: the app's main landing page, an absolute https URL"
                    .into(),
            );
        };
        let app_code_name = match changes.app_code_name {
            Some(code) if self.code_name_taken(code.as_str()) => {
                return Err(format!(
                    "app_code_name {code:?} is already taken; choose another, \
                     or leave it out to derive one from the name"
                ));
            }
            Some(code) => code,
            None => AppCodeName::derive(&name, |candidate| self.code_name_taken(candidate)),
        };
        let now = self.now();
        let client_secret = ids::credential();
        let app = App {
            app_id: ids::uid(),
            app_code_name,
            owner_directory_uid,
            client_id: ids::credential(),
            client_secret_sha256: ids::sha256_hex(&client_secret),
            name,
            redirect_uri,
            oauth_redirect_uris: changes.oauth_redirect_uris.unwrap_or_default(),
            trusted: changes.trusted.unwrap_or(false),
            profile: changes.profile,
            created_at: now,
            updated_at: now,
        };
        self.apps.push(app.clone());
        Ok(CreatedApp { app, client_secret })
    }

    /// Applies `changes` to the app named `code_name` (which the caller may see).
    /// Only internal tokens may change `trusted`; sending its current value is not a change.
    pub fn update_app(
        &mut self,
        code_name: &str,
        changes: AppChanges,
        may_change_trusted: bool,
    ) -> Result<App, String> {
        let now = self.now();
        let Some(app) = self.app_by_code_name_mut(code_name) else {
            return Err(format!("no app has app_code_name {code_name:?}"));
        };
        if let Some(requested) = &changes.app_code_name {
            if requested.as_str() != app.app_code_name.as_str() {
                return Err(format!(
                    "app_code_name cannot be changed: this app is {:?}",
                    app.app_code_name.as_str()
                ));
            }
        }
        if let Some(trusted) = changes.trusted {
            if trusted != app.trusted && !may_change_trusted {
                return Err(format!(
                    "trusted cannot be changed with a directory token (it is {:?} for this app); \
                     only internal tokens may change it",
                    app.trusted.to_string()
                ));
            }
            app.trusted = trusted;
        }
        if let Some(name) = changes.name {
            app.name = name;
        }
        if let Some(uri) = changes.redirect_uri {
            app.redirect_uri = uri;
        }
        if let Some(uris) = changes.oauth_redirect_uris {
            app.oauth_redirect_uris = uris;
        }
        app.profile = changes.profile;
        app.updated_at = now;
        Ok(app.clone())
    }

    /// Checks a client secret against the app's stored digest.
    pub fn client_secret_matches(app: &App, client_secret: &str) -> bool {
        ids::constant_time_eq(&ids::sha256_hex(client_secret), &app.client_secret_sha256)
    }
}
