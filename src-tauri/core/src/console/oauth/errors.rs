//! What a failed OAuth test says: the platform's refused authorize page, a redirect that
//! is not a URL or was already used, an error or wrong `state` on the redirect, and a
//! refused exchange (an expired code is told by how old it was).

use std::time::Duration;

use url::Url;

use crate::console::ConsoleError;
use crate::error::ErrorCode;
use crate::oauth::callback::CallbackError;
use crate::oauth::CODE_LIFETIME;
use crate::platform::{AppCodeName, AuthorizeProbe};
use crate::redirect_uri::RedirectUri;
use crate::store::{OAuthOutcome, OAuthRun};
use crate::text::capitalized;
use crate::PlatformError;

/// Why the authorize page will not lead back: it is the platform's error page.
pub(super) fn refused_page_error(
    page: &AuthorizeProbe,
    code: &AppCodeName,
    redirect: &RedirectUri,
) -> ConsoleError {
    let vendor_message = page.said();
    ConsoleError {
        status: Some(page.status),
        vendor_message: vendor_message.clone(),
        ..ConsoleError::new(
            ErrorCode::Validation,
            format!(
                "The platform's authorize page refused this request (HTTP {}{}) and would show \
                 its own error page without ever redirecting back: either the client id this \
                 console keeps for app {code} is not the platform's (import the right \
                 credentials), or {redirect} is not registered for the app on this brand host \
                 (check the app's redirect URIs and the brand URL). No login window was opened.",
                page.status,
                vendor_message
                    .as_deref()
                    .map(|m| format!(": \"{m}\""))
                    .unwrap_or_default()
            ),
        )
    }
}

pub(super) fn parse_redirect_url(text: &str) -> Result<Url, ConsoleError> {
    Url::parse(text.trim()).map_err(|_| {
        ConsoleError::invalid_input(
            "redirect_url",
            "That is not a URL: give the full URL the browser was sent to after the consent \
             page, starting with http:// or https://.",
        )
    })
}

pub(super) fn already_ended(run: &OAuthRun, outcome: OAuthOutcome) -> ConsoleError {
    ConsoleError::new(
        ErrorCode::Conflict,
        format!(
            "This redirect was already used: OAuth test {} of app {} has ended ({}); an \
             authorization code works once, so start a new test.",
            run.id.0,
            run.app_code_name,
            outcome.as_str()
        ),
    )
}

pub(super) fn callback_error(error: CallbackError) -> ConsoleError {
    match error {
        CallbackError::Platform { error, description } if error == "access_denied" => {
            ConsoleError::new(
                ErrorCode::AccessDenied,
                format!(
                    "The authorization was refused (access_denied{}): the user chose Deny on the \
                     consent page, or the platform refused the app; run the test again and approve it.",
                    description.map(|d| format!(": {d}")).unwrap_or_default()
                ),
            )
        }
        CallbackError::Platform { error, description } => ConsoleError {
            vendor_message: description.clone(),
            ..ConsoleError::new(
                ErrorCode::Validation,
                format!(
                    "The platform sent the browser back with error {error}{}: check the app's \
                     redirect URIs and the test's options, then run it again.",
                    description.map(|d| format!(" ({d})")).unwrap_or_default()
                ),
            )
        },
        // A state that is missing or wrong has its own field, for a screen to explain it.
        other @ (CallbackError::MissingState | CallbackError::StateMismatch) => {
            ConsoleError::invalid_input("state", format!("{}.", capitalized(&other.to_string())))
        }
        other => ConsoleError::invalid_input("redirect_url", format!("{}.", capitalized(&other.to_string()))),
    }
}

pub(super) fn exchange_error(
    error: PlatformError,
    run: &OAuthRun,
    window_used: Duration,
) -> ConsoleError {
    let message =
        match error.code {
            ErrorCode::InvalidGrant => format!(
            "The platform refused the authorization code (invalid_grant{}): it had expired (codes \
             live {} s; this one was about {:.1} s old when the answer came), was already used, or \
             was issued for another redirect URI or PKCE verifier; run the test again and complete \
             it promptly.",
            error.vendor_message.as_deref().map(|m| format!(": {m}")).unwrap_or_default(),
            CODE_LIFETIME.as_secs(),
            window_used.as_secs_f64()
        ),
            ErrorCode::InvalidClient => format!(
                "The platform refused the client id or secret of app {} (invalid_client): the \
             credentials this console keeps for it are not the platform's; import the right ones \
             and run the test again.",
                run.app_code_name
            ),
            _ => format!(
                "Exchanging the authorization code failed: {}",
                error.message
            ),
        };
    ConsoleError::from(error).with_message(message)
}
