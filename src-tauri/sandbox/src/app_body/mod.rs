//! Parsing and validating the JSON body of an app create or update request into
//! `AppChanges`. Each rule is the vendor reference's: names of 3 to 25 characters,
//! alphanumeric code names, documented enumerations, `trusted` as "true"/"false" (a
//! boolean is accepted too), absolute https redirect URIs (http only on loopback).
//! Messages name the field at fault. Unknown fields are ignored, as the vendor does.

use crate::model::app::AppProfile;
use crate::model::app_code_name::AppCodeName;
use crate::model::redirect_uri::RedirectUri;
use field_reader::{one_of, Fields};
use serde_json::{Map, Value};
use vocabulary::{APP_LAYERS, APP_TYPES, LOCALES, MENU_CATEGORIES, TOKEN_FORMATS, URL_PARAMS};

mod field_reader;
/// The reference's enumerations, shared with the console's core.
mod vocabulary {
    include!("../../../../vendor-reference/app_vocabulary.rs");
}

/// The validated changes a request asks for. `profile` is the app's whole profile with
/// the request's changes applied (to the defaults on create, to the current one on update).
#[derive(Debug)]
pub struct AppChanges {
    pub name: Option<String>,
    pub app_code_name: Option<AppCodeName>,
    pub redirect_uri: Option<RedirectUri>,
    pub oauth_redirect_uris: Option<Vec<RedirectUri>>,
    pub trusted: Option<bool>,
    pub profile: AppProfile,
}

pub fn parse_app_body(body: &Map<String, Value>, base: &AppProfile) -> Result<AppChanges, String> {
    let fields = Fields(body);
    let name = match fields.string("name")? {
        Some(Some(name)) => Some(checked_name(name)?),
        Some(None) => return Err("name must not be null: send 3 to 25 characters".into()),
        None => None,
    };
    let app_code_name = match fields.string("app_code_name")? {
        Some(Some(code)) => Some(AppCodeName::parse(&code)?),
        Some(None) | None => None,
    };
    let redirect_uri = match fields.string("redirect_uri")? {
        Some(Some(uri)) => Some(RedirectUri::parse("redirect_uri", &uri)?),
        Some(None) => return Err("redirect_uri must not be null".into()),
        None => None,
    };
    let oauth_redirect_uris = match fields.string_list("oauth_redirect_uris", None)? {
        Some(list) => Some(
            list.iter()
                .enumerate()
                .map(|(i, uri)| RedirectUri::parse(&format!("oauth_redirect_uris[{i}]"), uri))
                .collect::<Result<Vec<_>, _>>()?,
        ),
        None => None,
    };
    let trusted = fields.flag("trusted")?;

    let mut profile = base.clone();
    apply_profile(&fields, &mut profile)?;
    if profile.menu_items.is_some() && !profile.app_type.iter().any(|t| t == "menu_items") {
        return Err("menu_items requires app_type to include \"menu_items\"".into());
    }
    Ok(AppChanges {
        name,
        app_code_name,
        redirect_uri,
        oauth_redirect_uris,
        trusted,
        profile,
    })
}

fn checked_name(name: String) -> Result<String, String> {
    let length = name.chars().count();
    if name.trim().is_empty() {
        return Err("name must not be blank: send 3 to 25 characters".into());
    }
    if !(3..=25).contains(&length) {
        return Err(format!(
            "name must be 3 to 25 characters long: got {length}"
        ));
    }
    Ok(name)
}

