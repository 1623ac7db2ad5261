//! The rules. Each takes facts already gathered and says pass, warn or fail.

use super::{CheckResult, Severity};
use crate::error::ConsoleError;
use crate::error::ErrorCode;
use crate::oauth::CODE_LIFETIME;
use crate::platform::App;
use crate::redirect_uri::RedirectUri;
use crate::store::OAuthOutcome;

/// What the profile's token check found.
pub struct TokenFacts<'a> {
    pub profile: &'a str,
    /// The directory's app list, read with the token: how many apps, or why not.
    pub listing: Result<usize, &'a ConsoleError>,
    /// The directory's branding, which only staff and directory tokens may read (an app
    /// token lists its own app, so the list alone does not tell).
    pub branding: Option<Result<(), &'a ConsoleError>>,
}

/// The last OAuth test run here for the app.
pub struct LastOAuthTest {
    pub run_id: i64,
    /// `None` while it waits for its redirect.
    pub outcome: Option<OAuthOutcome>,
    pub error: Option<String>,
    /// From the redirect's arrival to the exchange's answer.
    pub window_used_ms: Option<u64>,
}

/// Everything the app checks look at.
pub struct AppFacts<'a> {
    pub code: &'a str,
    /// The app as the platform has it, or why it could not be read.
    pub app: Result<&'a App, &'a ConsoleError>,
    pub has_credentials: bool,
    /// Active app tokens on the platform (and how many were created here), or why unknown.
    pub tokens: Option<Result<(usize, usize), &'a ConsoleError>>,
    pub last_test: Option<LastOAuthTest>,
    /// The app's last launch from this console, if it was ever launched.
    pub last_launch: Option<LastLaunch>,
}

/// What the setup checks show of the app's last launch ("Open app").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastLaunch {
    pub run_id: i64,
    pub verdict: Severity,
    /// The titles of the launch's failed checks (or, with none failed, its warnings).
    pub worst_titles: Vec<String>,
}

/// A code exchange using more of the code's life than this is worth a warning.
const SLOW_EXCHANGE_MS: u64 = 10_000;

/// The profile's token is valid and is a directory token.
pub fn token_check(facts: &TokenFacts<'_>) -> CheckResult {
    const ID: &str = "directory_token";
    const TITLE: &str = "The profile's token is a valid directory token";
    let not_directory =
        |error: &ConsoleError| matches!(error.code, ErrorCode::Forbidden | ErrorCode::Unauthorized);
    match facts.listing {
        Ok(_) if facts.branding.is_some_and(|b| b.is_err_and(not_directory)) => CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            format!(
                "The token of profile {} is valid but may not read the directory's branding, so \
                 it is not a directory token (an app token sees only its own app).",
                facts.profile
            ),
        )
        .fix("Use the directory API token from the partner portal, not an app token."),
        Ok(count) => CheckResult::new(
            ID,
            TITLE,
            Severity::Pass,
            format!(
                "The token of profile {} lists the directory's apps ({count}).",
                facts.profile
            ),
        ),
        Err(error) if error.code == ErrorCode::Unauthorized => CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            format!("The platform refused the token of profile {}: {}", facts.profile, error.message),
        )
        .fix("Ask the partner admin for a valid directory API token and add the profile again with it."),
        Err(error) if error.code == ErrorCode::Forbidden => CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            format!(
                "The token of profile {} is valid but may not list the directory's apps, so it is \
                 not a directory token (an app token, or a staff token?).",
                facts.profile
            ),
        )
        .fix("Use the directory API token from the partner portal, not an app or staff token."),
        // The platform did not answer: nothing is known about the token either way.
        Err(error) if super::could_not_check(error) => CheckResult::new(
            ID,
            TITLE,
            Severity::Unknown,
            format!(
                "Could not check: the platform did not answer the listing of the directory's apps                  ({}). This says nothing about the token.",
                error.message.trim_end_matches('.')
            ),
        )
        .fix("Run the checks again when the platform answers; if it keeps failing, it is an outage on the platform's side."),
        Err(error) => CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            format!("The token could not be checked: {}", error.message),
        )
        .fix("Check the profile's API base and token, then run the checks again."),
    }
}

