//! What each step of an OAuth test says in its timeline: the authorize URL, the check of
//! the authorize page, the redirect, the exchange and the userinfo call, each with its
//! request and answer as a person debugging the flow wants to see them (redacted by the
//! builders of timeline.rs). Only words here: the flow that decides is in begin.rs and
//! complete.rs.

use std::time::Duration;

use time::OffsetDateTime;
use url::Url;

use super::millis;
use super::timeline::{
    bearer_request, error_response, exchange_request, grant_response, json_response, redacted_get,
    HttpResponseView, StepKind, TimelineStep,
};
use crate::console::ConsoleError;
use crate::oauth::CODE_LIFETIME;
use crate::platform::{AuthorizeProbe, CodeExchange, TokenGrant, UserInfo};
use crate::redirect_uri::RedirectUri;
use crate::PlatformError;

/// The authorize URL was made.
pub(super) fn authorize(
    at: OffsetDateTime,
    authorize_url: &Url,
    brand_url: &Url,
    redirect: &RedirectUri,
    pkce: bool,
) -> TimelineStep {
    TimelineStep {
        kind: StepKind::Authorize,
        at,
        duration_ms: None,
        ok: true,
        summary: format!(
            "Authorize URL made on {} for redirect URI {redirect}{}.",
            brand_url.host_str().unwrap_or_default(),
            if pkce {
                ", with a PKCE S256 challenge"
            } else {
                ""
            }
        ),
        request: Some(redacted_get(authorize_url)),
        response: None,
    }
}

/// The authorize page was checked from here: usable, refused (`refusal` says why), or
/// not reached (the login window opens anyway).
pub(super) fn authorize_page(
    at: OffsetDateTime,
    took_ms: u64,
    authorize_url: &Url,
    probe: &Result<AuthorizeProbe, PlatformError>,
    refusal: Option<&ConsoleError>,
) -> TimelineStep {
    TimelineStep {
        kind: StepKind::AuthorizePage,
        at,
        duration_ms: Some(took_ms),
        ok: matches!(probe, Ok(page) if page.is_usable()),
        summary: match (probe, refusal) {
            (_, Some(error)) => error.message.clone(),
            (Ok(page), None) if page.is_usable() => format!(
                "The platform's authorize page answers (HTTP {}{}).",
                page.status,
                page.heading
                    .as_deref()
                    .map(|h| format!(": {h}"))
                    .unwrap_or_default()
            ),
            (Ok(page), None) => format!(
                "The authorize page answered HTTP {} to a check from here; the login window \
                 opens anyway, in case it gets through.",
                page.status
            ),
            (Err(error), None) => format!(
                "{} The login window opens anyway, in case it gets through.",
                error.message
            ),
        },
        request: Some(redacted_get(authorize_url)),
        response: probe.as_ref().ok().map(|page| HttpResponseView {
            status: Some(page.status),
            body: page.said().map(serde_json::Value::String),
        }),
    }
}

/// The browser arrived on the redirect URI, with a code or with the platform's error.
pub(super) fn redirect(at: OffsetDateTime, url: &Url, error: Option<&str>) -> TimelineStep {
    TimelineStep {
        kind: StepKind::Redirect,
        at,
        duration_ms: None,
        ok: error.is_none(),
        summary: match error {
            None => "The browser was sent to the redirect URI with a code.".to_owned(),
            Some(error) => {
                format!("The browser was sent to the redirect URI with error {error}.")
            }
        },
        request: Some(redacted_get(url)),
        response: None,
    }
}

/// The code was exchanged for a token, `window_used` into its life.
pub(super) fn exchanged(
    at: OffsetDateTime,
    took: Duration,
    window_used: Duration,
    token_url: &Url,
    exchange: &CodeExchange,
    grant: &TokenGrant,
    status: Option<u16>,
) -> TimelineStep {
    TimelineStep {
        kind: StepKind::Exchange,
        at,
        duration_ms: Some(millis(took)),
        ok: true,
        summary: format!(
            "The code was exchanged for an access token in {} ms, {:.1} s into its {} s life.",
            millis(took),
            window_used.as_secs_f64(),
            CODE_LIFETIME.as_secs()
        ),
        request: Some(exchange_request(token_url, exchange)),
        response: Some(grant_response(grant, status)),
    }
}

/// The platform refused the exchange.
pub(super) fn exchange_refused(
    at: OffsetDateTime,
    took: Duration,
    token_url: &Url,
    exchange: &CodeExchange,
    error: &PlatformError,
) -> TimelineStep {
    TimelineStep {
        kind: StepKind::Exchange,
        at,
        duration_ms: Some(millis(took)),
        ok: false,
        summary: format!("The platform refused the exchange ({}).", error.code),
        request: Some(exchange_request(token_url, exchange)),
        response: Some(error_response(error)),
    }
}

/// The userinfo call with the new token: whose it is, or why it failed.
pub(super) fn userinfo(
    at: OffsetDateTime,
    took: Duration,
    userinfo_url: &Url,
    token_mask: &str,
    answer: &Result<(UserInfo, u16), PlatformError>,
) -> TimelineStep {
    let request = Some(bearer_request("GET", userinfo_url, token_mask));
    match answer {
        Ok((info, status)) => TimelineStep {
            kind: StepKind::UserInfo,
            at,
            duration_ms: Some(millis(took)),
            ok: true,
            summary: format!(
                "The access token works: it belongs to {} of business {}.",
                info.email.as_deref().unwrap_or("an unnamed user"),
                info.business_name
                    .as_deref()
                    .or(info.business_uid.as_deref())
                    .unwrap_or("(unnamed)")
            ),
            request,
            response: Some(json_response(
                &serde_json::to_value(info).unwrap_or_default(),
                Some(*status),
            )),
        },
        Err(error) => TimelineStep {
            kind: StepKind::UserInfo,
            at,
            duration_ms: Some(millis(took)),
            ok: false,
            summary: format!("Reading the user's info failed ({}).", error.code),
            request,
            response: Some(error_response(error)),
        },
    }
}
