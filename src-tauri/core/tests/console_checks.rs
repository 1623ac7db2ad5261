//! App setup checks against the sandbox, with apps set up to fail each check the
//! platform lets an app fail (the rules the platform enforces itself are covered by the
//! unit tests of `checks::rules`).

mod console_support;

use console_support::*;
use intandem_core::checks::Severity;
use intandem_core::console::{AppInput, ChecksReport};
use intandem_core::Secret;
use intandem_sandbox::drive_consent;

fn severity(report: &ChecksReport, app: &str, id: &str) -> Severity {
    report
        .apps
        .iter()
        .find(|a| a.app_code_name == app)
        .unwrap_or_else(|| panic!("no checks for {app}"))
        .checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no check {id} for {app}"))
        .severity
}

fn assert_no_secret(report: &ChecksReport, secrets: &[&str]) {
    let json = serde_json::to_string(report).unwrap();
    for secret in secrets {
        assert!(!json.contains(secret), "a secret leaked into the report");
        assert!(
            !report.markdown.contains(secret),
            "a secret leaked into the Markdown"
        );
    }
}

#[tokio::test]
async fn a_well_set_up_and_tested_app_passes_every_check() {
    let h = harness().await;
    let secret = create_oauth_app(&h.console, "goodapp1").await;
    let begun = h
        .console
        .oauth_begin(begin("goodapp1", true))
        .await
        .unwrap();
    let location = drive_consent(
        &begun.url,
        &h.info().user_email,
        &h.info().user_password,
        true,
    )
    .await
    .unwrap();
    h.console.oauth_complete(&location).await.unwrap();
    let token = h.console.token_create("goodapp1").await.unwrap();

    let report = h.console.check_app("goodapp1").await.unwrap();
    assert_eq!(report.worst, Severity::Pass, "{}", report.markdown);
    assert!(!report.has_failures());
    assert_eq!(report.directory[0].severity, Severity::Pass);
    let checks = &report.apps[0].checks;
    assert_eq!(checks.len(), 9);
    let last = checks.iter().find(|c| c.id == "last_oauth_test").unwrap();
    assert!(
        last.reason.contains("of the code's 30 s"),
        "{}",
        last.reason
    );
    let tokens = checks.iter().find(|c| c.id == "app_tokens").unwrap();
    assert!(
        tokens.reason.contains("1 of them created in this console"),
        "{}",
        tokens.reason
    );
    assert_no_secret(
        &report,
        &[&secret, token.token.expose(), &h.info().directory_token],
    );
}

#[tokio::test]
async fn apps_set_up_to_fail_are_each_told_what_is_wrong() {
    let h = harness().await;
    // No brand_host in url_params.
    h.console
        .app_create(AppInput {
            url_params: Some(vec!["business_uid".into()]),
            ..new_app("No brand host", "nobrandhost1")
        })
        .await
        .unwrap();
    // Two OAuth redirect URIs a trailing slash apart.
    h.console
        .app_create(AppInput {
            oauth_redirect_uris: Some(vec![
                "https://near.example.com/cb".into(),
                "https://near.example.com/cb/".into(),
            ]),
            ..new_app("Near duplicates", "nearduplicates1")
        })
        .await
        .unwrap();
    // A test that was denied on the consent page.
    create_oauth_app(&h.console, "deniedapp1").await;
    let begun = h
        .console
        .oauth_begin(begin("deniedapp1", false))
        .await
        .unwrap();
    let location = drive_consent(
        &begun.url,
        &h.info().user_email,
        &h.info().user_password,
        false,
    )
    .await
    .unwrap();
    h.console.oauth_complete(&location).await.unwrap();

    let progress = std::sync::Mutex::new(Vec::new());
    let report = h
        .console
        .check_all(2, &|done, total| {
            progress.lock().unwrap().push((done, total))
        })
        .await
        .unwrap();
    let seen = progress.into_inner().unwrap();
    let total = report.apps.len();
    assert!(
        total >= 6,
        "the seeded apps and the three made here: {total}"
    );
    assert_eq!(seen.first(), Some(&(0, total)));
    assert_eq!(seen.last(), Some(&(total, total)));

    assert_eq!(
        severity(&report, "nobrandhost1", "brand_host"),
        Severity::Fail
    );
    assert_eq!(
        severity(&report, "nearduplicates1", "oauth_redirect_uris"),
        Severity::Warn
    );
    assert_eq!(
        severity(&report, "deniedapp1", "last_oauth_test"),
        Severity::Fail
    );
    // A seeded app: created elsewhere (no credentials here) and never tested.
    assert_eq!(
        severity(&report, "calendarsync", "credentials_kept"),
        Severity::Warn
    );
    assert_eq!(
        severity(&report, "calendarsync", "last_oauth_test"),
        Severity::Warn
    );
    // Most severe first.
    let order: Vec<Severity> = report.apps.iter().map(|a| a.worst).collect();
    let mut sorted = order.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(order, sorted);
    assert!(report.has_failures());
    assert!(
        report
            .markdown
            .contains("| FAIL | url_params includes brand_host |"),
        "{}",
        report.markdown
    );

    let missing = h.console.check_app("nosuchapp1").await.unwrap();
    assert_eq!(missing.apps[0].checks[0].id, "app_exists");
    assert_eq!(missing.apps[0].worst, Severity::Fail);
}

