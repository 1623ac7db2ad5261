//! An app's redirect URIs: the main `redirect_uri` (its landing page) and the
//! `oauth_redirect_uris` list, which is what add, remove and replace edit. Every change
//! is validated as a whole list, comes with a diff (added, removed, unchanged) and can be
//! previewed without saving (the editor's "review before saving").

use serde::Deserialize;

use super::dto::{RedirectUriEntry, RedirectUriRole, RedirectUrisDiff, RedirectUrisView};
use super::{app_code_name, Console, ConsoleError};
use crate::platform::{App, AppUpdate, PlatformClient};
use crate::redirect_uri::{validate_list, RedirectUri};
use crate::store::Profile;
use ts_rs::TS;

/// A change to an app's OAuth redirect URIs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "action", content = "uris", rename_all = "snake_case")]
pub enum RedirectUriChange {
    /// Register these too (those already registered are left as they are).
    Add(Vec<String>),
    /// Unregister these (each must be registered).
    Remove(Vec<String>),
    /// Make the list exactly this.
    Replace(Vec<String>),
}

impl Console {
    /// Every redirect URI the authorize page accepts for the app, fresh from the platform.
    pub async fn redirect_uris_list(&self, app: &str) -> Result<RedirectUrisView, ConsoleError> {
        let code = app_code_name(app)?;
        let (_, client) = self.session().await?;
        let app = client.get_app(&code).await?;
        let mut uris: Vec<RedirectUriEntry> = app
            .redirect_uri
            .iter()
            .map(|uri| RedirectUriEntry {
                uri: uri.clone(),
                role: RedirectUriRole::LandingPage,
            })
            .collect();
        uris.extend(
            app.oauth_redirect_uris
                .iter()
                .flatten()
                .map(|uri| RedirectUriEntry {
                    uri: uri.clone(),
                    role: RedirectUriRole::OAuth,
                }),
        );
        Ok(RedirectUrisView {
            app_code_name: code,
            uris,
        })
    }

    /// What the change would do, without saving it.
    pub async fn redirect_uris_preview(
        &self,
        app: &str,
        change: RedirectUriChange,
    ) -> Result<RedirectUrisDiff, ConsoleError> {
        let code = app_code_name(app)?;
        let (_, client) = self.session().await?;
        let current = client.get_app(&code).await?;
        plan(&current, &change)
    }

    /// Validates and saves the change (an audited app update); nothing is sent when it
    /// changes nothing.
    pub async fn redirect_uris_apply(
        &self,
        app: &str,
        change: RedirectUriChange,
    ) -> Result<RedirectUrisDiff, ConsoleError> {
        let code = app_code_name(app)?;
        let (profile, client) = self.session().await?;
        let current = client.get_app(&code).await?;
        let diff = plan(&current, &change)?;
        self.save(&profile, &client, &current, diff)
            .await
            .map(|(_, diff)| diff)
    }

    /// Registers the OAuth redirect URIs of an app just created.
    pub(crate) async fn register_after_create(
        &self,
        profile: &Profile,
        client: &PlatformClient,
        current: &App,
        uris: Vec<String>,
    ) -> Result<(App, RedirectUrisDiff), ConsoleError> {
        let diff = plan(current, &RedirectUriChange::Add(uris))?;
        self.save(profile, client, current, diff).await
    }

    async fn save(
        &self,
        profile: &Profile,
        client: &PlatformClient,
        current: &App,
        mut diff: RedirectUrisDiff,
    ) -> Result<(App, RedirectUrisDiff), ConsoleError> {
        if diff.added.is_empty() && diff.removed.is_empty() {
            return Ok((current.clone(), diff));
        }
        let update = AppUpdate {
            oauth_redirect_uris: Some(diff.oauth_redirect_uris.clone()),
            ..AppUpdate::default()
        };
        let after = self.send_update(profile, client, current, &update).await?;
        diff.applied = true;
        if let Some(saved) = &after.oauth_redirect_uris {
            diff.oauth_redirect_uris = saved.clone();
        }
        Ok((after, diff))
    }
}

/// The list after `change`, checked, and how it differs from the current one.
fn plan(current: &App, change: &RedirectUriChange) -> Result<RedirectUrisDiff, ConsoleError> {
    let before: Vec<String> = current.oauth_redirect_uris.clone().unwrap_or_default();
    let landing = current.redirect_uri.as_deref();
    let mut after = before.clone();
    let named: &[String] = match change {
        RedirectUriChange::Add(uris) => {
            for uri in uris {
                if !after.contains(uri) {
                    after.push(uri.clone());
                }
            }
            uris
        }
        RedirectUriChange::Remove(uris) => {
            for uri in uris {
                if !before.contains(uri) {
                    return Err(not_registered(current, uri, landing));
                }
            }
            after.retain(|uri| !uris.contains(uri));
            uris
        }
        RedirectUriChange::Replace(uris) => {
            after = uris.clone();
            uris
        }
    };
    if named.is_empty() && !matches!(change, RedirectUriChange::Replace(_)) {
        return Err(ConsoleError::invalid_input(
            "redirect_uris",
            "No redirect URI was given: name at least one.",
        ));
    }
    let added: Vec<String> = after
        .iter()
        .filter(|uri| !before.contains(uri))
        .cloned()
        .collect();
    // Entries already on the platform are not judged again; new ones (and duplicates) are.
    if let Err(problems) = validate_list(&after) {
        let told: Vec<String> = problems
            .into_iter()
            .filter(|p| added.contains(&p.text) || named.contains(&p.text))
            .map(|p| p.message)
            .collect();
        if !told.is_empty() {
            return Err(ConsoleError::invalid_input(
                "redirect_uris",
                format!("The redirect URIs cannot be saved: {}.", told.join("; ")),
            ));
        }
    }
    let removed: Vec<String> = before
        .iter()
        .filter(|uri| !after.contains(uri))
        .cloned()
        .collect();
    let unchanged: Vec<String> = before
        .iter()
        .filter(|uri| after.contains(uri))
        .cloned()
        .collect();
    Ok(RedirectUrisDiff {
        app_code_name: current.app_code_name.clone(),
        warnings: near_duplicates(&added, &after, landing),
        added,
        removed,
        unchanged,
        oauth_redirect_uris: after,
        applied: false,
    })
}

