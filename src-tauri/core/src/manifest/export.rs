//! `Console::manifest_export`: the profile's apps as a manifest, every field a person can
//! set that the platform's read returns, in a stable order (apps by code name, fields in
//! `AppInput`'s order), with no secret and nothing the platform computes.

use serde_json::{Map, Value};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::{Manifest, ManifestFormat, MANIFEST_VERSION};
use crate::console::{app_code_name, AppInput, Console, ConsoleError};
use crate::platform::App;

/// Fields written as one comma-separated string but read back as a list.
const LIST_AS_STRING: &[&str] = &["app_screenshot_uris", "app_mobile_screenshot_uris"];

impl AppInput {
    /// What a person would give to make `app` as the platform has it: its settable fields,
    /// as the platform returned them.
    pub fn from_app(app: &App) -> Result<AppInput, ConsoleError> {
        let Ok(Value::Object(read)) = serde_json::to_value(app) else {
            return Ok(AppInput::default());
        };
        let mut kept = Map::new();
        for field in AppInput::FIELDS {
            let Some(value) = read.get(*field).filter(|v| !v.is_null()) else {
                continue;
            };
            let value = match value {
                Value::Array(items) if LIST_AS_STRING.contains(field) => Value::String(
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(","),
                ),
                other => other.clone(),
            };
            kept.insert((*field).to_owned(), value);
        }
        serde_json::from_value(Value::Object(kept)).map_err(|error| {
            ConsoleError::new(
                crate::error::ErrorCode::Decode,
                format!(
                    "App {} could not be exported: a field the platform returned does not fit \
                     the manifest ({error}).",
                    app.app_code_name
                ),
            )
        })
    }
}

impl Console {
    /// The given apps (or, with `all`, every app of the profile's directory) as a manifest.
    pub async fn manifest_export(
        &self,
        apps: &[String],
        all: bool,
    ) -> Result<Manifest, ConsoleError> {
        let (_, client) = self.session().await?;
        let mut codes = Vec::new();
        if all {
            codes.extend(
                client
                    .list_apps()
                    .await?
                    .into_iter()
                    .map(|a| a.app_code_name),
            );
        }
        for app in apps {
            let code = app_code_name(app)?;
            if !codes.contains(&code) {
                codes.push(code);
            }
        }
        if codes.is_empty() {
            return Err(ConsoleError::invalid_input(
                "apps",
                "Name the apps to export, or export them all.",
            ));
        }
        codes.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        let mut inputs = Vec::with_capacity(codes.len());
        for code in codes {
            inputs.push(AppInput::from_app(&client.get_app(&code).await?)?);
        }
        Ok(Manifest {
            version: MANIFEST_VERSION,
            apps: inputs,
        })
    }

    /// [`Console::manifest_export`] as text, with a header saying where it came from.
    pub async fn manifest_export_text(
        &self,
        apps: &[String],
        all: bool,
        format: ManifestFormat,
    ) -> Result<String, ConsoleError> {
        let manifest = self.manifest_export(apps, all).await?;
        let profile = self.active_profile().await?;
        let header = format!(
            "inTandem App Console manifest (version {MANIFEST_VERSION}): {} app(s) exported from \
             profile {} ({}) on {}.\nNo secret is ever exported. Apply it with `intandem plan -f \
             <file>` then `intandem apply -f <file>`.",
            manifest.apps.len(),
            profile.name,
            profile.api_base,
            OffsetDateTime::now_utc()
                .replace_nanosecond(0)
                .ok()
                .and_then(|t| t.format(&Rfc3339).ok())
                .unwrap_or_default()
        );
        manifest.render(format, &header)
    }
}
