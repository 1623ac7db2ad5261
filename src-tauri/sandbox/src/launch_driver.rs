//! `browse`: a small browser over plain HTTP, for end-to-end tests of an app launch
//! without a real one. From a URL it follows redirects (keeping cookies per host, as a
//! browser does, whatever the port), signs in on the brand host's login page, answers
//! its consent page, and stops at the first page that is neither: the partner app's own
//! page, an error page, or a host that does not answer. It reports every URL it visited.

use std::collections::HashMap;

use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};
use reqwest::StatusCode;
use url::Url;

/// What the browsing saw.
#[derive(Debug, Clone)]
pub struct Browsed {
    /// Every URL requested, in order.
    pub visited: Vec<Url>,
    /// The last page's status and text, when it answered.
    pub status: Option<u16>,
    pub body: String,
    /// Why browsing stopped early (a host that did not answer, too many redirects).
    pub stopped: Option<String>,
}

/// How to answer the brand host's pages.
#[derive(Debug, Clone)]
pub struct Person<'a> {
    pub email: &'a str,
    pub password: &'a str,
    /// Approve (or deny) on the consent page.
    pub approve: bool,
}

const MAX_STEPS: usize = 25;

/// Browses from `start` as `person` would.
pub async fn browse(start: &str, person: &Person<'_>) -> Browsed {
    let mut browsed = Browsed {
        visited: Vec::new(),
        status: None,
        body: String::new(),
        stopped: None,
    };
    let http = match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
    {
        Ok(http) => http,
        Err(error) => {
            browsed.stopped = Some(format!("building the HTTP client: {error}"));
            return browsed;
        }
    };
    let mut jar: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut next = match Url::parse(start) {
        Ok(url) => Request::Get(url),
        Err(error) => {
            browsed.stopped = Some(format!("{start:?} is not a URL: {error}"));
            return browsed;
        }
    };
    for _ in 0..MAX_STEPS {
        let url = next.url().clone();
        browsed.visited.push(url.clone());
        let host = url.host_str().unwrap_or_default().to_owned();
        let cookies = jar
            .get(&host)
            .map(|c| {
                c.iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default();
        let request = match &next {
            Request::Get(url) => http.get(url.clone()),
            Request::Post(url, form) => http.post(url.clone()).form(form),
        }
        .header(COOKIE, cookies);
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => {
                browsed.stopped = Some(format!("{url} did not answer: {error}"));
                return browsed;
            }
        };
        for set in response
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
        {
            if let Some((name, value)) = set.split(';').next().and_then(|p| p.split_once('=')) {
                jar.entry(host.clone())
                    .or_default()
                    .insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
        let status = response.status();
        if status.is_redirection() {
            let location = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|l| url.join(l).ok());
            match location {
                Some(location) => {
                    next = Request::Get(location);
                    continue;
                }
                None => {
                    browsed.stopped = Some(format!("{url} redirected nowhere"));
                    return browsed;
                }
            }
        }
        let body = response.text().await.unwrap_or_default();
        browsed.status = Some(status.as_u16());
        if status == StatusCode::OK && body.contains("id=\"login-form\"") {
            let mut form = vec![
                ("email".to_owned(), person.email.to_owned()),
                ("password".to_owned(), person.password.to_owned()),
            ];
            for field in ["csrf_token", "return_to", "launch"] {
                if let Some(value) = hidden_field(&body, field) {
                    form.push((field.to_owned(), value));
                }
            }
            match url.join("/app/oauth/login") {
                Ok(post) => next = Request::Post(post, form),
                Err(_) => break,
            }
            continue;
        }
        if status == StatusCode::OK && body.contains("name=\"request_id\"") {
            let mut form = vec![(
                "decision".to_owned(),
                if person.approve { "approve" } else { "deny" }.to_owned(),
            )];
            for field in ["csrf_token", "request_id"] {
                if let Some(value) = hidden_field(&body, field) {
                    form.push((field.to_owned(), value));
                }
            }
            match url.join("/app/oauth/consent") {
                Ok(post) => next = Request::Post(post, form),
                Err(_) => break,
            }
            continue;
        }
        browsed.body = body;
        return browsed;
    }
    browsed.stopped = Some(format!("gave up after {MAX_STEPS} requests"));
    browsed
}

enum Request {
    Get(Url),
    Post(Url, Vec<(String, String)>),
}

impl Request {
    fn url(&self) -> &Url {
        match self {
            Request::Get(url) | Request::Post(url, _) => url,
        }
    }
}

fn hidden_field(html: &str, field: &str) -> Option<String> {
    let marker = format!("name=\"{field}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('"')?;
    Some(
        html[start..end]
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}
