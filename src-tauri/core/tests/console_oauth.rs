//! `Console` OAuth tests against the sandbox, the user's browser played over HTTP by
//! `drive_consent`: the whole flow, and each way it can fail, with the run kept.

mod console_support;

use std::sync::Mutex;

use console_support::*;
use intandem_core::console::dto::OAuthCompletion;
use intandem_core::console::{Arrival, TimelineStep};
use intandem_core::store::OAuthOutcome;
use intandem_core::ErrorCode;
use intandem_sandbox::drive_consent;

async fn consent(h: &Harness, url: &str, approve: bool) -> String {
    drive_consent(url, &h.info().user_email, &h.info().user_password, approve)
        .await
        .expect("the sandbox's login and consent pages work")
}

fn code_of(location: &str) -> String {
    url::Url::parse(location)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("the redirect carries a code")
}

fn assert_free_of(completion: &OAuthCompletion, secrets: &[&str]) {
    let text = serde_json::to_string(completion).unwrap();
    for secret in secrets {
        assert!(!text.contains(secret), "{secret} leaked into {text}");
    }
}

#[tokio::test]
async fn the_whole_flow_with_pkce_ends_with_userinfo_and_a_timeline_without_secrets() {
    let h = harness().await;
    let client_secret = create_oauth_app(&h.console, "oauthapp1").await;
    let begun = h
        .console
        .oauth_begin(begin("oauthapp1", true))
        .await
        .unwrap();
    assert!(begun.pkce);
    assert_eq!(begun.state.len(), 43, "256 bits, base64url");
    assert!(begun.url.contains("code_challenge_method=S256"));
    let pending = h.console.oauth_runs("oauthapp1", 5).await.unwrap();
    assert_eq!(pending[0].outcome, None);

    let location = consent(&h, &begun.url, true).await;
    let code = code_of(&location);
    let seen = Mutex::new(Vec::<TimelineStep>::new());
    let completion = h
        .console
        .oauth_complete_with_progress(&location, &|step| seen.lock().unwrap().push(step.clone()))
        .await
        .unwrap();
    assert_eq!(
        completion.outcome,
        OAuthOutcome::Succeeded,
        "{:?}",
        completion.error
    );
    let userinfo = completion.userinfo.as_ref().unwrap();
    assert_eq!(
        userinfo.email.as_deref(),
        Some(h.info().user_email.as_str())
    );
    let token = completion.token.as_ref().unwrap();
    assert!(token.access_token.starts_with('…'));
    let timings = &completion.timings;
    assert_eq!(timings.code_lifetime_ms, 30_000);
    assert!(timings.window_used_ms.unwrap() >= timings.exchange_ms.unwrap());
    assert!(timings.window_used_ms.unwrap() < 30_000);

    let kinds: Vec<String> = completion
        .timeline
        .iter()
        .map(|s| {
            serde_json::to_value(s.kind)
                .unwrap()
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "authorize",
            "authorize_page",
            "redirect",
            "exchange",
            "user_info"
        ]
    );
    assert_eq!(seen.lock().unwrap().len(), 3, "progress saw each new step");
    let exchange = &completion.timeline[3];
    let body = exchange.request.as_ref().unwrap().body.as_ref().unwrap();
    assert_eq!(body["code"], "[redacted]");
    assert_eq!(body["client_secret"], "[redacted]");
    assert_eq!(body["code_verifier"], "[redacted]");
    assert_eq!(
        exchange.response.as_ref().unwrap().status,
        Some(200),
        "the answer's real status is kept, not guessed"
    );
    assert_eq!(
        completion.timeline[4].response.as_ref().unwrap().status,
        Some(200)
    );
    assert_free_of(&completion, &[&code, &client_secret, &begun.state]);

    let runs = h.console.oauth_runs("oauthapp1", 5).await.unwrap();
    assert_eq!(runs[0].outcome, Some(OAuthOutcome::Succeeded));
    assert!(runs[0].has_access_token);
    let stored = serde_json::to_string(&runs).unwrap();
    assert!(!stored.contains(&code) && !stored.contains(&client_secret));

    let replay = h.console.oauth_complete(&location).await.unwrap_err();
    assert_eq!(replay.code, ErrorCode::Conflict, "{}", replay.message);
}

