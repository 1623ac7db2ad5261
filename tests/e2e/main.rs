//! End-to-end tests of the desktop app: the real binary, the real WebKit engine,
//! driven through tauri-driver + WebKitWebDriver under Xvfb.

mod harness;

mod apps;
mod checks;
mod frame;
mod launch;
mod manifest;
mod oauth;
mod page_crash;
mod profiles;
mod security;
mod theme;
mod working_day;
