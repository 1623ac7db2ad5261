//! The redirect-URI validator: `RedirectUri::parse`, `validate_list`, `near_duplicate_of`.
//!
//! Input: UTF-8, one candidate redirect URI per line (at most 8 lines are used).
//!
//! Properties, as redirect_uri.rs states its rules:
//! - an accepted URI keeps its text verbatim and re-parses to itself (also through serde);
//!   it is absolute, has no fragment, no user info, no whitespace, no wildcard, and is
//!   https or http on a loopback host;
//! - a refused one names the text it refused;
//! - `validate_list` accepts a list iff every entry parses and no entry repeats an
//!   earlier one, and otherwise reports exactly the bad entries, by position;
//! - `near_duplicate_of` is symmetric and irreflexive, holds for two different texts of
//!   the same URL, and only ever pairs URIs of the same scheme, host and port.

#![no_main]

use intandem_core::redirect_uri::{validate_list, RedirectUri, RedirectUriError};
use libfuzzer_sys::fuzz_target;
use url::Host;

const MAX_ENTRIES: usize = 8;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let texts: Vec<String> = text
        .split('\n')
        .take(MAX_ENTRIES)
        .map(str::to_owned)
        .collect();
    let parsed: Vec<Option<RedirectUri>> = texts.iter().map(|t| check_one(t)).collect();
    check_list(&texts, &parsed);
    let uris: Vec<&RedirectUri> = parsed.iter().flatten().collect();
    for a in &uris {
        assert!(!a.near_duplicate_of(&(*a).clone()));
        for b in &uris {
            check_pair(a, b);
        }
    }
});

fn check_one(text: &str) -> Option<RedirectUri> {
    match RedirectUri::parse(text) {
        Ok(uri) => {
            assert_eq!(uri.as_str(), text);
            assert_eq!(uri.to_string(), text);
            assert_eq!(RedirectUri::parse(uri.as_str()).as_ref(), Ok(&uri));
            let json = serde_json::to_string(&uri).expect("a RedirectUri serializes");
            let back: RedirectUri = serde_json::from_str(&json).expect("and deserializes");
            assert_eq!(back, uri);

            let url = uri.url();
            assert!(!url.cannot_be_a_base() && url.host().is_some());
            assert_eq!(url.fragment(), None);
            assert!(url.username().is_empty() && url.password().is_none());
            assert!(!text.chars().any(char::is_whitespace));
            assert!(!text.contains('*'));
            let host_has_wildcard = url.host_str().is_some_and(|h| h.contains('*'));
            assert!(!host_has_wildcard, "{text:?} has a wildcard host {url}");
            match url.scheme() {
                "https" => assert!(!uri.is_loopback_http()),
                "http" => {
                    assert!(uri.is_loopback_http());
                    let loopback = match url.host() {
                        Some(Host::Ipv4(ip)) => ip.is_loopback(),
                        Some(Host::Ipv6(ip)) => ip.is_loopback(),
                        Some(Host::Domain(d)) => d == "localhost",
                        None => false,
                    };
                    assert!(loopback, "{text:?} is http on {:?}", url.host());
                }
                other => panic!("{text:?} was accepted with the scheme {other:?}"),
            }
            assert_eq!(uri.has_explicit_port(), url.port().is_some());
            Some(uri)
        }
        Err(error) => {
            assert!(!error.to_string().is_empty());
            match &error {
                RedirectUriError::Empty => assert!(text.trim().is_empty()),
                RedirectUriError::NotAbsolute { text: t }
                | RedirectUriError::Whitespace { text: t }
                | RedirectUriError::Scheme { text: t, .. }
                | RedirectUriError::InsecureHttp { text: t }
                | RedirectUriError::Fragment { text: t }
                | RedirectUriError::Wildcard { text: t }
                | RedirectUriError::UserInfo { text: t } => assert_eq!(t, text),
            }
            None
        }
    }
}

fn check_list(texts: &[String], parsed: &[Option<RedirectUri>]) {
    let bad: Vec<usize> = (0..texts.len())
        .filter(|&i| texts[..i].contains(&texts[i]) || parsed[i].is_none())
        .collect();
    match validate_list(texts) {
        Ok(uris) => {
            assert!(
                bad.is_empty(),
                "a list with bad entries {bad:?} was accepted"
            );
            assert_eq!(uris.len(), texts.len());
            for (uri, text) in uris.iter().zip(texts) {
                assert_eq!(uri.as_str(), text);
            }
        }
        Err(problems) => {
            let indices: Vec<usize> = problems.iter().map(|p| p.index).collect();
            assert_eq!(indices, bad);
            for problem in &problems {
                assert_eq!(problem.text, texts[problem.index]);
                assert!(!problem.message.is_empty());
            }
        }
    }
}

fn check_pair(a: &RedirectUri, b: &RedirectUri) {
    let near = a.near_duplicate_of(b);
    assert_eq!(near, b.near_duplicate_of(a), "not symmetric: {a} {b}");
    if a.as_str() == b.as_str() {
        assert!(!near, "{a} is its own near duplicate");
        return;
    }
    if a.url() == b.url() {
        assert!(near, "{a} and {b} are the same URL but not near duplicates");
    }
    if near {
        let (x, y) = (a.url(), b.url());
        assert_eq!(x.scheme(), y.scheme(), "{a} ~ {b}");
        assert_eq!(x.host(), y.host(), "{a} ~ {b}");
        assert_eq!(
            x.port_or_known_default(),
            y.port_or_known_default(),
            "{a} ~ {b}"
        );
    }
}
