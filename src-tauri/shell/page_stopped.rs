//! When the main window's web process dies (a WebKit crash, the out-of-memory killer, a
//! `kill`), the window would keep its last picture and answer no click: its page is loaded
//! again instead. The store, the profiles and every saved change live in this process, not
//! in the page; unsaved edits come back from the store, where the page keeps them as they
//! are typed (`draft_keep`). The listeners the dead page registered (its close guard) go
//! with it.
//!
//! A page that dies again within a few seconds of its reload is not loaded a third time (a
//! reload loop helps no one): the window shows a plain page instead that says what
//! happened, that unsaved edits are kept, and offers to load the window again. The window
//! closes as any other; the log says to restart the console.

/// How soon after a reload a second stop counts as "again right away".
#[cfg(target_os = "linux")]
const RELOAD_LOOP_WINDOW: std::time::Duration = std::time::Duration::from_secs(5);

/// Installs the watch on the main window's web process.
pub fn reload_main_page_if_its_process_dies(app: &tauri::AppHandle) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager;
        if let Some(window) = app.get_webview_window("main") {
            let main = window.clone();
            let _ = window.with_webview(move |webview| {
                use std::cell::Cell;
                use std::time::Instant;
                use webkit2gtk::{WebProcessTerminationReason, WebViewExt};
                let last_reload: Cell<Option<Instant>> = Cell::new(None);
                webview
                    .inner()
                    .connect_web_process_terminated(move |view, reason| {
                        if reason == WebProcessTerminationReason::TerminatedByApi {
                            return;
                        }
                        let page = view.uri().map(|uri| uri.to_string()).unwrap_or_default();
                        if page.starts_with("about:") {
                            // The notice below died: nothing is left to save or to show.
                            tracing::error!(?reason, "the window's notice page stopped too; restart the console");
                            return;
                        }
                        // The dead page's event listeners (its close guard among them) would
                        // outlive it in Tauri and keep the window from closing (our Tauri patch).
                        main.as_ref().forget_page_listeners();
                        if last_reload
                            .get()
                            .is_some_and(|at| at.elapsed() < RELOAD_LOOP_WINDOW)
                        {
                            tracing::error!(
                                ?reason,
                                "the window's page stopped again right after it was loaded again; restart the console"
                            );
                            view.load_html(&notice_page(&page), None);
                            return;
                        }
                        tracing::warn!(
                            ?reason,
                            "the window's page stopped (its web process ended); loading it again"
                        );
                        last_reload.set(Some(Instant::now()));
                        view.reload();
                    });
            });
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// The page shown in place of one that stopped twice in a row: no script, its own styles,
/// and a link that loads `page` (the console's page that stopped) again.
fn notice_page(page: &str) -> String {
    NOTICE.replace("{PAGE}", &html_attribute(page))
}

/// `text` safe inside a double-quoted HTML attribute.
fn html_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const NOTICE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>inTandem App Console</title>
<style>
  :root { color-scheme: light dark; }
  body { font-family: sans-serif; font-size: 14px; line-height: 1.5; margin: 48px; max-width: 36em; }
  h1 { font-size: 18px; font-weight: 600; }
  a { display: inline-block; margin-top: 8px; padding: 6px 14px; border-radius: 4px;
      background: #2563eb; color: #fff; text-decoration: none; font-weight: 600; }
  code { font-family: monospace; }
</style>
</head>
<body data-testid="page-stopped">
<h1>The console's window stopped working</h1>
<p>The page that draws this window stopped twice in a row (the WebKit process behind it ended),
so the console did not load it a third time.</p>
<p>Your profiles, your store and everything you saved are safe. Edits you had not saved were kept
as you typed them (all but the last moment's typing, and any the console said it could not keep):
the console offers them again when its window loads.</p>
<p><a href="{PAGE}">Load the window again</a></p>
<p>If it stops again, close the console and start it again. If that does not help either, start
it from a terminal (<code>intandem-console</code>) and keep its log for support.</p>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::notice_page;

    #[test]
    fn the_notice_links_back_to_the_page_that_stopped_and_quotes_it_safely() {
        let notice = notice_page("tauri://localhost/#apps");
        assert!(notice.contains(r#"<a href="tauri://localhost/#apps">Load the window again</a>"#));
        let odd = notice_page(r#"tauri://localhost/?q="><script>x</script>"#);
        assert!(!odd.contains("<script>"), "{odd}");
        assert!(odd.contains("&quot;&gt;&lt;script&gt;"), "{odd}");
    }
}
