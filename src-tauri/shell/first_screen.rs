//! The first screen's data, inside the page that draws it. When WebKit asks for
//! `index.html`, the shell waits (briefly) for its start-up, then serves the page with
//! the overview and the first rows of the cached apps list in a JSON data block
//! (`<script type="application/json" id="first-screen">`), so the page's small boot script
//! (ui/src/boot) paints the list before the app's bundle has even loaded, without a round
//! trip over IPC. The app then takes over the same screen (ui/src/main.tsx). On a first
//! run the built-in Sandbox's list is read for it (see `first_listing`).
//!
//! Nothing here is secret: it is what the page would ask for first over IPC. The block
//! is inert data (never run, so the CSP is unchanged), and every `<` in it is escaped, so
//! no app name can end it early.

use std::borrow::Cow;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use intandem_core::console::dto::{AppSummary, AppsListing};
use intandem_core::console::Console;
use intandem_core::store::ProfileKind;
use serde::Serialize;
use tauri::async_runtime::JoinHandle;
use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};
use tauri::{App, AppHandle, Assets, Manager, Wry};
use time::OffsetDateTime;
use ts_rs::TS;

use crate::state::{ConsoleState, Overview};

/// How long serving the page may wait for the start-up (the store and the sandbox, and on
/// a first run the Sandbox's list). The
/// page's first screen waits for the start-up either way (over IPC otherwise); waiting here
/// only gives up loading its scripts meanwhile. A slower start-up (a keyring that takes its
/// time) gets the page without the data, which then asks over IPC as before.
const WAIT_FOR_START: Duration = Duration::from_millis(300);

/// How many rows the page gets: more than a 2,000-pixel-high list shows at once. The rest
/// comes over IPC once the list is painted (a 10,000-app list is ~1.5 MB of JSON).
const FIRST_ROWS: usize = 60;

/// What the first screen draws.
#[derive(Serialize, TS)]
pub struct FirstScreen {
    pub overview: Overview,
    /// The current profile's cached apps, when the store is open and a profile is chosen.
    pub apps: Option<FirstApps>,
}

/// The first rows of the current profile's cached apps list, in its first order (by name,
/// as ui/src/features/apps/order.ts sorts), and what the list says about all of them.
#[derive(Serialize, TS)]
pub struct FirstApps {
    pub profile: String,
    #[serde(with = "time::serde::rfc3339::option")]
    #[ts(type = "string | null")]
    pub last_synced_at: Option<OffsetDateTime>,
    /// How many apps are cached.
    pub total: u32,
    /// How many of them have their client secret kept in this console.
    pub with_credentials: u32,
    pub rows: Vec<AppSummary>,
}

/// The overview and the first rows, as the page's first two IPC calls would answer them.
async fn first_screen(app: &AppHandle) -> FirstScreen {
    let state = app.state::<ConsoleState>();
    let overview = state.overview().await;
    let apps = match (state.console().await, &overview.current_profile) {
        (Ok(console), Some(profile)) => {
            first_listing(&console, profile.kind)
                .await
                .map(|listing| FirstApps {
                    profile: listing.profile,
                    last_synced_at: listing.last_synced_at,
                    total: u32::try_from(listing.apps.len()).unwrap_or(u32::MAX),
                    with_credentials: listing.apps.iter().filter(|a| a.has_credentials).count()
                        as u32,
                    rows: first_rows(listing.apps, FIRST_ROWS),
                })
        }
        _ => None,
    };
    FirstScreen { overview, apps }
}

/// The list the first screen shows: the cached one, except on a first run. There the
/// current profile is the built-in Sandbox, in this process, and its list has never been
/// read: it is read now (the call the app would make next, a few milliseconds over
/// loopback), so a new user's first screen shows the demo apps at once instead of an empty
/// list that fills a round trip later. Any error leaves the (empty) cached list, and the
/// app asks again itself.
async fn first_listing(console: &Console, kind: ProfileKind) -> Option<AppsListing> {
    let cached = console.apps_cached().await.ok()?;
    if kind != ProfileKind::Sandbox || cached.last_synced_at.is_some() {
        return Some(cached);
    }
    match console.apps_list().await {
        Ok(listing) => {
            crate::bench_ready::mark("first-screen-synced");
            Some(listing)
        }
        Err(error) => {
            tracing::info!(code = ?error.code, "the first screen shows the list unsynced");
            Some(cached)
        }
    }
}

/// The first `count` apps by name (lower-cased), then code name: the list's first order.
/// (Rust compares code points and JavaScript UTF-16 units; they differ only between
/// characters above U+FFFF and U+E000–U+FFFF, and the app redraws the list anyway.)
fn first_rows(apps: Vec<AppSummary>, count: usize) -> Vec<AppSummary> {
    let mut keyed: Vec<(String, AppSummary)> = apps
        .into_iter()
        .map(|app| (app.name.as_deref().unwrap_or("").to_lowercase(), app))
        .collect();
    let by_name = |a: &(String, AppSummary), b: &(String, AppSummary)| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.app_code_name.as_str().cmp(b.1.app_code_name.as_str()))
    };
    if keyed.len() > count {
        keyed.select_nth_unstable_by(count, by_name);
        keyed.truncate(count);
    }
    keyed.sort_by(by_name);
    keyed.into_iter().map(|(_, app)| app).collect()
}

