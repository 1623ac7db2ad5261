//! Judging a partner app's integration from what the platform saw (the sandbox's trace)
//! or, on a real platform, from what the login window saw: each step of the vendor's OAuth
//! guide is a check that passes, warns or fails, with what was seen and the fix. Pure: no
//! I/O here.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use super::trace::{LaunchTrace, TraceEvent};
use crate::checks::Severity;
use crate::oauth::CODE_LIFETIME;

/// One check of a launch's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LaunchCheck {
    /// Stable, for scripts: `launched`, `brand_host`, `redirect_uri`, `state_sent`,
    /// `state_checked`, `consent`, `exchange`, `code_once`, `userinfo`, `pkce`, …
    pub id: String,
    pub title: String,
    pub severity: Severity,
    /// What was seen.
    pub message: String,
    /// What to do (none for a pass).
    pub fix: Option<String>,
}

impl LaunchCheck {
    pub(crate) fn new(
        id: &str,
        title: &str,
        severity: Severity,
        message: impl Into<String>,
    ) -> Self {
        LaunchCheck {
            id: id.to_owned(),
            title: title.to_owned(),
            severity,
            message: message.into(),
            fix: None,
        }
    }

    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }
}

/// What became of the state probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProbeOutcome {
    /// The app refused the code sent with a state it never issued.
    Refused,
    /// The app exchanged it: it does not check `state`.
    Exchanged,
    /// The user asked for no probe.
    Skipped,
    /// It could not be run, and why.
    NotRun(String),
}

/// The worst severity among `checks` (`Pass` when there are none).
pub fn worst(checks: &[LaunchCheck]) -> Severity {
    checks
        .iter()
        .map(|c| c.severity)
        .max()
        .unwrap_or(Severity::Pass)
}

