//! The main window shows the console's own pages and nothing else: a navigation to any
//! other URL (a link in a platform message, a script gone wrong, a page that tries to
//! load itself in the console's place) is cancelled. The OAuth login windows have their
//! own guard (`oauth_window`); this one leaves them alone.

use tauri::Url;
use tauri::{Manager, Runtime, Webview};

pub const MAIN_WINDOW: &str = "main";

/// The plugin that installs the guard on every webview; it acts on the main one only.
pub fn plugin<R: Runtime>() -> tauri::plugin::TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|webview: &Webview<R>, url: &Url| {
            if webview.label() != MAIN_WINDOW {
                return true;
            }
            let dev_url = webview.config().build.dev_url.clone();
            let allowed = is_console_page(url, tauri::is_dev().then_some(dev_url).flatten().as_ref());
            if !allowed {
                // Origin only: a refused URL's path or query may carry a code or a token.
                tracing::warn!(origin = %url.origin().ascii_serialization(), "the main window refused a navigation away from the console");
            }
            allowed
        })
        .build()
}

/// The console's own pages: its bundled assets (`tauri://localhost`, or
/// `http(s)://tauri.localhost` where custom schemes are served over http), and in a
/// development build the dev server.
fn is_console_page(url: &Url, dev_url: Option<&Url>) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" if url.host_str() == Some("tauri.localhost") => true,
        "about" => url.path() == "blank",
        _ => dev_url.is_some_and(|dev| dev.origin() == url.origin()),
    }
}

#[cfg(test)]
mod tests {
    use super::is_console_page;
    use tauri::Url;

    fn allowed(url: &str, dev: Option<&str>) -> bool {
        let dev = dev.map(|d| Url::parse(d).unwrap());
        is_console_page(&Url::parse(url).unwrap(), dev.as_ref())
    }

    #[test]
    fn only_the_consoles_own_pages_are_allowed() {
        assert!(allowed("tauri://localhost/", None));
        assert!(allowed("tauri://localhost/index.html#apps", None));
        assert!(allowed("http://tauri.localhost/", None));
        assert!(allowed("about:blank", None));
        assert!(!allowed("tauri://evil/", None));
        assert!(!allowed("http://127.0.0.1:8080/", None));
        assert!(!allowed("https://api.vcita.biz/platform/v1/apps", None));
        assert!(!allowed("https://tauri.localhost.evil.example/", None));
        assert!(!allowed("file:///etc/passwd", None));
        assert!(!allowed("about:srcdoc", None));
        assert!(!allowed("javascript:alert(1)", None));
    }

    #[test]
    fn the_dev_server_only_in_a_dev_build() {
        assert!(allowed(
            "http://localhost:1420/",
            Some("http://localhost:1420")
        ));
        assert!(!allowed(
            "http://localhost:1421/",
            Some("http://localhost:1420")
        ));
        assert!(!allowed("http://localhost:1420/", None));
    }
}
