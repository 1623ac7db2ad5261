//! Launching a partner's own app as the App Market's "Open app" does, and judging how it
//! integrates (the vendor's OAuth guide, steps 2 to 5).
//!
//! [`Console::launch_prepare`] picks the business (the directory's first by default) and
//! the staff member (its owner by default), installs the app there when it is not (and
//! says so), checks the app's landing page answers, and makes the launch URL: on the
//! sandbox, its launch page (which signs the staff member in and opens the app), else the
//! app's `app_host` built from its `url_params`. [`PreparedLaunch::follow`] then opens a
//! browser there and waits for the app's flow to end: on the sandbox, by reading the
//! platform's trace of what the app did (and probing, after the flow, whether the app
//! checks `state`); elsewhere, by watching where the login window goes. The verdict, one
//! check per step, is kept in the app's history.

mod report;
pub mod trace;
pub mod verdict;

use std::sync::Arc;
use std::time::Duration;

use rand::RngCore;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tokio::sync::mpsc;
use ts_rs::TS;
use url::Url;

use crate::checks::Severity;
use crate::console::{app_code_name, Console, ConsoleError};
use crate::error::ErrorCode;
use crate::oauth_run::{Browser, RedirectCatch, RunInbox, RunInput};
use crate::platform::{AppCodeName, PlatformClient, Staff};
use crate::store::{NewLaunchRun, Profile};
use crate::Secret;
use trace::LaunchTrace;
use verdict::{judge_navigations, judge_trace, worst, LaunchCheck, ProbeOutcome};

/// How often the sandbox's trace is read while the app's flow goes on.
const POLL: Duration = Duration::from_millis(300);
/// After the flow ends, how long trailing calls (userinfo after a refused replay…) may
/// still arrive before judging.
const GRACE: Duration = Duration::from_millis(1200);

/// What to launch, for whom.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct LaunchRequest {
    pub app: String,
    /// Default: the directory's first business.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub business_uid: Option<String>,
    /// Default: the business's owner.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub staff_uid: Option<String>,
    /// Probe whether the app checks `state` after the flow (sandbox only; on by default).
    #[serde(default = "yes")]
    pub probe: bool,
    /// How long to wait for the app's flow, in seconds (default 120).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub timeout_secs: Option<u64>,
}

fn yes() -> bool {
    true
}

/// A launch ready to open: where, for whom, and what was done to make it possible.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LaunchPlan {
    pub app_code_name: AppCodeName,
    pub business_uid: String,
    pub business_name: String,
    pub staff_uid: String,
    pub staff_email: Option<String>,
    /// The URL to open: the sandbox's launch page, or the app's `app_host`.
    pub launch_url: String,
    /// Judged from the platform's side (the sandbox's trace), or only from the browser.
    pub sandbox: bool,
    /// What was done on the way, said plainly (an install made for this launch…).
    pub notes: Vec<String>,
}

/// A launch's verdict: the worst of its checks.
#[derive(Debug, Clone, Serialize, TS)]
pub struct LaunchVerdict {
    pub run_id: i64,
    pub app_code_name: AppCodeName,
    pub business_uid: String,
    pub staff_uid: String,
    pub verdict: Severity,
    pub checks: Vec<LaunchCheck>,
    pub sandbox: bool,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub started_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub finished_at: OffsetDateTime,
    pub notes: Vec<String>,
    /// The verdict as Markdown, for a support ticket: checks, notes, nothing secret.
    pub markdown: String,
}

/// A business and its staff, for choosing whom to launch an app as.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BusinessView {
    pub uid: String,
    pub name: String,
    /// Installing apps is refused in a blocked business.
    pub blocked: bool,
    pub staff: Vec<StaffView>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct StaffView {
    pub uid: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
    pub role: Option<String>,
    pub owner: bool,
    /// Why they cannot sign in ("blocked", "deleted", "not active"), if they cannot.
    pub unavailable: Option<String>,
}