/// Every app check, in a fixed order.
pub fn evaluate_app(facts: &AppFacts<'_>) -> Vec<CheckResult> {
    let mut checks = vec![exists(facts)];
    checks.push(credentials(facts));
    let Ok(app) = facts.app else {
        return checks;
    };
    checks.push(landing_page(app));
    checks.push(oauth_redirect_uris(app));
    checks.push(brand_host(app));
    checks.push(name(app));
    checks.push(trusted(app));
    checks.push(app_tokens(facts));
    checks.push(last_oauth_test(facts));
    // An app never launched has no row: a launch needs the partner's app running, which
    // setup checks cannot ask for.
    if let Some(launch) = &facts.last_launch {
        checks.push(last_launch(launch));
    }
    checks
}

fn last_launch(launch: &LastLaunch) -> CheckResult {
    const ID: &str = "last_launch";
    const TITLE: &str = "The last launch of the app";
    let listed = launch.worst_titles.join("; ");
    match launch.verdict {
        Severity::Pass => CheckResult::new(
            ID,
            TITLE,
            Severity::Pass,
            format!("Launch {} passed every check.", launch.run_id),
        ),
        // A launch's checks never end as unknown; kept apart should one ever.
        Severity::Warn | Severity::Unknown => CheckResult::new(
            ID,
            TITLE,
            Severity::Warn,
            format!("Launch {} passed with warnings: {listed}.", launch.run_id),
        )
        .fix("See the launch in the app's history for what was seen and the fixes."),
        Severity::Fail => CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            format!("Launch {} failed: {listed}.", launch.run_id),
        )
        .fix("See the launch in the app's history for what was seen and the fixes, then launch again."),
    }
}

fn exists(facts: &AppFacts<'_>) -> CheckResult {
    const ID: &str = "app_exists";
    const TITLE: &str = "The app exists in this directory";
    match facts.app {
        Ok(app) => CheckResult::new(
            ID,
            TITLE,
            Severity::Pass,
            format!(
                "The platform has app {} ({}) in this directory.",
                facts.code,
                app.name.as_deref().unwrap_or("no name")
            ),
        ),
        Err(error) if matches!(error.code, ErrorCode::NotFound | ErrorCode::Forbidden) => {
            CheckResult::new(
                ID,
                TITLE,
                Severity::Fail,
                format!(
                    "The platform has no app {} in this profile's directory ({}): it does not \
                     exist, or it belongs to another directory.",
                    facts.code, error.message
                ),
            )
            .fix("Check the code name, and that the profile is the partner's own directory.")
        }
        Err(error) if super::could_not_check(error) => CheckResult::new(
            ID,
            TITLE,
            Severity::Unknown,
            format!(
                "Could not check: the platform did not answer the read of the app ({}).",
                error.message.trim_end_matches('.')
            ),
        )
        .fix("Run the checks again when the platform answers."),
        Err(error) => CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            format!(
                "The app could not be read, so it could not be checked: {}",
                error.message
            ),
        )
        .fix("Check the code name and the profile, then run the checks again."),
    }
}

fn credentials(facts: &AppFacts<'_>) -> CheckResult {
    const ID: &str = "credentials_kept";
    const TITLE: &str = "The client id and secret are kept in this console";
    if facts.has_credentials {
        CheckResult::new(
            ID,
            TITLE,
            Severity::Pass,
            "This console keeps the app's client id and secret (encrypted).",
        )
    } else {
        CheckResult::new(
            ID,
            TITLE,
            Severity::Warn,
            "This console has no client secret for the app, so it cannot test its OAuth flow \
             (the platform shows a secret only once, when the app is created).",
        )
        .fix("Import the credentials the partner kept (Credentials tab, or `intandem apps credentials import`).")
    }
}

