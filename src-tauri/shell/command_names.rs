// Included by build.rs and by lib.rs: one list of the app's commands.

/// Every `#[tauri::command]` the shell registers. A command missing here is refused at run time.
pub const COMMANDS: &[&str] = &[
    "console_overview",
    "store_unlock",
    "profiles_list",
    "profile_add",
    "profile_use",
    "profile_remove",
    "apps_list",
    "app_show",
    "app_create",
    "app_update_preview",
    "app_update",
    "app_credentials",
    "app_credentials_import",
    "redirect_uris_list",
    "redirect_uris_preview",
    "redirect_uris_apply",
    "tokens_list",
    "token_create",
    "token_revoke",
    "audit",
    "clipboard_copy_text",
    "clipboard_copy_secret",
];