#[tokio::test]
async fn an_unregistered_redirect_uri_is_refused_naming_the_registered_ones() {
    let h = harness().await;
    create_oauth_app(&h.console, "oauthapp2").await;
    let mut request = begin("oauthapp2", false);
    request.redirect_uri = "http://127.0.0.1:4567/other".into();
    let error = h.console.oauth_begin(request).await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("redirect_uri"));
    assert!(error.message.contains(CALLBACK), "{}", error.message);
    assert!(h
        .console
        .oauth_runs("oauthapp2", 5)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_test_of_an_app_without_kept_credentials_is_refused() {
    let h = harness().await;
    h.console
        .redirect_uris_apply(
            "calendarsync",
            intandem_core::console::RedirectUriChange::Add(vec![CALLBACK.into()]),
        )
        .await
        .unwrap();
    let error = h
        .console
        .oauth_begin(begin("calendarsync", false))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
    assert!(error.message.contains("client secret"), "{}", error.message);
}

#[tokio::test]
async fn a_denied_consent_finishes_the_run_as_access_denied() {
    let h = harness().await;
    create_oauth_app(&h.console, "oauthapp3").await;
    let begun = h
        .console
        .oauth_begin(begin("oauthapp3", false))
        .await
        .unwrap();
    let location = consent(&h, &begun.url, false).await;
    let completion = h.console.oauth_complete(&location).await.unwrap();
    assert_eq!(completion.outcome, OAuthOutcome::Failed);
    let error = completion.error.unwrap();
    assert_eq!(error.code, ErrorCode::AccessDenied);
    assert!(error.message.contains("Deny"), "{}", error.message);
    assert!(completion.token.is_none());
}

#[tokio::test]
async fn a_code_older_than_30_seconds_is_refused_as_invalid_grant() {
    let h = harness().await;
    create_oauth_app(&h.console, "oauthapp4").await;
    let begun = h
        .console
        .oauth_begin(begin("oauthapp4", true))
        .await
        .unwrap();
    let location = consent(&h, &begun.url, true).await;
    h.sandbox.admin().advance_clock(31).await.unwrap();
    let completion = h.console.oauth_complete(&location).await.unwrap();
    assert_eq!(completion.outcome, OAuthOutcome::Failed);
    let error = completion.error.unwrap();
    assert_eq!(error.code, ErrorCode::InvalidGrant);
    assert!(error.message.contains("30 s"), "{}", error.message);
    assert_eq!(error.status, Some(401));
    let exchange = completion.timeline.last().unwrap();
    assert!(!exchange.ok);
    assert_eq!(exchange.response.as_ref().unwrap().status, Some(401));
}

#[tokio::test]
async fn a_url_that_is_not_the_redirect_uri_is_ignored_and_the_test_stays_pending() {
    let h = harness().await;
    create_oauth_app(&h.console, "oauthapp5").await;
    let begun = h
        .console
        .oauth_begin(begin("oauthapp5", false))
        .await
        .unwrap();
    let location = consent(&h, &begun.url, true).await;

    let elsewhere = location.replace("/callback", "/elsewhere");
    let error = h.console.oauth_complete(&elsewhere).await.unwrap_err();
    assert_eq!(error.field.as_deref(), Some("redirect_url"));
    assert!(
        !error.message.contains(&code_of(&location)),
        "{}",
        error.message
    );

    let forged = format!("{CALLBACK}?code=forged&state=not-the-state");
    let error = h.console.oauth_complete(&forged).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
    let error = h.console.oauth_complete("not a url").await.unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);

    let runs = h.console.oauth_runs("oauthapp5", 5).await.unwrap();
    assert_eq!(runs[0].outcome, None, "still waiting for its redirect");
    let completion = h.console.oauth_complete(&location).await.unwrap();
    assert_eq!(completion.outcome, OAuthOutcome::Succeeded);
}

#[tokio::test]
async fn a_cancelled_test_refuses_its_redirect() {
    let h = harness().await;
    create_oauth_app(&h.console, "oauthapp6").await;
    let begun = h
        .console
        .oauth_begin(begin("oauthapp6", false))
        .await
        .unwrap();
    let cancelled = h
        .console
        .oauth_abandon(
            begun.run_id,
            OAuthOutcome::Cancelled,
            "Stopped from the console.",
        )
        .await
        .unwrap();
    assert_eq!(cancelled.outcome, Some(OAuthOutcome::Cancelled));
    assert_eq!(
        cancelled.error.as_deref(),
        Some("Stopped from the console.")
    );
    let location = consent(&h, &begun.url, true).await;
    let error = h.console.oauth_complete(&location).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict);
}

