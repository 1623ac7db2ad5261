// The one list of the desktop app's commands. Included by build.rs (the names, declared to
// tauri-build so each needs a permission) and by lib.rs, where it generates the
// `#[tauri::command]`s that only call a `Console` method (commands.rs), the handler list,
// and, through `make bindings`, the TypeScript wrappers (ui/src/api/commands.generated.ts)
// and the main window's capability (capabilities/main.json). See CONTRIBUTING.md,
// "Adding a command".
//
// One line per command: `console name(arg: Type, …) -> Result => method(call args);` for a
// command that calls `Console::method` (the arguments keep their names on the JavaScript
// side), or `custom name(arg: Type, …) -> Result;` for one written by hand in commands.rs.

macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            custom console_overview() -> Overview;
            custom store_unlock(passphrase: String) -> Overview;
            custom store_retry_keyring() -> Overview;
            console profiles_list() -> Vec<ProfileView> => profiles_list();
            console profile_add(input: NewProfileInput) -> ProfileView => profile_add(input);
            console profile_use(name: String) -> ProfileView => profile_use(&name);
            console profile_edit(name: String, edit: ProfileEdit) -> ProfileView => profile_edit(&name, edit);
            console profile_remove(name: String) -> RemovedProfile => profile_remove(&name);
            console apps_list() -> AppsListing => apps_list();
            custom apps_cached() -> AppsListing;
            custom apps_painted(page_ms: Option<f64>, script_ms: Option<f64>, marks: Option<String>) -> ();
            console app_show(app: String) -> AppDetails => app_show(&app);
            custom app_create(input: AppInput) -> CreatedAppShown;
            console app_find_created(input: AppInput) -> Option<AppSummary> => app_find_created(input);
            console app_update_preview(app: String, input: AppInput) -> AppUpdateView => app_update_preview(&app, input);
            console app_update(app: String, input: AppInput) -> AppUpdateView => app_update(&app, input);
            console app_credentials(app: String, reveal: bool) -> CredentialsView => app_credentials(&app, reveal);
            console app_credentials_import(app: String, client_id: String, client_secret: Secret) -> CredentialsView => app_credentials_import(&app, &client_id, client_secret);
            console app_credentials_remove(app: String) -> () => app_credentials_remove(&app);
            console app_vocabulary() -> AppVocabulary => app_vocabulary();
            console app_form_check(input: AppInput) -> AppFormCheck => app_form_check(input);
            console redirect_uris_judge(uris: Vec<String>) -> Vec<UriJudgement> => redirect_uris_judge(uris);
            console redirect_uris_list(app: String) -> RedirectUrisView => redirect_uris_list(&app);
            console redirect_uris_preview(app: String, change: RedirectUriChange) -> RedirectUrisDiff => redirect_uris_preview(&app, change);
            console redirect_uris_apply(app: String, change: RedirectUriChange) -> RedirectUrisDiff => redirect_uris_apply(&app, change);
            console tokens_list(app: String) -> AppTokensView => tokens_list(&app);
            custom token_create(app: String) -> CreatedTokenShown;
            console token_revoke(app: String, token_or_tail: String) -> RevokedTokenView => token_revoke(&app, &token_or_tail);
            console audit(app: Option<String>, limit: Option<u32>) -> Vec<AuditEntry> => audit(app.as_deref(), limit);
            console drafts_list(profile: ProfileId) -> Vec<DraftView> => drafts_list(profile);
            console draft_keep(profile: ProfileId, app: String, part: DraftPart, body: Option<String>) -> () => draft_keep(profile, &app, part, body.as_deref());
            console request_log(app: Option<String>, limit: Option<u32>) -> Vec<LoggedCall> => request_log(app.as_deref(), limit);
            custom clipboard_copy_text(text: String) -> ();
            custom clipboard_copy_secret(app: String, secret: SecretToCopy) -> ();
            custom oauth_start(input: OAuthStart) -> OAuthStarted;
            custom oauth_stop(run_id: i64) -> ();
            custom oauth_copy_authorize_url(run_id: i64) -> ();
            custom oauth_paste_redirect(run_id: i64, url: Option<String>) -> ();
            console oauth_runs(app: String, limit: Option<u32>) -> Vec<OAuthRunView> => oauth_runs(&app, limit.unwrap_or(20));
            console oauth_report(run_id: i64) -> OAuthReport => oauth_report(run_id);
            console businesses() -> Vec<BusinessView> => businesses();
            custom launch_start(request: LaunchRequest) -> LaunchStarted;
            custom launch_stop(key: i64) -> ();
            console launches(app: String, limit: Option<u32>) -> Vec<LaunchVerdict> => launches(&app, limit.unwrap_or(20));
            console manifest_export(apps: Vec<String>, all: bool, format: ManifestFormat) -> String => manifest_export_text(&apps, all, format);
            custom manifest_save(text: String, suggested_name: String) -> Option<String>;
            custom manifest_open() -> Option<OpenedManifest>;
            console manifest_plan(text: String, source: String) -> ManifestPlan => manifest_plan_text(&text, &source);
            console manifest_apply(text: String, source: String) -> ManifestApplied => manifest_apply_text(&text, &source);
            console check_app(app: String) -> ChecksReport => check_app(&app);
            custom check_all() -> ChecksReport;
            custom main_window_close() -> ();
        }
    };
}
