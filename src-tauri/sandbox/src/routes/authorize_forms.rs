//! The brand host's form posts. `POST /app/oauth/login` checks the CSRF token and the
//! user's email and password, starts a fresh session and resumes the authorize request
//! (303). `POST /app/oauth/consent` checks the CSRF token and the pending request, then
//! redirects to the app with a code (approve) or `error=access_denied` (deny).

use super::authorize::{approve, brand_of, deny, session_cookie, set_session_cookie};
use crate::authorize_request::{check_client, AuthorizeRequest};
use crate::http::body::FormFields;
use crate::ids;
use crate::launch::TraceEvent;
use crate::pages::{page_response, Brand, ErrorPage, LoginPage};
use crate::platform::{lock, Platform};
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, LOCATION};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The session the form belongs to, if its CSRF token matches; the error page otherwise.
fn checked_session(
    platform: &Platform,
    headers: &HeaderMap,
    form: &FormFields,
) -> Result<(String, Option<String>), ErrorPage> {
    let expired = || {
        ErrorPage::new(
            StatusCode::FORBIDDEN,
            "Session expired",
            "Your sign-in session has expired or this browser blocks cookies. Go back to the app and start again.",
        )
    };
    let session_id = session_cookie(headers).ok_or_else(expired)?;
    let mut sessions = lock(&platform.sessions);
    let session = sessions.get_mut(session_id).ok_or_else(expired)?;
    if !ids::constant_time_eq(&session.csrf_token, form.get("csrf_token")) {
        return Err(ErrorPage::new(
            StatusCode::FORBIDDEN,
            "Form check failed",
            "This form's security token does not match your session (CSRF check). Reload the page and try again.",
        ));
    }
    Ok((session_id.to_string(), session.user_uid.clone()))
}

pub async fn login(
    State(platform): State<Arc<Platform>>,
    headers: HeaderMap,
    form: FormFields,
) -> Response {
    let brand_name = platform.read(|state| brand_of(state).0);
    let (session_id, _) = match checked_session(&platform, &headers, &form) {
        Ok(session) => session,
        Err(page) => return page.with_brand(&brand_name).into_response(),
    };
    // Re-encoding keeps only OAuth parameters, so the 303 can only lead back to authorize.
    let resume = AuthorizeRequest::parse(form.get("return_to"));
    let (email, password) = (form.get("email"), form.get("password"));
    let user_uid = platform.read(|state| {
        state
            .user_by_email(email)
            .filter(|user| {
                user.password
                    .as_deref()
                    .is_some_and(|known| ids::constant_time_eq(known, password))
            })
            .map(|user| user.uid.clone())
    });
    let Some(user_uid) = user_uid else {
        let html = platform.read(|state| {
            let (name, color) = brand_of(state);
            let app_name = resume
                .client_id
                .as_deref()
                .and_then(|id| state.app_by_client_id(id))
                .map_or_else(|| "the app".to_string(), |app| app.name.clone());
            LoginPage {
                brand: Brand {
                    name: &name,
                    primary_color: &color,
                },
                app_name: &app_name,
                csrf_token: form.get("csrf_token"),
                return_to: &resume.to_query(),
                launch: (!form.get("launch").is_empty()).then(|| form.get("launch")),
                email,
                error: Some("The email or password is incorrect."),
            }
            .render()
        });
        return page_response(StatusCode::UNAUTHORIZED, html);
    };
    let new_session = lock(&platform.sessions).log_in(&session_id, &user_uid);
    // An app launch resumes at its launch page; anything else at the authorize request.
    let launch: String = form
        .get("launch")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let location = if launch.is_empty() {
        format!("/app/oauth/authorize?{}", resume.to_query())
    } else {
        format!("/app/launch/{launch}")
    };
    let mut response = match HeaderValue::from_str(&location) {
        Ok(location) => (
            StatusCode::SEE_OTHER,
            [
                (LOCATION, location),
                (CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
        )
            .into_response(),
        Err(_) => ErrorPage::new(
            StatusCode::BAD_REQUEST,
            "Unreadable request",
            "The authorization request cannot be resumed.",
        )
        .into_response(),
    };
    set_session_cookie(&mut response, &new_session);
    response
}

pub async fn decide(
    State(platform): State<Arc<Platform>>,
    headers: HeaderMap,
    form: FormFields,
) -> Response {
    let brand_name = platform.read(|state| brand_of(state).0);
    let page = |status, title: &str, detail: &str| {
        ErrorPage::new(status, title, detail)
            .with_brand(&brand_name)
            .into_response()
    };
    let (session_id, user_uid) = match checked_session(&platform, &headers, &form) {
        Ok(session) => session,
        Err(error) => return error.with_brand(&brand_name).into_response(),
    };
    let Some(user_uid) = user_uid else {
        return page(
            StatusCode::FORBIDDEN,
            "Not signed in",
            "Sign in before answering an authorization request.",
        );
    };
    let pending = lock(&platform.sessions)
        .get_mut(&session_id)
        .and_then(|session| session.pending.remove(form.get("request_id")));
    let Some(pending) = pending else {
        return page(
            StatusCode::BAD_REQUEST,
            "Request no longer pending",
            "This authorization request was already answered or has been forgotten. Start again from the app.",
        );
    };
    // The app may have changed since the consent page was shown: check again.
    let client = match platform
        .read(|state| check_client(state, Some(&pending.client_id), Some(&pending.redirect_uri)))
    {
        Ok(client) => client,
        Err(error) => return error.with_brand(&brand_name).into_response(),
    };
    let decision = form.get("decision");
    if matches!(decision, "approve" | "deny") {
        let at = platform.read(crate::state::PlatformState::now);
        let approved = decision == "approve";
        platform.trace_client(&client.client_id, TraceEvent::Decision { at, approved });
    }
    match decision {
        "approve" => approve(&platform, &client, &user_uid, &pending),
        "deny" => deny(&client, &pending),
        other => page(
            StatusCode::BAD_REQUEST,
            "Unknown decision",
            &format!("The decision must be approve or deny: got {other:?}."),
        ),
    }
}
