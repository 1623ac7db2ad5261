//! A working day against the strict sandbox with its faults on, as a partner admin and a
//! support agent meet it: unsaved edits survive a tab switch, and closing the window over
//! them asks first; a create whose answer is cut off shows one outcome and cannot be
//! pressed into a duplicate; a wrong credentials pair keeps nothing; the header's profile
//! switcher; the request log; a page that dies with an unsaved edit does not keep the window
//! from closing once it is loaded again, nor when it dies twice in a row; an edit too large
//! to keep for a crash is said so; edits not saved when the console is killed are there when
//! it starts again. (An outage in the checks is in checks.rs.)

use std::path::Path;
use std::time::{Duration, Instant};

use intandem_sandbox::Faults;

use crate::harness::{console_processes, kill_processes, web_processes, App, UI_TIMEOUT};
use crate::oauth::sandbox_admin;

/// The console's window title.
const CONSOLE_WINDOW: &str = "inTandem App Console";

/// A running console with an app's name edited and not saved, shown on another tab.
async fn an_unsaved_name_on_another_tab(passphrase: &str) -> App {
    an_unsaved_name_on_another_tab_in(App::launch().await, passphrase).await
}

/// [`an_unsaved_name_on_another_tab`] in an app already started.
async fn an_unsaved_name_on_another_tab_in(app: App, passphrase: &str) -> App {
    app.unlock_if_asked(passphrase).await;
    app.click("[data-testid^=open-app-]").await;
    app.click("[data-testid=tab-settings]").await;
    app.replace("#edit-name", "Renamed not saved").await;
    app.click("[data-testid=tab-redirect_uris]").await;
    let settings = app
        .wait_for("[data-testid=tab-settings][data-dirty=true]")
        .await;
    assert!(settings.is_displayed().await.unwrap());
    app
}

/// Back on Settings, the edit of [`an_unsaved_name_on_another_tab`] is still there.
async fn assert_the_unsaved_name_is_kept(app: &App) {
    app.click("[data-testid=tab-settings]").await;
    let name = app.wait_for("#edit-name").await;
    assert_eq!(
        name.prop("value").await.unwrap().as_deref(),
        Some("Renamed not saved")
    );
}

#[tokio::test]
async fn an_unsaved_name_survives_a_tab_switch_and_the_tab_says_it_is_unsaved() {
    let app = an_unsaved_name_on_another_tab("e2e passphrase 25").await;
    assert_the_unsaved_name_is_kept(&app).await;
    app.quit().await;
}

#[tokio::test]
async fn closing_the_window_over_an_unsaved_edit_asks_first_and_discard_closes_it() {
    let app = an_unsaved_name_on_another_tab("e2e passphrase 28").await;

    // (The page starts listening for close requests once something is unsaved: one call to
    // the shell, done well within the pause the request starts with.)
    app.ask_window_to_close(CONSOLE_WINDOW).await;
    app.wait_for_text("[data-testid=unsaved-dialog]", "Close without saving?")
        .await;
    app.click("[data-testid=unsaved-dialog-keep]").await;
    // Keep editing keeps the window and the edit.
    assert_the_unsaved_name_is_kept(&app).await;
    assert_eq!(app.windows_titled(CONSOLE_WINDOW).len(), 1);

    app.ask_window_to_close(CONSOLE_WINDOW).await;
    let discard = app.wait_for("[data-testid=unsaved-dialog-discard]").await;
    // The window closes under WebDriver's click, which may then report the window lost.
    let _ = discard.click().await;
    app.wait_for_no_window_titled(CONSOLE_WINDOW, "Discard and close did not close the window")
        .await;
    // The discard reached the store before the console quit.
    let data_dir = app.data_dir.clone();
    drop(app);
    assert_no_kept_edits_at_the_next_start(data_dir, "e2e passphrase 28").await;
}

