//! A directory's businesses, their staff, and the apps installed in them: what launching an
//! app for a staff member needs (`/platform/v1/businesses…`, `/v3/apps/business_app_installs`).
//!
//! The v1 endpoints wrap payloads in `{"data":{…},"status":"OK"}`, the v3 ones in
//! `{"success":true,"data":…}`; both are read at their documented place first. Installing
//! is a write with no idempotency key: it is never blindly retried, and an unknown outcome
//! is settled by listing the business's installs.

use serde::Deserialize;
use serde_json::json;

use super::client::PlatformClient;
use super::endpoint::Endpoint;
use super::envelope::payload_at;
use super::models::lenient;
use super::transport::CallFailure;
use crate::error::{ErrorCode, PlatformError};

/// A business, as far as launching an app needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Business {
    pub uid: String,
    pub name: String,
    /// The owner's staff uid (`admin_account.staff_uid`).
    pub owner_staff_uid: Option<String>,
    pub blocked: bool,
}

/// A staff member of a business.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Staff {
    #[serde(rename = "id", deserialize_with = "lenient::string_or_number")]
    pub uid: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub role: Option<String>,
    /// When the staff member was blocked (the reference lists blocked staff too).
    #[serde(default)]
    pub blocked_at: Option<serde_json::Value>,
    /// `"true"`/`"false"` in the reference's example; a boolean is read too, and anything
    /// else is taken as unknown rather than failing the whole list.
    #[serde(default)]
    pub active: Option<serde_json::Value>,
    #[serde(default)]
    pub deleted: Option<serde_json::Value>,
}

fn flag(value: Option<&serde_json::Value>) -> Option<bool> {
    match value? {
        serde_json::Value::Bool(b) => Some(*b),
        serde_json::Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

impl Staff {
    /// Why this staff member cannot sign in, if they cannot.
    pub fn cannot_sign_in(&self) -> Option<&'static str> {
        if flag(self.deleted.as_ref()) == Some(true) {
            Some("deleted")
        } else if self.blocked_at.as_ref().is_some_and(|at| !at.is_null()) {
            Some("blocked")
        } else if flag(self.active.as_ref()) == Some(false) {
            Some("not active")
        } else {
            None
        }
    }
}

/// An app installed in a business.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Install {
    pub uid: String,
    #[serde(default)]
    pub business_uid: String,
    #[serde(default)]
    pub app_code_name: String,
}

#[derive(Deserialize)]
struct BusinessRead {
    #[serde(default)]
    admin_account: Option<AdminAccount>,
    business: BusinessDetails,
}

#[derive(Deserialize)]
struct AdminAccount {
    #[serde(default)]
    staff_uid: Option<String>,
}

#[derive(Deserialize)]
struct BusinessDetails {
    #[serde(deserialize_with = "lenient::string_or_number")]
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    account_blocked_at: Option<serde_json::Value>,
}

const BUSINESSES: &[&str] = &["platform", "v1", "businesses"];
const INSTALLS: &[&str] = &["v3", "apps", "business_app_installs"];

impl PlatformClient {
    /// The uids of the directory's businesses.
    pub async fn list_businesses(&self) -> Result<Vec<String>, PlatformError> {
        let answer = self
            .transport
            .send(&self.call(Endpoint::ListBusinesses, BUSINESSES))
            .await?;
        payload_at(
            Endpoint::ListBusinesses,
            answer.status,
            &answer.body,
            &[&["data", "businesses"], &["businesses"]],
            true,
            "a list of business uids",
        )
    }

    pub async fn get_business(&self, uid: &str) -> Result<Business, PlatformError> {
        let answer = self
            .transport
            .send(&self.call(
                Endpoint::GetBusiness,
                &["platform", "v1", "businesses", uid],
            ))
            .await?;
        let read: BusinessRead = payload_at(
            Endpoint::GetBusiness,
            answer.status,
            &answer.body,
            &[&["data", "business"], &["business"]],
            false,
            "a business",
        )?;
        Ok(Business {
            uid: read.business.id,
            name: read.business.name.unwrap_or_default(),
            owner_staff_uid: read.admin_account.and_then(|a| a.staff_uid),
            blocked: read
                .business
                .account_blocked_at
                .is_some_and(|at| !at.is_null()),
        })
    }

    pub async fn list_staff(&self, business_uid: &str) -> Result<Vec<Staff>, PlatformError> {
        let answer = self
            .transport
            .send(&self.call(
                Endpoint::ListStaff,
                &["platform", "v1", "businesses", business_uid, "staffs"],
            ))
            .await?;
        payload_at(
            Endpoint::ListStaff,
            answer.status,
            &answer.body,
            &[&["data", "staff"], &["staff"], &["data"]],
            true,
            "a list of staff",
        )
    }

    /// The installs of `app_code_name` in `business_uid` (none or one).
    pub async fn list_installs(
        &self,
        business_uid: &str,
        app_code_name: &str,
    ) -> Result<Vec<Install>, PlatformError> {
        let call = self
            .call(Endpoint::ListInstalls, INSTALLS)
            .query("business_uid", business_uid)
            .query("app_code_name", app_code_name);
        let answer = self.transport.send(&call).await?;
        payload_at(
            Endpoint::ListInstalls,
            answer.status,
            &answer.body,
            &[
                &["data", "business_app_installs"],
                &["business_app_installs"],
                &["data"],
            ],
            true,
            "a list of app installs",
        )
    }

    /// Installs the app in the business. A lost answer is settled by listing the
    /// business's installs: the install is there, or it is safe to try again.
    pub async fn create_install(
        &self,
        business_uid: &str,
        app_code_name: &str,
    ) -> Result<Install, PlatformError> {
        let body = json!({"business_uid": business_uid, "app_code_name": app_code_name})
            .to_string()
            .into_bytes();
        let call = self.call(Endpoint::CreateInstall, INSTALLS).json_body(body);
        let lost = match self.transport.send(&call).await {
            Ok(answer) => {
                match payload_at(
                    Endpoint::CreateInstall,
                    answer.status,
                    &answer.body,
                    &[&["data"], &[]],
                    false,
                    "the new install",
                ) {
                    Ok(install) => return Ok(install),
                    Err(error) => error,
                }
            }
            Err(CallFailure {
                error,
                maybe_applied: false,
            }) => return Err(error),
            Err(CallFailure { error, .. }) => error,
        };
        match self.list_installs(business_uid, app_code_name).await {
            Ok(found) if !found.is_empty() => Ok(found[0].clone()),
            Ok(_) => Err(lost.with_message(format!(
                "Installing app {app_code_name} in business {business_uid} failed and it is not \
                 installed, so it is safe to try again."
            ))),
            Err(_) => Err(lost.recast(
                ErrorCode::UnknownOutcome,
                format!(
                    "Installing app {app_code_name} in business {business_uid} may or may not \
                     have worked, and its installs could not be listed to check; list them \
                     before trying again."
                ),
            )),
        }
    }

    pub async fn delete_install(&self, uid: &str) -> Result<(), PlatformError> {
        self.transport
            .send(&self.call(
                Endpoint::DeleteInstall,
                &["v3", "apps", "business_app_installs", uid],
            ))
            .await
            .map(drop)
            .map_err(PlatformError::from)
    }
}