/// A launch prepared by [`Console::launch_prepare`].
pub struct PreparedLaunch {
    pub plan: LaunchPlan,
    profile: Profile,
    launch_id: Option<String>,
    /// Kept by this console for the app (the platform never shows it again).
    client_id: Option<String>,
    registered: Vec<String>,
    brand_host: String,
    probe: bool,
    timeout: Duration,
    started_at: OffsetDateTime,
}

impl Console {
    /// Everything before the browser opens: see the module documentation.
    pub async fn launch_prepare(
        &self,
        request: LaunchRequest,
    ) -> Result<PreparedLaunch, ConsoleError> {
        let code = app_code_name(&request.app)?;
        let (profile, client) = self.session().await?;
        let app = client.get_app(&code).await?;
        let Some(landing) = app.redirect_uri.clone().filter(|u| !u.trim().is_empty()) else {
            return Err(ConsoleError::invalid_input(
                "app",
                format!(
                    "App {code} has no redirect_uri (its landing page), so the platform has \
                     nowhere to open it: set one in the app's settings, then launch again."
                ),
            ));
        };
        let business_uid = match request.business_uid.filter(|b| !b.trim().is_empty()) {
            Some(uid) => uid,
            None => client
                .list_businesses()
                .await?
                .into_iter()
                .next()
                .ok_or_else(|| {
                    ConsoleError::not_found(
                        "This directory has no business to open the app in: create one first.",
                    )
                })?,
        };
        let business = client.get_business(&business_uid).await.map_err(|error| {
            if error.code == ErrorCode::NotFound {
                ConsoleError::from(error).with_message(format!(
                    "There is no business {business_uid} in this profile's directory: choose one \
                     of its businesses, or leave the business out for the first one."
                ))
            } else {
                error.into()
            }
        })?;
        let staff = client.list_staff(&business.uid).await?;
        let staff_member = pick_staff(
            &staff,
            request.staff_uid.as_deref(),
            business.owner_staff_uid.as_deref(),
        )
        .ok_or_else(|| {
            ConsoleError::not_found(match &request.staff_uid {
                Some(uid) => format!(
                    "{uid} is not a staff member of business {} ({}): give one of {}.",
                    business.name,
                    business.uid,
                    staff
                        .iter()
                        .map(|s| s.uid.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => format!(
                    "Business {} has no staff member who can sign in to launch the app as.",
                    business.name
                ),
            })
            .with_field("staff")
        })?;
        if let Some(why) = staff_member.cannot_sign_in() {
            return Err(ConsoleError::invalid_input(
                "staff",
                format!(
                    "Staff member {} of business {} is {why}, so they cannot sign in to open the \
                     app: choose another staff member of the business.",
                    staff_member.uid, business.name
                ),
            ));
        }
        let mut notes = Vec::new();
        let installed = client.list_installs(&business.uid, code.as_str()).await?;
        let installed_now = if installed.is_empty() {
            let install = client
                .create_install(&business.uid, code.as_str())
                .await
                .map_err(|error| {
                    let message = format!(
                        "The app could not be installed in business {} ({}), so it cannot be \
                         launched there: {}",
                        business.name, business.uid, error.message
                    );
                    ConsoleError::from(error).with_message(message)
                })?;
            notes.push(format!(
                "Installed app {code} in business {} for this launch; it stays installed.",
                business.name
            ));
            Some(install)
        } else {
            None
        };
        if let Err(reason) = answers(&landing).await {
            let undone = match &installed_now {
                Some(install) => match client.delete_install(&install.uid).await {
                    Ok(()) => " (the install made for this launch was removed again)".to_owned(),
                    Err(_) => format!(
                        " (app {code} stays installed in business {}: the install made for this \
                         launch could not be removed)",
                        business.name
                    ),
                },
                None => String::new(),
            };
            return Err(ConsoleError::new(
                ErrorCode::Network,
                format!(
                    "Your app's landing page {landing} does not answer ({reason}): start the app, \
                     then launch again{undone}."
                ),
            ));
        }
        let brand_host = host_and_port(&profile.brand_url);
        let (launch_url, launch_id, sandbox) = match &profile.sandbox_admin_token {
            Some(admin) => {
                let sandbox = self.sandbox_client(&profile, admin);
                let launch = sandbox
                    .sandbox_launch(code.as_str(), &business.uid, &staff_member.uid)
                    .await?;
                (launch.launch_url, Some(launch.launch_id), true)
            }
            None => {
                notes.push(
                    "This profile is not the sandbox, so only what the browser shows is judged: \
                     the exchange, userinfo and the state check need the Sandbox profile."
                        .to_owned(),
                );
                (
                    app_host(
                        &landing,
                        &app.url_params.clone().unwrap_or_default(),
                        &brand_host,
                        &business.uid,
                        staff_member,
                    ),
                    None,
                    false,
                )
            }
        };
        let registered = app
            .redirect_uri
            .iter()
            .chain(app.oauth_redirect_uris.iter().flatten())
            .cloned()
            .collect();
        let client_id = self
            .store
            .credentials()
            .get(profile.id, &code)
            .await?
            .map(|c| c.client_id);
        Ok(PreparedLaunch {
            plan: LaunchPlan {
                app_code_name: code,
                business_uid: business.uid.clone(),
                business_name: business.name.clone(),
                staff_uid: staff_member.uid.clone(),
                staff_email: staff_member.email.clone(),
                launch_url,
                sandbox,
                notes,
            },
            profile,
            launch_id,
            client_id,
            registered,
            brand_host,
            probe: request.probe,
            timeout: Duration::from_secs(request.timeout_secs.unwrap_or(120).max(1)),
            started_at: OffsetDateTime::now_utc(),
        })
    }

    /// The directory's businesses with their staff.
    pub async fn businesses(&self) -> Result<Vec<BusinessView>, ConsoleError> {
        let (_, client) = self.session().await?;
        let mut views = Vec::new();
        for uid in client.list_businesses().await? {
            let business = client.get_business(&uid).await?;
            let staff = client.list_staff(&uid).await?;
            views.push(BusinessView {
                staff: staff
                    .into_iter()
                    .map(|s| StaffView {
                        owner: business.owner_staff_uid.as_deref() == Some(s.uid.as_str()),
                        unavailable: s.cannot_sign_in().map(str::to_owned),
                        uid: s.uid,
                        email: s.email,
                        display_name: s.display_name,
                        role: s.role,
                    })
                    .collect(),
                uid: business.uid,
                name: business.name,
                blocked: business.blocked,
            });
        }
        Ok(views)
    }

    fn sandbox_client(&self, profile: &Profile, admin: &Secret) -> PlatformClient {
        PlatformClient::with_options(
            profile.api_base.clone(),
            admin.clone(),
            self.client_options.clone(),
        )
    }

    /// The app's launches, newest first.
    pub async fn launches(
        &self,
        app: &str,
        limit: u32,
    ) -> Result<Vec<LaunchVerdict>, ConsoleError> {
        let code = app_code_name(app)?;
        let profile = self.active_profile().await?;
        let runs = self
            .store
            .launch_runs()
            .list_for_app(profile.id, &code, limit)
            .await?;
        Ok(runs.into_iter().map(verdict_of).collect())
    }
}

impl PreparedLaunch {
    /// Opens `browser` at the launch URL and waits for the app's flow to end (or the
    /// deadline, or the browser closing, or a stop on `inbox`), then judges and keeps the
    /// verdict. `inbox` is how the caller stops it (Ctrl-C, the Stop button).
    pub async fn follow(
        self,
        console: &Console,
        mut browser: Box<dyn Browser>,
        inbox: (RunInbox, mpsc::UnboundedReceiver<RunInput>),
    ) -> Result<LaunchVerdict, ConsoleError> {
        let (sender, mut received) = inbox;
        let url = Url::parse(&self.plan.launch_url).map_err(|_| {
            ConsoleError::new(
                ErrorCode::Internal,
                "The launch URL could not be read back.",
            )
        })?;
        browser.open(&url, Arc::new(RedirectCatch::observe_only()), sender)?;
        let deadline = tokio::time::Instant::now() + self.timeout;
        let mut navigations = vec![url];
        let mut stopped: Option<String> = None;
        let mut inbox_open = true;
        let sandbox = match &self.profile.sandbox_admin_token {
            Some(admin) => Some(console.sandbox_client(&self.profile, admin)),
            None => None,
        };
        loop {
            if let (Some(client), Some(id)) = (&sandbox, &self.launch_id) {
                if read_trace(client, id).await.is_some_and(|t| t.flow_ended()) {
                    tokio::time::sleep(GRACE).await;
                    break;
                }
            } else if navigations
                .iter()
                .any(|n| browser_flow_ended(n, &self.registered))
            {
                break;
            }
            let wait = tokio::time::sleep(POLL);
            tokio::select! {
                () = wait => {}
                () = tokio::time::sleep_until(deadline) => break,
                input = received.recv(), if inbox_open => match input {
                    Some(RunInput::Navigated(url)) => navigations.push(url),
                    Some(RunInput::Closed) => { stopped = Some("The login window was closed.".into()); break }
                    Some(RunInput::Stop(reason)) => { stopped = Some(reason); break }
                    Some(RunInput::Failed(error)) => return Err(error),
                    Some(_) => {}
                    None => inbox_open = false,
                },
            }
        }
        browser.close();
        let checks = match (&sandbox, &self.launch_id) {
            (Some(client), Some(id)) => {
                let trace = read_trace(client, id).await.unwrap_or_default();
                let probe = match (&stopped, self.probe) {
                    (_, false) => ProbeOutcome::Skipped,
                    (Some(why), _) => {
                        ProbeOutcome::NotRun(format!("the launch was stopped ({why})"))
                    }
                    (None, true) => run_probe(client, id).await,
                };
                judge_trace(&trace, &probe)
            }
            _ => judge_navigations(
                &navigations,
                &self.brand_host,
                self.client_id.as_deref(),
                &self.registered,
            ),
        };
        let finished_at = OffsetDateTime::now_utc();
        let verdict = worst(&checks);
        let mut notes = self.plan.notes;
        if let Some(why) = stopped {
            notes.push(format!("Stopped before the flow ended: {why}"));
        }
        let run = console
            .store
            .launch_runs()
            .record(NewLaunchRun {
                profile_id: self.profile.id,
                app_code_name: self.plan.app_code_name.clone(),
                business_uid: self.plan.business_uid.clone(),
                staff_uid: self.plan.staff_uid.clone(),
                started_at: self.started_at,
                finished_at,
                verdict: verdict.as_str().to_owned(),
                checks: serde_json::to_value(&checks).unwrap_or_default(),
                sandbox: self.plan.sandbox,
                notes,
            })
            .await?;
        Ok(verdict_of(run))
    }
}

fn verdict_of(run: crate::store::LaunchRun) -> LaunchVerdict {
    let checks: Vec<LaunchCheck> = serde_json::from_value(run.checks).unwrap_or_default();
    LaunchVerdict {
        run_id: run.id,
        app_code_name: run.app_code_name,
        business_uid: run.business_uid,
        staff_uid: run.staff_uid,
        verdict: worst(&checks),
        checks,
        sandbox: run.sandbox,
        started_at: run.started_at,
        finished_at: run.finished_at,
        notes: run.notes,
        markdown: String::new(),
    }
    .with_markdown()
}

async fn read_trace(client: &PlatformClient, launch_id: &str) -> Option<LaunchTrace> {
    let value = client.sandbox_trace(launch_id).await.ok()?;
    serde_json::from_value(value).ok()
}

/// Sends the app a fresh code with a `state` it never issued, then reads whether it
/// exchanged it.
async fn run_probe(client: &PlatformClient, launch_id: &str) -> ProbeOutcome {
    let probe = match client.sandbox_probe(launch_id).await {
        Ok(probe) => probe,
        Err(error) => return ProbeOutcome::NotRun(error.message),
    };
    let mut forged = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut forged);
    let Ok(mut target) = Url::parse(&probe.redirect_uri) else {
        return ProbeOutcome::NotRun("the app's redirect URI is not a URL".into());
    };
    target
        .query_pairs_mut()
        .append_pair("code", probe.code.expose())
        .append_pair("state", &format!("intandem-probe-{}", hex::encode(forged)));
    let http = crate::platform::http_client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .no_proxy()
        .build();
    let sent = match http {
        Ok(http) => http.get(target).send().await.map(drop),
        Err(error) => Err(error),
    };
    if let Err(error) = sent {
        return ProbeOutcome::NotRun(format!(
            "the app's redirect URI did not answer the probe ({error})"
        ));
    }
    tokio::time::sleep(GRACE).await;
    let exchanged = read_trace(client, launch_id).await.is_some_and(|trace| {
        trace
            .events
            .iter()
            .any(|e| matches!(e, trace::TraceEvent::Exchange { probe: true, .. }))
    });
    if exchanged {
        ProbeOutcome::Exchanged
    } else {
        ProbeOutcome::Refused
    }
}

/// The staff member to launch as: the one asked for, else the owner, else the first.
fn pick_staff<'a>(
    staff: &'a [Staff],
    asked: Option<&str>,
    owner: Option<&str>,
) -> Option<&'a Staff> {
    match asked.filter(|s| !s.trim().is_empty()) {
        Some(uid) => staff.iter().find(|s| s.uid == uid),
        None => {
            let can = |s: &&Staff| s.cannot_sign_in().is_none();
            owner
                .and_then(|owner| staff.iter().filter(can).find(|s| s.uid == owner))
                .or_else(|| {
                    staff
                        .iter()
                        .filter(can)
                        .find(|s| s.role.as_deref() == Some("owner"))
                })
                .or_else(|| staff.iter().find(can))
        }
    }
}

