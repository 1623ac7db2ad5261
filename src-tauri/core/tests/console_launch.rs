//! `Console::launch_prepare` and `PreparedLaunch::follow` on a platform that keeps no trace
//! for the console (the sandbox reached without its admin token, as a real platform is):
//! the launch opens the app's `app_host` built from its `url_params`, a browser walks it
//! over real HTTP (a real partner app, the platform's login and consent pages), and the
//! verdict is judged from where the browser went. The sandbox's traced launches are
//! tested end to end in `cli/tests/launch.rs`.

mod console_support;

use std::sync::Arc;

use console_support::*;
use intandem_core::checks::Severity;
use intandem_core::console::{AppInput, Console, ConsoleError};
use intandem_core::launch::{launch_inbox, LaunchRequest, LaunchVerdict};
use intandem_core::oauth_run::{Browser, RedirectCatch, RunInbox, RunInput};
use intandem_core::platform::PlatformClient;
use intandem_core::{ErrorCode, Secret};
use intandem_partner_app::{Mistake, PartnerApp};
use intandem_sandbox::{browse, Person};
use url::Url;

/// A browser that walks the launch URL as `email` would (signing in and approving), and
/// reports every page it went to.
struct WalkingBrowser {
    email: String,
    password: String,
    walk: Option<tokio::task::JoinHandle<()>>,
}

impl Browser for WalkingBrowser {
    fn open(
        &mut self,
        url: &Url,
        _catch: Arc<RedirectCatch>,
        inbox: RunInbox,
    ) -> Result<(), ConsoleError> {
        let (url, email, password) = (url.to_string(), self.email.clone(), self.password.clone());
        self.walk = Some(tokio::spawn(async move {
            let person = Person {
                email: &email,
                password: &password,
                approve: true,
            };
            for page in browse(&url, &person).await.visited {
                inbox.send(RunInput::Navigated(page));
            }
        }));
        Ok(())
    }

    fn close(&mut self) {
        if let Some(walk) = self.walk.take() {
            walk.abort();
        }
    }
}

async fn partner_app(h: &Harness, mistake: Mistake, code: &str) -> PartnerApp {
    let app = PartnerApp::start(mistake).await;
    let created = h
        .console
        .app_create(AppInput {
            app_code_name: Some(code.to_owned()),
            name: Some("Partner app".to_owned()),
            redirect_uri: Some(app.landing_url()),
            url_params: Some(vec![
                "brand_host".to_owned(),
                "business_uid".to_owned(),
                "staff_uid".to_owned(),
            ]),
            oauth_redirect_uris: Some(vec![app.callback_url()]),
            ..AppInput::default()
        })
        .await
        .expect("the app is created");
    app.configure(
        &created.client_id,
        created.client_secret.expose(),
        &h.info().base_url,
    );
    app
}

async fn launch(h: &Harness, console: &Console, code: &str) -> (String, LaunchVerdict) {
    let business = &h.info().businesses[0];
    let owner = business.staff.iter().find(|s| s.role == "owner").unwrap();
    let prepared = console
        .launch_prepare(LaunchRequest {
            app: code.to_owned(),
            business_uid: None,
            staff_uid: None,
            probe: true,
            timeout_secs: Some(20),
        })
        .await
        .expect("the launch is prepared");
    let url = prepared.plan.launch_url.clone();
    assert!(!prepared.plan.sandbox);
    assert_eq!(prepared.plan.business_uid, business.uid);
    assert_eq!(prepared.plan.staff_uid, owner.uid, "the owner by default");
    let browser = WalkingBrowser {
        email: owner.email.clone(),
        password: owner.password.clone(),
        walk: None,
    };
    let verdict = prepared
        .follow(console, Box::new(browser), launch_inbox(0))
        .await
        .expect("the launch is judged");
    (url, verdict)
}

fn severity(verdict: &LaunchVerdict, id: &str) -> Severity {
    verdict
        .checks
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("a {id} check in {:#?}", verdict.checks))
        .severity
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_platforms_trace_a_launch_opens_app_host_and_judges_where_the_browser_went() {
    let h = harness().await;
    let _app = partner_app(&h, Mistake::None, "walked").await;
    let (url, verdict) = launch(&h, &h.console, "walked").await;

    let url = Url::parse(&url).unwrap();
    let param = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let brand = Url::parse(&h.info().brand_url).unwrap();
    assert_eq!(
        param("brand_host").as_deref(),
        Some(format!("{}:{}", brand.host_str().unwrap(), brand.port().unwrap()).as_str()),
        "app_host carries the brand host: {url}"
    );
    assert_eq!(
        param("business_uid"),
        Some(h.info().businesses[0].uid.clone())
    );
    assert!(param("staff_uid").is_some());
    assert_eq!(url.path(), "/app", "the app's landing page");

    assert!(!verdict.sandbox);
    for id in ["brand_host", "client_id", "redirect_uri", "state_sent"] {
        assert_eq!(severity(&verdict, id), Severity::Pass, "{id}");
    }
    assert_eq!(
        severity(&verdict, "platform_side"),
        Severity::Warn,
        "what only the platform sees is said to be unchecked"
    );
    assert_eq!(verdict.verdict, Severity::Warn, "{:#?}", verdict.checks);
    assert!(
        verdict.notes.iter().any(|n| n.contains("not the sandbox")),
        "the verdict says what it could not see: {:?}",
        verdict.notes
    );
    let kept = h.console.launches("walked", 5).await.unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].run_id, verdict.run_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_platforms_trace_a_hard_coded_brand_host_is_still_caught() {
    let h = harness().await;
    let port = Url::parse(&h.info().base_url).unwrap().port().unwrap();
    let _app = partner_app(
        &h,
        Mistake::HardCodedBrandHost(format!("localhost:{port}")),
        "fixedhost",
    )
    .await;
    let (_, verdict) = launch(&h, &h.console, "fixedhost").await;
    assert_eq!(verdict.verdict, Severity::Fail);
    assert_eq!(severity(&verdict, "brand_host"), Severity::Fail);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_platforms_trace_an_unregistered_redirect_uri_is_still_caught() {
    let h = harness().await;
    let _app = partner_app(&h, Mistake::UnregisteredRedirectUri, "badcallback").await;
    let (_, verdict) = launch(&h, &h.console, "badcallback").await;
    assert_eq!(severity(&verdict, "redirect_uri"), Severity::Fail);
}

#[tokio::test]
async fn an_app_whose_landing_page_does_not_answer_is_not_launched_and_its_install_is_undone() {
    let h = harness().await;
    let app = partner_app(&h, Mistake::None, "stopped").await;
    let landing = app.landing_url();
    drop(app);
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let error = match h
        .console
        .launch_prepare(LaunchRequest {
            app: "stopped".into(),
            business_uid: None,
            staff_uid: None,
            probe: true,
            timeout_secs: None,
        })
        .await
    {
        Ok(_) => panic!("an app that does not answer was launched"),
        Err(error) => error,
    };
    assert_eq!(error.code, ErrorCode::Network);
    assert!(error.message.contains(&landing), "{}", error.message);
    assert!(
        error
            .message
            .contains("the install made for this launch was removed again"),
        "{}",
        error.message
    );
    let platform = PlatformClient::with_options(
        Url::parse(&h.info().base_url).unwrap(),
        Secret::new(h.info().directory_token.clone()),
        fast_options(),
    );
    let installs = platform
        .list_installs(&h.info().businesses[0].uid, "stopped")
        .await
        .unwrap();
    assert!(installs.is_empty(), "{installs:?}");
}
