//! Every request body that carries a secret, built here and nowhere else: this file is
//! where client secrets, authorization codes, PKCE verifiers and tokens leave their
//! [`Secret`] wrapper (`expose()`), on their way into an HTTPS body.

use serde_json::{json, Value};

use super::models::{CodeExchange, ServiceCredentials};
use crate::Secret;

/// `POST /oauth/token` with `grant_type=authorization_code` (JSON, as the reference documents).
pub(crate) fn code_exchange(exchange: &CodeExchange) -> Vec<u8> {
    let mut body = json!({
        "grant_type": "authorization_code",
        "client_id": exchange.client_id,
        "client_secret": exchange.client_secret.expose(),
        "code": exchange.code.expose(),
        "redirect_uri": exchange.redirect_uri,
    });
    if let Some(verifier) = &exchange.code_verifier {
        body["code_verifier"] = Value::String(verifier.expose().to_owned());
    }
    body.to_string().into_bytes()
}

/// `POST /oauth/service/token`.
pub(crate) fn service_token(credentials: &ServiceCredentials) -> Vec<u8> {
    json!({
        "service_id": credentials.service_id,
        "service_secret": credentials.service_secret.expose(),
    })
    .to_string()
    .into_bytes()
}

/// `POST /platform/v1/tokens/revoke`: the token's value itself names it.
pub(crate) fn revoke_token(token: &Secret) -> Vec<u8> {
    json!({ "token": token.expose() }).to_string().into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_exchange_body_has_every_field_the_reference_requires() {
        let exchange = CodeExchange {
            client_id: "cid".into(),
            client_secret: Secret::new("csecret"),
            code: Secret::new("the-code"),
            redirect_uri: "http://127.0.0.1:4567/callback".into(),
            code_verifier: Some(Secret::new("verifier")),
        };
        let body: Value = serde_json::from_slice(&code_exchange(&exchange)).unwrap();
        assert_eq!(
            body,
            json!({
                "grant_type": "authorization_code",
                "client_id": "cid",
                "client_secret": "csecret",
                "code": "the-code",
                "redirect_uri": "http://127.0.0.1:4567/callback",
                "code_verifier": "verifier"
            })
        );
        let without_pkce = CodeExchange {
            code_verifier: None,
            ..exchange
        };
        let body: Value = serde_json::from_slice(&code_exchange(&without_pkce)).unwrap();
        assert!(body.get("code_verifier").is_none());
    }
}
