//! A look at the platform's authorize page before a person is sent to it.
//!
//! When the platform does not accept an authorize request (an unknown client id, a
//! redirect URI it does not have registered) it shows its own error page and never
//! redirects, so a login window would just sit there. One GET of the same URL, without
//! cookies and without following redirects, tells that page apart from a login page or
//! a redirect, so the stall is reported before anyone waits for it.

use std::time::Duration;

use url::Url;

use super::options::ClientOptions;
use crate::error::{ErrorCode, PlatformError};

/// What the authorize URL answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizeProbe {
    pub status: u16,
    /// The page's heading (its `<h1>`, else its `<title>`), as plain text.
    pub heading: Option<String>,
    /// The page's error text (an element with `id="error"` or `role="alert"`), as plain text.
    pub detail: Option<String>,
}

impl AuthorizeProbe {
    /// What the page said: its heading and error text, joined by ": " (none when silent).
    pub fn said(&self) -> Option<String> {
        let parts: Vec<&str> = self
            .heading
            .iter()
            .chain(self.detail.iter())
            .map(String::as_str)
            .collect();
        (!parts.is_empty()).then(|| parts.join(": "))
    }

    /// Whether a browser sent there would get somewhere: a page to log in on, or a redirect.
    pub fn is_usable(&self) -> bool {
        self.status < 400
    }

    /// Whether this is the platform refusing the request itself (its error page for an
    /// unknown client or an unregistered redirect URI), as opposed to a passing failure
    /// (5xx, 429) or a gateway in the way (401, 403), where a person might still get through.
    pub fn is_refusal(&self) -> bool {
        matches!(self.status, 400 | 404 | 410 | 422)
    }
}

/// GETs `url` once (no cookies, no redirects followed) and reads what kind of page it is.
pub async fn probe_authorize(
    url: &Url,
    options: &ClientOptions,
) -> Result<AuthorizeProbe, PlatformError> {
    let http = crate::platform::http_client::builder()
        .connect_timeout(options.connect_timeout)
        .timeout(options.request_timeout.min(Duration::from_secs(15)))
        .user_agent(options.user_agent.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|_| PlatformError::new(ErrorCode::Internal, "The HTTP client could not start."))?;
    let host = url.host_str().unwrap_or_default().to_owned();
    let response = http.get(url.clone()).send().await.map_err(|error| {
        let code = if error.is_timeout() {
            ErrorCode::Timeout
        } else {
            ErrorCode::Network
        };
        PlatformError::new(
            code,
            format!(
                "The brand host {host} could not be reached for its login page: check the brand \
                 URL of the test and your connection."
            ),
        )
    })?;
    let status = response.status().as_u16();
    // A login or error page is small; read at most 256 KiB of it.
    let mut response = response;
    let mut body = Vec::new();
    while body.len() < 256 * 1024 {
        match response.chunk().await {
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            _ => break,
        }
    }
    let text = String::from_utf8_lossy(&body[..body.len().min(256 * 1024)]).into_owned();
    Ok(AuthorizeProbe {
        status,
        heading: element_text(&text, "<h1").or_else(|| element_text(&text, "<title")),
        detail: attribute_element_text(&text, "id=\"error\"")
            .or_else(|| attribute_element_text(&text, "role=\"alert\"")),
    })
}

/// The text inside the first element opened by `open` (`<h1`), tags removed.
fn element_text(html: &str, open: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find(open)?;
    let content_start = start + lower[start..].find('>')? + 1;
    let name = open.trim_start_matches('<');
    let end = content_start + lower[content_start..].find(&format!("</{name}"))?;
    plain(&html[content_start..end])
}

/// The text inside the first element carrying `attribute`.
fn attribute_element_text(html: &str, attribute: &str) -> Option<String> {
    let at = html.find(attribute)?;
    let tag_start = html[..at].rfind('<')?;
    let name: String = html[tag_start + 1..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let content_start = at + html[at..].find('>')? + 1;
    let end = content_start + html[content_start..].find(&format!("</{name}"))?;
    plain(&html[content_start..end])
}

/// Tags dropped, entities for the usual five decoded, whitespace collapsed, at most 300 characters.
fn plain(fragment: &str) -> Option<String> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed: String = collapsed.chars().take(300).collect();
    (!trimmed.is_empty()).then_some(trimmed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_heading_and_the_error_text_of_an_error_page() {
        let html = "<html><head><title>Error · Brand</title></head><body>\
                    <h1>Unknown <em>client</em></h1>\
                    <p class=\"error\" id=\"error\" role=\"alert\">The redirect_uri &quot;x&quot; is \
                    not registered</p></body></html>";
        assert_eq!(element_text(html, "<h1").as_deref(), Some("Unknown client"));
        assert_eq!(
            attribute_element_text(html, "id=\"error\"").as_deref(),
            Some("The redirect_uri \"x\" is not registered")
        );
    }

    #[test]
    fn falls_back_to_the_title_and_tolerates_pages_without_either() {
        assert_eq!(
            element_text("<title>Sign in</title>", "<title").as_deref(),
            Some("Sign in")
        );
        assert_eq!(element_text("<p>no heading", "<h1"), None);
        assert_eq!(
            attribute_element_text("<p id=\"error\">unclosed", "id=\"error\""),
            None
        );
    }

    #[test]
    fn only_an_error_status_makes_the_page_unusable() {
        let probe = |status| AuthorizeProbe {
            status,
            heading: None,
            detail: None,
        };
        assert!(probe(200).is_usable());
        assert!(probe(302).is_usable());
        assert!(!probe(400).is_usable());
        assert!(!probe(500).is_usable());
        assert!(probe(400).is_refusal() && probe(422).is_refusal());
        assert!(!probe(503).is_refusal() && !probe(429).is_refusal() && !probe(403).is_refusal());
    }
}
