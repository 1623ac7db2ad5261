//! One `GET /app/oauth/authorize` request, parsed and judged. The client and the redirect
//! URI are checked first; failing those, the user sees an error page and is never
//! redirected (the redirect URI cannot be trusted). Once they pass, every other problem
//! (response_type, PKCE parameters, a denial) goes back to the app as `error=…&state=…`.

use crate::model::app::App;
use crate::pages::ErrorPage;
use crate::state::PlatformState;
use axum::http::StatusCode;

#[derive(Clone, Debug, Default)]
pub struct AuthorizeRequest {
    pub client_id: Option<String>,
    pub redirect_uri: Option<String>,
    pub state: Option<String>,
    pub response_type: Option<String>,
    pub scope: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
}

impl AuthorizeRequest {
    /// Reads the query string; the first value of each parameter counts, empty means absent.
    pub fn parse(query: &str) -> Self {
        let mut request = Self::default();
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let slot = match key.as_ref() {
                "client_id" => &mut request.client_id,
                "redirect_uri" => &mut request.redirect_uri,
                "state" => &mut request.state,
                "response_type" => &mut request.response_type,
                "scope" => &mut request.scope,
                "code_challenge" => &mut request.code_challenge,
                "code_challenge_method" => &mut request.code_challenge_method,
                _ => continue,
            };
            if slot.is_none() && !value.is_empty() {
                *slot = Some(value.into_owned());
            }
        }
        request
    }

    /// The query string again, re-encoded (what the login form resumes with).
    pub fn to_query(&self) -> String {
        let mut out = url::form_urlencoded::Serializer::new(String::new());
        let pairs = [
            ("response_type", &self.response_type),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("scope", &self.scope),
            ("state", &self.state),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
        ];
        for (key, value) in pairs {
            if let Some(value) = value {
                out.append_pair(key, value);
            }
        }
        out.finish()
    }
}

/// The app an authorize request is for, once its client and redirect URI check out.
#[derive(Clone, Debug)]
pub struct AuthorizedClient {
    pub client_id: String,
    pub app_name: String,
    pub trusted: bool,
    pub redirect_uri: String,
}

/// Checks the client and the redirect URI. The error page says what is wrong.
pub fn check_client(
    state: &PlatformState,
    client_id: Option<&str>,
    redirect_uri: Option<&str>,
) -> Result<AuthorizedClient, ErrorPage> {
    let Some(client_id) = client_id else {
        return Err(ErrorPage::new(
            StatusCode::BAD_REQUEST,
            "Missing client_id",
            "The authorization link has no client_id parameter, so there is no app to authorize.",
        ));
    };
    let Some(app) = state.app_by_client_id(client_id) else {
        return Err(ErrorPage::new(
            StatusCode::BAD_REQUEST,
            "Unknown client",
            format!(
                "No app has the client_id {client_id:?}. Use the client_id returned when the app was created."
            ),
        ));
    };
    let Some(redirect_uri) = redirect_uri else {
        return Err(ErrorPage::new(
            StatusCode::BAD_REQUEST,
            "Missing redirect_uri",
            format!(
                "The authorization link for {:?} has no redirect_uri parameter.",
                app.name
            ),
        ));
    };
    if !app.registers_redirect(redirect_uri) {
        return Err(unregistered_redirect(app, redirect_uri));
    }
    Ok(AuthorizedClient {
        client_id: client_id.to_string(),
        app_name: app.name.clone(),
        trusted: app.trusted,
        redirect_uri: redirect_uri.to_string(),
    })
}

fn unregistered_redirect(app: &App, redirect_uri: &str) -> ErrorPage {
    ErrorPage::new(
        StatusCode::BAD_REQUEST,
        "Redirect URI not registered",
        format!(
            "The redirect_uri {redirect_uri:?} is not registered for {:?}. It must equal, character for \
             character, the app's redirect_uri or one of its oauth_redirect_uris. Registered now:",
            app.name
        ),
    )
    .with_items(app.registered_redirects().map(str::to_string).collect())
}

