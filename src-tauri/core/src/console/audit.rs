//! The audit log of the active profile: every change made through the console.

use super::{app_code_name, Console, ConsoleError};
use crate::store::{AuditEntry, AuditQuery};

/// How many entries a listing returns when the caller does not say.
const DEFAULT_LIMIT: u32 = 200;

impl Console {
    /// The active profile's audit entries, newest first, optionally for one app only.
    /// Entries hold who, when, what, and before/after views that never carry a secret.
    pub async fn audit(
        &self,
        app: Option<&str>,
        limit: Option<u32>,
    ) -> Result<Vec<AuditEntry>, ConsoleError> {
        let app_code_name = app.map(app_code_name).transpose()?;
        let profile = self.active_profile().await?;
        let query = AuditQuery {
            profile_id: Some(profile.id),
            app_code_name,
            before_id: None,
            limit: limit.unwrap_or(DEFAULT_LIMIT),
        };
        Ok(self.store.audit_log().list(&query).await?)
    }
}
