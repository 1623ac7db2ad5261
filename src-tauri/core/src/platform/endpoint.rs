//! `Endpoint`: every platform operation the console calls, with the words used to name it
//! in logs and messages, and how its failures may be retried.

use reqwest::Method;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    ListApps,
    GetApp,
    CreateApp,
    UpdateApp,
    CreateAppToken,
    ListAppTokens,
    RevokeAppToken,
    ServiceToken,
    ExchangeCode,
    UserInfo,
    DirectoryBranding,
    ListBusinesses,
    GetBusiness,
    ListStaff,
    ListInstalls,
    CreateInstall,
    DeleteInstall,
    /// The sandbox's admin API: a launch, its trace, a state probe.
    SandboxLaunch,
    SandboxTrace,
    SandboxProbe,
}

/// Which failures may be answered by sending the same request again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryClass {
    /// Reads and updates: network errors, timeouts, 5xx and 429.
    Idempotent,
    /// Writes with side effects: only what proves the platform did nothing
    /// (a connection that never opened, a 429 refusal).
    RefusalsOnly,
    /// Single-use inputs (authorization codes): one attempt, whatever happens.
    Never,
}

impl Endpoint {
    pub fn method(self) -> Method {
        match self {
            Self::ListApps
            | Self::GetApp
            | Self::ListAppTokens
            | Self::UserInfo
            | Self::DirectoryBranding
            | Self::ListBusinesses
            | Self::GetBusiness
            | Self::ListStaff
            | Self::ListInstalls
            | Self::SandboxTrace => Method::GET,
            Self::DeleteInstall => Method::DELETE,
            Self::UpdateApp => Method::PUT,
            Self::CreateApp
            | Self::CreateAppToken
            | Self::RevokeAppToken
            | Self::ServiceToken
            | Self::ExchangeCode
            | Self::CreateInstall
            | Self::SandboxLaunch
            | Self::SandboxProbe => Method::POST,
        }
    }

    pub fn retry_class(self) -> RetryClass {
        match self.method() {
            Method::GET | Method::PUT | Method::DELETE => RetryClass::Idempotent,
            _ if self == Self::ExchangeCode => RetryClass::Never,
            _ => RetryClass::RefusalsOnly,
        }
    }

    /// A gerund phrase for messages: "listing apps".
    pub fn action(self) -> &'static str {
        match self {
            Self::ListApps => "listing apps",
            Self::GetApp => "reading the app",
            Self::CreateApp => "creating the app",
            Self::UpdateApp => "updating the app",
            Self::CreateAppToken => "creating an app token",
            Self::ListAppTokens => "listing app tokens",
            Self::RevokeAppToken => "revoking the app token",
            Self::ServiceToken => "requesting a service token",
            Self::ExchangeCode => "exchanging the authorization code for a token",
            Self::UserInfo => "reading the user's info",
            Self::DirectoryBranding => "reading the directory branding",
            Self::ListBusinesses => "listing the directory's businesses",
            Self::GetBusiness => "reading the business",
            Self::ListStaff => "listing the business's staff",
            Self::ListInstalls => "listing the business's app installs",
            Self::CreateInstall => "installing the app in the business",
            Self::DeleteInstall => "uninstalling the app from the business",
            Self::SandboxLaunch => "opening the app in the sandbox",
            Self::SandboxTrace => "reading the sandbox's launch trace",
            Self::SandboxProbe => "asking the sandbox for a probe code",
        }
    }

    /// What the 404 means for this endpoint.
    pub fn missing_thing(self) -> &'static str {
        match self {
            Self::GetApp | Self::UpdateApp => "the platform has no app with this code name",
            Self::CreateAppToken | Self::ListAppTokens => "the platform has no app with this id",
            Self::RevokeAppToken => "the platform does not know this token",
            Self::GetBusiness | Self::ListStaff => "the directory has no business with this uid",
            Self::DeleteInstall => "the platform has no such install",
            _ => "the platform has no such resource",
        }
    }

    /// What to do when the platform refused this endpoint's credentials.
    pub fn unauthorized_advice(self) -> &'static str {
        match self {
            Self::ServiceToken | Self::ExchangeCode => {
                "check the app's client id and client secret"
            }
            Self::UserInfo => {
                "the access token is invalid, expired or revoked: run the OAuth flow again"
            }
            _ => "check that the profile's token is correct and has not been revoked",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_updates_are_idempotent_creates_are_not_and_code_exchange_never_retries() {
        assert_eq!(Endpoint::ListApps.retry_class(), RetryClass::Idempotent);
        assert_eq!(Endpoint::UpdateApp.retry_class(), RetryClass::Idempotent);
        assert_eq!(Endpoint::CreateApp.retry_class(), RetryClass::RefusalsOnly);
        assert_eq!(
            Endpoint::RevokeAppToken.retry_class(),
            RetryClass::RefusalsOnly
        );
        assert_eq!(Endpoint::ExchangeCode.retry_class(), RetryClass::Never);
    }
}