/// Whether a navigation ends what a browser alone can see of the flow: the redirect back
/// to the app with a code or an error, or an authorize request with a redirect URI that
/// is not registered (the platform refuses it; nothing follows).
fn browser_flow_ended(navigation: &Url, registered: &[String]) -> bool {
    let back = registered
        .iter()
        .any(|r| navigation.as_str().starts_with(r.as_str()))
        && navigation
            .query_pairs()
            .any(|(k, _)| k == "code" || k == "error");
    let refused = navigation.path().ends_with("/oauth/authorize")
        && navigation
            .query_pairs()
            .find(|(k, _)| k == "redirect_uri")
            .is_some_and(|(_, uri)| !registered.iter().any(|r| *r == uri));
    back || refused
}

/// Whether something answers at the URL's host and port (a TCP connection opens).
async fn answers(url: &str) -> Result<(), String> {
    let url = Url::parse(url).map_err(|e| e.to_string())?;
    let host = url.host_str().ok_or("no host")?.to_owned();
    let port = url.port_or_known_default().ok_or("no port")?;
    match tokio::time::timeout(
        Duration::from_secs(3),
        tokio::net::TcpStream::connect((host.trim_matches(['[', ']']), port)),
    )
    .await
    {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(error)) => Err(error.to_string()),
        Err(_) => Err("no answer within 3 s".into()),
    }
}

