//! The sandbox's starting world: two directories (so isolation can be tested), with
//! businesses and staff: in the first, two businesses, each with an owner and one more
//! staff member who can log in on the brand host, and a blocked one that refuses app
//! installs; a directory token per directory, and a few demo apps. `SeedIdentity` holds
//! the credentials printed at start; it survives `reset` and is restored from a state
//! file, so printed values stay valid.

use super::PlatformState;
use crate::app_body::AppChanges;
use crate::clock::VirtualClock;
use crate::ids;
use crate::model::app::AppProfile;
use crate::model::directory::{BrandColors, Business, Directory, StaffUser};
use crate::model::issued_token::{IssuedToken, TokenGrant, TokenOrigin};
use crate::model::redirect_uri::RedirectUri;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SeedIdentity {
    pub admin_token: String,
    pub directory_uid: String,
    pub directory_token: String,
    pub business_uid: String,
    pub user_uid: String,
    pub user_email: String,
    pub user_password: String,
    pub other_directory_uid: String,
    pub other_directory_token: String,
    pub other_business_uid: String,
    /// The first directory's businesses beyond the first one's owner (`user_*` above),
    /// with every login printed at start. Empty in state files written before them: it
    /// is filled in when such a file is loaded.
    #[serde(default)]
    pub businesses: Vec<SeededBusiness>,
}

/// A seeded business and the people who can log in to it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeededBusiness {
    pub uid: String,
    pub name: String,
    /// A blocked account: installs are refused.
    pub blocked: bool,
    pub staff: Vec<SeededLogin>,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeededLogin {
    pub uid: String,
    pub email: String,
    pub password: String,
    pub role: String,
}

impl std::fmt::Debug for SeededLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SeededLogin")
            .field("uid", &self.uid)
            .field("email", &self.email)
            .field("password", &"<redacted>")
            .field("role", &self.role)
            .finish()
    }
}

impl SeedIdentity {
    pub fn generate() -> Self {
        Self {
            admin_token: ids::credential(),
            directory_uid: ids::uid(),
            directory_token: ids::credential(),
            business_uid: ids::uid(),
            user_uid: ids::uid(),
            user_email: "owner@sandbox.intandem.test".into(),
            user_password: ids::random_hex(8),
            other_directory_uid: ids::uid(),
            other_directory_token: ids::credential(),
            other_business_uid: ids::uid(),
            businesses: Vec::new(),
        }
        .with_businesses()
    }

    /// The seeded businesses, generated when a state file had none.
    pub fn with_businesses(mut self) -> Self {
        if !self.businesses.is_empty() {
            return self;
        }
        let login = |email: &str, role: &str| SeededLogin {
            uid: ids::uid(),
            email: email.to_owned(),
            password: ids::random_hex(8),
            role: role.to_owned(),
        };
        self.businesses = vec![
            SeededBusiness {
                uid: self.business_uid.clone(),
                name: "Sandbox Studio".into(),
                blocked: false,
                staff: vec![
                    SeededLogin {
                        uid: self.user_uid.clone(),
                        email: self.user_email.clone(),
                        password: self.user_password.clone(),
                        role: "owner".into(),
                    },
                    login("staff@sandbox.intandem.test", "user"),
                ],
            },
            SeededBusiness {
                uid: ids::uid(),
                name: "Sandbox Salon".into(),
                blocked: false,
                staff: vec![
                    login("owner@salon.sandbox.intandem.test", "owner"),
                    login("staff@salon.sandbox.intandem.test", "user"),
                ],
            },
            SeededBusiness {
                uid: ids::uid(),
                name: "Closed Studio".into(),
                blocked: true,
                staff: vec![login("owner@closed.sandbox.intandem.test", "owner")],
            },
        ];
        self
    }
}

const DEMO_APP_NAMES: &[&str] = &[
    "Calendar Sync",
    "Payments Bridge",
    "Inbox Assistant",
    "Review Booster",
    "Docs Signer",
];

