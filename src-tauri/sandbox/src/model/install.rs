//! An app installed in a business (`/v3/apps/business_app_installs`): what "Open app" in
//! the App Market needs before it can launch the app for that business's staff.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AppInstall {
    pub uid: String,
    pub business_uid: String,
    pub app_code_name: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}
