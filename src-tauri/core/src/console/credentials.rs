//! An app's OAuth credentials as this console keeps them: shown masked, revealed only
//! on an explicit request, imported for apps created elsewhere (checked with the platform
//! first: `/oauth/service/token` authenticates a client id and secret without a user),
//! replaced, and removed.

use super::dto::CredentialsView;
use super::{app_code_name, Console, ConsoleError};
use crate::error::ErrorCode;
use crate::platform::{AppCodeName, ServiceCredentials};
use crate::store::{AppCredentials, NewCredentials, Profile};
use crate::Secret;

impl Console {
    /// The app's client id, and its client secret masked, or in full when `reveal` is set
    /// (the only other time a client secret leaves the store is the create's answer).
    pub async fn app_credentials(
        &self,
        app: &str,
        reveal: bool,
    ) -> Result<CredentialsView, ConsoleError> {
        let code = app_code_name(app)?;
        let profile = self.active_profile().await?;
        let credentials = self.credentials_of(&profile, &code).await?;
        Ok(credentials_view(credentials, reveal))
    }

    /// Keeps credentials the user has for an app created elsewhere (audited, without the secret).
    pub async fn app_credentials_import(
        &self,
        app: &str,
        client_id: &str,
        client_secret: Secret,
    ) -> Result<CredentialsView, ConsoleError> {
        let code = app_code_name(app)?;
        let (profile, client) = self.session().await?;
        if client_id.trim().is_empty() || client_secret.expose().trim().is_empty() {
            return Err(ConsoleError::invalid_input(
                "client_secret",
                "Both the client id and the client secret are needed: paste them as the platform \
                 gave them when the app was created.",
            ));
        }
        let app = client.get_app(&code).await?;
        let pair = ServiceCredentials {
            service_id: client_id.trim().to_owned(),
            service_secret: Secret::new(client_secret.expose().trim()),
        };
        let note = match client.oauth().service_token(&pair).await {
            Ok(_) => None,
            Err(error)
                if matches!(
                    error.code,
                    ErrorCode::InvalidClient | ErrorCode::Unauthorized
                ) =>
            {
                return Err(ConsoleError::invalid_input(
                    "client_secret",
                    format!(
                        "The platform refused this client id and secret ({}): they are not a \
                         working pair, so nothing was saved. Paste them exactly as the platform \
                         gave them when app {code} was created.",
                        error.code
                    ),
                ));
            }
            Err(error) => {
                let error = ConsoleError::from(error);
                if !crate::checks::could_not_check(&error) {
                    let message = format!(
                        "The client id and secret could not be checked with the platform, so \
                         nothing was saved: {}",
                        error.message
                    );
                    return Err(error.with_message(message));
                }
                Some(format!(
                    "Saved without checking: the platform did not answer the check of the client \
                     id and secret ({}). Import them again when it answers to check them.",
                    error.message.trim_end_matches('.')
                ))
            }
        };
        let saved = self
            .store
            .credentials()
            .import(
                profile.id,
                &code,
                app.app_id.as_deref().or(app.uid.as_deref()),
                NewCredentials {
                    client_id: client_id.trim().to_owned(),
                    client_secret: Secret::new(client_secret.expose().trim()),
                },
                &self.actor,
            )
            .await?;
        let mut view = credentials_view(saved, false);
        view.verified = Some(note.is_none());
        view.note = note;
        Ok(view)
    }

    /// Forgets the app's kept credentials (the platform's app is untouched), audited.
    pub async fn app_credentials_remove(&self, app: &str) -> Result<(), ConsoleError> {
        let code = app_code_name(app)?;
        let profile = self.active_profile().await?;
        if self
            .store
            .credentials()
            .remove(profile.id, &code, &self.actor)
            .await?
        {
            Ok(())
        } else {
            Err(ConsoleError::not_found(format!(
                "This console keeps no credentials for app {code} in profile {}.",
                profile.name
            )))
        }
    }

    /// The app's credentials, or the reason this console has none.
    pub(crate) async fn credentials_of(
        &self,
        profile: &Profile,
        code: &AppCodeName,
    ) -> Result<AppCredentials, ConsoleError> {
        self.store
            .credentials()
            .get(profile.id, code)
            .await?
            .ok_or_else(|| {
                ConsoleError::not_found(format!(
                    "This console keeps no client secret for app {code} (in profile {}): the \
                     platform shows a client secret only once, in the answer to the create, so \
                     only an app created here (and not removed) has one. Import the credentials \
                     if you kept them, or create a new app here.",
                    profile.name
                ))
                .with_field("credentials")
            })
    }
}

fn credentials_view(credentials: AppCredentials, reveal: bool) -> CredentialsView {
    CredentialsView {
        client_secret: if reveal {
            // An explicit reveal: the purpose of this call is to show the secret.
            crate::ShownSecret::new(&credentials.client_secret)
        } else {
            crate::ShownSecret::not_secret(credentials.client_secret.masked())
        },
        revealed: reveal,
        app_code_name: credentials.app_code_name,
        app_id: credentials.app_id,
        client_id: credentials.client_id,
        source: credentials.source,
        created_at: credentials.created_at,
        verified: None,
        note: None,
    }
}
