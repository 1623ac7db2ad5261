//! The vendor's JSON answers, read into the client's models.
//!
//! Input: byte 0 picks the parser (and, for the error path, the `Retry-After` and the
//! attempt count), byte 1 the HTTP status (and, for the error path, the endpoint), the
//! rest is the body. Parsers 0-10 are the success envelopes (a 2xx status), 11 is the
//! error decoding of a non-2xx answer.
//!
//! Each input runs twice: as it is, and (when the body is JSON) with every string value
//! wrapped in a unique marker `~mN~`. The markers show where body values end up:
//! - a decode error never quotes a value from the body (envelope.rs promises it);
//! - a secret read from the body (client secret, tokens) never shows in `Debug`.

#![no_main]

use std::time::Duration;

use intandem_core::fuzzing::{self as f, Endpoint};
use intandem_core::platform::{AppCodeName, TokenGrant, UserInfo};
use intandem_core::{ErrorCode, PlatformError, Secret};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

const PARSERS: u8 = 12;
const VENDOR_ERROR: u8 = 11;
const SUCCESS: [u16; 6] = [200, 201, 202, 204, 206, 299];
const FAILURE: [u16; 16] = [
    400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 502, 503, 504, 302,
];
const ENDPOINTS: [Endpoint; 11] = [
    Endpoint::ListApps,
    Endpoint::GetApp,
    Endpoint::CreateApp,
    Endpoint::UpdateApp,
    Endpoint::CreateAppToken,
    Endpoint::ListAppTokens,
    Endpoint::RevokeAppToken,
    Endpoint::ServiceToken,
    Endpoint::ExchangeCode,
    Endpoint::UserInfo,
    Endpoint::DirectoryBranding,
];
const RETRY_AFTER: [Option<u64>; 5] = [None, Some(0), Some(1), Some(61), Some(u64::MAX)];
const MARK: &str = "~m";

fuzz_target!(|data: &[u8]| {
    let [which, status_byte, body @ ..] = data else {
        return;
    };
    let input = Input::new(*which, *status_byte);
    check(&input, body, false);
    if let Some(marked) = marked(body) {
        check(&input, &marked, true);
    }
});

struct Input {
    parser: u8,
    status: u16,
    endpoint: Endpoint,
    retry_after: Option<Duration>,
    attempts: u32,
}

impl Input {
    fn new(which: u8, status_byte: u8) -> Input {
        let parser = which % PARSERS;
        let rest = usize::from(which / PARSERS);
        if parser == VENDOR_ERROR {
            Input {
                parser,
                status: FAILURE[usize::from(status_byte & 15)],
                endpoint: ENDPOINTS[usize::from(status_byte >> 4) % ENDPOINTS.len()],
                retry_after: RETRY_AFTER[rest % RETRY_AFTER.len()].map(Duration::from_secs),
                attempts: [1, 2, 3, 0, u32::MAX][rest / RETRY_AFTER.len() % 5],
            }
        } else {
            Input {
                parser,
                status: SUCCESS[usize::from(status_byte) % SUCCESS.len()],
                endpoint: Endpoint::ListApps,
                retry_after: None,
                attempts: 1,
            }
        }
    }
}

/// What a parser made of a body: the `Debug` of its value and the secrets in it, or its error.
type Outcome = Result<(String, Vec<String>), PlatformError>;

fn secrets<'a>(all: impl IntoIterator<Item = &'a Secret>) -> Vec<String> {
    all.into_iter().map(|s| s.expose().to_owned()).collect()
}

fn parse(input: &Input, body: &[u8]) -> Outcome {
    let status = input.status;
    let code_name = AppCodeName::existing("fuzzapp").expect("a valid code name");
    match input.parser {
        0 => f::apps_list(status, body).map(|apps| {
            for app in &apps {
                assert_valid_code_name(app.app_code_name.as_str());
            }
            (format!("{apps:?}"), Vec::new())
        }),
        1 | 2 => {
            let endpoint = [Endpoint::GetApp, Endpoint::UpdateApp][usize::from(input.parser - 1)];
            f::app(endpoint, status, body, &code_name).map(|app| {
                assert_valid_code_name(app.app_code_name.as_str());
                (format!("{app:?}"), Vec::new())
            })
        }
        3 => f::created_app(status, body).map(|created| {
            assert_valid_code_name(created.app_code_name.as_str());
            (format!("{created:?}"), secrets([&created.client_secret]))
        }),
        4 => f::created_token(status, body)
            .map(|token| (format!("{token:?} {token}"), secrets([&token]))),
        5 => f::tokens_list(status, body).map(|tokens| {
            for token in &tokens {
                for key in token.extra.keys() {
                    let key = key.to_ascii_lowercase();
                    assert!(
                        !["token", "secret", "code", "password"]
                            .iter()
                            .any(|w| key.contains(w)),
                        "a credential-like field {key:?} was kept in a listed token's extra fields"
                    );
                }
            }
            let all = secrets(tokens.iter().filter_map(|t| t.full()));
            (format!("{tokens:?}"), all)
        }),
        6 => f::revoked_tokens(status, body).map(|revoked| {
            let all = secrets(&revoked);
            (format!("{revoked:?}"), all)
        }),
        7 => f::branding(status, body).map(|b| (format!("{b:?}"), Vec::new())),
        8 | 9 => {
            let endpoint =
                [Endpoint::ExchangeCode, Endpoint::ServiceToken][usize::from(input.parser - 8)];
            f::bare::<TokenGrant>(endpoint, status, body).map(|grant| {
                let _ = grant.expires_at();
                let all = secrets(grant.refresh_token.iter().chain([&grant.access_token]));
                (format!("{grant:?}"), all)
            })
        }
        10 => f::bare::<UserInfo>(Endpoint::UserInfo, status, body)
            .map(|user| (format!("{user:?}"), Vec::new())),
        _ => Err(vendor_error(input, body)),
    }
}