fn apply_profile(fields: &Fields<'_>, p: &mut AppProfile) -> Result<(), String> {
    if let Some(v) = fields.string_list("app_type", Some(APP_TYPES))? {
        p.app_type = v;
    }
    if let Some(v) = fields.string_list("url_params", Some(URL_PARAMS))? {
        p.url_params = v;
    }
    if let Some(v) = fields.object("menu_items")? {
        p.menu_items = v.map(checked_menu_items).transpose()?;
    }
    if let Some(v) = fields.flag("open_in_new_tab")? {
        p.open_in_new_tab = v;
    }
    if let Some(v) = fields.flag("full_screen")? {
        p.full_screen = v;
    }
    if let Some(v) = fields.object("description")? {
        p.description = v.map(checked_description).transpose()?.unwrap_or_default();
    }
    if let Some(v) = fields.string_list("app_features", None)? {
        if v.len() > 10 {
            return Err(format!(
                "app_features may list at most 10 features: got {}",
                v.len()
            ));
        }
        if let Some(i) = v.iter().position(|f| f.chars().count() > 500) {
            return Err(format!(
                "app_features[{i}] must be at most 500 characters long"
            ));
        }
        p.app_features = v;
    }
    if let Some(v) = fields.string_or_list("app_screenshot_uris")? {
        p.app_screenshot_uris = v;
    }
    if let Some(v) = fields.string_or_list("app_mobile_screenshot_uris")? {
        p.app_mobile_screenshot_uris = v;
    }
    if let Some(v) = fields.string("contact_support_link")? {
        p.contact_support_link = v;
    }
    if let Some(v) = fields.string_list("locales", Some(LOCALES))? {
        p.locales = v;
    }
    if let Some(v) = fields.object("payment_data")? {
        if let Some(prices) = v.as_ref().and_then(|d| d.get("prices")) {
            if !prices.is_array() {
                return Err("payment_data.prices must be an array of price objects".into());
            }
        }
        p.payment_data = v.map(Value::Object);
    }
    if let Some(v) = fields.string("privacy_policy_link")? {
        p.privacy_policy_link = v;
    }
    if let Some(v) = fields.flag("personal_connection")? {
        p.personal_connection = v;
    }
    if let Some(v) = fields.string_list("supported_countries", None)? {
        p.supported_countries = v;
    }
    if let Some(v) = fields.string("api_uri")? {
        p.api_uri = v;
    }
    if let Some(v) = fields.string("app_layer")? {
        p.app_layer = v
            .map(|layer| one_of("app_layer", layer, APP_LAYERS))
            .transpose()?;
    }
    if let Some(v) = fields.object("deep_link")? {
        p.deep_link = v.map(checked_deep_link).transpose()?;
    }
    if let Some(v) = fields.string_list("scopes", None)? {
        p.scopes = v;
    }
    if let Some(v) = fields.string_list("demand_scopes", None)? {
        p.demand_scopes = v;
    }
    if let Some(v) = fields.string("access_token_format")? {
        p.access_token_format = match v {
            Some(format) => one_of("access_token_format", format, TOKEN_FORMATS)?,
            None => "opaque".into(),
        };
    }
    if let Some(v) = fields.string("client_auth_jwks_uri")? {
        p.client_auth_jwks_uri = v;
    }
    if let Some(v) = fields.flag("open_channel")? {
        p.open_channel = v;
    }
    Ok(())
}

fn checked_menu_items(items: Map<String, Value>) -> Result<Value, String> {
    let Some(subitems) = items.get("subitems") else {
        return Err("menu_items must have a subitems array".into());
    };
    let Some(subitems) = subitems.as_array() else {
        return Err("menu_items.subitems must be an array".into());
    };
    for (i, item) in subitems.iter().enumerate() {
        let field = format!("menu_items.subitems[{i}]");
        let Some(item) = item.as_object() else {
            return Err(format!("{field} must be an object"));
        };
        match item.get("category").and_then(Value::as_str) {
            Some(category) => {
                one_of(
                    &format!("{field}.category"),
                    category.to_string(),
                    MENU_CATEGORIES,
                )?;
            }
            None => return Err(format!("{field}.category is required")),
        }
        if !item.get("route").is_some_and(Value::is_string) {
            return Err(format!("{field}.route is required and must be a string"));
        }
        if !item.get("item_name").is_some_and(Value::is_object) {
            return Err(format!("{field}.item_name is required and must be an object such as {{\"en\": \"My page\"}}"));
        }
    }
    Ok(Value::Object(items))
}

