//! The authorize step: the URL on the brand host, with a fresh 256-bit `state` and,
//! optionally, a PKCE S256 challenge.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use url::Url;

use super::pkce::PkceVerifier;
use crate::redirect_uri::RedirectUri;

#[derive(Debug, Clone, Default)]
pub struct PlanOptions {
    pub pkce: bool,
    /// Space-separated scopes; `None` sends no `scope` parameter.
    pub scope: Option<String>,
}

/// Everything the console must remember between opening the authorize page and
/// receiving the redirect.
#[derive(Debug, Clone)]
pub struct AuthorizePlan {
    pub authorize_url: Url,
    pub state: String,
    pub redirect_uri: RedirectUri,
    pub pkce: Option<PkceVerifier>,
}

impl AuthorizePlan {
    /// `brand_url` is the white-label host users log in on (`https://app.vcita.com` or a
    /// partner's own); the authorize page is `{brand_url}/app/oauth/authorize`.
    pub fn new(
        brand_url: &Url,
        client_id: &str,
        redirect_uri: RedirectUri,
        options: &PlanOptions,
    ) -> AuthorizePlan {
        let state = random_state();
        let pkce = options.pkce.then(PkceVerifier::generate);
        let mut authorize_url = brand_url.clone();
        authorize_url.set_path("/app/oauth/authorize");
        authorize_url.set_query(None);
        authorize_url.set_fragment(None);
        {
            let mut query = authorize_url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", client_id)
                .append_pair("redirect_uri", redirect_uri.as_str())
                .append_pair("state", &state);
            if let Some(scope) = options.scope.as_deref().filter(|s| !s.trim().is_empty()) {
                query.append_pair("scope", scope.trim());
            }
            if let Some(verifier) = &pkce {
                query
                    .append_pair("code_challenge", &verifier.challenge())
                    .append_pair("code_challenge_method", "S256");
            }
        }
        AuthorizePlan {
            authorize_url,
            state,
            redirect_uri,
            pkce,
        }
    }
}

/// 256 random bits, base64url (43 characters).
fn random_state() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(options: PlanOptions) -> AuthorizePlan {
        AuthorizePlan::new(
            &Url::parse("https://brand.example/some/path?x=1").unwrap(),
            "client-123",
            RedirectUri::parse("https://app.example/cb?tenant=7").unwrap(),
            &options,
        )
    }

    fn query(plan: &AuthorizePlan) -> Vec<(String, String)> {
        plan.authorize_url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    #[test]
    fn authorize_url_is_on_the_brand_host_with_every_parameter() {
        let plan = plan(PlanOptions {
            pkce: false,
            scope: Some("openid".into()),
        });
        assert_eq!(plan.authorize_url.host_str(), Some("brand.example"));
        assert_eq!(plan.authorize_url.path(), "/app/oauth/authorize");
        let query = query(&plan);
        let get = |k: &str| {
            query
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("client_id"), Some("client-123"));
        assert_eq!(get("redirect_uri"), Some("https://app.example/cb?tenant=7"));
        assert_eq!(get("response_type"), Some("code"));
        assert_eq!(get("scope"), Some("openid"));
        assert_eq!(get("state"), Some(plan.state.as_str()));
        assert_eq!(get("code_challenge"), None);
        assert_eq!(get("x"), None, "the brand URL's own query is dropped");
    }

    #[test]
    fn state_is_256_bits_and_fresh_each_time() {
        let a = plan(PlanOptions::default());
        let b = plan(PlanOptions::default());
        assert_eq!(URL_SAFE_NO_PAD.decode(&a.state).unwrap().len(), 32);
        assert_ne!(a.state, b.state);
    }

    #[test]
    fn pkce_adds_an_s256_challenge_of_the_kept_verifier() {
        let plan = plan(PlanOptions {
            pkce: true,
            scope: None,
        });
        let verifier = plan.pkce.as_ref().expect("a verifier is kept");
        let query = query(&plan);
        assert!(query.contains(&("code_challenge".into(), verifier.challenge())));
        assert!(query.contains(&("code_challenge_method".into(), "S256".into())));
        assert!(!plan
            .authorize_url
            .as_str()
            .contains(verifier.secret().expose()));
    }
}