impl PlatformState {
    /// The seeded world for `identity`, with `demo_apps` extra apps in the first directory.
    pub fn seeded(identity: SeedIdentity, demo_apps: usize) -> Self {
        let clock = VirtualClock::default();
        let now = clock.now();
        let directories = vec![
            Directory {
                id: 1121,
                uid: identity.directory_uid.clone(),
                name: "Tandem Sandbox".into(),
                logo: None,
                colors: BrandColors {
                    primary: "#374766".into(),
                    secondary: "#39c190".into(),
                    text: "#ffffff".into(),
                },
            },
            Directory {
                id: 1122,
                uid: identity.other_directory_uid.clone(),
                name: "Other Sandbox Directory".into(),
                logo: None,
                colors: BrandColors {
                    primary: "#131a46".into(),
                    secondary: "#d1b050".into(),
                    text: "#ffffff".into(),
                },
            },
        ];
        let businesses = vec![Business {
            uid: identity.other_business_uid.clone(),
            name: "Other Studio".into(),
            directory_uid: identity.other_directory_uid.clone(),
            created_at: Some(now),
            blocked_at: None,
        }];
        let users = vec![
            // The other directory's owner exists so business tokens work there too; its
            // password is never printed.
            StaffUser {
                uid: ids::uid(),
                email: "owner@other.sandbox.intandem.test".into(),
                password: Some(ids::credential()),
                business_uid: identity.other_business_uid.clone(),
                role: "owner".into(),
                display_name: Some("Other Owner".into()),
            },
        ];
        let directory_token = |value: &str, directory_uid: &str| {
            IssuedToken::new(
                value,
                TokenGrant::Directory {
                    directory_uid: directory_uid.to_string(),
                },
                Some(directory_uid.to_string()),
                TokenOrigin::Seed,
                now,
                None,
            )
        };
        let tokens = vec![
            directory_token(&identity.directory_token, &identity.directory_uid),
            directory_token(
                &identity.other_directory_token,
                &identity.other_directory_uid,
            ),
        ];
        let mut state = Self {
            directories,
            businesses,
            users,
            apps: Vec::new(),
            tokens,
            codes: Vec::new(),
            installs: Vec::new(),
            clock,
            identity,
        };
        state.ensure_seeded_people();
        for i in 0..demo_apps {
            let base = DEMO_APP_NAMES[i % DEMO_APP_NAMES.len()];
            let name = match i / DEMO_APP_NAMES.len() {
                0 => base.to_string(),
                round => format!("{base} {}", round + 1),
            };
            let owner = state.identity.directory_uid.clone();
            state.seed_app(owner, &name);
        }
        let other = state.identity.other_directory_uid.clone();
        state.seed_app(other, "Other Directory App");
        state
    }

    fn seed_app(&mut self, owner: String, name: &str) {
        let slug: String = name.chars().filter(char::is_ascii_alphanumeric).collect();
        let landing = format!("https://{}.apps.example.com/app", slug.to_ascii_lowercase());
        let changes = AppChanges {
            name: Some(name.to_string()),
            app_code_name: None,
            redirect_uri: RedirectUri::parse("redirect_uri", &landing).ok(),
            oauth_redirect_uris: RedirectUri::parse(
                "oauth_redirect_uris",
                "http://127.0.0.1/callback",
            )
            .ok()
            .map(|uri| vec![uri]),
            trusted: Some(false),
            profile: AppProfile {
                url_params: vec!["brand_host".into(), "business_uid".into()],
                ..AppProfile::default()
            },
        };
        // Seed names and URIs are constants that pass validation.
        if let Err(reason) = self.create_app(Some(owner), changes) {
            tracing::error!(app = name, %reason, "seeding a demo app");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_has_two_directories_each_with_an_active_token_and_apps() {
        let state = PlatformState::seeded(SeedIdentity::generate(), 3);
        let id = &state.identity;
        assert_eq!(state.directories.len(), 2);
        assert!(state.active_token(&id.directory_token).is_some());
        assert!(state.active_token(&id.other_directory_token).is_some());
        let mine = state
            .apps
            .iter()
            .filter(|a| a.is_owned_by(&id.directory_uid))
            .count();
        let theirs = state
            .apps
            .iter()
            .filter(|a| a.is_owned_by(&id.other_directory_uid))
            .count();
        assert_eq!((mine, theirs), (3, 1));
    }

    #[test]
    fn many_demo_apps_still_get_unique_code_names() {
        let state = PlatformState::seeded(SeedIdentity::generate(), 12);
        let mut names: Vec<_> = state
            .apps
            .iter()
            .map(|a| a.app_code_name.as_str().to_lowercase())
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 13);
    }
}