/// `html` with `data` as the first screen's data block, at the end of its `<head>`.
/// Every `<` in the JSON is written `\u003c` (same string once parsed), so nothing in it
/// can close the block or open a comment.
fn embed(html: &str, data: &impl Serialize) -> Option<String> {
    let json = serde_json::to_string(data).ok()?.replace('<', "\\u003c");
    let at = html.find("</head>")?;
    let mut page = String::with_capacity(html.len() + json.len() + 64);
    page.push_str(&html[..at]);
    page.push_str(r#"<script type="application/json" id="first-screen">"#);
    page.push_str(&json);
    page.push_str("</script>");
    page.push_str(&html[at..]);
    Some(page)
}

/// The app's bundled assets, with the first screen's data added to `index.html`.
pub struct WithFirstScreen {
    bundled: Box<dyn Assets<Wry>>,
    app: OnceLock<AppHandle>,
    /// The first page's data, gathered from the end of the start-up on, while WebKit
    /// starts (a reload gathers it anew).
    prepared: Mutex<Option<JoinHandle<FirstScreen>>>,
}

/// Wraps the context's assets (call before building the app).
pub fn install(context: &mut tauri::Context<Wry>) {
    let bundled = context.set_assets(Box::new(NoAssets));
    context.set_assets(Box::new(WithFirstScreen {
        bundled,
        app: OnceLock::new(),
        prepared: Mutex::new(None),
    }));
}

impl Assets<Wry> for WithFirstScreen {
    fn setup(&self, app: &App<Wry>) {
        self.bundled.setup(app);
        let handle = app.handle().clone();
        let prepare = handle.clone();
        let task = tauri::async_runtime::spawn(async move {
            let data = first_screen(&prepare).await;
            crate::bench_ready::mark("first-screen-ready");
            data
        });
        *self.prepared.lock().unwrap_or_else(|e| e.into_inner()) = Some(task);
        let _ = self.app.set(handle);
    }

    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        let bytes = self.bundled.get(key)?;
        let Some(app) = self.app.get().filter(|_| key.as_ref() == "/index.html") else {
            return Some(bytes);
        };
        crate::bench_ready::mark("html-asked");
        // The data gathered since the start-up (once: a reload gathers it anew).
        let prepared = self
            .prepared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        // Tauri serves its protocol from a Tokio worker: let the others run the start-up.
        let data = tokio::task::block_in_place(|| {
            tauri::async_runtime::block_on(async {
                match prepared {
                    Some(task) => tokio::time::timeout(WAIT_FOR_START, task).await.ok()?.ok(),
                    None => tokio::time::timeout(WAIT_FOR_START, first_screen(app))
                        .await
                        .ok(),
                }
            })
        });
        let page = data.and_then(|data| embed(std::str::from_utf8(&bytes).ok()?, &data));
        crate::bench_ready::mark("html-served");
        if page.is_none() {
            tracing::info!("the page is served without its first screen (start-up still running)");
        }
        Some(page.map_or(bytes, |page| Cow::Owned(page.into_bytes())))
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        self.bundled.iter()
    }

    fn csp_hashes(&self, html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        self.bundled.csp_hashes(html_path)
    }
}

/// A placeholder while the bundled assets are moved into the wrapper.
struct NoAssets;

impl Assets<Wry> for NoAssets {
    fn get(&self, _key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        None
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::empty())
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use intandem_core::platform::models::AppCodeName;

    fn app(code: &str, name: Option<&str>) -> AppSummary {
        AppSummary {
            app_code_name: AppCodeName::new(code).unwrap(),
            app_id: None,
            name: name.map(str::to_owned),
            has_credentials: false,
        }
    }

    fn codes(apps: &[AppSummary]) -> Vec<&str> {
        apps.iter().map(|a| a.app_code_name.as_str()).collect()
    }

    #[test]
    fn the_first_rows_are_the_first_by_lower_cased_name_then_code_name() {
        let apps = vec![
            app("zed", Some("zeta")),
            app("bee", Some("Beta")),
            app("nameless", None),
            app("alpha2", Some("alpha")),
            app("alpha1", Some("ALPHA")),
            app("gam", Some("gamma")),
        ];
        assert_eq!(
            codes(&first_rows(apps.clone(), 10)),
            ["nameless", "alpha1", "alpha2", "bee", "gam", "zed"]
        );
        assert_eq!(
            codes(&first_rows(apps, 3)),
            ["nameless", "alpha1", "alpha2"]
        );
    }

    #[test]
    fn the_block_goes_at_the_end_of_the_head_and_no_name_can_close_it() {
        let html = "<html><head><title>t</title></head><body><div id=\"root\"></div></body></html>";
        let hostile = serde_json::json!({ "name": "</script><script>alert(1)</script><!--" });
        let page = embed(html, &hostile).unwrap();
        let start = page
            .find(r#"<script type="application/json" id="first-screen">"#)
            .unwrap();
        assert!(start > page.find("<title>").unwrap());
        let block_end = page[start..].find("</script>").unwrap() + start;
        assert_eq!(
            &page[block_end..],
            "</script></head><body><div id=\"root\"></div></body></html>"
        );
        let json =
            &page[start + r#"<script type="application/json" id="first-screen">"#.len()..block_end];
        assert!(!json.contains('<'));
        let parsed: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(parsed, hostile);
    }

    #[test]
    fn a_page_without_a_head_is_served_as_it_is() {
        assert_eq!(embed("<p>no head</p>", &serde_json::json!({})), None);
    }
}