/// The checks of a launch the sandbox traced.
pub fn judge_trace(trace: &LaunchTrace, probe: &ProbeOutcome) -> Vec<LaunchCheck> {
    let mut checks = Vec::new();
    let launched = trace
        .events
        .iter()
        .any(|e| matches!(e, TraceEvent::Launched { .. }));
    if !launched {
        checks.push(
            LaunchCheck::new(
                "launched",
                "The app was opened",
                Severity::Fail,
                "The launch never reached the app: nobody finished signing in on the brand host as the staff member.",
            )
            .fix("Launch again and sign in on the brand host's page with the staff member's email and password."),
        );
        return checks;
    }
    checks.push(LaunchCheck::new(
        "launched",
        "The app was opened",
        Severity::Pass,
        format!(
            "The platform opened the app at {}.",
            shorten(&trace.app_host)
        ),
    ));
    let first = trace.authorizes().next();
    let Some(TraceEvent::Authorize {
        host,
        redirect_uri,
        redirect_uri_registered,
        state,
        pkce,
        outcome,
        detail,
        ..
    }) = first
    else {
        checks.push(
            LaunchCheck::new(
                "brand_host",
                "Sign-in on the brand host it was opened from",
                Severity::Fail,
                format!(
                    "Your app never sent the user to the authorize URL on {} (brand_host).",
                    trace.brand_host
                ),
            )
            .fix(format!(
                "Build the authorize URL from the brand_host the app is opened with \
                 (https://<brand_host>/app/oauth/authorize?client_id=…&redirect_uri=…&state=…), \
                 not from a fixed host such as app.vcita.com; here that is {}.",
                trace.brand_host
            )),
        );
        return checks;
    };
    checks.push(if host.eq_ignore_ascii_case(&trace.brand_host) {
        LaunchCheck::new(
            "brand_host",
            "Sign-in on the brand host it was opened from",
            Severity::Pass,
            format!("Your app sent the user to authorize on {host}, the brand host it was opened from."),
        )
    } else {
        LaunchCheck::new(
            "brand_host",
            "Sign-in on the brand host it was opened from",
            Severity::Fail,
            format!(
                "Your app sent users to {host}, not the brand host it was opened from ({}, brand_host).",
                trace.brand_host
            ),
        )
        .fix("Use the brand_host parameter the app is opened with for the authorize URL: partners' users sign in on their own brand host.")
    });
    let redirect = redirect_uri.as_deref().unwrap_or("(none)");
    checks.push(if *redirect_uri_registered {
        LaunchCheck::new(
            "redirect_uri",
            "A registered redirect URI",
            Severity::Pass,
            format!("The redirect_uri {redirect} is registered for the app, exactly."),
        )
    } else {
        LaunchCheck::new(
            "redirect_uri",
            "A registered redirect URI",
            Severity::Fail,
            format!(
                "The authorize request's redirect_uri {redirect} is not registered for the app, so \
                 the platform showed an error page{}.",
                detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default()
            ),
        )
        .fix("Send exactly one of the app's oauth_redirect_uris (character for character), or register the one you send.")
    });
    checks.push(match state {
        None => LaunchCheck::new(
            "state_sent",
            "A state that is sent and unguessable",
            Severity::Fail,
            "Your app never sent state.",
        )
        .fix("Send an unguessable value as state (32 random characters), keep it in the user's session, and compare it when the user comes back."),
        Some(look) if look.chars < 16 || look.estimated_bits < 64 => LaunchCheck::new(
            "state_sent",
            "A state that is sent and unguessable",
            Severity::Warn,
            format!(
                "Your app sent a state of {} characters that looks guessable (about {} bits).",
                look.chars, look.estimated_bits
            ),
        )
        .fix("Use at least 128 random bits for state (e.g. 32 hex or base64url characters from a secure random source)."),
        Some(look) => LaunchCheck::new(
            "state_sent",
            "A state that is sent and unguessable",
            Severity::Pass,
            format!("Your app sent a state of {} characters (about {} bits).", look.chars, look.estimated_bits),
        ),
    });
    checks.push(match probe {
        ProbeOutcome::Refused => LaunchCheck::new(
            "state_checked",
            "The state is checked on the way back",
            Severity::Pass,
            "Your app refused a code sent to it with a state it never issued.",
        ),
        ProbeOutcome::Exchanged => LaunchCheck::new(
            "state_checked",
            "The state is checked on the way back",
            Severity::Fail,
            "Your app exchanged a code that came with a state it never issued: it does not check state (a login CSRF hole, RFC 6749 §10.12).",
        )
        .fix("When the user comes back, compare the state parameter with the one kept in their session, and refuse the request (without exchanging the code) when they differ."),
        ProbeOutcome::Skipped => LaunchCheck::new(
            "state_checked",
            "The state is checked on the way back",
            Severity::Warn,
            "Not checked: the state probe was turned off for this launch.",
        ),
        ProbeOutcome::NotRun(why) => LaunchCheck::new(
            "state_checked",
            "The state is checked on the way back",
            Severity::Warn,
            format!("Not checked: {why}"),
        ),
    });
    checks.push(LaunchCheck::new(
        "pkce",
        "PKCE",
        Severity::Pass,
        if *pkce {
            "Your app sent a PKCE S256 challenge."
        } else {
            "No PKCE challenge (optional for an app whose back end keeps the client secret)."
        },
    ));
    if outcome.starts_with("error") {
        return checks;
    }
    judge_consent_and_after(trace, &mut checks);
    checks
}

