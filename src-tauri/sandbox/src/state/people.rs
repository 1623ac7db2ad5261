//! Businesses, their staff and the apps installed in them: the seeded ones (kept in step
//! with `SeedIdentity`), the rules for adding more through the API, and `app_host`, the
//! URL "Open app" sends a staff member to.

use super::PlatformState;
use crate::ids;
use crate::model::app::App;
use crate::model::directory::{Business, StaffUser};
use crate::model::install::AppInstall;

/// The values the platform resolves for an app's `url_params` when it opens the app.
pub struct LaunchContext<'a> {
    /// `host[:port]` of the brand host the user is on.
    pub brand_host: &'a str,
    pub business: Option<&'a Business>,
    pub staff: Option<&'a StaffUser>,
}

impl PlatformState {
    /// Adds the seeded businesses and staff the identity names and the state lacks (a
    /// state file written before they were seeded). Returns whether anything was added.
    pub fn ensure_seeded_people(&mut self) -> bool {
        let now = self.now();
        let directory_uid = self.identity.directory_uid.clone();
        let mut changed = false;
        for seeded in self.identity.businesses.clone() {
            if self.business(&seeded.uid).is_none() {
                self.businesses.push(Business {
                    uid: seeded.uid.clone(),
                    name: seeded.name.clone(),
                    directory_uid: directory_uid.clone(),
                    created_at: Some(now),
                    blocked_at: seeded.blocked.then_some(now),
                });
                changed = true;
            }
            for login in &seeded.staff {
                if self.user(&login.uid).is_none() {
                    self.users.push(StaffUser {
                        uid: login.uid.clone(),
                        email: login.email.clone(),
                        password: Some(login.password.clone()),
                        business_uid: seeded.uid.clone(),
                        role: login.role.clone(),
                        display_name: None,
                    });
                    changed = true;
                }
            }
        }
        changed
    }

    pub fn staff_of<'a>(&'a self, business_uid: &'a str) -> impl Iterator<Item = &'a StaffUser> {
        self.users
            .iter()
            .filter(move |u| u.business_uid == business_uid)
    }

    /// The business's owner (the first staff member with the `owner` role, else the first).
    pub fn owner_of<'a>(&'a self, business_uid: &'a str) -> Option<&'a StaffUser> {
        self.staff_of(business_uid)
            .find(|u| u.role == "owner")
            .or_else(|| self.staff_of(business_uid).next())
    }

    /// Creates a business with its owner; the owner's email must be new to the platform.
    pub fn create_business(
        &mut self,
        directory_uid: &str,
        name: &str,
        owner_email: &str,
        owner_password: Option<String>,
        owner_name: Option<String>,
    ) -> Result<(Business, StaffUser), String> {
        if self.user_by_email(owner_email).is_some() {
            return Err("admin_account.email already in use".into());
        }
        let business = Business {
            uid: ids::uid(),
            name: name.to_owned(),
            directory_uid: directory_uid.to_owned(),
            created_at: Some(self.now()),
            blocked_at: None,
        };
        let owner = StaffUser {
            uid: ids::uid(),
            email: owner_email.trim().to_owned(),
            password: owner_password,
            business_uid: business.uid.clone(),
            role: "owner".into(),
            display_name: owner_name,
        };
        self.businesses.push(business.clone());
        self.users.push(owner.clone());
        Ok((business, owner))
    }

    /// Adds a staff member to a business; the email must be new to the platform. Staff
    /// made this way have no password (the vendor invites them), so they cannot log in.
    pub fn create_staff(
        &mut self,
        business_uid: &str,
        email: &str,
        display_name: &str,
        role: &str,
    ) -> Result<StaffUser, Vec<String>> {
        if self.user_by_email(email).is_some() {
            return Err(vec!["staff.email already in use".into()]);
        }
        let staff = StaffUser {
            uid: ids::uid(),
            email: email.trim().to_owned(),
            password: None,
            business_uid: business_uid.to_owned(),
            role: role.to_owned(),
            display_name: Some(display_name.to_owned()),
        };
        self.users.push(staff.clone());
        Ok(staff)
    }

    pub fn install(&self, uid: &str) -> Option<&AppInstall> {
        self.installs.iter().find(|i| i.uid == uid)
    }

    /// Installs the app in the business, or returns the install it already has.
    pub fn install_app(&mut self, business_uid: &str, app_code_name: &str) -> AppInstall {
        if let Some(existing) = self
            .installs
            .iter()
            .find(|i| i.business_uid == business_uid && i.app_code_name == app_code_name)
        {
            return existing.clone();
        }
        let now = self.now();
        let install = AppInstall {
            uid: ids::uid(),
            business_uid: business_uid.to_owned(),
            app_code_name: app_code_name.to_owned(),
            created_at: now,
            updated_at: now,
        };
        self.installs.push(install.clone());
        install
    }

    pub fn is_installed(&self, business_uid: &str, app_code_name: &str) -> bool {
        self.installs
            .iter()
            .any(|i| i.business_uid == business_uid && i.app_code_name == app_code_name)
    }
}

/// `app_host`: the app's `redirect_uri` with each of its `url_params` resolved for the
/// context, in the order the app lists them. A parameter the context cannot resolve (no
/// business when a directory token reads the app) is left out.
pub fn app_host(app: &App, context: &LaunchContext<'_>) -> String {
    let mut url = match url::Url::parse(app.redirect_uri.as_str()) {
        Ok(url) => url,
        Err(_) => return app.redirect_uri.as_str().to_owned(),
    };
    let pairs: Vec<(&str, String)> = app
        .profile
        .url_params
        .iter()
        .filter_map(|param| {
            let value = match param.as_str() {
                "brand_host" => Some(context.brand_host.to_owned()),
                "business_uid" => context.business.map(|b| b.uid.clone()),
                "staff_uid" => context.staff.map(|s| s.uid.clone()),
                "staff_role" => context.staff.map(|s| s.role.clone()),
                "language" => Some("en".to_owned()),
                "impersonate" => context.staff.map(|_| "false".to_owned()),
                "payment_permissions" => context.staff.map(|s| {
                    if matches!(s.role.as_str(), "owner" | "admin") {
                        "full".to_owned()
                    } else {
                        "none".to_owned()
                    }
                }),
                "package" => context.business.map(|_| "essentials".to_owned()),
                _ => None,
            };
            value.map(|v| (param.as_str(), v))
        })
        .collect();
    if !pairs.is_empty() {
        url.query_pairs_mut().extend_pairs(pairs);
    }
    url.to_string()
}
