//! Secrets fetched for the clipboard, named by reference (an app's client secret, an
//! app token by its tail) so that a front end can copy one without ever holding it.

use serde::Deserialize;
use ts_rs::TS;

use super::{app_code_name, Console, ConsoleError};
use crate::Secret;

/// Which kept secret to copy.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SecretToCopy {
    /// The app's client secret, as kept when the app was created (or imported).
    ClientSecret,
    /// An active app token this console created, named by its last four characters.
    AppToken { tail: String },
}

impl Console {
    /// The kept secret named by `what`, for the shell to put on the clipboard.
    pub async fn secret_for_clipboard(
        &self,
        app: &str,
        what: &SecretToCopy,
    ) -> Result<Secret, ConsoleError> {
        let code = app_code_name(app)?;
        let profile = self.active_profile().await?;
        match what {
            SecretToCopy::ClientSecret => {
                Ok(self.credentials_of(&profile, &code).await?.client_secret)
            }
            SecretToCopy::AppToken { tail } => {
                let mut found = self
                    .store
                    .app_tokens()
                    .find_active_by_tail(profile.id, &code, tail.trim())
                    .await?;
                match (found.pop(), found.is_empty()) {
                    (Some(token), true) => Ok(token.token),
                    (Some(_), false) => Err(ConsoleError::invalid_input(
                        "token",
                        format!(
                            "More than one active token of app {code} ends in {tail}: copy it \
                             from the list by revealing it when it is created, or revoke the \
                             ones you no longer use."
                        ),
                    )),
                    (None, _) => Err(ConsoleError::not_found(format!(
                        "No active app token of {code} ending in {tail} is kept here: only \
                         tokens created in this console can be copied, and revoked ones are not."
                    ))
                    .with_field("token")),
                }
            }
        }
    }
}
