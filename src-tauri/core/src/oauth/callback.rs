//! Recognising the redirect, and reading what it carries.
//!
//! A brokered login can pass through intermediate pages whose URLs also carry a
//! `code` (an identity provider's own callback, say). Only the URL that matches the
//! chosen redirect URI exactly (scheme, host, port and path, and the registered URI's
//! own query parameters) is the platform's answer; a code anywhere else is ignored.
//! For a loopback `http` URI registered without a port, any port matches (RFC 8252 §7.3).

use url::Url;

use crate::redirect_uri::RedirectUri;
use crate::Secret;

#[derive(Debug, Clone)]
pub struct RedirectMatcher {
    registered: RedirectUri,
}

/// What a navigation turned out to be.
#[derive(Debug)]
pub enum CallbackMatch {
    /// Not the redirect URI: let the navigation go on, and take nothing from it.
    Elsewhere,
    /// The redirect URI: stop the navigation and hand this to the flow.
    Redirect(Callback),
}

/// The parameters of the redirect, from its query or (for `response_mode=fragment`) its fragment.
#[derive(Debug, Default)]
pub struct Callback {
    pub code: Option<Secret>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// Why a captured redirect cannot be exchanged. Each message says what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CallbackError {
    #[error("the platform answered with error {error:?}{}", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Platform {
        error: String,
        description: Option<String>,
    },
    #[error(
        "the redirect carried no state: it was not the answer to this test, so it was not used"
    )]
    MissingState,
    #[error("the redirect's state does not match the one this test sent: it may be a forged or stale redirect, so its code was not used")]
    StateMismatch,
    #[error("the redirect reached the redirect URI without a code or an error: the platform's answer was incomplete")]
    MissingCode,
}

impl RedirectMatcher {
    pub fn new(registered: RedirectUri) -> RedirectMatcher {
        RedirectMatcher { registered }
    }

    pub fn registered(&self) -> &RedirectUri {
        &self.registered
    }

    pub fn matches(&self, url: &Url) -> bool {
        let expected = self.registered.url();
        if url.scheme() != expected.scheme() || url.host() != expected.host() {
            return false;
        }
        let any_port = self.registered.is_loopback_http() && !self.registered.has_explicit_port();
        if !any_port && url.port_or_known_default() != expected.port_or_known_default() {
            return false;
        }
        if url.path() != expected.path() {
            return false;
        }
        expected
            .query_pairs()
            .all(|pair| url.query_pairs().any(|candidate| candidate == pair))
    }

    /// Classifies a navigation the embedded browser (or the loopback listener) saw.
    pub fn capture(&self, url: &Url) -> CallbackMatch {
        if !self.matches(url) {
            return CallbackMatch::Elsewhere;
        }
        CallbackMatch::Redirect(Callback::parse(url))
    }
}

impl Callback {
    pub fn parse(url: &Url) -> Callback {
        let mut callback = Callback::default();
        callback.read(url.query_pairs());
        if callback.code.is_none() && callback.error.is_none() {
            if let Some(fragment) = url.fragment() {
                callback.read(url::form_urlencoded::parse(fragment.as_bytes()));
            }
        }
        callback
    }

