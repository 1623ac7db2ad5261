//! `PlatformState`: everything the emulated platform knows (directories, people, apps,
//! tokens, codes and the virtual clock), the lookups handlers need, and token issuing.
//! It is plain data: the locking and persistence live in `crate::platform`.

pub mod apps;
pub mod people;
pub mod seed;
pub mod state_file;

use crate::clock::VirtualClock;
use crate::ids;
use crate::model::app::App;
use crate::model::authorization_code::AuthorizationCode;
use crate::model::directory::{Business, Directory, StaffUser};
use crate::model::install::AppInstall;
use crate::model::issued_token::{IssuedToken, TokenGrant, TokenOrigin};
use seed::SeedIdentity;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

/// A token just issued: its value (for the answer that hands it out), its digest (what
/// the state keeps) and when it was created.
pub struct NewToken {
    pub value: String,
    pub digest: String,
    pub created_at: OffsetDateTime,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PlatformState {
    pub identity: SeedIdentity,
    pub directories: Vec<Directory>,
    pub businesses: Vec<Business>,
    pub users: Vec<StaffUser>,
    pub apps: Vec<App>,
    pub tokens: Vec<IssuedToken>,
    pub codes: Vec<AuthorizationCode>,
    /// Apps installed in businesses (absent in older state files).
    #[serde(default)]
    pub installs: Vec<AppInstall>,
    pub clock: VirtualClock,
}

impl PlatformState {
    pub fn now(&self) -> OffsetDateTime {
        self.clock.now()
    }

    pub fn directory(&self, uid: &str) -> Option<&Directory> {
        self.directories.iter().find(|d| d.uid == uid)
    }

    pub fn business(&self, uid: &str) -> Option<&Business> {
        self.businesses.iter().find(|b| b.uid == uid)
    }

    pub fn user(&self, uid: &str) -> Option<&StaffUser> {
        self.users.iter().find(|u| u.uid == uid)
    }

    pub fn user_by_email(&self, email: &str) -> Option<&StaffUser> {
        self.users
            .iter()
            .find(|u| u.email.eq_ignore_ascii_case(email.trim()))
    }

    /// The directory a staff user's business belongs to.
    pub fn directory_of_business(&self, business_uid: &str) -> Option<&Directory> {
        self.business(business_uid)
            .and_then(|b| self.directory(&b.directory_uid))
    }

    pub fn app_by_code_name(&self, code_name: &str) -> Option<&App> {
        self.apps
            .iter()
            .find(|a| a.app_code_name.as_str() == code_name)
    }

    pub fn app_by_code_name_mut(&mut self, code_name: &str) -> Option<&mut App> {
        self.apps
            .iter_mut()
            .find(|a| a.app_code_name.as_str() == code_name)
    }

    pub fn app_by_id(&self, app_id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.app_id == app_id)
    }

    pub fn app_by_client_id(&self, client_id: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.client_id == client_id)
    }

    /// Code names are unique across the whole platform, ignoring case.
    pub fn code_name_taken(&self, candidate: &str) -> bool {
        self.apps.iter().any(|a| a.app_code_name.same_as(candidate))
    }

    /// The token with this value, if it is neither revoked nor expired.
    pub fn active_token(&self, value: &str) -> Option<&IssuedToken> {
        let now = self.now();
        let digest = ids::sha256_hex(value);
        self.tokens
            .iter()
            .find(|t| ids::constant_time_eq(&t.digest, &digest))
            .filter(|t| t.is_active(now))
    }

    /// Issues a new token; `lifetime` `None` means it never expires. The value is handed
    /// back here, once: the state keeps its digest.
    pub fn issue_token(
        &mut self,
        grant: TokenGrant,
        directory_uid: Option<String>,
        origin: TokenOrigin,
        lifetime: Option<Duration>,
    ) -> NewToken {
        let now = self.now();
        let value = ids::credential();
        let token = IssuedToken::new(
            &value,
            grant,
            directory_uid,
            origin,
            now,
            lifetime.map(|l| now + l),
        );
        let digest = token.digest.clone();
        self.tokens.push(token);
        NewToken {
            value,
            digest,
            created_at: now,
        }
    }

    /// Revokes the token with this digest; returns whether an active one was found.
    pub fn revoke_token(&mut self, digest: &str) -> bool {
        let now = self.now();
        match self
            .tokens
            .iter_mut()
            .find(|t| t.digest == digest && t.revoked_at.is_none())
        {
            Some(token) => {
                token.revoked_at = Some(now);
                true
            }
            None => false,
        }
    }
}
