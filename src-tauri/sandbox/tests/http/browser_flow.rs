//! The browser flow on the brand host: login page, consent page (unless trusted), the
//! redirect with code and state, denial, and the error page (no redirect) for an unknown
//! client or an unregistered redirect URI.

use crate::support::{query_param, s256, start, Answer, Running};
use reqwest::header::{COOKIE, LOCATION, SET_COOKIE};

/// A user's browser, step by step: cookie kept, redirects not followed.
struct Browser<'a> {
    running: &'a Running,
    cookie: String,
}

impl<'a> Browser<'a> {
    fn new(running: &'a Running) -> Self {
        Self {
            running,
            cookie: String::new(),
        }
    }

    async fn send(&mut self, request: reqwest::RequestBuilder) -> Answer {
        let request = if self.cookie.is_empty() {
            request
        } else {
            request.header(COOKIE, &self.cookie)
        };
        let response = request.send().await.unwrap();
        if let Some(cookie) = response.headers().get(SET_COOKIE) {
            self.cookie = cookie
                .to_str()
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_string();
        }
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        Answer {
            status,
            headers,
            text: response.text().await.unwrap(),
        }
    }

    async fn get(&mut self, url: &str) -> Answer {
        let url = if url.starts_with('/') {
            self.running.url(url)
        } else {
            url.to_string()
        };
        self.send(self.running.http.get(url)).await
    }

    async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Answer {
        self.send(self.running.http.post(self.running.url(path)).form(form))
            .await
    }

    /// Signs in from the login page the authorize URL shows; returns the answer to the resume.
    async fn sign_in(&mut self, authorize_url: &str, password: &str) -> Answer {
        let login = self.get(authorize_url).await;
        assert_eq!(login.status, 200, "{}", login.text);
        let form = [
            ("email", self.running.info().user_email.clone()),
            ("password", password.to_string()),
            ("csrf_token", field(&login.text, "csrf_token")),
            ("return_to", field(&login.text, "return_to")),
        ];
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.post("/app/oauth/login", &form).await
    }
}

fn field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field in {html}"))
        + marker.len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].replace("&amp;", "&")
}

#[tokio::test]
async fn without_a_session_authorize_shows_the_branded_login_page_with_a_csrf_token() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let mut browser = Browser::new(&running);
    let page = browser.get(&running.authorize_url(&app, &[])).await;
    assert_eq!(page.status, 200);
    assert!(page
        .header("content-type")
        .unwrap()
        .starts_with("text/html"));
    for id in ["id=\"email\"", "id=\"password\"", "id=\"login\""] {
        assert!(page.text.contains(id), "missing {id}");
    }
    assert!(
        page.text.contains("Tandem Sandbox"),
        "the directory's brand name is shown"
    );
    assert_eq!(field(&page.text, "csrf_token").len(), 64);
    assert!(!browser.cookie.is_empty(), "a session cookie is set");
}

#[tokio::test]
async fn after_login_an_untrusted_app_shows_consent_and_approval_redirects_with_code_and_state() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let mut browser = Browser::new(&running);
    let resume = browser
        .sign_in(
            &running.authorize_url(&app, &[]),
            &running.info().user_password,
        )
        .await;
    assert_eq!(resume.status, 303, "{}", resume.text);
    let consent = browser.get(resume.header("location").unwrap()).await;
    assert_eq!(consent.status, 200, "{}", consent.text);
    assert!(consent.text.contains("id=\"approve\"") && consent.text.contains("id=\"deny\""));

    let form = [
        ("csrf_token", field(&consent.text, "csrf_token")),
        ("request_id", field(&consent.text, "request_id")),
    ];
    let approve = browser
        .post(
            "/app/oauth/consent",
            &[
                ("csrf_token", &form[0].1),
                ("request_id", &form[1].1),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(approve.status, 302, "{}", approve.text);
    let location = approve.header("location").unwrap();
    assert!(
        location.starts_with("http://127.0.0.1:8765/callback?code="),
        "{location}"
    );
    assert_eq!(query_param(location, "state").as_deref(), Some("st-123"));
    assert_eq!(query_param(location, "code").unwrap().len(), 64);

    // The request was answered: the same form cannot be replayed for a second code.
    let replay = browser
        .post(
            "/app/oauth/consent",
            &[
                ("csrf_token", &form[0].1),
                ("request_id", &form[1].1),
                ("decision", "approve"),
            ],
        )
        .await;
    assert_eq!(replay.status, 400);
    assert!(replay.headers.get(LOCATION).is_none());
}

#[tokio::test]
async fn a_trusted_app_skips_the_consent_page() {
    let running = start().await;
    let app = running.oauth_app(true).await;
    let mut browser = Browser::new(&running);
    let resume = browser
        .sign_in(
            &running.authorize_url(&app, &[]),
            &running.info().user_password,
        )
        .await;
    let redirect = browser.get(resume.header("location").unwrap()).await;
    assert_eq!(
        redirect.status, 302,
        "no consent page for a trusted app: {}",
        redirect.text
    );
    assert!(query_param(redirect.header("location").unwrap(), "code").is_some());
}

#[tokio::test]
async fn denying_redirects_with_access_denied_and_the_state() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let location = running.consent(&app, &[], false).await;
    assert!(location.starts_with(&app.redirect_uri), "{location}");
    assert_eq!(
        query_param(&location, "error").as_deref(),
        Some("access_denied")
    );
    assert_eq!(query_param(&location, "state").as_deref(), Some("st-123"));
    assert!(query_param(&location, "code").is_none());
}

