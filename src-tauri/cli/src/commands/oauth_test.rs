//! `intandem oauth test <app>`: one OAuth run in the user's own browser (or a pasted
//! redirect URL), followed by core's `oauth_run` to its verdict. This file only picks the
//! browser, prints, and makes sure a redirect URI registered for the run is removed again.

use std::io::Write as _;
use std::time::Duration;

use intandem_core::console::dto::OAuthCompletion;
use intandem_core::console::OAuthBegin;
use intandem_core::oauth_run::{
    Browser, OAuthEvent, Opener, PastedRedirect, RunEnd, SystemBrowser, TemporaryRedirect,
};
use intandem_core::redirect_uri::RedirectUri;
use intandem_core::store::OAuthOutcome;
use intandem_core::{Console, ConsoleError, ErrorCode};
use serde_json::json;
use url::Url;

use crate::cli::OAuthTestArgs;
use crate::output::{Failure, Output};

pub async fn run(console: &Console, args: OAuthTestArgs, out: Output) -> Result<(), Failure> {
    // Listening for Ctrl-C from the start: a Ctrl-C at any point still removes a redirect
    // URI registered for the run.
    let mut interrupt = Interrupt::listen()?;
    let app = args.app.clone();
    let temporary = if args.register_loopback && args.redirect_uri.is_none() {
        match console.oauth_loopback_redirect(&app).await? {
            Some(_) => None,
            None => {
                let temporary = console.oauth_register_loopback(&app).await?;
                out.note(&format!(
                    "registered {} for this test; it is removed when the test ends",
                    temporary.uri
                ));
                Some(temporary)
            }
        }
    } else {
        None
    };
    let registered_uri = temporary.as_ref().map(|t| t.uri.clone());
    let result = test(console, &args, temporary, out, &mut interrupt).await;
    if let Some(uri) = registered_uri {
        match console.oauth_unregister_loopback(&app, &uri).await {
            Ok(()) => out.note(&format!("removed {uri} again")),
            Err(error) => out.note(&format!(
                "{uri} could not be removed ({}); remove it with `intandem redirect-uris remove {app} {uri}`",
                error.message
            )),
        }
    }
    result
}

async fn test(
    console: &Console,
    args: &OAuthTestArgs,
    temporary: Option<TemporaryRedirect>,
    out: Output,
    interrupt: &mut Interrupt,
) -> Result<(), Failure> {
    let (redirect_uri, listener) = match (temporary, &args.redirect_uri) {
        (Some(temporary), _) => (temporary.uri, Some(temporary.listener)),
        (None, Some(uri)) => (uri.clone(), None),
        (None, None) => match console.oauth_loopback_redirect(&args.app).await? {
            Some(uri) => (uri, None),
            None => {
                return Err(ConsoleError::invalid_input(
                    "redirect_uri",
                    format!(
                        "App {} has no loopback redirect URI with a port (like \
                         http://127.0.0.1:8765/callback) for your browser to come back to: add \
                         one, pass --register-loopback to register one for this test, or give \
                         --redirect-uri and paste the URL the browser ends on.",
                        args.app
                    ),
                )
                .into())
            }
        },
    };
    let loopback = RedirectUri::parse(&redirect_uri)
        .is_ok_and(|uri| uri.is_loopback_http() && uri.has_explicit_port());
    let json = out.json;
    let show = move |url: &Url| show_url(url, json);
    let browser: Box<dyn Browser> = match (loopback, listener) {
        (true, Some(listener)) => Box::new(SystemBrowser::with_listener(
            listener,
            opener(args.no_browser, show),
        )),
        (true, None) => Box::new(SystemBrowser::new(opener(args.no_browser, show))),
        (false, _) => {
            eprintln!(
                "{redirect_uri} is not served on this computer: after the consent page, paste the \
                 address the browser was sent to, then press Enter."
            );
            Box::new(PastedRedirect::new(
                Box::new(show),
                tokio::io::BufReader::new(tokio::io::stdin()),
            ))
        }
    };
    let begin = OAuthBegin {
        app: args.app.clone(),
        redirect_uri,
        brand_url: args.brand_url.clone(),
        pkce: args.pkce,
        scope: None,
    };
    let live = console
        .oauth_test_start(begin, browser, Duration::from_secs(args.timeout.max(1)))
        .await?;
    let run_id = live.run_id();
    let progress = |event: OAuthEvent| {
        if let OAuthEvent::Step { step, .. } = event {
            eprintln!("{} {}", if step.ok { "ok " } else { "ERR" }, step.summary);
        }
    };
    let drive = live.drive(console, &progress);
    tokio::pin!(drive);
    let end = tokio::select! {
        end = &mut drive => end,
        () = interrupt.recv() => {
            console.oauth_stop(run_id, "Interrupted (Ctrl-C) before the redirect arrived.");
            drive.await
        }
    }?;
    match end {
        RunEnd::Completed(completion) => {
            out.print(&*completion, summary);
            finished(&completion)
        }
        RunEnd::Ended { run, reason, error } => {
            out.print(
                &json!({ "run_id": run.run_id, "outcome": run.outcome, "error": reason }),
                |_| format!("OAuth test {} ended without a redirect.", run.run_id),
            );
            Err(Failure {
                error: error.unwrap_or_else(|| ConsoleError::new(ErrorCode::Cancelled, reason)),
                result_printed: true,
            })
        }
    }
}