fn host_and_port(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        _ => String::new(),
    }
}

/// `app_host` as the platform builds it: the landing page with each `url_params` value.
fn app_host(
    landing: &str,
    url_params: &[String],
    brand_host: &str,
    business_uid: &str,
    staff: &Staff,
) -> String {
    let Ok(mut url) = Url::parse(landing) else {
        return landing.to_owned();
    };
    let pairs: Vec<(&str, String)> = url_params
        .iter()
        .filter_map(|param| {
            let value = match param.as_str() {
                "brand_host" => Some(brand_host.to_owned()),
                "business_uid" => Some(business_uid.to_owned()),
                "staff_uid" => Some(staff.uid.clone()),
                "staff_role" => staff.role.clone(),
                "language" => Some("en".to_owned()),
                _ => None,
            };
            value.map(|v| (param.as_str(), v))
        })
        .collect();
    if !pairs.is_empty() {
        url.query_pairs_mut().extend_pairs(pairs);
    }
    url.to_string()
}

/// A new inbox for a launch's browser (the caller keeps the sender to stop it).
pub fn launch_inbox(key: i64) -> (RunInbox, mpsc::UnboundedReceiver<RunInput>) {
    let (sender, receiver) = mpsc::unbounded_channel();
    (
        RunInbox {
            sender,
            run_id: key,
        },
        receiver,
    )
}