fn landing_page(app: &App) -> CheckResult {
    const ID: &str = "redirect_uri";
    const TITLE: &str = "The landing page (redirect_uri) is a valid redirect URI";
    match app.redirect_uri.as_deref() {
        None => CheckResult::new(ID, TITLE, Severity::Fail, "The app has no redirect_uri.")
            .fix("Set the app's landing page (an https URL) in its settings."),
        Some(uri) => match RedirectUri::parse(uri) {
            Ok(_) => CheckResult::new(ID, TITLE, Severity::Pass, format!("{uri} is valid.")),
            Err(error) => CheckResult::new(ID, TITLE, Severity::Fail, format!("{error}."))
                .fix("Correct the landing page in the app's settings."),
        },
    }
}

fn oauth_redirect_uris(app: &App) -> CheckResult {
    const ID: &str = "oauth_redirect_uris";
    const TITLE: &str = "Every OAuth redirect URI is valid, once";
    let uris: Vec<&str> = app
        .oauth_redirect_uris
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if uris.is_empty() {
        return CheckResult::new(
            ID,
            TITLE,
            Severity::Pass,
            "The app has no OAuth redirect URIs: the authorize page accepts only its landing page.",
        );
    }
    let mut problems = Vec::new();
    let mut parsed = Vec::new();
    for (index, uri) in uris.iter().enumerate() {
        if uris[..index].contains(uri) {
            problems.push(format!("{uri} is listed twice"));
            continue;
        }
        match RedirectUri::parse(uri) {
            Ok(valid) => parsed.push(valid),
            Err(error) => problems.push(error.to_string()),
        }
    }
    if !problems.is_empty() {
        return CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            format!("{}.", problems.join("; ")),
        )
        .fix("Fix or remove these entries in the Redirect URIs tab.");
    }
    let mut near = Vec::new();
    for (index, a) in parsed.iter().enumerate() {
        for b in &parsed[index + 1..] {
            if a.near_duplicate_of(b) {
                near.push(format!("{a} and {b}"));
            }
        }
    }
    if !near.is_empty() {
        return CheckResult::new(
            ID,
            TITLE,
            Severity::Warn,
            format!(
                "Nearly the same URIs are registered ({}): the platform compares exact strings, \
                 so one of each pair is probably not what the app sends.",
                near.join("; ")
            ),
        )
        .fix("Keep only the exact URI the app sends as redirect_uri.");
    }
    CheckResult::new(
        ID,
        TITLE,
        Severity::Pass,
        format!("{} OAuth redirect URIs, all valid.", uris.len()),
    )
}

fn brand_host(app: &App) -> CheckResult {
    const ID: &str = "brand_host";
    const TITLE: &str = "url_params includes brand_host";
    let has = app
        .url_params
        .iter()
        .flatten()
        .any(|param| param == "brand_host");
    if has {
        CheckResult::new(
            ID,
            TITLE,
            Severity::Pass,
            "The platform tells the app which brand host opened it.",
        )
    } else {
        CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            "url_params does not include brand_host, so the app cannot learn which brand host \
             opened it; the OAuth guide needs it to send users to the right authorize page.",
        )
        .fix("Add brand_host to the app's URL parameters (Settings, OAuth).")
    }
}

fn name(app: &App) -> CheckResult {
    const ID: &str = "name";
    const TITLE: &str = "The name is 3 to 25 characters";
    let Some(name) = app.name.as_deref() else {
        return CheckResult::new(ID, TITLE, Severity::Fail, "The app has no name.")
            .fix("Give the app a name of 3 to 25 characters.");
    };
    let length = name.chars().count();
    if (3..=25).contains(&length) {
        CheckResult::new(
            ID,
            TITLE,
            Severity::Pass,
            format!("{name:?} is {length} characters."),
        )
    } else {
        CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            format!("{name:?} is {length} characters; the platform allows 3 to 25."),
        )
        .fix("Rename the app in its settings.")
    }
}