/// Ctrl-C, caught from the moment it is created.
struct Interrupt {
    #[cfg(unix)]
    signal: tokio::signal::unix::Signal,
}

impl Interrupt {
    fn listen() -> Result<Interrupt, ConsoleError> {
        #[cfg(unix)]
        {
            let signal = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
                .map_err(|error| {
                    ConsoleError::new(
                        ErrorCode::Internal,
                        format!("Ctrl-C could not be caught ({error}); this is a bug: please report it."),
                    )
                })?;
            Ok(Interrupt { signal })
        }
        #[cfg(not(unix))]
        Ok(Interrupt {})
    }

    async fn recv(&mut self) {
        #[cfg(unix)]
        self.signal.recv().await;
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn opener(no_browser: bool, show: impl FnMut(&Url) + Send + 'static) -> Opener {
    if no_browser {
        Opener::Show(Box::new(show))
    } else {
        Opener::System
    }
}

/// The authorize URL, as the first line of stdout (one compact JSON object with --json),
/// flushed at once: a script or a test follows it while the command waits.
fn show_url(url: &Url, json: bool) {
    let line = if json {
        json!({ "url": url.as_str() }).to_string()
    } else {
        url.to_string()
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}").and_then(|()| stdout.flush());
}

fn summary(completion: &OAuthCompletion) -> String {
    let mut lines = vec![format!(
        "OAuth test {} of app {} {}.",
        completion.run_id,
        completion.app_code_name,
        completion.outcome.as_str()
    )];
    if let Some(info) = &completion.userinfo {
        lines.push(format!(
            "user: {} ({}), business {}",
            info.email.as_deref().unwrap_or("-"),
            info.role.as_deref().unwrap_or("-"),
            info.business_name
                .as_deref()
                .or(info.business_uid.as_deref())
                .unwrap_or("-")
        ));
    }
    if let Some(used) = completion.timings.window_used_ms {
        lines.push(format!(
            "the exchange answered {used} ms into the code's {} ms life",
            completion.timings.code_lifetime_ms
        ));
    }
    lines.push(format!(
        "report: intandem oauth report {}",
        completion.run_id
    ));
    lines.join("\n")
}

fn finished(completion: &OAuthCompletion) -> Result<(), Failure> {
    match (completion.outcome, &completion.error) {
        (OAuthOutcome::Succeeded, _) => Ok(()),
        (outcome, error) => Err(Failure {
            error: error.clone().unwrap_or_else(|| {
                ConsoleError::new(
                    ErrorCode::Internal,
                    format!(
                        "The OAuth test ended {} without a reason; this is a bug: please report it.",
                        outcome.as_str()
                    ),
                )
            }),
            result_printed: true,
        }),
    }
}
