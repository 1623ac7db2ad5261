//! Unsaved edits kept outside the page: the page sends each app part's draft as the person
//! edits (and `None` once it is saved or discarded), and asks for them when it starts. The
//! store keeps them encrypted, so neither a dead web process nor a killed console loses an
//! edit. Drafts are per profile, which the page names by id (it stays when a profile is
//! renamed): a discard sent just before a profile switch must not land on the next one.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::{app_code_name, Console, ConsoleError};
use crate::store::ProfileId;

/// The largest draft kept, as JSON text: far above any form (an app's settings are a few
/// KiB), so only a page gone wrong reaches it.
pub const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// The parts of an app a person edits and saves separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DraftPart {
    Settings,
    RedirectUris,
}

impl DraftPart {
    fn as_str(self) -> &'static str {
        match self {
            DraftPart::Settings => "settings",
            DraftPart::RedirectUris => "redirect_uris",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        match text {
            "settings" => Some(DraftPart::Settings),
            "redirect_uris" => Some(DraftPart::RedirectUris),
            _ => None,
        }
    }
}

/// An unsaved edit as the page sent it last.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DraftView {
    pub app: String,
    pub part: DraftPart,
    /// The page's own draft, returned as it was sent.
    pub body: Value,
}

impl Console {
    /// The unsaved edits kept for `profile`, by app and part (none for an unknown profile).
    pub async fn drafts_list(&self, profile: ProfileId) -> Result<Vec<DraftView>, ConsoleError> {
        let stored = self.store.drafts().list(profile).await?;
        Ok(stored
            .into_iter()
            // A part this version does not know (written by a newer one) is left alone.
            .filter_map(|draft| {
                Some(DraftView {
                    part: DraftPart::parse(&draft.part)?,
                    app: draft.app_code_name,
                    body: draft.body,
                })
            })
            .collect())
    }

    /// Keeps `body` (JSON text) as the unsaved edit of `app`'s `part` in `profile`, or
    /// forgets it when `body` is `None` (saved or discarded). A profile that does not
    /// exist (removed meanwhile) keeps nothing: the store refuses the row.
    pub async fn draft_keep(
        &self,
        profile: ProfileId,
        app: &str,
        part: DraftPart,
        body: Option<&str>,
    ) -> Result<(), ConsoleError> {
        let app = app_code_name(app)?;
        let body = body.map(parse_body).transpose()?;
        self.store
            .drafts()
            .keep(profile, app.as_str(), part.as_str(), body.as_ref())
            .await?;
        Ok(())
    }
}

fn parse_body(text: &str) -> Result<Value, ConsoleError> {
    if text.len() > MAX_DRAFT_BYTES {
        return Err(ConsoleError::invalid_input(
            "body",
            format!(
                "This unsaved edit is {} KiB, more than the {} KiB the console keeps.",
                text.len() / 1024,
                MAX_DRAFT_BYTES / 1024
            ),
        ));
    }
    serde_json::from_str(text).map_err(|error| {
        ConsoleError::invalid_input("body", format!("The unsaved edit is not JSON: {error}."))
    })
}
