//! `Console::manifest_apply`: a plan carried out, app by app, through the same create and
//! update the forms use (creates reconciled and never resent blindly, their credentials
//! stored before anything is shown; updates diffed again against a fresh read; each in the
//! audit log). One app failing does not stop the others: the result says exactly what was
//! applied and what was not, and a rerun plans only the rest.
//!
//! Code names are unique across a platform, so a second directory may find the manifest's
//! taken: the platform refuses the create (nothing is made), the app is created with a
//! code name the platform derives from its name, and the mapping is kept for the profile.

use serde::Serialize;
use serde_json::{Map, Value};
use ts_rs::TS;

use super::plan::{ManifestPlan, PlanAction, PlannedApp};
use super::Manifest;
use crate::console::{AppInput, Console, ConsoleError};
use crate::error::ErrorCode;
use crate::secret::ShownSecret;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApplyOutcome {
    Created,
    Updated,
    /// Nothing to do (or not in the manifest).
    Unchanged,
    Failed,
}

/// What became of one app of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppliedApp {
    pub app_code_name: String,
    /// What the platform calls it, when known.
    pub platform_code_name: Option<String>,
    pub action: PlanAction,
    pub outcome: ApplyOutcome,
    /// For a failure: what happened and what to do.
    pub error: Option<ConsoleError>,
    /// For a create: the new client id (its secret is in the store).
    pub client_id: Option<String>,
    /// For a create: whether the store kept the credentials.
    pub secret_saved: Option<bool>,
    /// SECRET, only when the store failed to keep it (`secret_saved` false): the platform
    /// never shows it again, so this is its one chance to be copied.
    #[ts(type = "string | null")]
    pub unsaved_client_secret: Option<ShownSecret>,
    /// What was said along the way (a taken code name, a follow-up that failed…).
    pub notes: Vec<String>,
}

/// The credentials of an app the apply created, for `--credentials-out`. Never serialized;
/// its `Debug` keeps the secret redacted.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCredentials {
    pub app_code_name: String,
    pub client_id: String,
    pub client_secret: ShownSecret,
}

/// A manifest applied.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ManifestApplied {
    pub plan: ManifestPlan,
    pub apps: Vec<AppliedApp>,
    /// Every planned change was made.
    pub complete: bool,
    /// One sentence: how many changes were made, how many failed.
    pub summary: String,
    #[serde(skip)]
    #[ts(skip)]
    pub credentials: Vec<NewCredentials>,
}

/// Whether a refused create says the code name is taken (the platform's wording is not
/// documented beyond "duplicate app_code_names will be rejected").
fn code_name_taken(error: &ConsoleError) -> bool {
    if !matches!(
        error.code,
        ErrorCode::Validation | ErrorCode::Conflict | ErrorCode::InvalidInput
    ) {
        return false;
    }
    let said = format!(
        "{} {}",
        error.message,
        error.vendor_message.as_deref().unwrap_or_default()
    )
    .to_ascii_lowercase();
    said.contains("app_code_name")
        && ["taken", "exist", "unique", "duplicate", "already", "in use"]
            .iter()
            .any(|w| said.contains(w))
}

/// The fields of `input`, as sent, for the profile's record.
fn sent_fields(input: &AppInput) -> Map<String, Value> {
    match serde_json::to_value(input) {
        Ok(Value::Object(mut map)) => {
            map.remove("app_code_name");
            map
        }
        _ => Map::new(),
    }
}

impl Console {
    /// Plans `manifest` again and applies the plan.
    pub async fn manifest_apply(
        &self,
        manifest: &Manifest,
    ) -> Result<ManifestApplied, ConsoleError> {
        let plan = self.manifest_plan(manifest).await?;
        self.manifest_apply_plan(plan).await
    }

    /// Applies a plan made by [`Console::manifest_plan`] (as shown to the user).
    pub async fn manifest_apply_plan(
        &self,
        plan: ManifestPlan,
    ) -> Result<ManifestApplied, ConsoleError> {
        let profile = self.active_profile().await?;
        let mut results = Vec::new();
        let mut credentials = Vec::new();
        for planned in &plan.apps {
            let result = match planned.action {
                PlanAction::Create => {
                    let (result, created) = self.apply_create(profile.id, planned).await;
                    credentials.extend(created);
                    result
                }
                PlanAction::Update => self.apply_update(profile.id, planned).await,
                PlanAction::None | PlanAction::NotInManifest => AppliedApp {
                    app_code_name: planned.app_code_name.clone(),
                    platform_code_name: planned.platform_code_name.clone(),
                    action: planned.action,
                    outcome: ApplyOutcome::Unchanged,
                    error: None,
                    client_id: None,
                    secret_saved: None,
                    unsaved_client_secret: None,
                    notes: Vec::new(),
                },
            };
            results.push(result);
        }
        let planned = plan.changes;
        let failed = results
            .iter()
            .filter(|r| r.outcome == ApplyOutcome::Failed)
            .count();
        let summary = if planned == 0 {
            "Nothing to apply: the platform already matches the manifest.".to_owned()
        } else if failed == 0 {
            format!("Applied all {planned} change(s).")
        } else {
            format!(
                "Applied {} of {planned} change(s); {failed} failed (see each app): fix what they \
                 say, then apply again: only what is left will be done.",
                planned - failed
            )
        };
        Ok(ManifestApplied {
            plan,
            complete: failed == 0,
            apps: results,
            summary,
            credentials,
        })
    }

