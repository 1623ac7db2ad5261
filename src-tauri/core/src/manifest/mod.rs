//! Apps as code: a manifest of apps (TOML or JSON, `version = 1`), exported from a
//! profile's platform, compared with another's (`plan`), and applied to it (`apply`).
//!
//! A manifest's apps are `AppInput`s, the same fields a person gives the create and edit
//! forms, matched to the platform's apps by `app_code_name`. It never holds a secret nor a
//! field the platform computes (`app_id`, `client_id`, timestamps, `app_host`).
//!
//! ```toml
//! version = 1
//!
//! [[apps]]
//! app_code_name = "calendarsync"
//! name = "Calendar Sync"
//! redirect_uri = "https://calendar-sync.example.com/app"
//! oauth_redirect_uris = ["https://calendar-sync.example.com/oauth/callback"]
//! url_params = ["brand_host", "business_uid"]
//! ```
//!
//! Fields the platform's update takes but its read does not return (the reference's PUT
//! lists `app_mobile_screenshot_uris`, `personal_connection`, `app_layer`, `deep_link`,
//! `scopes` and `demand_scopes`, which its GET example lacks) may be written by hand: a
//! plan cannot compare them with the platform, so it compares them with the values this
//! console last applied on the profile, and sends them when they differ.

mod apply;
mod export;
mod plan;

pub use apply::{AppliedApp, ApplyOutcome, ManifestApplied, NewCredentials};
pub use plan::{ManifestPlan, PlanAction, PlannedApp};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::console::{AppInput, Console, ConsoleError};
use crate::platform::AppCodeName;

/// The manifest format this console reads and writes.
pub const MANIFEST_VERSION: u32 = 1;

/// A manifest of apps. `version` is 1; each app needs its `app_code_name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "inTandem App Console manifest")]
pub struct Manifest {
    /// The manifest format's version: 1.
    pub version: u32,
    /// The apps, each matched to the platform's by `app_code_name`.
    #[serde(default)]
    pub apps: Vec<AppInput>,
}

/// How a manifest is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ManifestFormat {
    Toml,
    Json,
}

impl ManifestFormat {
    /// By the file's extension (`.toml`, `.json`), else by its first character.
    pub fn guess(path: Option<&str>, text: &str) -> ManifestFormat {
        let lower = path.unwrap_or_default().to_ascii_lowercase();
        if lower.ends_with(".json") {
            ManifestFormat::Json
        } else if lower.ends_with(".toml") {
            ManifestFormat::Toml
        } else if text.trim_start().starts_with('{') {
            ManifestFormat::Json
        } else {
            ManifestFormat::Toml
        }
    }
}

fn refused(message: String) -> ConsoleError {
    ConsoleError::invalid_input("manifest", message)
}

/// 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

impl Manifest {
    /// Reads a manifest. `source` names it in errors (a file name, "the manifest"): a
    /// syntax or schema error says where (line and column), an unknown field is named,
    /// and another format version is refused with the version found.
    pub fn parse(
        text: &str,
        format: ManifestFormat,
        source: &str,
    ) -> Result<Manifest, ConsoleError> {
        let loose: Value = match format {
            ManifestFormat::Json => {
                serde_json::from_str(text).map_err(|e| json_error(source, &e))?
            }
            ManifestFormat::Toml => {
                let table: toml::Table =
                    toml::from_str(text).map_err(|e| toml_error(source, text, &e))?;
                serde_json::to_value(table).map_err(|e| refused(format!("{source}: {e}")))?
            }
        };
        match loose.get("version") {
            Some(Value::Number(n)) if n.as_u64() == Some(u64::from(MANIFEST_VERSION)) => {}
            Some(found) => {
                return Err(refused(format!(
                    "{source} is a version {found} manifest; this console reads version \
                     {MANIFEST_VERSION} manifests: export it again with this console, or use \
                     the console that wrote it."
                )))
            }
            None => {
                return Err(refused(format!(
                    "{source} has no version: a manifest starts with `version = \
                     {MANIFEST_VERSION}` (TOML) or `\"version\": {MANIFEST_VERSION}` (JSON)."
                )))
            }
        }
        let manifest: Manifest = match format {
            ManifestFormat::Json => {
                serde_json::from_str(text).map_err(|e| json_error(source, &e))?
            }
            ManifestFormat::Toml => {
                toml::from_str(text).map_err(|e| toml_error(source, text, &e))?
            }
        };
        manifest.check(source)?;
        Ok(manifest)
    }

