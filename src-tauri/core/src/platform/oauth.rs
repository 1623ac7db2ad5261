//! `OAuthClient`: the platform's token-less OAuth endpoints. `/oauth/token` and
//! `/oauth/service/token` authenticate with client credentials in the body;
//! `/oauth/userinfo` takes whichever bearer the caller hands it (a user's access token).
//!
//! `/oauth/token` is never retried: an authorization code is single-use, and a second
//! attempt after a lost answer would only burn what is left of its 30 seconds.

use std::time::{Duration, Instant};

use url::Url;

use super::endpoint::Endpoint;
use super::envelope;
use super::models::{CodeExchange, ServiceCredentials, ServiceToken, TokenGrant, UserInfo};
use super::options::ClientOptions;
use super::request_bodies;
use super::transport::{Call, Transport};
use crate::error::PlatformError;
use crate::Secret;

/// A result, how long the call took (wall clock, retries included), and the HTTP status
/// of the answer, when one came.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed<T> {
    pub value: T,
    pub elapsed: Duration,
    pub status: Option<u16>,
}

#[derive(Clone, Debug)]
pub struct OAuthClient {
    transport: Transport,
}

impl OAuthClient {
    pub fn new(api_base: Url) -> Self {
        Self::with_options(api_base, ClientOptions::default())
    }

    pub fn with_options(api_base: Url, options: ClientOptions) -> Self {
        Self::from_transport(Transport::new(api_base, options))
    }

    pub(crate) fn from_transport(transport: Transport) -> Self {
        Self { transport }
    }

    /// `POST /oauth/token`: exchanges an authorization code, once. The elapsed time lets
    /// the caller show how much of the code's 30 s lifetime the exchange itself used.
    pub async fn exchange_code(
        &self,
        exchange: &CodeExchange,
    ) -> Timed<Result<TokenGrant, PlatformError>> {
        let started = Instant::now();
        let call = Call::new(Endpoint::ExchangeCode, &["oauth", "token"])
            .json_body(request_bodies::code_exchange(exchange));
        let (value, status) = match self.transport.send(&call).await {
            Ok(answer) => (
                envelope::bare(Endpoint::ExchangeCode, answer.status, &answer.body),
                Some(answer.status),
            ),
            Err(failure) => (Err(failure.error), None),
        };
        Timed {
            value,
            elapsed: started.elapsed(),
            status,
        }
    }

    /// `POST /oauth/service/token`: an app access token from the app's client credentials.
    pub async fn service_token(
        &self,
        credentials: &ServiceCredentials,
    ) -> Result<ServiceToken, PlatformError> {
        let call = Call::new(Endpoint::ServiceToken, &["oauth", "service", "token"])
            .json_body(request_bodies::service_token(credentials));
        let answer = self.transport.send(&call).await?;
        envelope::bare(Endpoint::ServiceToken, answer.status, &answer.body)
    }

    /// `GET /oauth/userinfo` with `access_token` as the bearer.
    pub async fn userinfo(&self, access_token: &Secret) -> Result<UserInfo, PlatformError> {
        self.userinfo_answered(access_token)
            .await
            .map(|(info, _)| info)
    }

    /// [`Self::userinfo`] with the HTTP status of the answer, for the OAuth test's timeline.
    pub async fn userinfo_answered(
        &self,
        access_token: &Secret,
    ) -> Result<(UserInfo, u16), PlatformError> {
        let call = Call::new(Endpoint::UserInfo, &["oauth", "userinfo"]).bearer(access_token);
        let answer = self.transport.send(&call).await?;
        envelope::bare(Endpoint::UserInfo, answer.status, &answer.body)
            .map(|info| (info, answer.status))
    }
}
