//! The apps as the local store has them (painted at once, before the platform answers),
//! and a full sync: the list, then every app's full entity (a directory token's list
//! entries are abridged), a few at a time, into the cache.

use futures_util::stream::{FuturesUnordered, StreamExt};
use serde::Serialize;
use ts_rs::TS;

use super::dto::{AppSummary, AppsListing};
use super::{Console, ConsoleError};
use crate::platform::{AppCodeName, PlatformClient};
use crate::store::AppRecord;

/// How many apps a full sync reads at once by default.
pub const SYNC_CONCURRENCY: usize = 8;

/// What a full sync did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SyncReport {
    pub profile: String,
    pub apps: usize,
    /// Apps whose full entity could not be read (their list entry was kept).
    pub failed: Vec<String>,
    pub concurrency: usize,
    pub elapsed_ms: u64,
}

impl Console {
    /// The current profile's apps as last synced, without asking the platform. Empty
    /// (and `last_synced_at` none) before the first sync.
    pub async fn apps_cached(&self) -> Result<AppsListing, ConsoleError> {
        let profile = self.active_profile().await?;
        let with_credentials = self.credentialed_apps(&profile).await?;
        let cache = self.store.apps_cache();
        let state = cache.sync_state(profile.id).await?;
        let apps = cache
            .list_names(profile.id)
            .await?
            .into_iter()
            .map(|(app_code_name, app_id, name)| AppSummary {
                has_credentials: with_credentials.contains(&app_code_name),
                app_code_name,
                app_id,
                name,
            })
            .collect();
        Ok(AppsListing {
            profile: profile.name,
            apps,
            stale: true,
            last_synced_at: state.last_synced_at,
            sync_error: None,
        })
    }

    /// Reads every app in full, `concurrency` at a time, and keeps them in the cache.
    /// `progress` gets (done, total) after each app.
    pub async fn apps_sync(
        &self,
        concurrency: usize,
        progress: &(dyn Fn(usize, usize) + Send + Sync),
    ) -> Result<SyncReport, ConsoleError> {
        let started = std::time::Instant::now();
        let (profile, client) = self.session().await?;
        let listed = client.list_apps().await?;
        let total = listed.len();
        progress(0, total);
        let mut records = Vec::with_capacity(total);
        let mut failed = Vec::new();
        let mut entries = listed.into_iter();
        let mut in_flight = FuturesUnordered::new();
        let mut done = 0;
        loop {
            while in_flight.len() < concurrency.max(1) {
                let Some(entry) = entries.next() else { break };
                in_flight.push(read_full(&client, entry));
            }
            let Some((entry, full)) = in_flight.next().await else {
                break;
            };
            match full {
                Ok(mut app) => {
                    app.app_id = app.app_id.or(entry.app_id.clone());
                    records.push(AppRecord::from_app(&app));
                }
                Err(_) => {
                    failed.push(entry.app_code_name.to_string());
                    records.push(AppRecord::from_app(&entry));
                }
            }
            done += 1;
            progress(done, total);
        }
        records.sort_by(|a, b| a.app_code_name.cmp(&b.app_code_name));
        self.store
            .apps_cache()
            .replace_all(profile.id, &records)
            .await?;
        Ok(SyncReport {
            profile: profile.name,
            apps: total,
            failed,
            concurrency: concurrency.max(1),
            elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        })
    }
}

/// One app's full entity (retried by the client on 5xx and 429), with its list entry.
async fn read_full(
    client: &PlatformClient,
    entry: crate::platform::App,
) -> (
    crate::platform::App,
    Result<crate::platform::App, ConsoleError>,
) {
    let code: AppCodeName = entry.app_code_name.clone();
    let full = client.get_app(&code).await.map_err(ConsoleError::from);
    (entry, full)
}
