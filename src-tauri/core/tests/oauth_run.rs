//! The OAuth run (`Console::oauth_test_start` + `LiveRun::drive`) with no desktop: a
//! scripted browser walks the sandbox's real login and consent pages over HTTP, then hands
//! the run the redirect (as the embedded window or the loopback listener would), or
//! closes. Every way a run ends is covered: approved, denied, a code that expired before
//! the exchange, a redirect with another state, a window closed, a stop, a timeout.

mod console_support;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use console_support::*;
use intandem_core::console::Arrival;
use intandem_core::oauth_run::{Browser, OAuthEvent, RedirectCatch, RunEnd, RunInbox, RunInput};
use intandem_core::store::OAuthOutcome;
use intandem_core::{ConsoleError, ErrorCode};
use intandem_sandbox::{drive_consent, AdminClient};
use url::Url;

/// What the scripted browser does once opened.
#[derive(Clone)]
enum Script {
    /// Signs in and approves (or denies), then delivers the redirect.
    Consent { approve: bool },
    /// Approves, then moves the platform's clock past the code's life before delivering.
    ApproveThenWait(AdminClient),
    /// Approves, then delivers the redirect with another state.
    ApproveWithOtherState,
    /// The user closes the window.
    Close,
    /// Opens and does nothing.
    Idle,
}

struct ScriptedBrowser {
    script: Script,
    email: String,
    password: String,
    closed: Arc<Mutex<bool>>,
}

impl Browser for ScriptedBrowser {
    fn open(
        &mut self,
        url: &Url,
        catch: Arc<RedirectCatch>,
        inbox: RunInbox,
    ) -> Result<(), ConsoleError> {
        let (script, url) = (self.script.clone(), url.to_string());
        let (email, password) = (self.email.clone(), self.password.clone());
        tokio::spawn(async move {
            let approve = !matches!(script, Script::Consent { approve: false });
            match script {
                Script::Close => return inbox.send(RunInput::Closed),
                Script::Idle => return,
                _ => {}
            }
            let location = drive_consent(&url, &email, &password, approve)
                .await
                .expect("the sandbox's pages work");
            let mut redirect = Url::parse(&location).unwrap();
            assert!(catch.is_redirect(&redirect), "the run's own redirect URI");
            match script {
                Script::ApproveThenWait(admin) => {
                    admin.advance_clock(31).await.unwrap();
                }
                Script::ApproveWithOtherState => {
                    let pairs: Vec<(String, String)> = redirect
                        .query_pairs()
                        .map(|(k, v)| {
                            let v = if k == "state" {
                                "forged-state".into()
                            } else {
                                v
                            };
                            (k.into_owned(), v.into_owned())
                        })
                        .collect();
                    redirect.query_pairs_mut().clear().extend_pairs(pairs);
                }
                _ => {}
            }
            inbox.send(RunInput::Redirect {
                url: redirect,
                arrival: Arrival::now(),
            });
        });
        Ok(())
    }

    fn close(&mut self) {
        *self.closed.lock().unwrap() = true;
    }
}

struct Ran {
    end: RunEnd,
    events: Vec<OAuthEvent>,
    browser_closed: bool,
}

async fn run(h: &Harness, app: &str, script: Script, timeout: Duration) -> Ran {
    let closed = Arc::new(Mutex::new(false));
    let browser = ScriptedBrowser {
        script,
        email: h.info().user_email.clone(),
        password: h.info().user_password.clone(),
        closed: closed.clone(),
    };
    let live = h
        .console
        .oauth_test_start(begin(app, true), Box::new(browser), timeout)
        .await
        .expect("the run starts");
    let events = Mutex::new(Vec::new());
    let end = live
        .drive(&h.console, &|event| events.lock().unwrap().push(event))
        .await
        .expect("the store keeps the run");
    let browser_closed = *closed.lock().unwrap();
    Ran {
        end,
        events: events.into_inner().unwrap(),
        browser_closed,
    }
}

fn completed(ran: &Ran) -> &intandem_core::console::dto::OAuthCompletion {
    match &ran.end {
        RunEnd::Completed(completion) => completion,
        RunEnd::Ended { reason, .. } => panic!("the run ended without completing: {reason}"),
    }
}

#[tokio::test]
async fn an_approved_run_exchanges_the_code_reads_userinfo_and_closes_the_browser() {
    let h = harness().await;
    create_oauth_app(&h.console, "runapprove").await;
    let ran = run(
        &h,
        "runapprove",
        Script::Consent { approve: true },
        Duration::from_secs(20),
    )
    .await;
    let completion = completed(&ran);
    assert_eq!(completion.outcome, OAuthOutcome::Succeeded);
    assert!(completion.userinfo.is_some());
    assert!(ran.browser_closed);
    assert!(ran
        .events
        .iter()
        .any(|e| matches!(e, OAuthEvent::Captured { .. })));
    assert!(ran
        .events
        .iter()
        .any(|e| matches!(e, OAuthEvent::Finished { .. })));
    let kept = h.console.oauth_runs("runapprove", 1).await.unwrap();
    assert_eq!(kept[0].outcome, Some(OAuthOutcome::Succeeded));
}