#[tokio::test]
async fn a_redirect_to_a_known_run_with_another_state_ends_it_as_a_state_mismatch() {
    let h = harness().await;
    let client_secret = create_oauth_app(&h.console, "oauthstate1").await;
    let begun = h
        .console
        .oauth_begin(begin("oauthstate1", true))
        .await
        .unwrap();
    let location = consent(&h, &begun.url, true).await;
    let code = code_of(&location);
    let forged = location.replace(&begun.state, "forged-state-from-another-tab");
    assert_ne!(forged, location);
    let completion = h
        .console
        .oauth_complete_run(begun.run_id, &forged, Arrival::now(), &|_| {})
        .await
        .unwrap();
    assert_eq!(completion.outcome, OAuthOutcome::Failed);
    let error = completion.error.as_ref().unwrap();
    assert!(error.message.contains("state"), "{}", error.message);
    assert!(
        completion.token.is_none(),
        "no exchange after a state mismatch"
    );
    assert_free_of(&completion, &[&code, &client_secret, &begun.state]);

    let again = h
        .console
        .oauth_complete_run(begun.run_id, &location, Arrival::now(), &|_| {})
        .await
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict, "the run has ended");
}

#[tokio::test]
async fn a_client_id_the_platform_does_not_know_is_caught_before_a_window_opens() {
    let h = harness().await;
    create_oauth_app(&h.console, "oauthwrong1").await;
    // Credentials kept for the app that are not the platform's: imported while the
    // platform could not check them.
    let admin = intandem_sandbox::AdminClient::for_sandbox(h.info());
    admin
        .set_faults(&intandem_sandbox::Faults {
            error_rate: Some(1.0),
            paths: vec!["/oauth/service/token".into()],
            ..intandem_sandbox::Faults::default()
        })
        .await
        .unwrap();
    let kept = h
        .console
        .app_credentials_import(
            "oauthwrong1",
            &"0".repeat(64),
            intandem_core::Secret::new("1".repeat(64)),
        )
        .await
        .unwrap();
    assert_eq!(kept.verified, Some(false));
    assert!(kept.note.unwrap().starts_with("Saved without checking"));
    admin.clear_faults().await.unwrap();
    let error = h
        .console
        .oauth_begin(begin("oauthwrong1", false))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Validation, "{}", error.message);
    assert!(error.status.unwrap() >= 400);
    assert!(
        error.message.contains("No login window was opened"),
        "{}",
        error.message
    );
    assert!(
        error.vendor_message.is_some(),
        "the platform's own words are kept"
    );

    let runs = h.console.oauth_runs("oauthwrong1", 5).await.unwrap();
    assert_eq!(runs[0].outcome, Some(OAuthOutcome::Failed));
    let report = h.console.oauth_report(runs[0].run_id).await.unwrap();
    assert!(
        report.markdown.contains("authorize page check"),
        "{}",
        report.markdown
    );
    assert!(report.markdown.contains("**failed**"));
}

#[tokio::test]
async fn pages_passed_on_the_way_are_kept_and_the_report_holds_no_secret() {
    let h = harness().await;
    let client_secret = create_oauth_app(&h.console, "oauthreport1").await;
    let begun = h
        .console
        .oauth_begin(begin("oauthreport1", true))
        .await
        .unwrap();
    let login = url::Url::parse(&begun.url).unwrap();
    let step = h
        .console
        .oauth_record_navigation(begun.run_id, &login)
        .await
        .unwrap()
        .expect("the run is pending");
    assert!(!serde_json::to_string(&step).unwrap().contains(&begun.state));

    let location = consent(&h, &begun.url, true).await;
    let code = code_of(&location);
    let completion = h
        .console
        .oauth_complete_run(begun.run_id, &location, Arrival::now(), &|_| {})
        .await
        .unwrap();
    assert_eq!(
        completion.outcome,
        OAuthOutcome::Succeeded,
        "{:?}",
        completion.error
    );
    let after = h
        .console
        .oauth_record_navigation(begun.run_id, &login)
        .await
        .unwrap();
    assert!(after.is_none(), "an ended run takes no more steps");

    let report = h.console.oauth_report(begun.run_id).await.unwrap();
    let md = &report.markdown;
    assert!(md.contains("**succeeded**"), "{md}");
    assert!(md.contains("login window page"), "{md}");
    assert!(md.contains("business_uid"), "{md}");
    assert!(md.contains("of 30 s"), "{md}");
    let json = serde_json::to_string(&report.json).unwrap();
    for secret in [code.as_str(), client_secret.as_str(), begun.state.as_str()] {
        assert!(
            !md.contains(secret),
            "{secret} leaked into the Markdown report"
        );
        assert!(
            !json.contains(secret),
            "{secret} leaked into the JSON report"
        );
    }
}