/// An OAuth error to send back to the app's redirect URI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedirectedError {
    pub error: &'static str,
    pub description: String,
}

/// The checks after the client: response_type and the PKCE parameters (S256 only).
pub fn check_parameters(request: &AuthorizeRequest) -> Result<(), RedirectedError> {
    let invalid = |description: &str| RedirectedError {
        error: "invalid_request",
        description: description.into(),
    };
    if let Some(response_type) = &request.response_type {
        if response_type != "code" {
            return Err(RedirectedError {
                error: "unsupported_response_type",
                description: format!("response_type must be code: got {response_type:?}"),
            });
        }
    }
    match (
        &request.code_challenge,
        request.code_challenge_method.as_deref(),
    ) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(invalid(
            "code_challenge_method was sent without a code_challenge",
        )),
        (Some(_), None) => Err(invalid(
            "code_challenge_method=S256 must accompany code_challenge; plain is not supported",
        )),
        (Some(_), Some(method)) if method != "S256" => Err(invalid(
            "code_challenge_method must be S256; plain is not supported",
        )),
        (Some(challenge), Some(_)) => {
            let well_formed = challenge.len() == 43
                && challenge
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
            if well_formed {
                Ok(())
            } else {
                Err(invalid("code_challenge must be BASE64URL(SHA256(code_verifier)) without padding: 43 characters"))
            }
        }
    }
}

/// `redirect_uri` with `params` appended to its query, leaving the registered text as is.
pub fn redirect_location(redirect_uri: &str, params: &[(&str, &str)]) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    let separator = if redirect_uri.contains('?') { '&' } else { '?' };
    format!("{redirect_uri}{separator}{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_round_trips_the_oauth_parameters_and_drops_others() {
        let request = AuthorizeRequest::parse(
            "client_id=abc&redirect_uri=https%3A%2F%2Fa.example%2Fcb&state=s+1&evil=x",
        );
        assert_eq!(
            request.redirect_uri.as_deref(),
            Some("https://a.example/cb")
        );
        assert_eq!(request.state.as_deref(), Some("s 1"));
        let again = AuthorizeRequest::parse(&request.to_query());
        assert_eq!(again.client_id.as_deref(), Some("abc"));
        assert!(!request.to_query().contains("evil"));
    }

    #[test]
    fn pkce_requires_s256_and_a_well_formed_challenge() {
        let with = |challenge: Option<&str>, method: Option<&str>| AuthorizeRequest {
            code_challenge: challenge.map(str::to_string),
            code_challenge_method: method.map(str::to_string),
            ..AuthorizeRequest::default()
        };
        let good = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
        assert!(check_parameters(&with(Some(good), Some("S256"))).is_ok());
        assert!(check_parameters(&with(None, None)).is_ok());
        for bad in [
            with(Some(good), Some("plain")),
            with(Some(good), None),
            with(None, Some("S256")),
            with(Some("short"), Some("S256")),
        ] {
            assert_eq!(check_parameters(&bad).unwrap_err().error, "invalid_request");
        }
    }

    #[test]
    fn a_response_type_other_than_code_is_unsupported() {
        let request = AuthorizeRequest {
            response_type: Some("token".into()),
            ..AuthorizeRequest::default()
        };
        assert_eq!(
            check_parameters(&request).unwrap_err().error,
            "unsupported_response_type"
        );
    }

    #[test]
    fn redirect_parameters_are_appended_to_an_existing_query() {
        assert_eq!(
            redirect_location("https://a.example/cb", &[("code", "c"), ("state", "a b")]),
            "https://a.example/cb?code=c&state=a+b"
        );
        assert_eq!(
            redirect_location("http://localhost:3000/cb?x=1", &[("code", "c")]),
            "http://localhost:3000/cb?x=1&code=c"
        );
    }
}