fn trusted(app: &App) -> CheckResult {
    const ID: &str = "trusted";
    const TITLE: &str = "What users see on the consent screen";
    let reason = if app.is_trusted() {
        "The app is trusted: users skip the consent screen and go straight back to the app."
    } else {
        "The app is not trusted: users see the consent screen and must approve the app once \
         (a Deny comes back as error=access_denied)."
    };
    CheckResult::new(ID, TITLE, Severity::Pass, reason)
}

fn app_tokens(facts: &AppFacts<'_>) -> CheckResult {
    const ID: &str = "app_tokens";
    const TITLE: &str = "Active app tokens";
    match &facts.tokens {
        None => CheckResult::new(ID, TITLE, Severity::Pass, "Not checked."),
        Some(Ok((0, _))) => CheckResult::new(
            ID,
            TITLE,
            Severity::Pass,
            "The app has no active app tokens.",
        ),
        Some(Ok((active, here))) => CheckResult::new(
            ID,
            TITLE,
            Severity::Pass,
            format!("{active} active app token(s), {here} of them created in this console."),
        ),
        Some(Err(error)) if super::could_not_check(error) => CheckResult::new(
            ID,
            TITLE,
            Severity::Unknown,
            format!(
                "Could not check: the platform did not answer the listing of the app's tokens ({}).",
                error.message.trim_end_matches('.')
            ),
        )
        .fix("Run the checks again when the platform answers."),
        Some(Err(error)) => CheckResult::new(
            ID,
            TITLE,
            Severity::Warn,
            format!("The app's tokens could not be listed: {}", error.message),
        )
        .fix("Check the profile's token, then run the checks again."),
    }
}

