//! Scrubbing vendor entities before they leave the console (IPC, `--json`): the platform's
//! app and userinfo answers are kept with every field the client does not know
//! (`extra`, flattened), so a platform that one day sends a `client_secret`, a token or a
//! password beside them would otherwise hand it to the webview and to scripts. Every key
//! named like a credential is dropped, at any depth, whatever its value.

use serde_json::{Map, Value};

use crate::platform::{App, UserInfo};

/// Whether a field of this name holds a credential: `client_secret`, `password`,
/// `code_verifier`, or anything with `token` or `secret` in its name.
pub(crate) fn names_a_credential(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.contains("token")
        || key.contains("secret")
        || key.contains("password")
        || key == "code_verifier"
}

fn scrub_map(map: &mut Map<String, Value>) {
    map.retain(|key, _| !names_a_credential(key));
    for value in map.values_mut() {
        scrub_value(value);
    }
}

fn scrub_value(value: &mut Value) {
    match value {
        Value::Object(map) => scrub_map(map),
        Value::Array(items) => items.iter_mut().for_each(scrub_value),
        _ => {}
    }
}

/// The app with no credential-named field among those the client keeps untyped.
pub(crate) fn app(mut app: App) -> App {
    scrub_map(&mut app.extra);
    for value in [&mut app.app_market, &mut app.internal]
        .into_iter()
        .flatten()
    {
        scrub_value(value);
    }
    if let Some(extensions) = &mut app.extensions {
        extensions.iter_mut().for_each(scrub_value);
    }
    if let Some(description) = &mut app.description {
        scrub_map(&mut description.extra);
    }
    app
}

/// The userinfo answer with no credential-named field among the untyped ones.
pub(crate) fn userinfo(mut info: UserInfo) -> UserInfo {
    scrub_map(&mut info.extra);
    if let Some(theme) = &mut info.brand_theme {
        scrub_map(&mut theme.extra);
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_app_answer_carrying_credentials_loses_them_and_keeps_the_rest() {
        let leaky: App = serde_json::from_value(json!({
            "app_code_name": "leaky",
            "name": "Leaky",
            "client_secret": "canary-secret",
            "api_token": "canary-token",
            "Password": "canary-password",
            "code_verifier": "canary-verifier",
            "vendor_note": {"nested_secret": "canary-nested", "kept": 1},
            "internal": {"refresh_token": "canary-internal"},
            "access_token_format": "opaque",
            "color": "blue"
        }))
        .unwrap();
        let scrubbed = app(leaky);
        let text = serde_json::to_string(&scrubbed).unwrap();
        assert!(!text.contains("canary"), "{text}");
        assert_eq!(scrubbed.extra.get("color"), Some(&json!("blue")));
        assert_eq!(scrubbed.extra["vendor_note"]["kept"], json!(1));
        assert_eq!(scrubbed.access_token_format.as_deref(), Some("opaque"));
    }

    #[test]
    fn a_userinfo_answer_carrying_credentials_loses_them() {
        let info: UserInfo = serde_json::from_value(json!({
            "business_uid": "b1",
            "id_token": "canary-id-token",
            "staff": {"session_secret": "canary-session"}
        }))
        .unwrap();
        let scrubbed = userinfo(info);
        let text = serde_json::to_string(&scrubbed).unwrap();
        assert!(!text.contains("canary"), "{text}");
        assert_eq!(scrubbed.business_uid.as_deref(), Some("b1"));
    }
}
