//! Directories (partners), the businesses inside them and the staff users who log in
//! on the brand host.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Directory {
    /// The vendor's numeric directory id (what `POST /platform/v1/tokens` calls `directory_id`).
    pub id: u64,
    pub uid: String,
    pub name: String,
    pub logo: Option<String>,
    pub colors: BrandColors,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BrandColors {
    pub primary: String,
    pub secondary: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Business {
    pub uid: String,
    pub name: String,
    pub directory_uid: String,
    /// Absent in state files written before businesses had one.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<OffsetDateTime>,
    /// A blocked account (`account_blocked_at`): the platform refuses to install apps in it.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub blocked_at: Option<OffsetDateTime>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffUser {
    pub uid: String,
    pub email: String,
    /// Kept in clear: the sandbox prints it so tools can log in as this user. `None` for a
    /// staff member created through the API, who was never given one and cannot log in.
    pub password: Option<String>,
    pub business_uid: String,
    /// `owner`, `admin`, `manager`, `marketing`, `collaborator` or `user`.
    pub role: String,
    #[serde(default)]
    pub display_name: Option<String>,
}

impl StaffUser {
    /// The name shown for the user: the display name, else the email.
    pub fn shown_name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.email)
    }
}
