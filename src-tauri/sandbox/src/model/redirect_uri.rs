//! `RedirectUri`: a redirect URI as registered on an app, validated once. It must be
//! absolute, carry no fragment, and use https (http only for loopback hosts). Matching at
//! authorize and token time is string equality with the registered text.

use serde::{Deserialize, Serialize};
use std::fmt;
use url::{Host, Url};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RedirectUri(String);

impl RedirectUri {
    /// `field` names the request field in the error message (e.g. `oauth_redirect_uris[1]`).
    pub fn parse(field: &str, text: &str) -> Result<Self, String> {
        if text.chars().any(|c| !c.is_ascii_graphic()) {
            return Err(format!(
                "{field} must not contain spaces, control or non-ASCII characters \
                 (percent-encode them): got {text:?}"
            ));
        }
        let url = Url::parse(text).map_err(|e| {
            format!("{field} must be an absolute URL such as https://example.com/callback: {text:?} is not ({e})")
        })?;
        if url.fragment().is_some() {
            return Err(format!(
                "{field} must not contain a fragment (#...): got {text:?}"
            ));
        }
        match url.scheme() {
            "https" if url.host().is_some() => Ok(Self(text.to_string())),
            "http" if is_loopback(url.host()) => Ok(Self(text.to_string())),
            "http" => Err(format!(
                "{field} must use https; http is allowed only on loopback hosts \
                 (127.0.0.1, [::1], localhost): got {text:?}"
            )),
            _ => Err(format!(
                "{field} must be an https URL (or http on a loopback host): got {text:?}"
            )),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_loopback(host: Option<Host<&str>>) -> bool {
    match host {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

impl TryFrom<String> for RedirectUri {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Self::parse("redirect_uri", &text)
    }
}

impl From<RedirectUri> for String {
    fn from(uri: RedirectUri) -> String {
        uri.0
    }
}

impl fmt::Display for RedirectUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_urls_and_http_on_loopback_are_accepted_verbatim() {
        for ok in [
            "https://myapp.example.com/oauth/callback",
            "http://127.0.0.1:8765/callback",
            "http://[::1]/cb",
            "http://localhost:3000/cb?x=1",
        ] {
            assert_eq!(RedirectUri::parse("redirect_uri", ok).unwrap().as_str(), ok);
        }
    }

    #[test]
    fn relative_non_https_and_fragment_uris_are_rejected_naming_the_field() {
        for bad in [
            "/callback",
            "myapp.example.com/cb",
            "http://myapp.example.com/cb",
            "ftp://example.com/cb",
            "https://example.com/cb#frag",
            "javascript:alert(1)",
            "https://example.com/call back",
            "https://example.com/café",
        ] {
            let err = RedirectUri::parse("oauth_redirect_uris[2]", bad).unwrap_err();
            assert!(err.starts_with("oauth_redirect_uris[2]"), "{err}");
        }
    }
}