    /// Every app has a valid code name, given once.
    fn check(&self, source: &str) -> Result<(), ConsoleError> {
        let mut seen = std::collections::HashSet::new();
        for (index, app) in self.apps.iter().enumerate() {
            let Some(code) = app
                .app_code_name
                .as_deref()
                .filter(|c| !c.trim().is_empty())
            else {
                return Err(refused(format!(
                    "{source}: app {} ({}) has no app_code_name: a manifest's apps are matched \
                     to the platform's by code name, so each needs one.",
                    index + 1,
                    app.name.as_deref().unwrap_or("unnamed")
                )));
            };
            AppCodeName::new(code)
                .map_err(|e| refused(format!("{source}: app {}: {}", index + 1, e.message)))?;
            if !seen.insert(code.to_owned()) {
                return Err(refused(format!(
                    "{source}: app_code_name {code:?} is given twice: each app once."
                )));
            }
        }
        Ok(())
    }

    /// The manifest as text: TOML with a header comment, or pretty JSON.
    pub fn render(&self, format: ManifestFormat, header: &str) -> Result<String, ConsoleError> {
        let internal = |e: String| {
            ConsoleError::new(
                crate::error::ErrorCode::Internal,
                format!("The manifest could not be written: {e}."),
            )
        };
        match format {
            ManifestFormat::Json => serde_json::to_string_pretty(self)
                .map(|text| text + "\n")
                .map_err(|e| internal(e.to_string())),
            ManifestFormat::Toml => {
                let body = toml::to_string_pretty(self).map_err(|e| internal(e.to_string()))?;
                let comment: String = header.lines().map(|l| format!("# {l}\n")).collect();
                Ok(format!("{comment}\n{body}"))
            }
        }
    }

    /// The manifest's JSON Schema (committed as `schemas/app-manifest.v1.schema.json`).
    pub fn json_schema() -> Value {
        serde_json::to_value(schemars::schema_for!(Manifest)).unwrap_or(Value::Null)
    }
}

impl Console {
    /// [`Console::manifest_plan`] of a manifest's text; `source` (its file name) names it
    /// in errors and, by its extension, says whether it is TOML or JSON.
    pub async fn manifest_plan_text(
        &self,
        text: &str,
        source: &str,
    ) -> Result<ManifestPlan, ConsoleError> {
        let format = ManifestFormat::guess(Some(source), text);
        self.manifest_plan(&Manifest::parse(text, format, source)?)
            .await
    }

    /// [`Console::manifest_apply`] of a manifest's text (see [`Console::manifest_plan_text`]).
    pub async fn manifest_apply_text(
        &self,
        text: &str,
        source: &str,
    ) -> Result<ManifestApplied, ConsoleError> {
        let format = ManifestFormat::guess(Some(source), text);
        self.manifest_apply(&Manifest::parse(text, format, source)?)
            .await
    }
}

fn json_error(source: &str, error: &serde_json::Error) -> ConsoleError {
    refused(format!(
        "{source}:{}:{}: {}",
        error.line(),
        error.column(),
        json_message(error)
    ))
}

/// serde_json's message without its trailing " at line L column C".
fn json_message(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn toml_error(source: &str, text: &str, error: &toml::de::Error) -> ConsoleError {
    let message = error.message().trim_end_matches('\n').to_owned();
    match error.span() {
        Some(span) => {
            let (line, column) = line_column(text, span.start);
            refused(format!("{source}:{line}:{column}: {message}"))
        }
        None => refused(format!("{source}: {message}")),
    }
}

#[cfg(test)]
mod tests;
