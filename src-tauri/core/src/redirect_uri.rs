//! `RedirectUri`: an OAuth redirect URI, parsed and validated once.
//!
//! The rules are the platform's and RFC 8252's: absolute; `https`, or `http` only on a
//! loopback host (`127.0.0.1`, `[::1]`, `localhost`); no fragment; no wildcard; no
//! user info. The original text is kept verbatim, because the platform compares
//! redirect URIs as strings: `https://a.example/cb` and `https://a.example/cb/` are two
//! different URIs to it, and [`RedirectUri::near_duplicate_of`] exists to flag exactly that.

use std::fmt;

use serde::{Deserialize, Serialize};
use url::{Host, Url};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "String")]
pub struct RedirectUri {
    text: String,
    url: Url,
}

/// Why a string is not a usable redirect URI. Each variant's message says what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum RedirectUriError {
    #[error("the redirect URI is empty: enter an absolute URL such as https://example.com/oauth/callback")]
    Empty,
    #[error("{text:?} is not an absolute URL: include the scheme and host, e.g. https://example.com/oauth/callback")]
    NotAbsolute { text: String },
    #[error("{text:?} has surrounding or inner spaces: remove them")]
    Whitespace { text: String },
    #[error("{text:?} uses {scheme}: only https is allowed, or http on a loopback address (127.0.0.1, [::1], localhost)")]
    Scheme { text: String, scheme: String },
    #[error("{text:?} uses plain http on a host that is not loopback: use https, or http://127.0.0.1 for a local app")]
    InsecureHttp { text: String },
    #[error("{text:?} has a fragment (#…): the platform appends the code to the query, so remove the fragment")]
    Fragment { text: String },
    #[error("{text:?} contains a wildcard (*): register each redirect URI in full")]
    Wildcard { text: String },
    #[error("{text:?} contains a user name or password: remove them")]
    UserInfo { text: String },
}

impl RedirectUri {
    pub fn parse(text: &str) -> Result<RedirectUri, RedirectUriError> {
        if text.trim().is_empty() {
            return Err(RedirectUriError::Empty);
        }
        let owned = || text.to_owned();
        if text.chars().any(char::is_whitespace) {
            return Err(RedirectUriError::Whitespace { text: owned() });
        }
        if text.contains('*') {
            return Err(RedirectUriError::Wildcard { text: owned() });
        }
        let url = Url::parse(text).map_err(|_| RedirectUriError::NotAbsolute { text: owned() })?;
        if url.cannot_be_a_base() || url.host().is_none() {
            return Err(RedirectUriError::NotAbsolute { text: owned() });
        }
        // `%2A` in a host is decoded to `*`.
        if url.host_str().is_some_and(|host| host.contains('*')) {
            return Err(RedirectUriError::Wildcard { text: owned() });
        }
        if url.fragment().is_some() {
            return Err(RedirectUriError::Fragment { text: owned() });
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(RedirectUriError::UserInfo { text: owned() });
        }
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&url) => {}
            "http" => return Err(RedirectUriError::InsecureHttp { text: owned() }),
            other => {
                return Err(RedirectUriError::Scheme {
                    text: owned(),
                    scheme: other.to_owned(),
                })
            }
        }
        Ok(RedirectUri {
            text: text.to_owned(),
            url,
        })
    }

    /// The URI exactly as registered on the platform.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn url(&self) -> &Url {
        &self.url
    }

    /// An `http` URI on a loopback host (RFC 8252 §7.3): served by a local listener.
    pub fn is_loopback_http(&self) -> bool {
        self.url.scheme() == "http" && is_loopback(&self.url)
    }

    /// Whether the text names an explicit port (`http://127.0.0.1:8765/cb` does,
    /// `http://127.0.0.1/cb` does not).
    pub fn has_explicit_port(&self) -> bool {
        self.url.port().is_some()
    }

    /// Two different strings that a person would read as the same URI: they differ only
    /// by a trailing slash, the case of the scheme or host, or an explicit default port.
    /// The platform compares strings, so one of them will not match what an app sends.
    pub fn near_duplicate_of(&self, other: &RedirectUri) -> bool {
        self.text != other.text && self.comparable() == other.comparable()
    }

    fn comparable(&self) -> String {
        // `Url` already lower-cases scheme and host and drops default ports.
        let mut url = self.url.clone();
        let trimmed = url.path().trim_end_matches('/').to_owned();
        url.set_path(&trimmed);
        url.to_string().trim_end_matches('/').to_owned()
    }
}

/// Whether `url`'s host is this computer: 127.0.0.0/8, ::1 or `localhost`.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

impl fmt::Display for RedirectUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<RedirectUri> for String {
    fn from(uri: RedirectUri) -> String {
        uri.text
    }
}

