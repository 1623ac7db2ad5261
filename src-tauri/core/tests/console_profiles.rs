//! `Console` profiles against the sandbox: a token is checked before anything is saved,
//! it is shown only masked afterwards, and the built-in Sandbox profile follows the
//! sandbox's port from launch to launch.

mod console_support;

use console_support::*;
use intandem_core::console::{Environment, NewProfileInput};
use intandem_core::store::ProfileKind;
use intandem_core::{ErrorCode, Secret};

fn custom(name: &str, h: &Harness, token: &str) -> NewProfileInput {
    NewProfileInput {
        name: name.to_owned(),
        environment: Environment::Custom {
            api_base: h.info().base_url.clone(),
            brand_url: h.info().brand_url.clone(),
        },
        directory_token: Secret::new(token),
        make_current: false,
        allow_insecure_http: false,
    }
}

#[tokio::test]
async fn a_refused_directory_token_saves_nothing() {
    let h = harness().await;
    let error = h
        .console
        .profile_add(custom("Staging", &h, "not-a-real-directory-token"))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Unauthorized);
    assert!(error.message.contains("not saved"), "{}", error.message);
    let names: Vec<String> = h
        .console
        .profiles_list()
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names, ["Sandbox"]);
    let audit = h.console.audit(None, None).await.unwrap();
    assert!(audit
        .iter()
        .all(|e| e.action.as_str() != "profile_added"
            || e.profile_name.as_deref() == Some("Sandbox")));
}

#[tokio::test]
async fn a_saved_directory_token_is_only_ever_shown_masked() {
    let h = harness().await;
    let token = h.info().other_directory_token.clone();
    // A pasted token with its line break is accepted and trimmed.
    let added = h
        .console
        .profile_add(custom("Other directory", &h, &format!("{token}\n")))
        .await
        .unwrap();
    assert_eq!(added.kind, ProfileKind::Custom);
    assert!(!added.is_current, "the sandbox profile stays current");
    let tail: String = token
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert_eq!(added.directory_token, format!("…{tail}"));
    let listed = serde_json::to_string(&h.console.profiles_list().await.unwrap()).unwrap();
    assert!(!listed.contains(&token), "{listed}");
    assert!(!listed.contains(&h.info().directory_token));
    let audit = serde_json::to_string(&h.console.audit(None, None).await.unwrap()).unwrap();
    assert!(!audit.contains(&token));
}

#[tokio::test]
async fn a_duplicate_name_or_a_bad_url_is_refused_before_the_platform_is_asked() {
    let h = harness().await;
    let token = h.info().other_directory_token.clone();
    let error = h
        .console
        .profile_add(custom("Sandbox", &h, &token))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict);
    let mut bad = custom("Bad", &h, &token);
    bad.environment = Environment::Custom {
        api_base: "api.example.com".into(),
        brand_url: h.info().brand_url.clone(),
    };
    let error = h.console.profile_add(bad).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidInput);
    assert_eq!(error.field.as_deref(), Some("api_base"));
}

#[tokio::test]
async fn profiles_are_chosen_overridden_and_removed() {
    let h = harness().await;
    let token = h.info().other_directory_token.clone();
    h.console
        .profile_add(custom("Other", &h, &token))
        .await
        .unwrap();
    let chosen = h.console.profile_use("Other").await.unwrap();
    assert!(chosen.is_current);
    assert_eq!(
        h.console.profile_current().await.unwrap().unwrap().name,
        "Other"
    );
    // The other directory sees its own app only; the sandbox directory sees the seeded three.
    assert_eq!(h.console.apps_list().await.unwrap().apps.len(), 1);

    let dir = h.dir.path().to_owned();
    let overridden = open_console(&dir)
        .await
        .with_profile(Some("Sandbox".into()));
    assert_eq!(overridden.apps_list().await.unwrap().apps.len(), 3);
    let missing = open_console(&dir)
        .await
        .with_profile(Some("Nope".into()))
        .apps_list()
        .await
        .unwrap_err();
    assert_eq!(missing.code, ErrorCode::NotFound);
    assert!(
        missing.message.contains("Other, Sandbox"),
        "{}",
        missing.message
    );

    let removed = h.console.profile_remove("Other").await.unwrap();
    assert!(removed.was_current);
    let error = h.console.apps_list().await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound, "no profile is current now");
}

