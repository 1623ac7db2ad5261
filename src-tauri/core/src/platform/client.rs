//! `PlatformClient`: the bearer-holding client for the platform's management API
//! (apps, app tokens, directory branding). Its methods live beside the endpoints they
//! call (`apps`, `create_app`, `app_tokens`); the token-less OAuth endpoints are on
//! [`OAuthClient`], reachable from here with [`PlatformClient::oauth`].

use url::Url;

use super::endpoint::Endpoint;
use super::envelope;
use super::models::Branding;
use super::oauth::OAuthClient;
use super::options::ClientOptions;
use super::transport::{Call, Transport};
use crate::error::PlatformError;
use crate::Secret;

/// A client for one environment (`api_base`, e.g. `https://api.vcita.biz`) and one token
/// (a directory token, usually). Cheap to clone; clones share connections.
#[derive(Clone, Debug)]
pub struct PlatformClient {
    pub(crate) transport: Transport,
    pub(crate) token: Secret,
}

impl PlatformClient {
    pub fn new(api_base: Url, token: Secret) -> Self {
        Self::with_options(api_base, token, ClientOptions::default())
    }

    pub fn with_options(api_base: Url, token: Secret, options: ClientOptions) -> Self {
        Self {
            transport: Transport::new(api_base, options),
            token,
        }
    }

    pub fn api_base(&self) -> &Url {
        self.transport.api_base()
    }

    pub fn options(&self) -> &ClientOptions {
        self.transport.options()
    }

    /// The token-less OAuth endpoints of the same environment, sharing connections and options.
    pub fn oauth(&self) -> OAuthClient {
        OAuthClient::from_transport(self.transport.clone())
    }

    /// `GET /platform/v1/directory/branding`, optionally for a white-label `host`.
    pub async fn directory_branding(&self, host: Option<&str>) -> Result<Branding, PlatformError> {
        let mut call = Call::new(
            Endpoint::DirectoryBranding,
            &["platform", "v1", "directory", "branding"],
        )
        .bearer(&self.token);
        if let Some(host) = host {
            call = call.query("host", host);
        }
        let answer = self.transport.send(&call).await?;
        envelope::branding(answer.status, &answer.body)
    }

    pub(crate) fn call<'a>(&'a self, endpoint: Endpoint, path: &[&'a str]) -> Call<'a> {
        Call::new(endpoint, path).bearer(&self.token)
    }
}