#[tokio::test]
async fn a_denied_run_fails_as_access_denied_without_an_exchange() {
    let h = harness().await;
    create_oauth_app(&h.console, "rundeny").await;
    let ran = run(
        &h,
        "rundeny",
        Script::Consent { approve: false },
        Duration::from_secs(20),
    )
    .await;
    let completion = completed(&ran);
    assert_eq!(completion.outcome, OAuthOutcome::Failed);
    let error = completion.error.as_ref().unwrap();
    assert_eq!(error.code, ErrorCode::AccessDenied, "{error:?}");
    assert!(completion.token.is_none());
}

#[tokio::test]
async fn a_code_older_than_30_seconds_at_the_exchange_fails_as_expired() {
    let h = harness().await;
    create_oauth_app(&h.console, "runexpired").await;
    let admin = AdminClient::for_sandbox(h.info());
    let ran = run(
        &h,
        "runexpired",
        Script::ApproveThenWait(admin),
        Duration::from_secs(20),
    )
    .await;
    let completion = completed(&ran);
    assert_eq!(completion.outcome, OAuthOutcome::Failed);
    let error = completion.error.as_ref().unwrap();
    assert_eq!(error.code, ErrorCode::InvalidGrant, "{error:?}");
    assert!(error.message.contains("30"), "{}", error.message);
}

#[tokio::test]
async fn a_redirect_with_another_state_is_refused_and_its_code_never_exchanged() {
    let h = harness().await;
    create_oauth_app(&h.console, "runstate").await;
    let ran = run(
        &h,
        "runstate",
        Script::ApproveWithOtherState,
        Duration::from_secs(20),
    )
    .await;
    let (error, exchanged) = match &ran.end {
        RunEnd::Completed(completion) => (
            completion.error.clone().expect("a failure"),
            completion.token.is_some(),
        ),
        RunEnd::Ended { error, .. } => (error.clone().expect("a failure"), false),
    };
    assert_eq!(error.field.as_deref(), Some("state"), "{error:?}");
    assert!(!exchanged, "the code of a forged redirect is not exchanged");
    let kept = h.console.oauth_runs("runstate", 1).await.unwrap();
    assert_eq!(kept[0].outcome, Some(OAuthOutcome::Failed));
}

#[tokio::test]
async fn a_closed_window_cancels_the_run_with_the_reason() {
    let h = harness().await;
    create_oauth_app(&h.console, "runclosed").await;
    let ran = run(&h, "runclosed", Script::Close, Duration::from_secs(20)).await;
    let RunEnd::Ended { run, reason, error } = &ran.end else {
        panic!("a closed window does not complete")
    };
    assert_eq!(run.outcome, Some(OAuthOutcome::Cancelled));
    assert!(reason.contains("closed"), "{reason}");
    assert!(error.is_none());
}

#[tokio::test]
async fn a_stop_cancels_a_live_run_and_a_run_nobody_finishes_times_out() {
    let h = harness().await;
    create_oauth_app(&h.console, "runstop").await;
    let closed = Arc::new(Mutex::new(false));
    let live = h
        .console
        .oauth_test_start(
            begin("runstop", false),
            Box::new(ScriptedBrowser {
                script: Script::Idle,
                email: String::new(),
                password: String::new(),
                closed: closed.clone(),
            }),
            Duration::from_secs(20),
        )
        .await
        .unwrap();
    assert!(h.console.oauth_stop(live.run_id(), "Stopped by the test."));
    let end = live.drive(&h.console, &|_| {}).await.unwrap();
    let RunEnd::Ended { run, reason, .. } = end else {
        panic!("a stopped run does not complete")
    };
    assert_eq!(run.outcome, Some(OAuthOutcome::Cancelled));
    assert_eq!(reason, "Stopped by the test.");
    assert!(*closed.lock().unwrap(), "the browser is closed");

    let ran = run_idle(&h, "runstop").await;
    let RunEnd::Ended { run, error, .. } = ran else {
        panic!("a run nobody finishes does not complete")
    };
    assert_eq!(run.outcome, Some(OAuthOutcome::Failed));
    assert_eq!(error.unwrap().code, ErrorCode::Timeout);
}

async fn run_idle(h: &Harness, app: &str) -> RunEnd {
    let live = h
        .console
        .oauth_test_start(
            begin(app, false),
            Box::new(ScriptedBrowser {
                script: Script::Idle,
                email: String::new(),
                password: String::new(),
                closed: Arc::new(Mutex::new(false)),
            }),
            Duration::from_millis(300),
        )
        .await
        .unwrap();
    live.drive(&h.console, &|_| {}).await.unwrap()
}