/// A page that dies with an unsaved edit takes its close guard with it: once the page is
/// loaded again (page_crash.rs) with nothing unsaved, the close button closes the window.
/// (The new page would take the edit back from the store and ask before closing, as it
/// should; here the kept edit is removed from the store behind the page first, as a second
/// console saving it would, so only the dead page's guard could hold the window.)
#[tokio::test]
async fn after_a_page_with_an_unsaved_edit_dies_and_is_loaded_again_the_window_still_closes() {
    const PASSPHRASE: &str = "e2e passphrase 31";
    let app = an_unsaved_name_on_another_tab(PASSPHRASE).await;
    // The guard listens (one call to the shell), and the edit reaches the store (400 ms after
    // the typing), well within this pause.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    forget_kept_edits(&app.data_dir, PASSPHRASE).await;
    let before = web_processes(app.display_name());
    assert!(!before.is_empty(), "the page has a web process");
    kill_processes(&before);
    wait_for_new_web_processes(&app, &before, "loading it again").await;
    // The new page's start (WebDriver's session ended with the old page).
    tokio::time::sleep(Duration::from_secs(2)).await;

    // As a person presses the close button again when a press did nothing: GTK drops a
    // close request now and then (see `ask_window_to_close`). A guard that still held the
    // window would refuse every one.
    for _ in 0..3 {
        app.ask_window_to_close(CONSOLE_WINDOW).await;
        let deadline = Instant::now() + Duration::from_secs(5);
        while !app.windows_titled(CONSOLE_WINDOW).is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        if app.windows_titled(CONSOLE_WINDOW).is_empty() {
            return;
        }
    }
    panic!("the window stayed open after three close requests: the dead page's close guard still held it");
}

/// A page that dies twice in a row with an unsaved edit is not loaded a third time: a
/// notice takes its place (page_crash.rs), the dead page's close guard goes with it, so the
/// window closes, and the edit, kept in the store as it was typed, is offered at the next start.
#[tokio::test]
async fn a_page_that_dies_twice_in_a_row_gives_way_to_a_notice_and_its_unsaved_edit_is_kept() {
    const PASSPHRASE: &str = "e2e passphrase 33";
    // The shell's debug lines say when each page has loaded (see below).
    let data_dir = tempfile::tempdir().unwrap().keep();
    let started =
        App::launch_with_env(data_dir, &[("INTANDEM_LOG", "warn,intandem_console=debug")]).await;
    let app = an_unsaved_name_on_another_tab_in(started, PASSPHRASE).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let first = web_processes(app.display_name());
    kill_processes(&first);
    let second = wait_for_new_web_processes(&app, &first, "loading it again").await;
    // The new page's start (it takes the edit back and guards the close again), within the
    // 5 s after the reload that make a second stop one too many.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    kill_processes(&second);
    wait_for_new_web_processes(&app, &second, "stopped again right after").await;
    // Killed before it has told WebKit its PID, a new web process takes the whole console
    // down with it (WebKitGTK's `readPIDFromPeer` aborts): wait for the notice to be drawn.
    wait_for_output(&app, "url=about:blank", "the notice never loaded").await;
    let notice = web_processes(app.display_name());
    assert!(
        !notice.is_empty() && notice.iter().all(|pid| !second.contains(pid)),
        "a new web process draws the notice: {second:?} then {notice:?}"
    );

    // The notice dying too is the end of it: no reload, no loop, and the window still closes.
    kill_processes(&notice);
    wait_for_output(
        &app,
        "notice page stopped too",
        "no word on the notice's stop",
    )
    .await;
    assert_eq!(app.output_so_far().matches("loading it again").count(), 1);
    app.ask_window_to_close(CONSOLE_WINDOW).await;
    app.wait_for_no_window_titled(
        CONSOLE_WINDOW,
        "the window stayed open: a dead page's close guard held it",
    )
    .await;

    let data_dir = app.data_dir.clone();
    drop(app);
    let app = App::launch_with_data_dir(data_dir).await;
    app.unlock_if_asked(PASSPHRASE).await;
    app.wait_for_text("[data-testid=kept-drafts]", "has unsaved edits (Settings)")
        .await;
    app.quit().await;
}

