//! Test support: a started sandbox with a plain HTTP client (no proxy, no redirect
//! following), the vendor reference's examples (`vendor-reference/`), and OAuth helpers.

use intandem_sandbox::{drive_consent, Sandbox, SandboxConfig, SandboxInfo};
use reqwest::header::HeaderMap;
use reqwest::Method;
use serde_json::{json, Value};

pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    /// The body as JSON; panics with the raw text when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text)
            .unwrap_or_else(|e| panic!("body is not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub struct Running {
    pub sandbox: Sandbox,
    pub http: reqwest::Client,
}

pub async fn start() -> Running {
    start_with(SandboxConfig::default()).await
}

pub async fn start_with(config: SandboxConfig) -> Running {
    let sandbox = Sandbox::start(config).await.expect("starting the sandbox");
    Running {
        sandbox,
        http: client(),
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("building the HTTP client")
}

impl Running {
    pub fn info(&self) -> &SandboxInfo {
        self.sandbox.info()
    }

    pub fn token(&self) -> String {
        self.info().directory_token.clone()
    }

    pub fn other_token(&self) -> String {
        self.info().other_directory_token.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.info().base_url)
    }

    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut request = self.http.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("sending the request");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("reading the body");
        Answer {
            status,
            headers,
            text,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Answer {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn put(&self, path: &str, token: &str, body: Value) -> Answer {
        self.call(Method::PUT, path, Some(token), Some(body)).await
    }

    /// Creates an app with the directory token and returns the create answer's `data`.
    pub async fn create_app(&self, body: Value) -> Value {
        let answer = self.post("/platform/v1/apps", &self.token(), body).await;
        assert_eq!(answer.status, 201, "creating an app: {}", answer.text);
        answer.json()["data"].clone()
    }

    /// An app with a loopback redirect URI, created with the directory token.
    pub async fn oauth_app(&self, trusted: bool) -> OAuthApp {
        let redirect_uri = "http://127.0.0.1:8765/callback".to_string();
        let data = self
            .create_app(json!({
                "name": "OAuth test app",
                "redirect_uri": "https://app.example.com/landing",
                "oauth_redirect_uris": [redirect_uri],
                "trusted": trusted.to_string(),
            }))
            .await;
        OAuthApp {
            client_id: data["client_id"].as_str().unwrap().to_string(),
            client_secret: data["client_secret"].as_str().unwrap().to_string(),
            redirect_uri,
        }
    }

    pub fn authorize_url(&self, app: &OAuthApp, extra: &[(&str, &str)]) -> String {
        let mut url = url::Url::parse(&self.url("/app/oauth/authorize")).unwrap();
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &app.client_id)
            .append_pair("redirect_uri", &app.redirect_uri)
            .append_pair("state", "st-123");
        for (k, v) in extra {
            url.query_pairs_mut().append_pair(k, v);
        }
        url.to_string()
    }

    /// Plays the user through login and consent; returns the final redirect Location.
    pub async fn consent(&self, app: &OAuthApp, extra: &[(&str, &str)], approve: bool) -> String {
        let info = self.info();
        drive_consent(
            &self.authorize_url(app, extra),
            &info.user_email,
            &info.user_password,
            approve,
        )
        .await
        .expect("driving the consent flow")
    }

    /// A fresh authorization code for `app` (approved by the seeded user).
    pub async fn code(&self, app: &OAuthApp, extra: &[(&str, &str)]) -> String {
        let location = self.consent(app, extra, true).await;
        query_param(&location, "code").unwrap_or_else(|| panic!("no code in {location}"))
    }

    pub async fn exchange(
        &self,
        app: &OAuthApp,
        code: &str,
        redirect_uri: &str,
        verifier: Option<&str>,
    ) -> Answer {
        let mut body = json!({
            "grant_type": "authorization_code",
            "code": code,
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "redirect_uri": redirect_uri,
        });
        if let Some(verifier) = verifier {
            body["code_verifier"] = json!(verifier);
        }
        self.call(Method::POST, "/oauth/token", None, Some(body))
            .await
    }
}

pub struct OAuthApp {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
}

pub fn query_param(url: &str, name: &str) -> Option<String> {
    let url = url::Url::parse(url).ok()?;
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The vendor reference's example answers: the repository's own copy
/// (`vendor-reference/platform-examples.json`, regenerated by `make vendor-fixtures`).
pub fn reference() -> Value {
    serde_json::from_str(include_str!(
        "../../../../vendor-reference/platform-examples.json"
    ))
    .expect("vendor-reference/platform-examples.json is not valid JSON")
}

/// The documented success of `method path`: its status and example body.
pub fn documented_success(reference: &Value, path: &str, method: &str) -> (u16, Value) {
    let responses = reference["paths"][path][method]["responses"]
        .as_object()
        .unwrap_or_else(|| panic!("the reference has no responses for {method} {path}"));
    let (status, response) = responses
        .iter()
        .find(|(status, _)| status.starts_with('2'))
        .unwrap_or_else(|| panic!("the reference documents no success for {method} {path}"));
    let example = response["content"]["application/json"]["example"].clone();
    assert!(
        example.is_object(),
        "the reference has no example body for {method} {path}"
    );
    (status.parse().unwrap(), example)
}

/// The documented example of a non-success answer.
pub fn documented_error(reference: &Value, path: &str, method: &str, status: &str) -> Value {
    reference["paths"][path][method]["responses"][status]["content"]["application/json"]["example"]
        .clone()
}

/// Asserts `actual` has exactly the example's keys, level by level, and that values
/// have the example's JSON type wherever both are non-null. App entities (under
/// `application` and in `apps`) are compared by their own keys, not their contents'.
pub fn assert_same_shape(actual: &Value, example: &Value, at: &str) {
    let (Some(actual), Some(example)) = (actual.as_object(), example.as_object()) else {
        panic!("{at}: expected an object like the reference, got {actual}");
    };
    let mut have: Vec<&String> = actual.keys().collect();
    let mut want: Vec<&String> = example.keys().collect();
    have.sort();
    want.sort();
    assert_eq!(have, want, "{at}: keys differ from the reference example");
    let is_entity = at.ends_with(".application") || at.ends_with(".apps[0]");
    for (key, expected) in example {
        let value = &actual[key];
        let here = format!("{at}.{key}");
        if !value.is_null() && !expected.is_null() {
            assert_eq!(
                kind(value),
                kind(expected),
                "{here}: {value} is not of the reference's type ({expected})"
            );
        }
        if is_entity {
            continue;
        }
        match (value, expected) {
            (Value::Object(_), Value::Object(_)) => assert_same_shape(value, expected, &here),
            (Value::Array(values), Value::Array(examples)) => {
                if let (Some(first), Some(example)) = (values.first(), examples.first()) {
                    if example.is_object() {
                        assert_same_shape(first, example, &format!("{here}[0]"));
                    }
                }
            }
            _ => {}
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub fn s256(verifier: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}
