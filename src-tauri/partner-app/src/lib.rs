//! A partner's app, for tests only: a small web app on loopback that integrates with the
//! platform as the vendor's OAuth guide says (step 2, it is opened with `brand_host`,
//! `business_uid` and `staff_uid`; step 3, it sends the user to the authorize URL on that
//! brand host with its client id, a registered redirect URI and an unguessable `state` it
//! keeps in a cookie; step 4, its back end checks the `state` and exchanges the code at
//! once; step 5, it calls `/oauth/userinfo`), and variants that each make one mistake.
//!
//! ```text
//! let app = PartnerApp::start(Mistake::None).await;
//! // create the platform app with redirect_uri = app.landing_url(), oauth_redirect_uris = [app.callback_url()]
//! app.configure(client_id, client_secret, sandbox_base_url);
//! ```

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{Query, State};
use axum::http::header::{COOKIE, LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use intandem_sandbox::AdminClient;
use rand::RngCore;
use serde_json::{json, Value};

/// The one thing a variant gets wrong.
#[derive(Clone, Debug)]
pub enum Mistake {
    /// Follows the guide.
    None,
    /// Sends no `state` at all (and so checks none).
    NoState,
    /// Sends a `state`, but takes any `state` that comes back.
    StateNotChecked,
    /// Sends users to this host (`host[:port]`) instead of the `brand_host` it was opened with.
    HardCodedBrandHost(String),
    /// Authorizes with a redirect URI the app did not register.
    UnregisteredRedirectUri,
    /// Exchanges the code after more than 30 seconds: it moves the sandbox's clock 31 s
    /// forward before exchanging (a real 31 s wait would slow the test suite).
    SlowExchange(AdminClient),
    /// Exchanges the code with a different `redirect_uri` than it authorized with.
    DifferentRedirectUriInExchange,
    /// Exchanges the same code twice.
    CodeUsedTwice,
}

#[derive(Clone, Default)]
struct Credentials {
    client_id: String,
    client_secret: String,
    /// The platform's API base (the sandbox's base URL).
    api_base: String,
}

struct Shared {
    mistake: Mistake,
    base_url: String,
    credentials: Mutex<Credentials>,
}

pub struct PartnerApp {
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

const STATE_COOKIE: &str = "partner_oauth_state";

impl PartnerApp {
    /// Starts the app on a free loopback port.
    pub async fn start(mistake: Mistake) -> PartnerApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port for the partner app");
        let address: SocketAddr = listener.local_addr().expect("its address");
        let shared = Arc::new(Shared {
            mistake,
            base_url: format!("http://{address}"),
            credentials: Mutex::new(Credentials::default()),
        });
        let router = Router::new()
            .route("/app", get(landing))
            .route("/callback", get(callback))
            .with_state(Arc::clone(&shared));
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        PartnerApp { shared, server }
    }

    /// The app's main landing page (its `redirect_uri`).
    pub fn landing_url(&self) -> String {
        format!("{}/app", self.shared.base_url)
    }

    /// The OAuth redirect URI it registers.
    pub fn callback_url(&self) -> String {
        format!("{}/callback", self.shared.base_url)
    }

    /// Gives the app its client credentials and the platform's API base.
    pub fn configure(&self, client_id: &str, client_secret: &str, api_base: &str) {
        *self.shared.credentials.lock().expect("not poisoned") = Credentials {
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            api_base: api_base.trim_end_matches('/').to_owned(),
        };
    }
}

impl Drop for PartnerApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn page(status: StatusCode, title: &str, detail: &str) -> Response {
    (
        status,
        Html(format!(
            "<!doctype html><html><head><title>{title}</title></head><body><h1 id=\"title\">{title}</h1><p id=\"detail\">{detail}</p></body></html>"
        )),
    )
        .into_response()
}

fn random_state() -> String {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Step 2 and 3: opened by the platform, it sends the user to authorize.
async fn landing(
    State(app): State<Arc<Shared>>,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let param = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let Some(brand_host) = param("brand_host") else {
        return page(
            StatusCode::BAD_REQUEST,
            "Open this app from the App Market",
            "It was opened without brand_host, so it cannot tell where to sign you in.",
        );
    };
    let host = match &app.mistake {
        Mistake::HardCodedBrandHost(fixed) => fixed.clone(),
        _ => brand_host,
    };
    let scheme =
        if host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]") {
            "http"
        } else {
            "https"
        };
    let client_id = app
        .credentials
        .lock()
        .expect("not poisoned")
        .client_id
        .clone();
    let redirect_uri = match app.mistake {
        Mistake::UnregisteredRedirectUri => format!("{}/callback-unregistered", app.base_url),
        _ => format!("{}/callback", app.base_url),
    };
    let state = random_state();
    let mut authorize = url::Url::parse(&format!("{scheme}://{host}/app/oauth/authorize"))
        .expect("a valid authorize URL");
    authorize
        .query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &client_id)
        .append_pair("redirect_uri", &redirect_uri);
    if !matches!(app.mistake, Mistake::NoState) {
        authorize.query_pairs_mut().append_pair("state", &state);
    }
    let mut response = (StatusCode::FOUND, [(LOCATION, authorize.to_string())]).into_response();
    if let Ok(cookie) = format!("{STATE_COOKIE}={state}; Path=/; HttpOnly; SameSite=Lax").parse() {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    response
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Step 4 and 5: back from the platform, it checks `state`, exchanges the code and reads
/// the user's info.
async fn callback(
    State(app): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(query): Query<Vec<(String, String)>>,
) -> Response {
    let param = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    if let Some(error) = param("error") {
        return page(
            StatusCode::OK,
            "Not connected",
            &format!("The platform answered {error}."),
        );
    }
    let checks_state = !matches!(app.mistake, Mistake::NoState | Mistake::StateNotChecked);
    if checks_state {
        let sent = cookie(&headers, STATE_COOKIE);
        let back = param("state");
        if sent.is_none() || sent != back.as_deref() {
            return page(
                StatusCode::BAD_REQUEST,
                "Sign-in refused",
                "The state does not match the one this browser was sent with.",
            );
        }
    }
    let Some(code) = param("code") else {
        return page(
            StatusCode::BAD_REQUEST,
            "No code",
            "The platform sent no code.",
        );
    };
    let credentials = app.credentials.lock().expect("not poisoned").clone();
    if let Mistake::SlowExchange(admin) = &app.mistake {
        let _ = admin.advance_clock(31).await;
    }
    let redirect_uri = match app.mistake {
        Mistake::DifferentRedirectUriInExchange => format!("{}/callback/", app.base_url),
        _ => format!("{}/callback", app.base_url),
    };
    let http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("an HTTP client");
    let exchange = || async {
        let answer = http
            .post(format!("{}/oauth/token", credentials.api_base))
            .json(&json!({
                "grant_type": "authorization_code",
                "code": code,
                "client_id": credentials.client_id,
                "client_secret": credentials.client_secret,
                "redirect_uri": redirect_uri,
            }))
            .send()
            .await
            .ok()?;
        let ok = answer.status().is_success();
        let body: Value = answer.json().await.ok()?;
        Some((ok, body))
    };
    let Some((ok, grant)) = exchange().await else {
        return page(
            StatusCode::BAD_GATEWAY,
            "Platform unreachable",
            "The exchange failed.",
        );
    };
    if matches!(app.mistake, Mistake::CodeUsedTwice) {
        let _ = exchange().await;
    }
    if !ok {
        return page(
            StatusCode::BAD_GATEWAY,
            "Sign-in failed",
            &format!("The platform refused the code: {grant}"),
        );
    }
    let token = grant["access_token"].as_str().unwrap_or_default();
    let info: Option<Value> = match http
        .get(format!("{}/oauth/userinfo", credentials.api_base))
        .bearer_auth(token)
        .send()
        .await
    {
        Ok(answer) if answer.status().is_success() => answer.json().await.ok(),
        _ => None,
    };
    match info {
        Some(info) => page(
            StatusCode::OK,
            "Welcome",
            &format!(
                "Signed in as {} of {}.",
                info["email"].as_str().unwrap_or("?"),
                info["business_name"].as_str().unwrap_or("?")
            ),
        ),
        None => page(
            StatusCode::BAD_GATEWAY,
            "Signed in, but",
            "The user's info could not be read.",
        ),
    }
}