fn vendor_error(input: &Input, body: &[u8]) -> PlatformError {
    let error = f::vendor_error(
        input.endpoint,
        input.status,
        body,
        input.retry_after,
        input.attempts,
    );
    assert_eq!(error.status, Some(input.status));
    assert_eq!(error.retry_after, input.retry_after);
    assert_ne!(error.code, ErrorCode::Decode);
    let oauth = matches!(
        input.endpoint,
        Endpoint::ExchangeCode | Endpoint::ServiceToken
    );
    if !oauth && input.status == 429 {
        assert_eq!(error.code, ErrorCode::RateLimited);
    }
    if !oauth && input.status >= 500 {
        assert_eq!(error.code, ErrorCode::Server);
    }
    if let Some(words) = &error.vendor_message {
        assert!(!words.is_empty(), "an empty vendor message is kept");
        assert!(
            words.chars().count() <= 301,
            "the vendor message is not cut"
        );
        assert!(error.message.contains(words.as_str()));
    }
    error
}

fn check(input: &Input, body: &[u8], marked: bool) {
    match parse(input, body) {
        Ok((debug, secrets)) => {
            for secret in secrets.iter().filter(|s| !s.is_empty()) {
                // Only the marked pass can tell a leak from a value that happens to be
                // shown elsewhere (a secret equal to an app's name, say).
                if marked {
                    for mark in marks(secret) {
                        assert!(!debug.contains(mark), "a secret shows in Debug: {debug}");
                    }
                }
            }
        }
        Err(error) if input.parser == VENDOR_ERROR => {
            let _ = format!("{error:?} {error}");
        }
        Err(error) => {
            assert_eq!(error.status, Some(input.status));
            assert!(
                matches!(error.code, ErrorCode::Decode | ErrorCode::Server),
                "a 2xx answer failed with {:?}",
                error.code
            );
            if error.code == ErrorCode::Decode {
                assert_eq!(error.vendor_message, None);
                if marked {
                    let shown = format!("{error:?} {error}");
                    assert!(
                        !shown.contains(MARK),
                        "a decode error quotes a value from the body: {shown}"
                    );
                }
            }
        }
    }
}

fn assert_valid_code_name(name: &str) {
    assert!(
        !name.is_empty()
            && name.len() <= 100
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
        "an invalid app code name was accepted: {name:?}"
    );
}

/// The markers `~mN~` in a marked value.
fn marks(value: &str) -> impl Iterator<Item = &str> {
    value.match_indices(MARK).filter_map(move |(start, _)| {
        let end = value[start + MARK.len()..].find('~')?;
        Some(&value[start..start + MARK.len() + end + 1])
    })
}

/// The body with every string value (not the keys) wrapped in its own marker, or `None`
/// when the body is not JSON or already holds the marker text.
fn marked(body: &[u8]) -> Option<Vec<u8>> {
    let mut root: Value = serde_json::from_slice(body).ok()?;
    // Keys are shown on purpose (they name the field); one that holds the marker text
    // would pass for a leaked value.
    if serde_json::to_string(&root).ok()?.contains(MARK) {
        return None;
    }
    let mut next = 0usize;
    wrap(&mut root, &mut next);
    (next > 0).then(|| serde_json::to_vec(&root).expect("a Value serializes"))
}

fn wrap(value: &mut Value, next: &mut usize) {
    match value {
        Value::String(text) => {
            let mark = format!("{MARK}{next}~");
            *next += 1;
            *text = format!("{mark}{text}{mark}");
        }
        Value::Array(items) => items.iter_mut().for_each(|v| wrap(v, next)),
        Value::Object(fields) => fields.values_mut().for_each(|v| wrap(v, next)),
        _ => {}
    }
}