impl<'de> Deserialize<'de> for RedirectUri {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        RedirectUri::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// One problem found in a list of redirect URIs, by position.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ListProblem {
    pub index: usize,
    pub text: String,
    pub message: String,
}

/// Validates a whole list as the redirect-URI editor does before saving: every entry
/// must parse, and no entry may repeat another.
pub fn validate_list(texts: &[String]) -> Result<Vec<RedirectUri>, Vec<ListProblem>> {
    let mut uris = Vec::with_capacity(texts.len());
    let mut problems = Vec::new();
    for (index, text) in texts.iter().enumerate() {
        if texts[..index].contains(text) {
            problems.push(ListProblem {
                index,
                text: text.clone(),
                message: format!("{text:?} is already in the list: remove the duplicate"),
            });
            continue;
        }
        match RedirectUri::parse(text) {
            Ok(uri) => uris.push(uri),
            Err(error) => problems.push(ListProblem {
                index,
                text: text.clone(),
                message: error.to_string(),
            }),
        }
    }
    if problems.is_empty() {
        Ok(uris)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_https_and_loopback_http() {
        for ok in [
            "https://example.com/oauth/callback",
            "https://example.com:8443/cb?x=1",
            "http://127.0.0.1/callback",
            "http://127.0.0.1:8765/callback",
            "http://[::1]:9000/cb",
            "http://localhost:3000/cb",
        ] {
            assert!(RedirectUri::parse(ok).is_ok(), "{ok} should be accepted");
        }
    }

    fn reason(text: &str) -> &'static str {
        match RedirectUri::parse(text).expect_err(text) {
            RedirectUriError::Empty => "empty",
            RedirectUriError::NotAbsolute { .. } => "not_absolute",
            RedirectUriError::Whitespace { .. } => "whitespace",
            RedirectUriError::Scheme { .. } => "scheme",
            RedirectUriError::InsecureHttp { .. } => "insecure_http",
            RedirectUriError::Fragment { .. } => "fragment",
            RedirectUriError::Wildcard { .. } => "wildcard",
            RedirectUriError::UserInfo { .. } => "user_info",
        }
    }

    #[test]
    fn rejects_each_invalid_form_with_its_reason() {
        assert_eq!(reason(""), "empty");
        assert_eq!(reason("/callback"), "not_absolute");
        assert_eq!(reason("example.com/cb"), "not_absolute");
        assert_eq!(reason("http://example.com/cb"), "insecure_http");
        assert_eq!(reason("ftp://example.com/cb"), "scheme");
        assert_eq!(reason("https://example.com/cb#frag"), "fragment");
        assert_eq!(reason("https://*.example.com/cb"), "wildcard");
        assert_eq!(reason("https://user:pw@example.com/cb"), "user_info");
        assert_eq!(reason(" https://example.com/cb"), "whitespace");
        let error = RedirectUri::parse("http://example.com/cb").unwrap_err();
        assert!(error.to_string().contains("use https"), "{error}");
    }

    /// Found by the `redirect_uri` fuzz target: the URL parser decodes `%2A` in a host.
    #[test]
    fn a_percent_encoded_wildcard_host_is_a_wildcard() {
        assert_eq!(reason("https://%2A.example.com/cb"), "wildcard");
        assert_eq!(reason("https://%2a.example.com/cb"), "wildcard");
        assert!(RedirectUri::parse("https://example.com/%2A/cb").is_ok());
    }

    #[test]
    fn keeps_the_registered_text_verbatim() {
        let uri = RedirectUri::parse("https://Example.com/cb/").unwrap();
        assert_eq!(uri.as_str(), "https://Example.com/cb/");
    }

    #[test]
    fn flags_a_trailing_slash_or_host_case_as_a_near_duplicate() {
        let a = RedirectUri::parse("https://example.com/cb").unwrap();
        let b = RedirectUri::parse("https://example.com/cb/").unwrap();
        let c = RedirectUri::parse("https://EXAMPLE.com/cb").unwrap();
        let d = RedirectUri::parse("https://example.com/other").unwrap();
        assert!(a.near_duplicate_of(&b));
        assert!(a.near_duplicate_of(&c));
        assert!(!a.near_duplicate_of(&d));
        assert!(!a.near_duplicate_of(&a.clone()));
    }

    #[test]
    fn list_validation_reports_duplicates_and_invalid_entries_by_position() {
        let list = vec![
            "https://a.example/cb".to_owned(),
            "http://a.example/cb".to_owned(),
            "https://a.example/cb".to_owned(),
        ];
        let problems = validate_list(&list).unwrap_err();
        assert_eq!(problems.iter().map(|p| p.index).collect::<Vec<_>>(), [1, 2]);
        assert!(problems[1].message.contains("already in the list"));
        assert_eq!(validate_list(&list[..1]).unwrap().len(), 1);
    }
}
