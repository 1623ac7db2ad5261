//! The OAuth redirect: recognising it (`RedirectMatcher`) and reading it (`Callback`).
//!
//! Input: UTF-8 lines — the registered redirect URI, a candidate URL the browser
//! navigated to, and the `state` the flow expects (the rest of the input).
//!
//! Properties:
//! - parsing a callback never panics, whatever the URL;
//! - `capture` yields a callback exactly when `matches` accepts the URL, and a matched
//!   URL has the registered scheme, host, path and (unless the URI is loopback http
//!   without a port) port, and carries the registered URI's own query parameters;
//! - the registered URI matches itself, and with `code` and `state` appended it is
//!   captured and hands over exactly that code for that state, and nothing for another;
//! - the code never shows in the callback's `Debug`.

#![no_main]

use intandem_core::oauth::{Callback, CallbackMatch, RedirectMatcher};
use intandem_core::redirect_uri::RedirectUri;
use libfuzzer_sys::fuzz_target;
use url::Url;

/// Wraps the code, to find it again in `Debug` output.
const MARK: &str = "~c~";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut lines = text.splitn(3, '\n');
    let registered = lines.next().unwrap_or_default();
    let candidate = lines.next().unwrap_or_default();
    let state = lines.next().unwrap_or_default();

    let candidate_url = Url::parse(candidate).ok();
    if let Some(url) = &candidate_url {
        let callback = Callback::parse(url);
        let _ = format!("{callback:?}");
        let _ = callback.into_code(state).map_err(|e| e.to_string());
    }

    let Ok(uri) = RedirectUri::parse(registered) else {
        return;
    };
    let matcher = RedirectMatcher::new(uri.clone());
    let expected = uri.url();
    assert!(
        matcher.matches(expected),
        "{registered:?} does not match itself"
    );

    if let Some(url) = &candidate_url {
        let matched = matcher.matches(url);
        match matcher.capture(url) {
            CallbackMatch::Elsewhere => assert!(!matched),
            CallbackMatch::Redirect(_) => assert!(matched, "captured a URL that does not match"),
        }
        if matched {
            assert_eq!(url.scheme(), expected.scheme());
            assert_eq!(url.host(), expected.host());
            assert_eq!(url.path(), expected.path());
            if !(uri.is_loopback_http() && !uri.has_explicit_port()) {
                assert_eq!(
                    url.port_or_known_default(),
                    expected.port_or_known_default()
                );
            }
            for pair in expected.query_pairs() {
                assert!(url.query_pairs().any(|candidate| candidate == pair));
            }
        }
    }

    // The platform's answer: the registered URI with the code and the state appended.
    let code = format!("{MARK}{candidate}{MARK}");
    let mut redirect = expected.clone();
    redirect
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", state);
    let captured = |url: &Url| match matcher.capture(url) {
        CallbackMatch::Redirect(callback) => callback,
        CallbackMatch::Elsewhere => {
            panic!("the redirect {url} was not captured for {registered:?}")
        }
    };
    let callback = captured(&redirect);
    assert_eq!(
        callback.code.as_ref().map(|c| c.expose()),
        Some(code.as_str())
    );
    assert_eq!(callback.state.as_deref(), Some(state));
    if !registered.contains(MARK) && !state.contains(MARK) {
        let shown = format!("{callback:?}");
        assert!(!shown.contains(MARK), "the code shows in Debug: {shown}");
    }
    let registered_error = expected
        .query_pairs()
        .any(|(key, value)| key == "error" && !value.is_empty());
    match callback.into_code(state) {
        Ok(got) => {
            assert!(!registered_error);
            assert_eq!(got.expose(), code);
        }
        Err(error) => assert!(registered_error, "the code was refused: {error}"),
    }
    let other_state = format!("{state}x");
    assert!(captured(&redirect).into_code(&other_state).is_err());
});
