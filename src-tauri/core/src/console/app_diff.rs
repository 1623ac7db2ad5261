//! What an update would change: the requested fields compared with the app as the
//! platform has it now, so that only real changes are sent (and shown for review).

use serde_json::{Map, Value};

use super::app_input::AppInput;
use super::dto::FieldChange;
use super::ConsoleError;
use crate::platform::{with_app_fields, App, AppUpdate};

/// The update to send (only changed fields) and the changes, field by field.
pub(crate) fn plan_update(
    current: &App,
    input: &AppInput,
) -> Result<(AppUpdate, Vec<FieldChange>), ConsoleError> {
    if let Some(wanted) = input.trusted {
        if wanted != current.is_trusted() {
            return Err(ConsoleError::invalid_input(
                "trusted",
                format!(
                    "The app {} is {}trusted and that cannot be changed after it is created: the \
                     platform does not let a directory token change it; create a new app if it \
                     must {}skip the consent screen.",
                    current.app_code_name,
                    if current.is_trusted() { "" } else { "not " },
                    if wanted { "" } else { "not " },
                ),
            ));
        }
    }
    if let Some(code_name) = &input.app_code_name {
        if code_name != current.app_code_name.as_str() {
            return Err(ConsoleError::invalid_input(
                "app_code_name",
                format!(
                    "An app's code name cannot be changed (it is {}): leave app_code_name out of \
                     the update.",
                    current.app_code_name
                ),
            ));
        }
    }
    let mut update = input.for_update()?;
    let before = match serde_json::to_value(current) {
        Ok(Value::Object(fields)) => fields,
        _ => Map::new(),
    };
    let mut changes = Vec::new();
    macro_rules! keep_changed {
        ($($field:ident),* $(,)?) => {$(
            if let Some(wanted) = update.$field.take() {
                let after = serde_json::to_value(&wanted).unwrap_or(Value::Null);
                let was = before.get(stringify!($field)).cloned().unwrap_or(Value::Null);
                if !same(&was, &after) {
                    changes.push(FieldChange {
                        field: stringify!($field).to_owned(),
                        before: was,
                        after,
                    });
                    update.$field = Some(wanted);
                }
            }
        )*};
    }
    keep_changed!(name, redirect_uri, oauth_redirect_uris);
    macro_rules! keep_changed_shared {
        ($($field:ident: $ty:ty),* $(,)?) => { keep_changed!($($field),*); };
    }
    with_app_fields!(keep_changed_shared);
    Ok((update, changes))
}

/// Whether a requested value equals the current one. Screenshot URIs are written as one
/// comma-separated string but read back as a list; an absent list equals an empty one.
fn same(current: &Value, wanted: &Value) -> bool {
    match (current, wanted) {
        (Value::Array(items), Value::String(text)) => {
            let joined: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            joined.join(",") == *text
        }
        (Value::Null, Value::Array(items)) => items.is_empty(),
        _ => current == wanted,
    }
}

/// The app after an update: the full entity read before, with every field the update's
/// answer carries (that answer may omit some, such as the code name).
pub(crate) fn merged(before: &App, answer: &App) -> App {
    let (Ok(Value::Object(mut fields)), Ok(Value::Object(answered))) =
        (serde_json::to_value(before), serde_json::to_value(answer))
    else {
        return answer.clone();
    };
    for (key, value) in answered {
        if !value.is_null() {
            fields.insert(key, value);
        }
    }
    fields.insert(
        "app_code_name".to_owned(),
        Value::String(before.app_code_name.to_string()),
    );
    serde_json::from_value(Value::Object(fields)).unwrap_or_else(|_| answer.clone())
}

/// The "before" of an update's audit entry: the app as recorded after the update, with
/// only the fields the update sent put back as they were. The entry then names this
/// update's changes alone: the platform's answer also carries changes someone else made
/// between the read and the write, and those are not this actor's doing.
pub(crate) fn audit_before(current: &App, update: &AppUpdate, recorded: &Value) -> Option<Value> {
    let (Ok(Value::Object(was)), Ok(Value::Object(sent)), Value::Object(after)) = (
        serde_json::to_value(current),
        serde_json::to_value(update),
        recorded,
    ) else {
        return None;
    };
    let mut before = after.clone();
    for key in sent.keys() {
        match was.get(key) {
            Some(value) => before.insert(key.clone(), value.clone()),
            None => before.remove(key),
        };
    }
    Some(Value::Object(before))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::error::ErrorCode;

    fn app() -> App {
        serde_json::from_value(json!({
            "app_code_name": "diffapp",
            "name": "Diff app",
            "redirect_uri": "https://a.example/",
            "url_params": ["brand_host"],
            "trusted": false,
            "app_screenshot_uris": ["https://a.example/1.png"]
        }))
        .unwrap()
    }

    #[test]
    fn only_the_fields_that_differ_are_sent() {
        let input = AppInput {
            name: Some("Diff app".into()),
            url_params: Some(vec!["brand_host".into(), "staff_uid".into()]),
            app_screenshot_uris: Some("https://a.example/1.png".into()),
            oauth_redirect_uris: Some(vec![]),
            ..AppInput::default()
        };
        let (update, changes) = plan_update(&app(), &input).unwrap();
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            json!({"url_params": ["brand_host", "staff_uid"]})
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].field, "url_params");
        assert_eq!(changes[0].before, json!(["brand_host"]));
    }

    #[test]
    fn trusted_cannot_be_changed_but_restating_it_is_fine() {
        let flip = AppInput {
            trusted: Some(true),
            ..AppInput::default()
        };
        let error = plan_update(&app(), &flip).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(error.field.as_deref(), Some("trusted"));
        let same = AppInput {
            trusted: Some(false),
            name: Some("New name".into()),
            ..AppInput::default()
        };
        let (update, _) = plan_update(&app(), &same).unwrap();
        assert_eq!(
            serde_json::to_value(&update).unwrap(),
            json!({"name": "New name"})
        );
    }

    #[test]
    fn the_merged_app_keeps_the_code_name_and_takes_the_answers_fields() {
        let answer: App = serde_json::from_value(json!({
            "app_code_name": "ignored", "name": "Renamed", "trusted": "false"
        }))
        .unwrap();
        let after = merged(&app(), &answer);
        assert_eq!(after.app_code_name.as_str(), "diffapp");
        assert_eq!(after.name.as_deref(), Some("Renamed"));
        assert_eq!(after.url_params, Some(vec!["brand_host".to_owned()]));
    }

    #[test]
    fn an_updates_audit_before_differs_from_the_recorded_app_only_in_the_fields_it_sent() {
        // Read before the update: name "Diff app", no OAuth redirect URIs.
        let current = app();
        let update = AppUpdate {
            name: Some("Renamed".into()),
            ..AppUpdate::default()
        };
        // The platform's answer also has a redirect URI someone added meanwhile.
        let recorded = json!({
            "app_code_name": "diffapp", "app_id": "a1", "name": "Renamed",
            "redirect_uri": "https://a.example/", "url_params": ["brand_host"],
            "oauth_redirect_uris": ["https://b.example/cb"]
        });
        let before = audit_before(&current, &update, &recorded).unwrap();
        let mut expected = recorded.clone();
        expected["name"] = json!("Diff app");
        assert_eq!(before, expected, "only the name differs");
    }
}