fn checked_description(description: Map<String, Value>) -> Result<Map<String, Value>, String> {
    for (key, limit) in [
        ("logo", None),
        ("short_description", Some(260)),
        ("text", Some(380)),
    ] {
        match description.get(key) {
            None | Some(Value::Null) => {}
            Some(Value::String(text)) => {
                if let Some(limit) = limit {
                    if text.chars().count() > limit {
                        return Err(format!(
                            "description.{key} must be at most {limit} characters long"
                        ));
                    }
                }
            }
            Some(_) => return Err(format!("description.{key} must be a string")),
        }
    }
    Ok(description)
}

fn checked_deep_link(link: Map<String, Value>) -> Result<Value, String> {
    if !link.get("path").is_none_or(Value::is_string) {
        return Err("deep_link.path must be a string".into());
    }
    if !link
        .get("path_params")
        .is_none_or(|p| p.is_object() || p.is_null())
    {
        return Err("deep_link.path_params must be an object".into());
    }
    Ok(Value::Object(link))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(body: Value) -> Result<AppChanges, String> {
        parse_app_body(body.as_object().unwrap(), &AppProfile::default())
    }

    #[test]
    fn the_seed_guide_body_parses_with_trusted_as_a_string() {
        let changes = parse(json!({"name": "My first app", "redirect_uri": "https://a.example/cb", "trusted": "true"})).unwrap();
        assert_eq!(changes.name.as_deref(), Some("My first app"));
        assert_eq!(changes.trusted, Some(true));
        assert!(changes.app_code_name.is_none());
    }

    #[test]
    fn trusted_is_also_accepted_as_a_boolean_but_not_as_other_strings() {
        assert_eq!(
            parse(json!({"trusted": false})).unwrap().trusted,
            Some(false)
        );
        let err = parse(json!({"trusted": "yes"})).unwrap_err();
        assert!(err.starts_with("trusted"), "{err}");
    }

    #[test]
    fn names_must_have_3_to_25_characters() {
        assert!(parse(json!({"name": "abc"})).is_ok());
        assert!(parse(json!({"name": "a".repeat(25)})).is_ok());
        assert!(parse(json!({"name": "ab"}))
            .unwrap_err()
            .starts_with("name"));
        assert!(parse(json!({"name": "a".repeat(26)}))
            .unwrap_err()
            .starts_with("name"));
        assert!(parse(json!({"name": "   "}))
            .unwrap_err()
            .starts_with("name"));
        assert!(parse(json!({"name": 42})).unwrap_err().starts_with("name"));
    }

    #[test]
    fn enumerated_lists_reject_unknown_values_naming_the_index() {
        let err = parse(json!({"url_params": ["brand_host", "favourite_colour"]})).unwrap_err();
        assert!(err.starts_with("url_params[1]"), "{err}");
    }

    #[test]
    fn each_oauth_redirect_uri_is_validated() {
        let err = parse(
            json!({"oauth_redirect_uris": ["https://ok.example/cb", "http://evil.example/cb"]}),
        )
        .unwrap_err();
        assert!(err.starts_with("oauth_redirect_uris[1]"), "{err}");
    }

    #[test]
    fn menu_items_need_the_menu_items_app_type() {
        let items =
            json!({"subitems": [{"category": "clients", "item_name": {"en": "X"}, "route": "x"}]});
        assert!(parse(json!({"menu_items": items}))
            .unwrap_err()
            .starts_with("menu_items"));
        assert!(parse(json!({"menu_items": items, "app_type": ["menu_items"]})).is_ok());
    }

    #[test]
    fn a_single_screenshot_string_becomes_a_one_element_list() {
        let changes = parse(json!({"app_screenshot_uris": "https://a.example/s.png"})).unwrap();
        assert_eq!(
            changes.profile.app_screenshot_uris,
            vec!["https://a.example/s.png"]
        );
    }
}
