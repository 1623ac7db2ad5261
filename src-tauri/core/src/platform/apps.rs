//! Reading and updating apps: `GET /platform/v1/apps`, `GET` and `PUT /platform/v1/apps/{id}`.
//! (Creating one is riskier and lives in `create_app`.)

use super::client::PlatformClient;
use super::endpoint::Endpoint;
use super::envelope;
use super::models::{App, AppCodeName, AppUpdate};
use crate::error::PlatformError;

impl PlatformClient {
    /// Every app the token can see (directory tokens get simplified entries).
    pub async fn list_apps(&self) -> Result<Vec<App>, PlatformError> {
        let call = self.call(Endpoint::ListApps, &["platform", "v1", "apps"]);
        let answer = self.transport.send(&call).await?;
        envelope::apps_list(answer.status, &answer.body)
    }

    pub async fn get_app(&self, code_name: &AppCodeName) -> Result<App, PlatformError> {
        let call = self.call(
            Endpoint::GetApp,
            &["platform", "v1", "apps", code_name.as_str()],
        );
        let answer = self.transport.send(&call).await?;
        envelope::app(Endpoint::GetApp, answer.status, &answer.body, code_name)
    }

    /// Changes only the fields set in `update`; returns the app as the platform now has it.
    pub async fn update_app(
        &self,
        code_name: &AppCodeName,
        update: &AppUpdate,
    ) -> Result<App, PlatformError> {
        update.validate()?;
        let body =
            serde_json::to_vec(update).map_err(|e| internal_serialization(e, "the update"))?;
        let call = self
            .call(
                Endpoint::UpdateApp,
                &["platform", "v1", "apps", code_name.as_str()],
            )
            .json_body(body);
        let answer = self.transport.send(&call).await?;
        envelope::app(Endpoint::UpdateApp, answer.status, &answer.body, code_name)
    }
}

pub(crate) fn internal_serialization(error: serde_json::Error, what: &str) -> PlatformError {
    PlatformError::new(
        crate::error::ErrorCode::Internal,
        format!("The console could not write {what} as JSON ({error}); this is a bug in the console: please report it."),
    )
}
