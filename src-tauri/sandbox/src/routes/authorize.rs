//! `GET /app/oauth/authorize` on the brand host (also `/oauth/authorize`): checks the
//! client and redirect URI (error page, no redirect, when they fail), then shows the
//! login page when there is no session, the consent page when the app is not trusted, or
//! redirects straight to `redirect_uri?code=…&state=…` for a trusted app.

use crate::authorize_request::{
    check_client, check_parameters, redirect_location, AuthorizeRequest, AuthorizedClient,
};
use crate::browser_sessions::{PendingAuthorization, SESSION_COOKIE};
use crate::ids;
use crate::launch::{StateLook, TraceEvent};
use crate::model::authorization_code::AuthorizationCode;
use crate::pages::{page_response, Brand, ConsentPage, ErrorPage, LoginPage};
use crate::platform::{lock, Platform};
use crate::state::PlatformState;
use axum::extract::{RawQuery, State};
use axum::http::header::{CACHE_CONTROL, COOKIE, HOST, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

pub async fn start(
    State(platform): State<Arc<Platform>>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let request = AuthorizeRequest::parse(&query.unwrap_or_default());
    let brand_name = platform.read(|state| brand_of(state).0);
    let trace = |outcome: &str, detail: Option<String>| {
        trace_authorize(&platform, &headers, &request, outcome, detail)
    };
    let client = match platform.read(|state| {
        check_client(
            state,
            request.client_id.as_deref(),
            request.redirect_uri.as_deref(),
        )
    }) {
        Ok(client) => client,
        Err(page) => {
            trace(
                "error_page",
                Some(format!("{}: {}", page.title, page.detail)),
            );
            return page.with_brand(&brand_name).into_response();
        }
    };
    if let Err(problem) = check_parameters(&request) {
        trace(
            "error_redirect",
            Some(format!("{}: {}", problem.error, problem.description)),
        );
        let mut params = vec![
            ("error", problem.error),
            ("error_description", problem.description.as_str()),
        ];
        if let Some(state) = &request.state {
            params.push(("state", state));
        }
        return redirect(&redirect_location(&client.redirect_uri, &params));
    }

    let (session_id, is_new, csrf_token, user_uid) = {
        let mut sessions = lock(&platform.sessions);
        let (id, is_new) = sessions.get_or_create(session_cookie(&headers));
        match sessions.get_mut(&id) {
            Some(session) => (
                id,
                is_new,
                session.csrf_token.clone(),
                session.user_uid.clone(),
            ),
            None => {
                return server_error_page("The browser session vanished while it was being used.")
            }
        }
    };
    let pending = PendingAuthorization {
        client_id: client.client_id.clone(),
        redirect_uri: client.redirect_uri.clone(),
        state: request.state.clone(),
        scope: request.scope.clone(),
        code_challenge: request.code_challenge.clone(),
    };
    trace(
        match (&user_uid, client.trusted) {
            (None, _) => "login",
            (Some(_), true) => "code",
            (Some(_), false) => "consent",
        },
        None,
    );
    let mut response = match user_uid {
        None => {
            let html = platform.read(|state| {
                let (name, color) = brand_of(state);
                LoginPage {
                    brand: Brand {
                        name: &name,
                        primary_color: &color,
                    },
                    app_name: &client.app_name,
                    csrf_token: &csrf_token,
                    return_to: &request.to_query(),
                    launch: None,
                    email: "",
                    error: None,
                }
                .render()
            });
            page_response(StatusCode::OK, html)
        }
        Some(user_uid) if client.trusted => approve(&platform, &client, &user_uid, &pending),
        Some(user_uid) => consent(
            &platform,
            &session_id,
            &client,
            &user_uid,
            pending,
            &csrf_token,
        ),
    };
    if is_new {
        set_session_cookie(&mut response, &session_id);
    }
    response
}

fn consent(
    platform: &Platform,
    session_id: &str,
    client: &AuthorizedClient,
    user_uid: &str,
    pending: PendingAuthorization,
    csrf_token: &str,
) -> Response {
    let request_id = ids::credential();
    let scope = pending.scope.clone();
    if let Some(session) = lock(&platform.sessions).get_mut(session_id) {
        session.pending.insert(request_id.clone(), pending);
    }
    let html = platform.read(|state| {
        let user = state.user(user_uid)?;
        let business = state.business(&user.business_uid)?;
        let (name, color) = brand_of(state);
        Some(
            ConsentPage {
                brand: Brand {
                    name: &name,
                    primary_color: &color,
                },
                app_name: &client.app_name,
                business_name: &business.name,
                user_email: &user.email,
                scope: scope.as_deref(),
                csrf_token,
                request_id: &request_id,
            }
            .render(),
        )
    });
    match html {
        Some(html) => page_response(StatusCode::OK, html),
        None => server_error_page("The signed-in user no longer exists; sign in again."),
    }
}

/// Issues a code for the user and redirects to the app with it.
pub(super) fn approve(
    platform: &Platform,
    client: &AuthorizedClient,
    user_uid: &str,
    pending: &PendingAuthorization,
) -> Response {
    let now = platform.read(PlatformState::now);
    let launch_id = lock(&platform.launches).open_for(&client.client_id, now);
    if let Some(launch_id) = &launch_id {
        platform.trace(
            launch_id,
            TraceEvent::CodeIssued {
                at: now,
                redirect_uri: client.redirect_uri.clone(),
                probe: false,
            },
        );
    }
    let issued = platform.mutate(|state| {
        let value = ids::credential();
        let code = AuthorizationCode {
            digest: ids::sha256_hex(&value),
            client_id: client.client_id.clone(),
            redirect_uri: client.redirect_uri.clone(),
            user_uid: user_uid.to_string(),
            scope: pending.scope.clone(),
            code_challenge: pending.code_challenge.clone(),
            issued_at: state.now(),
            exchanged_for: None,
            launch_id: launch_id.clone(),
            probe: false,
        };
        state.codes.push(code);
        Ok::<_, crate::platform::PersistFailure>(value)
    });
    match issued {
        Ok(code) => {
            let mut params = vec![("code", code.as_str())];
            if let Some(state) = &pending.state {
                params.push(("state", state));
            }
            redirect(&redirect_location(&client.redirect_uri, &params))
        }
        Err(failure) => {
            server_error_page(&format!("Saving the sandbox state failed: {}", failure.0))
        }
    }
}

/// Sends the user back to the app with `error=access_denied`.
pub(super) fn deny(client: &AuthorizedClient, pending: &PendingAuthorization) -> Response {
    let mut params = vec![
        ("error", "access_denied"),
        ("error_description", "The user denied access to the app"),
    ];
    if let Some(state) = &pending.state {
        params.push(("state", state));
    }
    redirect(&redirect_location(&client.redirect_uri, &params))
}

pub(super) fn redirect(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(value) => (
            StatusCode::FOUND,
            [
                (LOCATION, value),
                (CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
        )
            .into_response(),
        Err(_) => server_error_page("The redirect URI cannot be sent in a Location header."),
    }
}

pub(super) fn server_error_page(detail: &str) -> Response {
    ErrorPage::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        detail,
    )
    .into_response()
}

/// Writes an authorize request to the trace of its client's open launch, if any.
fn trace_authorize(
    platform: &Platform,
    headers: &HeaderMap,
    request: &AuthorizeRequest,
    outcome: &str,
    detail: Option<String>,
) {
    let Some(client_id) = request.client_id.as_deref() else {
        return;
    };
    let (now, registered) = platform.read(|state| {
        let registered = state
            .app_by_client_id(client_id)
            .zip(request.redirect_uri.as_deref())
            .is_some_and(|(app, uri)| app.registers_redirect(uri));
        (state.now(), registered)
    });
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    platform.trace_client(
        client_id,
        TraceEvent::Authorize {
            at: now,
            host,
            client_id: Some(client_id.to_owned()),
            redirect_uri: request.redirect_uri.clone(),
            redirect_uri_registered: registered,
            response_type: request.response_type.clone(),
            state: request.state.as_deref().map(StateLook::of),
            pkce: request.code_challenge.is_some(),
            outcome: outcome.to_owned(),
            detail,
        },
    );
}

/// The brand host's directory: its name and primary colour.
pub(super) fn brand_of(state: &PlatformState) -> (String, String) {
    state
        .directory(&state.identity.directory_uid)
        .map(|d| (d.name.clone(), d.colors.primary.clone()))
        .unwrap_or_else(|| ("inTandem".into(), "#374766".into()))
}

pub(super) fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
}

pub(super) fn set_session_cookie(response: &mut Response, session_id: &str) {
    let cookie = format!("{SESSION_COOKIE}={session_id}; Path=/; HttpOnly; SameSite=Lax");
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}