#[tokio::test]
async fn the_sandbox_profile_follows_the_sandbox_to_its_new_port() {
    let h = harness().await;
    let first = h.console.profile_current().await.unwrap().unwrap();
    assert_eq!(first.kind, ProfileKind::Sandbox);
    assert_eq!(first.name, "Sandbox");
    let again = h
        .console
        .ensure_sandbox_profile(
            "http://127.0.0.1:1/",
            "http://127.0.0.1:1/",
            Secret::new("a-new-launch-token-0001"),
        )
        .await
        .unwrap();
    assert_eq!(again.id, first.id);
    assert_eq!(again.api_base, "http://127.0.0.1:1/");
    assert_eq!(again.directory_token, "…0001");
    assert_eq!(h.console.profiles_list().await.unwrap().len(), 1);
}

#[tokio::test]
async fn plain_http_to_another_computer_is_refused_unless_the_user_accepts_it() {
    let h = harness().await;
    let remote = |allow: bool| NewProfileInput {
        name: "Plain".to_owned(),
        environment: Environment::Custom {
            api_base: "http://api.example.invalid".to_owned(),
            brand_url: "https://app.example.invalid".to_owned(),
        },
        directory_token: Secret::new("directory-token-for-plain-http"),
        make_current: false,
        allow_insecure_http: allow,
    };
    let refused = h.console.profile_add(remote(false)).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    assert_eq!(refused.field.as_deref(), Some("api_base"));
    assert!(
        refused.message.contains("plain http to another computer")
            && refused.message.contains("https://api.example.invalid")
            && refused.message.contains("--allow-insecure-http"),
        "{}",
        refused.message
    );
    // Accepted: the token check is attempted over http (and fails: nothing answers there).
    let attempted = h.console.profile_add(remote(true)).await.unwrap_err();
    assert_ne!(
        attempted.code,
        ErrorCode::InvalidInput,
        "{}",
        attempted.message
    );

    // The sandbox is plain http on loopback: no opt-in, and no badge.
    let loopback = h
        .console
        .profile_add(custom(
            "Loopback",
            &h,
            &h.info().other_directory_token.clone(),
        ))
        .await
        .unwrap();
    assert!(!loopback.insecure);
}

#[tokio::test]
async fn a_profile_is_renamed_and_its_token_rotated_only_after_the_new_one_is_checked() {
    use intandem_core::console::ProfileEdit;
    let h = harness().await;
    let token = h.info().directory_token.clone();
    h.console
        .profile_add(custom("Staging", &h, &token))
        .await
        .unwrap();
    let renamed = h
        .console
        .profile_edit(
            "Staging",
            ProfileEdit {
                name: Some("Staging EU".into()),
                ..ProfileEdit::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "Staging EU");

    let refused = h
        .console
        .profile_edit(
            "Staging EU",
            ProfileEdit {
                directory_token: Some(Secret::new("not-a-real-directory-token")),
                ..ProfileEdit::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Unauthorized, "{refused:?}");
    assert!(
        refused.message.contains("left as it was"),
        "{}",
        refused.message
    );
    let kept = h
        .console
        .profiles_list()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == "Staging EU")
        .unwrap();
    assert_eq!(
        kept.directory_token, renamed.directory_token,
        "the old token stays"
    );

    let other = h.info().other_directory_token.clone();
    let rotated = h
        .console
        .profile_edit(
            "Staging EU",
            ProfileEdit {
                directory_token: Some(Secret::new(other.clone())),
                ..ProfileEdit::default()
            },
        )
        .await
        .unwrap();
    assert_ne!(rotated.directory_token, renamed.directory_token);
    assert!(other.ends_with(rotated.directory_token.trim_start_matches('…')));

    let taken = h
        .console
        .profile_edit(
            "Staging EU",
            ProfileEdit {
                name: Some("Sandbox".into()),
                ..ProfileEdit::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(taken.code, ErrorCode::Conflict);
    let sandbox = h
        .console
        .profile_edit(
            "Sandbox",
            ProfileEdit {
                api_base: Some("https://api.vcita.biz".into()),
                ..ProfileEdit::default()
            },
        )
        .await
        .unwrap_err();
    assert!(
        sandbox.message.contains("follows the sandbox"),
        "{}",
        sandbox.message
    );
    h.console.profile_use("Staging EU").await.unwrap();
    let audit = h.console.audit(None, Some(20)).await.unwrap();
    assert!(
        audit.iter().any(|e| e.action.as_str() == "profile_updated"),
        "{audit:?}"
    );
}