/// Waits until the app's output says `said`; fails with `what` and the output if it never does.
async fn wait_for_output(app: &App, said: &str, what: &str) {
    let deadline = Instant::now() + UI_TIMEOUT;
    while !app.output_so_far().contains(said) {
        assert!(Instant::now() < deadline, "{what}: {}", app.output_so_far());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until the app's page is drawn by web processes none of which is in `before`, and
/// its output says `said`; returns them.
async fn wait_for_new_web_processes(app: &App, before: &[u32], said: &str) -> Vec<u32> {
    let deadline = Instant::now() + UI_TIMEOUT;
    loop {
        let now = web_processes(app.display_name());
        if !now.is_empty()
            && now.iter().all(|pid| !before.contains(pid))
            && app.output_so_far().contains(said)
        {
            return now;
        }
        assert!(
            Instant::now() < deadline,
            "no new page after {said:?}: {}",
            app.output_so_far()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// An edit the store will not keep (over its 256 KiB) is not silently unprotected: the
/// window says so and why, keeps the edit, and the warning goes once a write lands again.
#[tokio::test]
async fn an_edit_too_large_to_keep_for_a_crash_is_said_so_and_stays_in_the_window() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 34").await;
    app.click("[data-testid^=open-app-]").await;
    app.click("[data-testid=tab-settings]").await;
    app.wait_for("#edit-short-description").await;
    // 300,000 characters, as a paste would bring them (typing them would take minutes).
    app.client
        .execute(
            "const field = document.querySelector('#edit-short-description'); \
             const value = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value'); \
             value.set.call(field, 'x'.repeat(300000)); \
             field.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![],
        )
        .await
        .expect("pasting a long text into the short description");
    let warning = app
        .wait_for_text("[data-testid^=draft-not-kept-]", "not kept for a crash")
        .await;
    assert!(
        warning.contains("more than the 256 KiB the console keeps"),
        "{warning}"
    );
    app.wait_for("[data-testid=tab-settings][data-dirty=true]")
        .await;

    app.replace("#edit-short-description", "Short again").await;
    let deadline = Instant::now() + UI_TIMEOUT;
    while app
        .client
        .find(fantoccini::Locator::Css("[data-testid^=draft-not-kept-]"))
        .await
        .is_ok()
    {
        assert!(
            Instant::now() < deadline,
            "the warning stayed after a write landed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.quit().await;
}

/// Removes, from beside the running console, the unsaved edits its store keeps for the
/// current profile (there must be some: the page sends them as they are typed).
async fn forget_kept_edits(data_dir: &Path, passphrase: &str) {
    use intandem_core::store::{open_with_policy, AccessPolicy, Keyring, StoreAccess};
    let policy = AccessPolicy {
        passphrase: Some(intandem_core::Secret::new(passphrase)),
        ..AccessPolicy::default()
    };
    let StoreAccess::Open(store) = open_with_policy(data_dir, Keyring::os(), policy)
        .await
        .expect("opening the console's store beside it")
    else {
        panic!("the console's store asked for a passphrase it was given");
    };
    let profile = store
        .profiles()
        .current()
        .await
        .unwrap()
        .expect("a current profile");
    let kept = store.drafts().list(profile.id).await.unwrap();
    assert!(!kept.is_empty(), "the page kept no edit in the store");
    for draft in kept {
        store
            .drafts()
            .keep(profile.id, &draft.app_code_name, &draft.part, None)
            .await
            .unwrap();
    }
    store.close().await;
}

/// Edits reach the encrypted store as they are typed, so a console killed over them (a crash,
/// a power cut, `kill -9`) finds them when it starts again: it says which app has them,
/// opens it with the edit in place, and once it is saved nothing comes back.
#[tokio::test]
async fn edits_not_saved_when_the_console_is_killed_are_there_when_it_starts_again() {
    const PASSPHRASE: &str = "e2e passphrase 32";
    let app = an_unsaved_name_on_another_tab(PASSPHRASE).await;
    // The page sends an edit once the typing pauses (400 ms).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let data_dir = app.data_dir.clone();
    let consoles = console_processes(app.display_name());
    assert_eq!(consoles.len(), 1, "one console process: {consoles:?}");
    kill_processes(&consoles);
    drop(app);

    let app = App::launch_with_data_dir(data_dir.clone()).await;
    app.unlock_if_asked(PASSPHRASE).await;
    let notice = app
        .wait_for_text("[data-testid=kept-drafts]", "has unsaved edits (Settings)")
        .await;
    assert!(!notice.contains("could not"), "{notice}");
    app.click("[data-testid^=kept-drafts-open-]").await;
    app.wait_for("[data-testid=tab-settings][data-dirty=true]")
        .await;
    assert_the_unsaved_name_is_kept(&app).await;
    // On the app's own page, its tab says it instead.
    assert!(app
        .client
        .find(fantoccini::Locator::Css("[data-testid=kept-drafts]"))
        .await
        .is_err());

    // Saved as any edit is: the review shows the one change, and the tab is clean after.
    app.click("[data-testid=editor-review]").await;
    app.wait_for_text("[data-testid=editor-diff]", "Renamed not saved")
        .await;
    app.click("[data-testid=editor-save]").await;
    app.wait_for_text("[data-testid=editor-saved]", "1 field")
        .await;
    app.wait_for("[data-testid=tab-settings]:not([data-dirty])")
        .await;
    app.quit().await;
    assert_no_kept_edits_at_the_next_start(data_dir, PASSPHRASE).await;
}

/// Starts the console again on `data_dir`: no edit comes back (none was left unsaved).
async fn assert_no_kept_edits_at_the_next_start(data_dir: std::path::PathBuf, passphrase: &str) {
    let app = App::launch_with_data_dir(data_dir).await;
    app.unlock_if_asked(passphrase).await;
    app.wait_for("[data-testid^=open-app-]").await;
    // Time for the page to ask for kept edits and show any.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        app.client
            .find(fantoccini::Locator::Css("[data-testid=kept-drafts]"))
            .await
            .is_err(),
        "an edit saved or discarded came back: {}",
        app.text_of(".main").await
    );
    app.quit().await;
}

#[tokio::test]
async fn a_create_whose_answer_is_cut_off_shows_one_outcome_and_never_makes_a_second_app() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 26").await;
    app.wait_for("[data-testid^=open-app-]").await;
    let admin = sandbox_admin(&app).await;
    admin.clear_request_log().await.unwrap();
    app.click("[data-testid=new-app]").await;
    app.fill("#create-name", "Cut off app").await;
    app.fill("#create-redirect-uri", "https://cutoff.example.com/app")
        .await;
    // Every second answer about apps is cut in half: the create's (after the list taken
    // before it), so the app is made but its answer, with the secret, is lost.
    admin
        .set_faults(&Faults {
            truncate_every: Some(2),
            paths: vec!["/platform/v1/apps".into()],
            ..Faults::default()
        })
        .await
        .unwrap();
    app.click("[data-testid=create-submit]").await;
    let found = app
        .wait_for_text("[data-testid=create-found]", "It was created")
        .await;
    assert!(found.contains("cutoffapp"), "{found}");
    let page = app.text_of("main").await;
    assert!(
        !page.contains("We don't know"),
        "one outcome, not two at once: {page}"
    );
    if let Ok(create) = app
        .client
        .find(fantoccini::Locator::Css("[data-testid=create-submit]"))
        .await
    {
        assert!(
            !create.is_enabled().await.unwrap(),
            "Create cannot be pressed into a second app"
        );
    }
    app.save_screenshot("e2e-create-answer-lost.png").await;
    admin.clear_faults().await.unwrap();
    let creates = admin
        .request_log()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/platform/v1/apps")
        .count();
    assert_eq!(creates, 1, "one create was sent, never a second");
    app.quit().await;
}

#[tokio::test]
async fn a_credentials_pair_the_platform_refuses_is_not_kept_and_the_switcher_and_log_work() {
    let app = App::launch().await;
    app.unlock_if_asked("e2e passphrase 27").await;
    app.click("[data-testid^=open-app-]").await;
    app.click("[data-testid=tab-credentials]").await;
    app.wait_for("[data-testid=no-credentials]").await;
    app.click("[data-testid=import-credentials]").await;
    app.fill("#import-client-id", "not-a-real-id").await;
    app.fill("#import-client-secret", "nonsense").await;
    app.click("[data-testid=import-form] button[type=submit]")
        .await;
    let error = app
        .wait_for_text("[data-testid=import-form]", "nothing was saved")
        .await;
    assert!(error.contains("refused"), "{error}");
    assert!(
        app.client
            .find(fantoccini::Locator::Css("[data-testid=kept-credentials]"))
            .await
            .is_err(),
        "nothing is kept"
    );

    // The header's profile chip opens the switcher; Escape closes it.
    app.click("[data-testid=current-profile]").await;
    app.wait_for("[data-testid=profile-switcher]").await;
    app.save_screenshot("e2e-profile-switcher.png").await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys("\u{e00c}")
        .await
        .unwrap();

    // The request log shows the refused check of the pair, redacted.
    app.click("nav.sidebar li:last-child button").await;
    let log = app
        .wait_for_text("[data-testid=request-log]", "/oauth/service/token")
        .await;
    assert!(!log.contains("nonsense"), "no secret in the log: {log}");
    app.save_screenshot("e2e-request-log.png").await;
    app.quit().await;
}
