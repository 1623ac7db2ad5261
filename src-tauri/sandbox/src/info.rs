//! `SandboxInfo`: where a running sandbox is and how to get in (the JSON line `intandem
//! sandbox` prints), shared by the server that makes it and the admin client that uses it.
//! Its `Debug` shows no token or password.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::state::seed::SeededBusiness;

/// Where the sandbox is and how to get in: the JSON line `intandem sandbox` prints.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SandboxInfo {
    pub base_url: String,
    pub brand_url: String,
    pub directory_token: String,
    pub other_directory_token: String,
    pub admin_token: String,
    pub user_email: String,
    pub user_password: String,
    /// The first directory's businesses and every staff login (passwords included), for
    /// launching apps as a given staff member.
    #[serde(default)]
    pub businesses: Vec<SeededBusiness>,
}

impl fmt::Debug for SandboxInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxInfo")
            .field("base_url", &self.base_url)
            .field("brand_url", &self.brand_url)
            .field("directory_token", &"<redacted>")
            .field("other_directory_token", &"<redacted>")
            .field("admin_token", &"<redacted>")
            .field("user_email", &self.user_email)
            .field("user_password", &"<redacted>")
            .field(
                "businesses",
                &self
                    .businesses
                    .iter()
                    .map(|b| {
                        (
                            &b.name,
                            b.staff.iter().map(|s| &s.email).collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}