#[tokio::test]
async fn an_unknown_client_gets_an_error_page_and_no_redirect() {
    let running = start().await;
    let url = running.url("/app/oauth/authorize?client_id=nosuchclient&redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback&state=s");
    let page = Browser::new(&running).get(&url).await;
    assert_eq!(page.status, 400);
    assert!(page.headers.get(LOCATION).is_none());
    assert!(
        page.text.contains("Unknown client") && page.text.contains("nosuchclient"),
        "{}",
        page.text
    );
}

#[tokio::test]
async fn an_unregistered_redirect_uri_gets_an_error_page_and_no_redirect() {
    let running = start().await;
    let mut app = running.oauth_app(false).await;
    for unregistered in [
        "http://127.0.0.1:8765/callback/",
        "http://127.0.0.1:8766/callback",
        "https://evil.example.com/cb",
    ] {
        app.redirect_uri = unregistered.to_string();
        let page = Browser::new(&running)
            .get(&running.authorize_url(&app, &[]))
            .await;
        assert_eq!(page.status, 400, "{unregistered}");
        assert!(page.headers.get(LOCATION).is_none(), "{unregistered}");
        assert!(page.text.contains("not registered"), "{}", page.text);
        assert!(
            page.text.contains("http://127.0.0.1:8765/callback"),
            "the page lists what is registered"
        );
    }
    // The main redirect_uri counts as registered too.
    app.redirect_uri = "https://app.example.com/landing".into();
    let location = running.consent(&app, &[], true).await;
    assert!(
        location.starts_with("https://app.example.com/landing?code="),
        "{location}"
    );
}

#[tokio::test]
async fn a_wrong_password_shows_the_login_page_again_with_an_error() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let mut browser = Browser::new(&running);
    let answer = browser
        .sign_in(&running.authorize_url(&app, &[]), "wrong-password")
        .await;
    assert_eq!(answer.status, 401);
    assert!(answer.text.contains("id=\"error\"") && answer.text.contains("incorrect"));
    assert!(answer.headers.get(LOCATION).is_none());
}

#[tokio::test]
async fn login_and_consent_forms_without_the_csrf_token_are_refused() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let mut browser = Browser::new(&running);
    let login = browser.get(&running.authorize_url(&app, &[])).await;
    let forged = [
        ("email", running.info().user_email.as_str()),
        ("password", running.info().user_password.as_str()),
        ("csrf_token", "forged"),
        ("return_to", &field(&login.text, "return_to")),
    ];
    let answer = browser.post("/app/oauth/login", &forged).await;
    assert_eq!(answer.status, 403, "{}", answer.text);
    assert!(answer.text.contains("CSRF"));

    let consent = browser
        .post(
            "/app/oauth/consent",
            &[("request_id", "x"), ("decision", "approve")],
        )
        .await;
    assert_eq!(consent.status, 403);

    let no_cookie = Browser::new(&running)
        .post("/app/oauth/login", &forged)
        .await;
    assert_eq!(no_cookie.status, 403);
}

#[tokio::test]
async fn request_errors_after_the_client_checks_go_back_to_the_app_with_the_state() {
    let running = start().await;
    let app = running.oauth_app(false).await;
    let challenge = s256("verifier-verifier-verifier-verifier-verifier");
    let cases = [
        (
            vec![("response_type", "token")],
            "unsupported_response_type",
        ),
        (
            vec![
                ("code_challenge", challenge.as_str()),
                ("code_challenge_method", "plain"),
            ],
            "invalid_request",
        ),
    ];
    for (extra, error) in cases {
        let mut url = url::Url::parse(&running.authorize_url(&app, &[])).unwrap();
        let kept: Vec<(String, String)> = url
            .query_pairs()
            .into_owned()
            .filter(|(k, _)| k != "response_type")
            .collect();
        url.query_pairs_mut()
            .clear()
            .extend_pairs(kept)
            .extend_pairs(extra);
        let answer = Browser::new(&running).get(url.as_str()).await;
        assert_eq!(answer.status, 302, "{}", answer.text);
        let location = answer.header("location").unwrap();
        assert_eq!(
            query_param(location, "error").as_deref(),
            Some(error),
            "{location}"
        );
        assert_eq!(query_param(location, "state").as_deref(), Some("st-123"));
    }
}