fn judge_consent_and_after(trace: &LaunchTrace, checks: &mut Vec<LaunchCheck>) {
    let decision = trace.events.iter().find_map(|e| match e {
        TraceEvent::Decision { approved } => Some(*approved),
        _ => None,
    });
    if decision == Some(false) {
        checks.push(
            LaunchCheck::new(
                "consent",
                "The user approved",
                Severity::Warn,
                "The user denied access on the consent page, so the flow ended there.",
            )
            .fix("Launch again and approve, to check the rest of the flow; make sure your app shows a clear message on error=access_denied."),
        );
        return;
    }
    let exchanges: Vec<&TraceEvent> = trace
        .events
        .iter()
        .filter(|e| matches!(e, TraceEvent::Exchange { probe: false, .. }))
        .collect();
    let lifetime = CODE_LIFETIME.as_secs() as i64;
    match exchanges.first() {
        None => checks.push(
            LaunchCheck::new(
                "exchange",
                "The code is exchanged within 30 seconds",
                Severity::Fail,
                "Your back end never exchanged the code for a token.",
            )
            .fix("POST the code to /oauth/token from your back end as soon as the user comes back (grant_type, code, client_id, client_secret, redirect_uri)."),
        ),
        Some(TraceEvent::Exchange {
            code_age_secs,
            same_redirect_uri,
            client_authenticated,
            outcome,
            ..
        }) => {
            let age = code_age_secs.unwrap_or(0);
            let check = if outcome == "ok" {
                LaunchCheck::new(
                    "exchange",
                    "The code is exchanged within 30 seconds",
                    Severity::Pass,
                    format!("Your back end exchanged the code {age} s after it was issued (codes live {lifetime} s)."),
                )
            } else if !client_authenticated {
                LaunchCheck::new(
                    "exchange",
                    "The code is exchanged within 30 seconds",
                    Severity::Fail,
                    "The exchange's client_id or client_secret was refused (invalid_client).",
                )
                .fix("Use the client id and secret the platform issued when the app was created.")
            } else if *same_redirect_uri == Some(false) {
                LaunchCheck::new(
                    "exchange",
                    "The code is exchanged within 30 seconds",
                    Severity::Fail,
                    "The exchange used a different redirect_uri than the authorize request.",
                )
                .fix("Send /oauth/token exactly the redirect_uri you sent to authorize.")
            } else if age >= lifetime {
                LaunchCheck::new(
                    "exchange",
                    "The code is exchanged within 30 seconds",
                    Severity::Fail,
                    format!("Your back end exchanged the code {age} s after it was issued; codes live {lifetime} s."),
                )
                .fix("Exchange the code at once, in the request that receives it, not from a queue or a later job.")
            } else {
                LaunchCheck::new(
                    "exchange",
                    "The code is exchanged within 30 seconds",
                    Severity::Fail,
                    format!("The platform refused the exchange ({outcome})."),
                )
            };
            checks.push(check);
        }
        Some(_) => {}
    }
    let reused = exchanges
        .iter()
        .any(|e| matches!(e, TraceEvent::Exchange { reused: true, .. }));
    if exchanges.len() > 1 || reused {
        checks.push(
            LaunchCheck::new(
                "code_once",
                "Each code is used once",
                Severity::Fail,
                "The code was used twice: the platform refused the second use and revoked the token the first one produced.",
            )
            .fix("Exchange each code exactly once; keep the token, not the code."),
        );
    }
    let userinfo = trace.events.iter().find_map(|e| match e {
        TraceEvent::Userinfo { ok } => Some(*ok),
        _ => None,
    });
    checks.push(match userinfo {
        Some(true) => LaunchCheck::new(
            "userinfo",
            "The user's info is read",
            Severity::Pass,
            "Your app read /oauth/userinfo with the token.",
        ),
        _ => LaunchCheck::new(
            "userinfo",
            "The user's info is read",
            Severity::Warn,
            "Your app never read /oauth/userinfo with the token.",
        )
        .fix("Call GET /oauth/userinfo with the access token to learn the business_uid, staff and brand_host, and keep them with the token."),
    });
    let calls: Vec<String> = trace
        .events
        .iter()
        .filter_map(|e| match e {
            TraceEvent::ApiCall { method, path } => Some(format!("{method} {path}")),
            _ => None,
        })
        .collect();
    if !calls.is_empty() {
        checks.push(LaunchCheck::new(
            "api_calls",
            "API calls with the token",
            Severity::Pass,
            format!(
                "Your app called the API with the token: {}.",
                calls.join(", ")
            ),
        ));
    }
}

