//! The sandbox's admin API, for the one thing only the sandbox can do: watch a partner's
//! app from the platform's side. A launch ("Open app" for a staff member), the trace of
//! what the app did afterwards, and a state probe. Called with the sandbox's admin token,
//! which a sandbox profile keeps (encrypted) beside its directory token.

use serde::Deserialize;
use serde_json::{json, Value};

use super::client::PlatformClient;
use super::endpoint::Endpoint;
use super::envelope::payload_at;
use crate::error::PlatformError;

/// A launch the sandbox made.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SandboxLaunch {
    pub launch_id: String,
    /// The page on the brand host that signs the staff member in and opens the app.
    pub launch_url: String,
    /// Where that page sends the browser: the app's `app_host` for this business and staff.
    pub app_host: String,
}

/// A fresh code for the state probe, for the redirect URI the app authorized with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ProbeCode {
    pub code: crate::Secret,
    pub redirect_uri: String,
}

impl PlatformClient {
    /// Asks the sandbox (this client holding its admin token) to launch the app.
    pub async fn sandbox_launch(
        &self,
        app_code_name: &str,
        business_uid: &str,
        staff_uid: &str,
    ) -> Result<SandboxLaunch, PlatformError> {
        let body = json!({
            "app_code_name": app_code_name,
            "business_uid": business_uid,
            "staff_uid": staff_uid,
        })
        .to_string()
        .into_bytes();
        let call = self
            .call(Endpoint::SandboxLaunch, &["__admin", "launches"])
            .json_body(body);
        let answer = self.transport.send(&call).await?;
        payload_at(
            Endpoint::SandboxLaunch,
            answer.status,
            &answer.body,
            &[&[]],
            false,
            "a launch",
        )
    }

    /// The launch's trace so far, as the sandbox records it.
    pub async fn sandbox_trace(&self, launch_id: &str) -> Result<Value, PlatformError> {
        let call = self.call(Endpoint::SandboxTrace, &["__admin", "launches", launch_id]);
        let answer = self.transport.send(&call).await?;
        payload_at(
            Endpoint::SandboxTrace,
            answer.status,
            &answer.body,
            &[&[]],
            false,
            "a trace",
        )
    }

    pub async fn sandbox_probe(&self, launch_id: &str) -> Result<ProbeCode, PlatformError> {
        let call = self.call(
            Endpoint::SandboxProbe,
            &["__admin", "launches", launch_id, "probe"],
        );
        let answer = self.transport.send(&call).await?;
        payload_at(
            Endpoint::SandboxProbe,
            answer.status,
            &answer.body,
            &[&[]],
            false,
            "a probe code",
        )
    }
}
