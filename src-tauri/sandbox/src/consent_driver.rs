//! `drive_consent`: plays the user in the browser flow over plain HTTP, for end-to-end
//! tests without a browser. It opens the authorize URL, signs in through the login form
//! (with its CSRF token and the session cookie), approves or denies on the consent page,
//! and returns the final redirect's `Location` without following it.

use crate::browser_sessions::SESSION_COOKIE;
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Response, StatusCode};
use url::Url;

#[derive(Debug, thiserror::Error)]
pub enum ConsentDriveError {
    #[error("the authorize URL {url:?} is not a valid URL: {reason}")]
    BadUrl { url: String, reason: String },
    #[error("{step}: {source}")]
    Http {
        step: &'static str,
        source: reqwest::Error,
    },
    #[error("{step}: expected {expected}, got HTTP {status}: {detail}")]
    Unexpected {
        step: &'static str,
        expected: &'static str,
        status: u16,
        detail: String,
    },
    #[error("{step}: the page has no {field} field")]
    MissingField {
        step: &'static str,
        field: &'static str,
    },
}

/// Drives the flow from `authorize_url` and returns the app redirect's `Location`
/// (`redirect_uri?code=…&state=…`, or `…?error=access_denied&state=…` when `approve` is false).
pub async fn drive_consent(
    authorize_url: &str,
    email: &str,
    password: &str,
    approve: bool,
) -> Result<String, ConsentDriveError> {
    let start = Url::parse(authorize_url).map_err(|e| ConsentDriveError::BadUrl {
        url: authorize_url.to_string(),
        reason: e.to_string(),
    })?;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .map_err(|source| ConsentDriveError::Http {
            step: "building the HTTP client",
            source,
        })?;
    let mut cookie = String::new();

    let step = "opening the authorize URL";
    let response = send(step, http.get(start.clone())).await?;
    if let Some(location) = redirect_location(&response, StatusCode::FOUND) {
        return Ok(location);
    }
    remember_cookie(&response, &mut cookie);
    let login_page = expect_page(step, "the login page", response).await?;
    let csrf = hidden_field(step, &login_page, "csrf_token")?;
    let return_to = hidden_field(step, &login_page, "return_to")?;

    let step = "signing in";
    let form = [
        ("email", email),
        ("password", password),
        ("csrf_token", &csrf),
        ("return_to", &return_to),
    ];
    let response = send(
        step,
        http.post(join(&start, "/app/oauth/login")?)
            .header(COOKIE, &cookie)
            .form(&form),
    )
    .await?;
    remember_cookie(&response, &mut cookie);
    let Some(resume) = redirect_location(&response, StatusCode::SEE_OTHER) else {
        return Err(unexpected(step, "a 303 back to authorize", response).await);
    };

    let step = "resuming the authorize request after signing in";
    let response = send(
        step,
        http.get(join(&start, &resume)?).header(COOKIE, &cookie),
    )
    .await?;
    if let Some(location) = redirect_location(&response, StatusCode::FOUND) {
        return Ok(location); // a trusted app skips the consent page
    }
    let consent_page = expect_page(step, "the consent page", response).await?;
    let csrf = hidden_field(step, &consent_page, "csrf_token")?;
    let request_id = hidden_field(step, &consent_page, "request_id")?;

    let step = if approve { "approving" } else { "denying" };
    let decision = if approve { "approve" } else { "deny" };
    let form = [
        ("csrf_token", csrf.as_str()),
        ("request_id", request_id.as_str()),
        ("decision", decision),
    ];
    let response = send(
        step,
        http.post(join(&start, "/app/oauth/consent")?)
            .header(COOKIE, &cookie)
            .form(&form),
    )
    .await?;
    match redirect_location(&response, StatusCode::FOUND) {
        Some(location) => Ok(location),
        None => Err(unexpected(step, "a 302 to the app", response).await),
    }
}

async fn send(
    step: &'static str,
    request: reqwest::RequestBuilder,
) -> Result<Response, ConsentDriveError> {
    request
        .send()
        .await
        .map_err(|source| ConsentDriveError::Http { step, source })
}

fn join(base: &Url, path: &str) -> Result<Url, ConsentDriveError> {
    base.join(path).map_err(|e| ConsentDriveError::BadUrl {
        url: path.to_string(),
        reason: e.to_string(),
    })
}

fn redirect_location(response: &Response, status: StatusCode) -> Option<String> {
    (response.status() == status)
        .then(|| {
            response
                .headers()
                .get(LOCATION)?
                .to_str()
                .ok()
                .map(str::to_string)
        })
        .flatten()
}

fn remember_cookie(response: &Response, cookie: &mut String) {
    let prefix = format!("{SESSION_COOKIE}=");
    if let Some(pair) = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .find(|pair| pair.starts_with(&prefix))
    {
        *cookie = pair.to_string();
    }
}

async fn expect_page(
    step: &'static str,
    expected: &'static str,
    response: Response,
) -> Result<String, ConsentDriveError> {
    if response.status() != StatusCode::OK {
        return Err(unexpected(step, expected, response).await);
    }
    response
        .text()
        .await
        .map_err(|source| ConsentDriveError::Http { step, source })
}

async fn unexpected(
    step: &'static str,
    expected: &'static str,
    response: Response,
) -> ConsentDriveError {
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response.text().await.unwrap_or_default();
    let detail = location
        .map(|l| format!("redirected to {l}"))
        .or_else(|| page_error(&body))
        .unwrap_or_else(|| body.chars().take(300).collect());
    ConsentDriveError::Unexpected {
        step,
        expected,
        status,
        detail,
    }
}

/// The text of the page's `#error` element, if it has one.
fn page_error(html: &str) -> Option<String> {
    let start = html.find("id=\"error\"")?;
    let text_start = start + html[start..].find('>')? + 1;
    let text_end = text_start + html[text_start..].find('<')?;
    Some(unescape(&html[text_start..text_end]))
}

fn hidden_field(
    step: &'static str,
    html: &str,
    field: &'static str,
) -> Result<String, ConsentDriveError> {
    let marker = format!("name=\"{field}\" value=\"");
    let start = html
        .find(&marker)
        .ok_or(ConsentDriveError::MissingField { step, field })?
        + marker.len();
    let end = start
        + html[start..]
            .find('"')
            .ok_or(ConsentDriveError::MissingField { step, field })?;
    Ok(unescape(&html[start..end]))
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_fields_and_errors_are_read_back_unescaped() {
        let html = "<p class=\"error\" id=\"error\">Bad &quot;x&quot;</p><input type=\"hidden\" name=\"return_to\" value=\"a=1&amp;b=2\">";
        assert_eq!(hidden_field("s", html, "return_to").unwrap(), "a=1&b=2");
        assert_eq!(page_error(html).as_deref(), Some("Bad \"x\""));
        assert!(matches!(
            hidden_field("s", html, "csrf_token"),
            Err(ConsentDriveError::MissingField { .. })
        ));
    }
}
