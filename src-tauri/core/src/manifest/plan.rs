//! `Console::manifest_plan`: what applying a manifest to the profile's platform would do,
//! app by app: create it, update these fields (the same diff the editor shows), nothing,
//! or (for the platform's apps the manifest does not name) nothing either, listed. Nothing
//! is ever deleted. What cannot be changed (`trusted` after creation, create-only fields)
//! is said and left out; redirect URIs on this computer are flagged on a remote platform.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;
use url::Url;

use super::Manifest;
use crate::console::dto::FieldChange;
use crate::console::{AppInput, Console, ConsoleError};
use crate::platform::App;
use crate::store::ManifestApp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanAction {
    Create,
    Update,
    None,
    /// On the platform, not in the manifest: listed, never deleted.
    NotInManifest,
}

/// One app of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlannedApp {
    /// The manifest's code name (the platform's, for `not_in_manifest`).
    pub app_code_name: String,
    /// What this profile's platform calls it, when it differs or is known.
    pub platform_code_name: Option<String>,
    pub action: PlanAction,
    /// For an update, the fields that change; for a create, every field given.
    pub changes: Vec<FieldChange>,
    /// What the plan leaves out or cannot compare, said plainly.
    pub notes: Vec<String>,
    /// What is probably a mistake (a redirect URI on this computer, on a remote platform).
    pub warnings: Vec<String>,
    /// What apply sends.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) input: AppInput,
    /// Fields sent without a comparison with the platform (it does not return them).
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) unread: Vec<String>,
}

/// A manifest compared with the profile's platform.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ManifestPlan {
    pub profile: String,
    pub api_base: String,
    pub apps: Vec<PlannedApp>,
    /// How many apps would be created or updated.
    pub changes: usize,
}

impl ManifestPlan {
    pub fn has_changes(&self) -> bool {
        self.changes > 0
    }
}

/// Create-only fields: the platform's update does not take them.
const CREATE_ONLY: &[&str] = &["payment_data", "open_channel"];

fn without(input: &AppInput, fields: &[&str]) -> AppInput {
    let Ok(Value::Object(mut map)) = serde_json::to_value(input) else {
        return input.clone();
    };
    for field in fields {
        map.remove(*field);
    }
    serde_json::from_value(Value::Object(map)).unwrap_or_else(|_| input.clone())
}

fn given(input: &AppInput) -> Map<String, Value> {
    match serde_json::to_value(input) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

fn is_loopback(uri: &str) -> bool {
    Url::parse(uri).ok().is_some_and(|url| match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    })
}

/// Redirect URIs on this computer, in a manifest applied to a platform that is not.
fn promotion_warnings(profile: &str, input: &AppInput) -> Vec<String> {
    input
        .redirect_uri
        .iter()
        .chain(input.oauth_redirect_uris.iter().flatten())
        .filter(|uri| is_loopback(uri))
        .map(|uri| {
            format!(
                "{uri} is on this computer: probably not meant for {profile} (a sandbox or \
                 development redirect URI); leave it out of this profile's manifest."
            )
        })
        .collect()
}

impl Console {
    /// Compares `manifest` with the profile's platform.
    pub async fn manifest_plan(&self, manifest: &Manifest) -> Result<ManifestPlan, ConsoleError> {
        let (profile, client) = self.session().await?;
        let known: HashMap<String, ManifestApp> = self
            .store
            .manifest_apps()
            .list(profile.id)
            .await?
            .into_iter()
            .map(|m| (m.manifest_code_name.clone(), m))
            .collect();
        let listed: Vec<String> = client
            .list_apps()
            .await?
            .into_iter()
            .map(|a| a.app_code_name.to_string())
            .collect();
        let remote = !is_loopback(profile.api_base.as_str());
        let mut planned = Vec::new();
        let mut matched = HashSet::new();
        for input in &manifest.apps {
            let code = input.app_code_name.clone().unwrap_or_default();
            let mapped = known.get(&code);
            let platform_code = mapped.map_or(code.clone(), |m| m.platform_code_name.clone());
            let mut app = if listed.contains(&platform_code) {
                matched.insert(platform_code.clone());
                let current = client
                    .get_app(&crate::console::app_code_name(&platform_code)?)
                    .await?;
                plan_update(&code, &platform_code, input, &current, mapped)?
            } else {
                plan_create(&code, input, mapped)?
            };
            if remote {
                app.warnings
                    .extend(promotion_warnings(&profile.name, input));
            }
            planned.push(app);
        }
        for code in listed.iter().filter(|c| !matched.contains(*c)) {
            planned.push(PlannedApp {
                app_code_name: code.clone(),
                platform_code_name: None,
                action: PlanAction::NotInManifest,
                changes: Vec::new(),
                notes: vec!["On the platform but not in the manifest: left as it is.".into()],
                warnings: Vec::new(),
                input: AppInput::default(),
                unread: Vec::new(),
            });
        }
        let changes = planned
            .iter()
            .filter(|a| matches!(a.action, PlanAction::Create | PlanAction::Update))
            .count();
        Ok(ManifestPlan {
            profile: profile.name,
            api_base: profile.api_base.to_string(),
            apps: planned,
            changes,
        })
    }
}