    fn read<'a>(
        &mut self,
        pairs: impl Iterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
    ) {
        for (key, value) in pairs {
            match key.as_ref() {
                "code" if !value.is_empty() => self.code = Some(Secret::new(value.into_owned())),
                "state" => self.state = Some(value.into_owned()),
                "error" if !value.is_empty() => self.error = Some(value.into_owned()),
                "error_description" => self.error_description = Some(value.into_owned()),
                _ => {}
            }
        }
    }

    /// The code, if the redirect is a success that answers this test's `state`.
    /// The state is checked before the error too: an error for another flow is not ours to report.
    pub fn into_code(self, expected_state: &str) -> Result<Secret, CallbackError> {
        let state = self.state.as_deref().ok_or(CallbackError::MissingState)?;
        if !constant_time_eq(state.as_bytes(), expected_state.as_bytes()) {
            return Err(CallbackError::StateMismatch);
        }
        if let Some(error) = self.error {
            return Err(CallbackError::Platform {
                error,
                description: self.error_description,
            });
        }
        self.code.ok_or(CallbackError::MissingCode)
    }
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(uri: &str) -> RedirectMatcher {
        RedirectMatcher::new(RedirectUri::parse(uri).unwrap())
    }

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn matches_only_the_exact_scheme_host_port_and_path() {
        let m = matcher("https://app.example/oauth/cb");
        assert!(m.matches(&url("https://app.example/oauth/cb?code=1&state=s")));
        assert!(m.matches(&url("https://APP.example:443/oauth/cb?code=1")));
        for other in [
            "http://app.example/oauth/cb?code=1",
            "https://app.example:8443/oauth/cb?code=1",
            "https://evil.example/oauth/cb?code=1",
            "https://app.example.evil.example/oauth/cb?code=1",
            "https://app.example/oauth/cb/?code=1",
            "https://app.example/oauth/cb/extra?code=1",
            "https://app.example/oauth?code=1",
        ] {
            assert!(!m.matches(&url(other)), "{other} must not match");
        }
    }

    #[test]
    fn a_code_on_an_intermediate_page_is_ignored() {
        let m = matcher("https://app.example/oauth/cb");
        let idp = url("https://idp.example/callback?code=stolen&state=s");
        assert!(matches!(m.capture(&idp), CallbackMatch::Elsewhere));
    }

    #[test]
    fn loopback_without_a_port_matches_any_port_but_an_explicit_port_must_match() {
        let any = matcher("http://127.0.0.1/cb");
        assert!(any.matches(&url("http://127.0.0.1:53124/cb?code=1")));
        assert!(any.matches(&url("http://127.0.0.1/cb?code=1")));
        assert!(!any.matches(&url("http://127.0.0.1:53124/other?code=1")));
        let fixed = matcher("http://127.0.0.1:8765/cb");
        assert!(fixed.matches(&url("http://127.0.0.1:8765/cb?code=1")));
        assert!(!fixed.matches(&url("http://127.0.0.1:8766/cb?code=1")));
        let https = matcher("https://app.example/cb");
        assert!(!https.matches(&url("https://app.example:8443/cb?code=1")));
    }

    #[test]
    fn the_registered_uris_own_query_parameters_must_be_present() {
        let m = matcher("https://app.example/cb?tenant=7");
        assert!(m.matches(&url("https://app.example/cb?tenant=7&code=1&state=s")));
        assert!(!m.matches(&url("https://app.example/cb?code=1&state=s")));
        assert!(!m.matches(&url("https://app.example/cb?tenant=8&code=1")));
    }

    #[test]
    fn reads_the_code_and_state_from_the_query_or_the_fragment() {
        let from_query = Callback::parse(&url("https://a.example/cb?code=abc&state=s1"));
        assert_eq!(from_query.code.unwrap().expose(), "abc");
        assert_eq!(from_query.state.as_deref(), Some("s1"));
        let from_fragment = Callback::parse(&url("https://a.example/cb#code=def&state=s2"));
        assert_eq!(from_fragment.code.unwrap().expose(), "def");
        assert_eq!(from_fragment.state.as_deref(), Some("s2"));
    }

    #[test]
    fn state_is_checked_before_the_code_is_released() {
        let ok = Callback::parse(&url("https://a.example/cb?code=abc&state=s1"));
        assert_eq!(ok.into_code("s1").unwrap().expose(), "abc");
        let wrong = Callback::parse(&url("https://a.example/cb?code=abc&state=s2"));
        assert_eq!(
            wrong.into_code("s1").unwrap_err(),
            CallbackError::StateMismatch
        );
        let missing = Callback::parse(&url("https://a.example/cb?code=abc"));
        assert_eq!(
            missing.into_code("s1").unwrap_err(),
            CallbackError::MissingState
        );
        let empty = Callback::parse(&url("https://a.example/cb?state=s1"));
        assert_eq!(
            empty.into_code("s1").unwrap_err(),
            CallbackError::MissingCode
        );
    }

    #[test]
    fn error_parameters_are_surfaced() {
        let denied = Callback::parse(&url(
            "https://a.example/cb?error=access_denied&error_description=The+user+denied&state=s1",
        ));
        let error = denied.into_code("s1").unwrap_err();
        assert_eq!(
            error,
            CallbackError::Platform {
                error: "access_denied".into(),
                description: Some("The user denied".into())
            }
        );
        assert!(error.to_string().contains("access_denied"));
    }
}