/// The checks possible without the platform's side (a real platform): where the login
/// window was sent and with what, as its navigations show.
pub fn judge_navigations(
    navigations: &[Url],
    brand_host: &str,
    client_id: Option<&str>,
    registered: &[String],
) -> Vec<LaunchCheck> {
    let authorize = navigations
        .iter()
        .find(|url| url.path().ends_with("/oauth/authorize"));
    let Some(authorize) = authorize else {
        return vec![LaunchCheck::new(
            "brand_host",
            "Sign-in on the brand host it was opened from",
            Severity::Fail,
            format!("The login window never went to an authorize URL (on {brand_host} or anywhere)."),
        )
        .fix("Send the user to https://<brand_host>/app/oauth/authorize with your client id, a registered redirect URI and a state.")];
    };
    let param = |name: &str| {
        authorize
            .query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let host = authorize
        .host_str()
        .map(|h| match authorize.port() {
            Some(port) => format!("{h}:{port}"),
            None => h.to_owned(),
        })
        .unwrap_or_default();
    let mut checks = vec![if host.eq_ignore_ascii_case(brand_host) {
        LaunchCheck::new(
            "brand_host",
            "Sign-in on the brand host it was opened from",
            Severity::Pass,
            format!("Your app sent the user to authorize on {host}."),
        )
    } else {
        LaunchCheck::new(
            "brand_host",
            "Sign-in on the brand host it was opened from",
            Severity::Fail,
            format!("Your app sent users to {host}, not the brand host it was opened from ({brand_host}, brand_host)."),
        )
        .fix("Use the brand_host parameter the app is opened with for the authorize URL.")
    }];
    match client_id {
        Some(client_id) if param("client_id").as_deref() == Some(client_id) => {
            checks.push(LaunchCheck::new(
                "client_id",
                "The app's client id",
                Severity::Pass,
                "The authorize request carries the app's client id.",
            ))
        }
        Some(_) => checks.push(
            LaunchCheck::new(
                "client_id",
                "The app's client id",
                Severity::Fail,
                "The authorize request carries another client id than the app's.",
            )
            .fix("Send the client id the platform issued for this app."),
        ),
        // The platform never shows a client id again: only a kept one can be compared.
        None => {}
    }
    let redirect = param("redirect_uri").unwrap_or_default();
    checks.push(if registered.contains(&redirect) {
        LaunchCheck::new(
            "redirect_uri",
            "A registered redirect URI",
            Severity::Pass,
            format!("The redirect_uri {redirect} is registered, exactly."),
        )
    } else {
        LaunchCheck::new(
            "redirect_uri",
            "A registered redirect URI",
            Severity::Fail,
            format!(
                "The redirect_uri {redirect:?} is not one of the app's registered redirect URIs."
            ),
        )
        .fix("Send exactly one of the app's oauth_redirect_uris, or register it.")
    });
    checks.push(match param("state") {
        None => LaunchCheck::new("state_sent", "A state that is sent and unguessable", Severity::Fail, "Your app never sent state.")
            .fix("Send an unguessable value as state, keep it in the user's session, and compare it when the user comes back."),
        Some(state) if state.chars().count() < 16 => LaunchCheck::new("state_sent", "A state that is sent and unguessable", Severity::Warn, format!("Your app sent a state of only {} characters.", state.chars().count()))
            .fix("Use at least 128 random bits for state."),
        Some(_) => LaunchCheck::new("state_sent", "A state that is sent and unguessable", Severity::Pass, "Your app sent a state."),
    });
    checks.push(LaunchCheck::new(
        "platform_side",
        "The exchange, userinfo and the state check",
        Severity::Warn,
        "Not checked: on a real platform the console cannot see your back end's exchange, its userinfo call or whether it checks state; launch the app on the Sandbox profile to check those.",
    ));
    checks
}

fn shorten(url: &str) -> String {
    match Url::parse(url) {
        Ok(url) => format!("{}{}", url.origin().ascii_serialization(), url.path()),
        Err(_) => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn trace(events: serde_json::Value) -> LaunchTrace {
        serde_json::from_value(json!({
            "launch_id": "l1", "app_code_name": "app", "client_id": "c", "business_uid": "b",
            "staff_uid": "s", "brand_host": "127.0.0.1:4100", "app_host": "http://127.0.0.1:5000/app?x=1",
            "events": events,
        }))
        .unwrap()
    }

    fn good_flow() -> serde_json::Value {
        json!([
            {"kind": "launched"},
            {"kind": "authorize", "host": "127.0.0.1:4100", "redirect_uri": "http://127.0.0.1:5000/callback", "redirect_uri_registered": true, "state": {"chars": 48, "estimated_bits": 192}, "pkce": false, "outcome": "consent"},
            {"kind": "decision", "approved": true},
            {"kind": "code_issued"},
            {"kind": "exchange", "code_age_secs": 0, "same_redirect_uri": true, "client_authenticated": true, "reused": false, "outcome": "ok"},
            {"kind": "userinfo", "ok": true}
        ])
    }

    fn severity(checks: &[LaunchCheck], id: &str) -> Severity {
        checks
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id} in {checks:?}"))
            .severity
    }

    #[test]
    fn a_flow_that_follows_the_guide_passes_every_check() {
        let checks = judge_trace(&trace(good_flow()), &ProbeOutcome::Refused);
        assert_eq!(worst(&checks), Severity::Pass, "{checks:?}");
    }

    #[test]
    fn each_mistake_fails_the_check_that_names_it() {
        let mut slow = good_flow();
        slow[4]["code_age_secs"] = json!(41);
        slow[4]["outcome"] = json!("invalid_grant: expired");
        let checks = judge_trace(&trace(slow), &ProbeOutcome::Refused);
        assert_eq!(severity(&checks, "exchange"), Severity::Fail);
        assert!(checks.iter().any(|c| c
            .message
            .contains("41 s after it was issued; codes live 30 s")));

        let mut elsewhere = good_flow();
        elsewhere[1]["host"] = json!("app.vcita.com");
        let checks = judge_trace(&trace(elsewhere), &ProbeOutcome::Refused);
        assert!(checks.iter().any(|c| c
            .message
            .contains("sent users to app.vcita.com, not the brand host")));

        let mut stateless = good_flow();
        stateless[1]["state"] = json!(null);
        assert_eq!(
            severity(
                &judge_trace(&trace(stateless), &ProbeOutcome::Exchanged),
                "state_sent"
            ),
            Severity::Fail
        );

        let checks = judge_trace(&trace(good_flow()), &ProbeOutcome::Exchanged);
        assert_eq!(severity(&checks, "state_checked"), Severity::Fail);

        let mut twice = good_flow();
        twice.as_array_mut().unwrap().push(json!({"kind": "exchange", "code_age_secs": 0, "same_redirect_uri": true, "client_authenticated": true, "reused": true, "outcome": "invalid_grant: used"}));
        assert_eq!(
            severity(
                &judge_trace(&trace(twice), &ProbeOutcome::Refused),
                "code_once"
            ),
            Severity::Fail
        );

        let mut other_uri = good_flow();
        other_uri[4]["same_redirect_uri"] = json!(false);
        other_uri[4]["outcome"] = json!("invalid_grant: redirect_uri does not match");
        let checks = judge_trace(&trace(other_uri), &ProbeOutcome::Refused);
        assert!(checks
            .iter()
            .any(|c| c.message.contains("different redirect_uri")));
    }

    #[test]
    fn an_app_that_never_authorizes_or_is_never_reached_fails_with_the_reason() {
        let checks = judge_trace(
            &trace(json!([{"kind": "launched"}])),
            &ProbeOutcome::NotRun("no flow".into()),
        );
        assert_eq!(severity(&checks, "brand_host"), Severity::Fail);
        let checks = judge_trace(
            &trace(json!([{"kind": "login_shown"}])),
            &ProbeOutcome::Skipped,
        );
        assert_eq!(severity(&checks, "launched"), Severity::Fail);
    }

    #[test]
    fn navigations_alone_check_the_authorize_request_and_say_what_needs_the_sandbox() {
        let navigations = vec![
            Url::parse("https://partner.example/app?brand_host=brand.example").unwrap(),
            Url::parse("https://brand.example/app/oauth/authorize?client_id=c&redirect_uri=https%3A%2F%2Fpartner.example%2Fcb&state=0123456789abcdef0123").unwrap(),
        ];
        let checks = judge_navigations(
            &navigations,
            "brand.example",
            Some("c"),
            &["https://partner.example/cb".to_owned()],
        );
        assert_eq!(severity(&checks, "brand_host"), Severity::Pass);
        assert_eq!(severity(&checks, "redirect_uri"), Severity::Pass);
        assert_eq!(severity(&checks, "platform_side"), Severity::Warn);
    }
}