fn not_registered(current: &App, uri: &str, landing: Option<&str>) -> ConsoleError {
    if landing == Some(uri) {
        return ConsoleError::invalid_input(
            "redirect_uris",
            format!(
                "{uri} is the app's main redirect URI (its landing page), not one of its OAuth \
                 redirect URIs, so it cannot be removed: change the app's redirect_uri instead."
            ),
        );
    }
    let registered = current
        .oauth_redirect_uris
        .as_ref()
        .filter(|uris| !uris.is_empty())
        .map(|uris| format!("its OAuth redirect URIs are {}", uris.join(", ")))
        .unwrap_or_else(|| "it has no OAuth redirect URIs".to_owned());
    ConsoleError::invalid_input(
        "redirect_uris",
        format!(
            "{uri} is not registered for app {}, so it cannot be removed: {registered}.",
            current.app_code_name
        ),
    )
}

/// New entries a person would read as an existing one (the platform compares strings,
/// so `…/cb` and `…/cb/` are two different redirect URIs to it).
fn near_duplicates(added: &[String], after: &[String], landing: Option<&str>) -> Vec<String> {
    let parsed = |text: &str| RedirectUri::parse(text).ok();
    let mut warnings = Vec::new();
    for new in added.iter().filter_map(|t| parsed(t)) {
        let others = after
            .iter()
            .map(String::as_str)
            .chain(landing)
            .filter(|other| *other != new.as_str())
            .filter_map(parsed);
        for other in others {
            if new.near_duplicate_of(&other) {
                warnings.push(format!(
                    "{new} differs from {other} only by a trailing slash, letter case or default \
                     port: the platform compares redirect URIs exactly, so make sure the app \
                     sends the one you mean."
                ));
            }
        }
    }
    warnings.dedup();
    warnings
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::error::ErrorCode;

    fn app(oauth: &[&str]) -> App {
        serde_json::from_value(json!({
            "app_code_name": "uriapp",
            "redirect_uri": "https://a.example/app",
            "oauth_redirect_uris": oauth,
        }))
        .unwrap()
    }

    fn add(uris: &[&str]) -> RedirectUriChange {
        RedirectUriChange::Add(uris.iter().map(|u| u.to_string()).collect())
    }

    #[test]
    fn adding_reports_what_is_new_and_what_was_already_there() {
        let diff = plan(
            &app(&["https://a.example/cb"]),
            &add(&["https://a.example/cb", "http://127.0.0.1/cb"]),
        )
        .unwrap();
        assert_eq!(diff.added, ["http://127.0.0.1/cb"]);
        assert_eq!(diff.unchanged, ["https://a.example/cb"]);
        assert!(diff.removed.is_empty());
        assert_eq!(
            diff.oauth_redirect_uris,
            ["https://a.example/cb", "http://127.0.0.1/cb"]
        );
        assert!(!diff.applied);
    }

    #[test]
    fn an_invalid_new_uri_is_refused_with_the_reason() {
        let error = plan(&app(&[]), &add(&["http://a.example/cb"])).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(error.message.contains("use https"), "{}", error.message);
    }

    #[test]
    fn removing_an_unregistered_uri_names_the_registered_ones() {
        let change = RedirectUriChange::Remove(vec!["https://a.example/other".into()]);
        let error = plan(&app(&["https://a.example/cb"]), &change).unwrap_err();
        assert!(
            error.message.contains("https://a.example/cb"),
            "{}",
            error.message
        );
        let landing = RedirectUriChange::Remove(vec!["https://a.example/app".into()]);
        let error = plan(&app(&[]), &landing).unwrap_err();
        assert!(error.message.contains("landing page"), "{}", error.message);
    }

    #[test]
    fn replacing_diffs_both_ways_and_flags_a_near_duplicate() {
        let change = RedirectUriChange::Replace(vec![
            "https://a.example/cb/".into(),
            "https://a.example/keep".into(),
        ]);
        let diff = plan(
            &app(&["https://a.example/cb", "https://a.example/keep"]),
            &change,
        )
        .unwrap();
        assert_eq!(diff.added, ["https://a.example/cb/"]);
        assert_eq!(diff.removed, ["https://a.example/cb"]);
        assert_eq!(diff.unchanged, ["https://a.example/keep"]);
        assert!(
            diff.warnings.is_empty(),
            "the near-duplicate is being removed"
        );
        let diff = plan(
            &app(&["https://a.example/cb"]),
            &add(&["https://a.example/cb/"]),
        )
        .unwrap();
        assert_eq!(diff.warnings.len(), 1, "{:?}", diff.warnings);
    }
}