fn plan_create(
    code: &str,
    input: &AppInput,
    mapped: Option<&ManifestApp>,
) -> Result<PlannedApp, ConsoleError> {
    input.clone().for_create().map_err(|e| {
        let message = format!("App {code}: {}", e.message);
        e.with_message(message)
    })?;
    let mut notes = Vec::new();
    if let Some(m) = mapped.filter(|m| m.platform_code_name != code) {
        notes.push(format!(
            "Applied before on this profile as {}, which the platform no longer lists: it \
             will be created again.",
            m.platform_code_name
        ));
    }
    let changes = given(input)
        .into_iter()
        .map(|(field, after)| FieldChange {
            field,
            before: Value::Null,
            after,
        })
        .collect();
    Ok(PlannedApp {
        app_code_name: code.to_owned(),
        platform_code_name: None,
        action: PlanAction::Create,
        changes,
        notes,
        warnings: Vec::new(),
        input: input.clone(),
        unread: Vec::new(),
    })
}

fn plan_update(
    code: &str,
    platform_code: &str,
    input: &AppInput,
    current: &App,
    mapped: Option<&ManifestApp>,
) -> Result<PlannedApp, ConsoleError> {
    let mut notes = Vec::new();
    let mut drop: Vec<&str> = vec!["app_code_name"];
    if platform_code != code {
        notes.push(format!(
            "The platform calls it {platform_code} (its code name {code} was taken when it was \
             created on this profile)."
        ));
    }
    if let Some(wanted) = input.trusted {
        if wanted != current.is_trusted() {
            notes.push(format!(
                "trusted cannot change after an app is created (the platform has {}, the \
                 manifest {wanted}): left as it is.",
                current.is_trusted()
            ));
        }
        drop.push("trusted");
    }
    for field in CREATE_ONLY {
        if given(input).contains_key(*field) {
            notes.push(format!(
                "{field} is set only when an app is created: not sent to an existing app."
            ));
            drop.push(field);
        }
    }
    // Fields the platform's read does not return: compared with what was last applied.
    let read = match serde_json::to_value(current) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let applied = mapped.map(|m| &m.applied);
    let mut unread = Vec::new();
    for (field, value) in given(input) {
        if drop.contains(&field.as_str()) || read.get(&field).is_some_and(|v| !v.is_null()) {
            continue;
        }
        if applied.and_then(|a| a.get(&field)) == Some(&value) {
            let field: &'static str = AppInput::FIELDS
                .iter()
                .find(|f| **f == field)
                .copied()
                .unwrap_or("app_code_name");
            drop.push(field);
        } else {
            unread.push(field);
        }
    }
    let sent = without(input, &drop);
    let (_, mut changes) = crate::console::plan_update(current, &sent).map_err(|e| {
        let message = format!("App {code}: {}", e.message);
        e.with_message(message)
    })?;
    for change in &mut changes {
        if unread.contains(&change.field) {
            notes.push(format!(
                "{} is not returned by the platform's read, so it is sent without a \
                 comparison (it differs from what this console last applied).",
                change.field
            ));
        }
    }
    Ok(PlannedApp {
        app_code_name: code.to_owned(),
        platform_code_name: Some(platform_code.to_owned()),
        action: if changes.is_empty() {
            PlanAction::None
        } else {
            PlanAction::Update
        },
        changes,
        notes,
        warnings: Vec::new(),
        input: sent,
        unread,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_redirect_uris_are_flagged_for_a_remote_platform_and_others_are_not() {
        let input = AppInput {
            redirect_uri: Some("https://app.example.com/app".into()),
            oauth_redirect_uris: Some(vec![
                "http://127.0.0.1:4567/callback".into(),
                "http://localhost:3000/cb".into(),
                "http://[::1]:8080/cb".into(),
                "https://app.example.com/cb".into(),
            ]),
            ..AppInput::default()
        };
        let warnings = promotion_warnings("Production", &input);
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(warnings[0].starts_with("http://127.0.0.1:4567/callback is on this computer"));
        assert!(warnings[0].contains("Production"));
        assert!(is_loopback("http://127.0.0.2/"));
        assert!(!is_loopback("https://api.vcita.biz"));
    }
}