#[tokio::test]
async fn a_refused_token_and_an_app_token_fail_the_directory_token_check() {
    let h = harness().await;
    create_oauth_app(&h.console, "tokencheck1").await;
    let app_token = h.console.token_create("tokencheck1").await.unwrap();
    let info = h.info().clone();

    h.console
        .ensure_sandbox_profile(
            &info.base_url,
            &info.brand_url,
            Secret::new(app_token.token.expose()),
        )
        .await
        .unwrap();
    let with_app_token = h.console.check_all(2, &|_, _| {}).await.unwrap();
    assert_eq!(
        with_app_token.directory[0].severity,
        Severity::Fail,
        "{}",
        with_app_token.markdown
    );
    assert_no_secret(&with_app_token, &[app_token.token.expose()]);

    h.console
        .ensure_sandbox_profile(&info.base_url, &info.brand_url, Secret::new("not-a-token"))
        .await
        .unwrap();
    let refused = h.console.check_app("tokencheck1").await.unwrap();
    assert_eq!(refused.directory[0].severity, Severity::Fail);
    assert!(refused.has_failures());
}

#[tokio::test]
async fn an_outage_is_reported_as_could_not_check_and_never_blames_the_token() {
    let h = harness().await;
    let admin = intandem_sandbox::AdminClient::for_sandbox(h.info());
    admin
        .set_faults(&intandem_sandbox::Faults {
            error_rate: Some(1.0),
            status_5xx: Some(502),
            ..intandem_sandbox::Faults::default()
        })
        .await
        .unwrap();
    let report = h.console.check_all(4, &|_, _| {}).await.unwrap();
    let token = &report.directory[0];
    assert_eq!(token.id, "directory_token");
    assert_eq!(token.severity, Severity::Unknown, "{token:?}");
    assert!(token.reason.contains("502"), "{}", token.reason);
    assert_eq!(report.worst, Severity::Unknown);
    assert!(
        report.has_failures(),
        "the CLI exits 1: the checks did not run"
    );
    assert_eq!(report.counts.fail, 0, "nothing is said to have failed");
    let unlisted = report.apps_unlisted.as_deref().unwrap_or_default();
    assert!(unlisted.contains("could not be listed"), "{unlisted:?}");
    assert!(
        report.markdown.contains("COULD NOT CHECK"),
        "{}",
        report.markdown
    );
    assert!(
        report.markdown.contains("did not answer"),
        "{}",
        report.markdown
    );
    assert!(!report.markdown.contains("FAIL |"), "{}", report.markdown);

    // One app, with the read of that app failing only.
    admin.clear_faults().await.unwrap();
    create_oauth_app(&h.console, "outageapp").await;
    admin
        .set_faults(&intandem_sandbox::Faults {
            error_rate: Some(1.0),
            status_5xx: Some(503),
            paths: vec!["/platform/v1/apps/outageapp".into()],
            ..intandem_sandbox::Faults::default()
        })
        .await
        .unwrap();
    let report = h.console.check_app("outageapp").await.unwrap();
    assert_eq!(
        severity(&report, "outageapp", "app_exists"),
        Severity::Unknown
    );
}