fn last_oauth_test(facts: &AppFacts<'_>) -> CheckResult {
    const ID: &str = "last_oauth_test";
    const TITLE: &str = "The last OAuth test";
    let lifetime_ms = CODE_LIFETIME.as_millis() as u64;
    let Some(test) = &facts.last_test else {
        return CheckResult::new(
            ID,
            TITLE,
            Severity::Warn,
            "The app's OAuth flow was never tested from this console.",
        )
        .fix("Run an OAuth test (OAuth test tab, or `intandem oauth authorize-url`).");
    };
    let used = test.window_used_ms.map(|ms| {
        format!(
            " The exchange used {:.1} s of the code's {} s.",
            ms as f64 / 1000.0,
            lifetime_ms / 1000
        )
    });
    match test.outcome {
        Some(OAuthOutcome::Succeeded) => {
            let slow = test.window_used_ms.is_some_and(|ms| ms > SLOW_EXCHANGE_MS);
            let result = CheckResult::new(
                ID,
                TITLE,
                if slow { Severity::Warn } else { Severity::Pass },
                format!("Test {} succeeded.{}", test.run_id, used.unwrap_or_default()),
            );
            if slow {
                result.fix("The exchange was slow: check the network path to the platform; codes live 30 s.")
            } else {
                result
            }
        }
        Some(OAuthOutcome::Failed) => CheckResult::new(
            ID,
            TITLE,
            Severity::Fail,
            format!(
                "Test {} failed: {}{}",
                test.run_id,
                test.error.as_deref().unwrap_or("no reason recorded."),
                used.unwrap_or_default()
            ),
        )
        .fix("Fix what the failure names, then run the test again."),
        Some(OAuthOutcome::Cancelled) => CheckResult::new(
            ID,
            TITLE,
            Severity::Warn,
            format!("Test {} was cancelled before the platform redirected back.", test.run_id),
        )
        .fix("Run the test again to the end."),
        None => CheckResult::new(
            ID,
            TITLE,
            Severity::Warn,
            format!("Test {} never received its redirect.", test.run_id),
        )
        .fix("Run the test again; if the platform shows an error page, check the redirect URI and the brand URL."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn app(fields: serde_json::Value) -> App {
        let mut base = json!({
            "app_code_name": "myapp",
            "name": "My app",
            "redirect_uri": "https://myapp.example.com/app",
            "oauth_redirect_uris": ["https://myapp.example.com/cb"],
            "url_params": ["brand_host"],
            "trusted": false
        });
        for (key, value) in fields.as_object().unwrap() {
            base[key] = value.clone();
        }
        serde_json::from_value(base).unwrap()
    }

    fn run(app: &App) -> Vec<CheckResult> {
        evaluate_app(&AppFacts {
            code: "myapp",
            app: Ok(app),
            has_credentials: true,
            tokens: Some(Ok((1, 1))),
            last_test: Some(LastOAuthTest {
                run_id: 1,
                outcome: Some(OAuthOutcome::Succeeded),
                error: None,
                window_used_ms: Some(120),
            }),
            last_launch: None,
        })
    }

    fn severity_of(checks: &[CheckResult], id: &str) -> Severity {
        checks.iter().find(|c| c.id == id).unwrap().severity
    }

    #[test]
    fn a_well_set_up_app_passes_everything() {
        let checks = run(&app(json!({})));
        assert!(
            checks.iter().all(|c| c.severity == Severity::Pass),
            "{checks:#?}"
        );
        assert_eq!(checks.len(), 9);
    }

    #[test]
    fn each_redirect_uri_problem_fails_and_near_duplicates_warn() {
        for bad in [
            json!(["https://a.example/cb#x"]),
            json!(["https://*.example/cb"]),
            json!(["http://a.example/cb"]),
            json!(["cb"]),
            json!(["https://a.example/cb", "https://a.example/cb"]),
        ] {
            let checks = run(&app(json!({ "oauth_redirect_uris": bad })));
            assert_eq!(
                severity_of(&checks, "oauth_redirect_uris"),
                Severity::Fail,
                "{bad}"
            );
        }
        let near = run(&app(
            json!({"oauth_redirect_uris": ["https://a.example/cb", "https://a.example/cb/"]}),
        ));
        assert_eq!(severity_of(&near, "oauth_redirect_uris"), Severity::Warn);
        let landing = run(&app(json!({"redirect_uri": "ftp://a.example/app"})));
        assert_eq!(severity_of(&landing, "redirect_uri"), Severity::Fail);
    }

    #[test]
    fn a_missing_brand_host_or_a_bad_name_fails() {
        let checks = run(&app(json!({"url_params": ["business_uid"]})));
        assert_eq!(severity_of(&checks, "brand_host"), Severity::Fail);
        let checks = run(&app(json!({"name": "ab"})));
        assert_eq!(severity_of(&checks, "name"), Severity::Fail);
        let checks = run(&app(json!({"name": "x".repeat(26)})));
        assert_eq!(severity_of(&checks, "name"), Severity::Fail);
    }

    #[test]
    fn the_last_test_fails_warns_or_passes_by_its_outcome_and_speed() {
        let app = app(json!({}));
        let with = |outcome, window| {
            evaluate_app(&AppFacts {
                code: "myapp",
                app: Ok(&app),
                has_credentials: false,
                tokens: None,
                last_test: Some(LastOAuthTest {
                    run_id: 7,
                    outcome,
                    error: Some("invalid_grant".into()),
                    window_used_ms: window,
                }),
                last_launch: None,
            })
        };
        assert_eq!(
            severity_of(&with(Some(OAuthOutcome::Failed), None), "last_oauth_test"),
            Severity::Fail
        );
        assert_eq!(
            severity_of(
                &with(Some(OAuthOutcome::Cancelled), None),
                "last_oauth_test"
            ),
            Severity::Warn
        );
        assert_eq!(
            severity_of(
                &with(Some(OAuthOutcome::Succeeded), Some(25_000)),
                "last_oauth_test"
            ),
            Severity::Warn
        );
        let fast = with(Some(OAuthOutcome::Succeeded), Some(300));
        assert_eq!(severity_of(&fast, "last_oauth_test"), Severity::Pass);
        assert!(fast
            .iter()
            .any(|c| c.reason.contains("0.3 s of the code's 30 s")));
        assert_eq!(severity_of(&fast, "credentials_kept"), Severity::Warn);
    }

    #[test]
    fn the_last_launch_is_shown_with_its_verdict_and_what_failed_and_absent_when_never_launched() {
        let app = app(json!({}));
        let with = |last_launch| {
            evaluate_app(&AppFacts {
                code: "myapp",
                app: Ok(&app),
                has_credentials: true,
                tokens: None,
                last_test: None,
                last_launch,
            })
        };
        assert!(
            !with(None).iter().any(|c| c.id == "last_launch"),
            "no row for an app never launched"
        );
        let failed = with(Some(LastLaunch {
            run_id: 4,
            verdict: Severity::Fail,
            worst_titles: vec!["A state that is sent and unguessable".into()],
        }));
        let row = failed.iter().find(|c| c.id == "last_launch").unwrap();
        assert_eq!(row.severity, Severity::Fail);
        assert_eq!(
            row.reason,
            "Launch 4 failed: A state that is sent and unguessable."
        );
        assert!(row.fix.is_some());
        let passed = with(Some(LastLaunch {
            run_id: 5,
            verdict: Severity::Pass,
            worst_titles: Vec::new(),
        }));
        assert_eq!(severity_of(&passed, "last_launch"), Severity::Pass);
    }

    #[test]
    fn an_app_that_cannot_be_read_stops_after_the_local_checks() {
        let missing = ConsoleError::not_found("no such app");
        let checks = evaluate_app(&AppFacts {
            code: "ghost",
            app: Err(&missing),
            has_credentials: false,
            tokens: None,
            last_test: None,
            last_launch: Some(LastLaunch {
                run_id: 1,
                verdict: Severity::Pass,
                worst_titles: Vec::new(),
            }),
        });
        let ids: Vec<&str> = checks.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["app_exists", "credentials_kept"]);
        assert_eq!(checks[0].severity, Severity::Fail);
    }

    #[test]
    fn the_token_check_tells_a_refused_token_from_one_that_is_not_a_directory_token() {
        let refused = ConsoleError::new(ErrorCode::Unauthorized, "refused");
        let forbidden = ConsoleError::new(ErrorCode::Forbidden, "forbidden");
        let down = ConsoleError::new(ErrorCode::Network, "down");
        let check = |listing| {
            token_check(&TokenFacts {
                profile: "P",
                listing,
                branding: Some(Ok(())),
            })
        };
        assert_eq!(check(Ok(3)).severity, Severity::Pass);
        assert_eq!(check(Err(&refused)).severity, Severity::Fail);
        let not_directory = check(Err(&forbidden));
        assert_eq!(not_directory.severity, Severity::Fail);
        assert!(not_directory.reason.contains("not a directory token"));
        let outage = check(Err(&down));
        assert_eq!(
            outage.severity,
            Severity::Unknown,
            "a check that could not run neither passes nor blames the token"
        );
        assert!(
            outage.reason.starts_with("Could not check"),
            "{}",
            outage.reason
        );
        assert!(outage.reason.contains("says nothing about the token"));
        let server = ConsoleError {
            status: Some(502),
            ..ConsoleError::new(ErrorCode::Server, "the platform answered 502")
        };
        assert_eq!(check(Err(&server)).severity, Severity::Unknown);
        let app_token = token_check(&TokenFacts {
            profile: "P",
            listing: Ok(1),
            branding: Some(Err(&forbidden)),
        });
        assert_eq!(app_token.severity, Severity::Fail);
        assert!(app_token.reason.contains("not a directory token"));
    }
}
