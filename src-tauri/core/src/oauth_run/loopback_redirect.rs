//! Choosing the redirect URI for a run in the system browser: the app's own loopback
//! redirect URI (`http://127.0.0.1:<port>/…`, with an explicit port), or, when it has
//! none and the user asks for it, one registered for this run only and removed after it
//! (as `auth0 test login` does); both changes go through the audited redirect-URI update.

use crate::console::{Console, ConsoleError, RedirectUriChange};
use crate::oauth::LoopbackListener;
use crate::redirect_uri::RedirectUri;

/// A redirect URI registered for one run, and the listener already on its port.
pub struct TemporaryRedirect {
    pub uri: String,
    pub listener: LoopbackListener,
}

impl Console {
    /// The app's first registered redirect URI that a local listener can serve: loopback
    /// `http` with an explicit port. `None` when it has no such URI.
    pub async fn oauth_loopback_redirect(&self, app: &str) -> Result<Option<String>, ConsoleError> {
        let listed = self.redirect_uris_list(app).await?;
        Ok(listed.uris.into_iter().map(|entry| entry.uri).find(|uri| {
            RedirectUri::parse(uri)
                .is_ok_and(|uri| uri.is_loopback_http() && uri.has_explicit_port())
        }))
    }

    /// Registers `http://127.0.0.1:<port>/callback` for the app, on a port a listener
    /// holds from now on, so nothing else can take it before the browser comes back.
    pub async fn oauth_register_loopback(
        &self,
        app: &str,
    ) -> Result<TemporaryRedirect, ConsoleError> {
        let listener = LoopbackListener::bind_any_port().map_err(|error| {
            ConsoleError::new(
                crate::error::ErrorCode::Network,
                format!("No local port could be opened for the redirect ({error})."),
            )
        })?;
        let uri = format!("http://127.0.0.1:{}/callback", listener.port());
        self.redirect_uris_apply(app, RedirectUriChange::Add(vec![uri.clone()]))
            .await?;
        Ok(TemporaryRedirect { uri, listener })
    }

    /// Removes a redirect URI registered for one run.
    pub async fn oauth_unregister_loopback(
        &self,
        app: &str,
        uri: &str,
    ) -> Result<(), ConsoleError> {
        self.redirect_uris_apply(app, RedirectUriChange::Remove(vec![uri.to_owned()]))
            .await
            .map(drop)
    }
}
