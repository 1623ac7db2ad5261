//! `AdminClient`: a typed client for the sandbox's admin API, for tests in any crate:
//! advance the clock, set or clear faults, read the request log, reset.

use crate::faults::Faults;
use crate::info::SandboxInfo;
use crate::platform::SandboxSettings;
use crate::request_log::LoggedRequest;
use crate::routes::ClockReading;
use reqwest::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum AdminClientError {
    #[error("calling the sandbox admin API to {action}: {source}")]
    Http {
        action: &'static str,
        source: reqwest::Error,
    },
    #[error("the sandbox admin API refused to {action}: HTTP {status}: {body}")]
    Refused {
        action: &'static str,
        status: u16,
        body: String,
    },
}

#[derive(Clone, Debug)]
pub struct AdminClient {
    base_url: String,
    admin_token: String,
    http: reqwest::Client,
}

/// A launch just made through the admin API.
#[derive(Clone, Debug, Deserialize)]
pub struct CreatedLaunch {
    pub launch_id: String,
    pub launch_url: String,
    pub app_host: String,
}

#[derive(Deserialize)]
struct RequestLogBody {
    requests: Vec<LoggedRequest>,
}

impl AdminClient {
    pub fn new(base_url: impl Into<String>, admin_token: impl Into<String>) -> Self {
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .unwrap_or_else(|_| reqwest::Client::new());
        Self {
            base_url: base_url.into().trim_end_matches('/').to_string(),
            admin_token: admin_token.into(),
            http,
        }
    }

    /// The sandbox's base URL (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn for_sandbox(info: &SandboxInfo) -> Self {
        Self::new(&info.base_url, &info.admin_token)
    }

    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.http
            .request(method, format!("{}/__admin{path}", self.base_url))
            .bearer_auth(&self.admin_token)
    }

    async fn send<T: DeserializeOwned>(
        &self,
        action: &'static str,
        request: RequestBuilder,
    ) -> Result<T, AdminClientError> {
        let response = request
            .send()
            .await
            .map_err(|source| AdminClientError::Http { action, source })?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            return Err(AdminClientError::Refused {
                action,
                status: status.as_u16(),
                body,
            });
        }
        response
            .json()
            .await
            .map_err(|source| AdminClientError::Http { action, source })
    }

    pub async fn clock(&self) -> Result<ClockReading, AdminClientError> {
        self.send("read the clock", self.request(Method::GET, "/clock"))
            .await
    }

    /// Moves the platform clock forward by `secs` (codes expire after 30).
    pub async fn advance_clock(&self, secs: u64) -> Result<ClockReading, AdminClientError> {
        let request = self
            .request(Method::POST, "/clock/advance")
            .json(&json!({"seconds": secs}));
        self.send("advance the clock", request).await
    }

    pub async fn faults(&self) -> Result<Faults, AdminClientError> {
        self.send("read the faults", self.request(Method::GET, "/faults"))
            .await
    }

    /// Replaces the fault configuration (and restarts its "every Nth" counters).
    pub async fn set_faults(&self, faults: &Faults) -> Result<Faults, AdminClientError> {
        self.send(
            "set faults",
            self.request(Method::PUT, "/faults").json(faults),
        )
        .await
    }

    pub async fn clear_faults(&self) -> Result<(), AdminClientError> {
        self.send::<Faults>("clear faults", self.request(Method::DELETE, "/faults"))
            .await
            .map(drop)
    }

    pub async fn request_log(&self) -> Result<Vec<LoggedRequest>, AdminClientError> {
        let body: RequestLogBody = self
            .send(
                "read the request log",
                self.request(Method::GET, "/requests"),
            )
            .await?;
        Ok(body.requests)
    }

    pub async fn clear_request_log(&self) -> Result<(), AdminClientError> {
        self.send::<serde_json::Value>(
            "clear the request log",
            self.request(Method::DELETE, "/requests"),
        )
        .await
        .map(drop)
    }

    pub async fn settings(&self) -> Result<SandboxSettings, AdminClientError> {
        self.send("read the settings", self.request(Method::GET, "/settings"))
            .await
    }

    /// Replaces the settings (for example, to list tokens in full).
    pub async fn set_settings(
        &self,
        settings: &SandboxSettings,
    ) -> Result<SandboxSettings, AdminClientError> {
        self.send(
            "change the settings",
            self.request(Method::PUT, "/settings").json(settings),
        )
        .await
    }

    /// Makes a launch ("Open app") of the app for a staff member of a business where it is
    /// installed; its `launch_url` is the page on the brand host that opens the app.
    pub async fn create_launch(
        &self,
        app_code_name: &str,
        business_uid: &str,
        staff_uid: &str,
    ) -> Result<CreatedLaunch, AdminClientError> {
        let request = self.request(Method::POST, "/launches").json(&json!({
            "app_code_name": app_code_name,
            "business_uid": business_uid,
            "staff_uid": staff_uid,
        }));
        self.send("make a launch", request).await
    }

    /// A launch's trace so far, as JSON (see `crate::launch::LaunchTrace`).
    pub async fn launch_trace(
        &self,
        launch_id: &str,
    ) -> Result<serde_json::Value, AdminClientError> {
        self.send(
            "read a launch's trace",
            self.request(Method::GET, &format!("/launches/{launch_id}")),
        )
        .await
    }

    /// A fresh code for a launch's state probe: `{"code", "redirect_uri"}`.
    pub async fn launch_probe(
        &self,
        launch_id: &str,
    ) -> Result<serde_json::Value, AdminClientError> {
        self.send(
            "issue a probe code",
            self.request(Method::POST, &format!("/launches/{launch_id}/probe")),
        )
        .await
    }

    /// Back to the seeded state; the printed credentials stay valid.
    pub async fn reset(&self) -> Result<(), AdminClientError> {
        self.send::<serde_json::Value>("reset the sandbox", self.request(Method::POST, "/reset"))
            .await
            .map(drop)
    }
}
