//! Directories (partners), the businesses inside them and the staff users who log in
//! on the brand host.

use serde::{Deserialize, Serialize};

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
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffUser {
    pub uid: String,
    pub email: String,
    /// Kept in clear: the sandbox prints it so tools can log in as this user.
    pub password: String,
    pub business_uid: String,
    pub role: String,
}