    async fn apply_create(
        &self,
        profile_id: crate::store::ProfileId,
        planned: &PlannedApp,
    ) -> (AppliedApp, Option<NewCredentials>) {
        let code = planned.app_code_name.clone();
        let mut notes = Vec::new();
        let mut input = planned.input.clone();
        input.app_code_name = Some(code.clone());
        let mut attempt = self.app_create(input.clone()).await;
        if let Err(error) = &attempt {
            if code_name_taken(error) {
                notes.push(format!(
                    "The code name {code} is taken on this platform (code names are unique \
                     across it): the app was created with the code name the platform derived \
                     from its name, and this profile maps {code} to it from now on."
                ));
                input.app_code_name = None;
                attempt = self.app_create(input.clone()).await;
            }
        }
        match attempt {
            Ok(created) => {
                let platform_code = created.app_code_name.to_string();
                if let Err(error) = self
                    .store
                    .manifest_apps()
                    .record(profile_id, &code, &platform_code, &sent_fields(&input))
                    .await
                {
                    notes.push(format!(
                        "The mapping of {code} to {platform_code} could not be kept ({}): a \
                         later plan on this profile may propose creating it again.",
                        error
                    ));
                }
                notes.extend(created.warnings.iter().cloned());
                let credentials = NewCredentials {
                    app_code_name: platform_code.clone(),
                    client_id: created.client_id.clone(),
                    client_secret: created.client_secret.clone(),
                };
                (
                    AppliedApp {
                        app_code_name: code,
                        platform_code_name: Some(platform_code),
                        action: PlanAction::Create,
                        outcome: ApplyOutcome::Created,
                        error: None,
                        client_id: Some(created.client_id.clone()),
                        secret_saved: Some(created.secret_saved),
                        unsaved_client_secret: (!created.secret_saved)
                            .then(|| created.client_secret.clone()),
                        notes,
                    },
                    Some(credentials),
                )
            }
            Err(error) => (
                AppliedApp {
                    app_code_name: code,
                    platform_code_name: None,
                    action: PlanAction::Create,
                    outcome: ApplyOutcome::Failed,
                    error: Some(error),
                    client_id: None,
                    secret_saved: None,
                    unsaved_client_secret: None,
                    notes,
                },
                None,
            ),
        }
    }

    async fn apply_update(
        &self,
        profile_id: crate::store::ProfileId,
        planned: &PlannedApp,
    ) -> AppliedApp {
        let code = planned.app_code_name.clone();
        let platform_code = planned
            .platform_code_name
            .clone()
            .unwrap_or_else(|| code.clone());
        let mut result = AppliedApp {
            app_code_name: code.clone(),
            platform_code_name: Some(platform_code.clone()),
            action: PlanAction::Update,
            outcome: ApplyOutcome::Updated,
            error: None,
            client_id: None,
            secret_saved: None,
            unsaved_client_secret: None,
            notes: Vec::new(),
        };
        match self.app_update(&platform_code, planned.input.clone()).await {
            Ok(view) => {
                if !view.applied {
                    result.outcome = ApplyOutcome::Unchanged;
                    result
                        .notes
                        .push("Nothing differed any more when it was applied.".into());
                }
                let unread: Map<String, Value> = sent_fields(&planned.input)
                    .into_iter()
                    .filter(|(field, _)| planned.unread.contains(field))
                    .collect();
                if let Err(error) = self
                    .store
                    .manifest_apps()
                    .record(profile_id, &code, &platform_code, &unread)
                    .await
                {
                    result.notes.push(format!(
                        "What was applied could not be recorded ({error}): the next plan may \
                         propose sending {} again.",
                        planned.unread.join(", ")
                    ));
                }
            }
            Err(error) => {
                result.outcome = ApplyOutcome::Failed;
                result.error = Some(error);
            }
        }
        result
    }
}
