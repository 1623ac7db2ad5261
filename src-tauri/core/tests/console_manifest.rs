//! Apps as code against the sandbox: export, plan, apply; promotion to another platform
//! and to another directory of the same platform (whose code names are taken); drift;
//! new apps with their secrets kept; fields that cannot change; fields the platform does
//! not return; and a failure halfway with a rerun that finishes.

mod console_support;

use console_support::*;
use intandem_core::console::{AppInput, Console, Environment, NewProfileInput};
use intandem_core::manifest::{
    ApplyOutcome, Manifest, ManifestFormat, ManifestPlan, PlanAction, PlannedApp,
};
use intandem_core::Secret;
use intandem_sandbox::{AdminClient, Faults, Sandbox, SandboxConfig, SandboxInfo};

fn profile(name: &str, info: &SandboxInfo, token: &str) -> NewProfileInput {
    NewProfileInput {
        name: name.to_owned(),
        environment: Environment::Custom {
            api_base: info.base_url.clone(),
            brand_url: info.brand_url.clone(),
        },
        directory_token: Secret::new(token),
        make_current: true,
        allow_insecure_http: false,
    }
}

fn app(code: &str, name: &str) -> AppInput {
    AppInput {
        app_code_name: Some(code.into()),
        name: Some(name.into()),
        redirect_uri: Some(format!("https://{code}.example.com/app")),
        oauth_redirect_uris: Some(vec![format!("https://{code}.example.com/callback")]),
        url_params: Some(vec!["brand_host".into(), "business_uid".into()]),
        ..AppInput::default()
    }
}

fn planned<'a>(plan: &'a ManifestPlan, code: &str) -> &'a PlannedApp {
    plan.apps
        .iter()
        .find(|a| a.app_code_name == code)
        .unwrap_or_else(|| panic!("{code} in the plan: {plan:#?}"))
}

/// Two apps made through the console on the harness's profile.
async fn two_apps(console: &Console) {
    for (code, name) in [("mfalpha", "Alpha App"), ("mfbeta", "Beta App")] {
        let mut input = app(code, name);
        input.description = Some(intandem_core::platform::AppDescription {
            short_description: Some(format!("{name} for tests")),
            ..Default::default()
        });
        console.app_create(input).await.unwrap();
    }
}

#[tokio::test]
async fn export_then_apply_to_another_platform_creates_the_apps_and_a_second_plan_has_nothing_to_do(
) {
    let h = harness().await;
    two_apps(&h.console).await;
    let text = h
        .console
        .manifest_export_text(
            &["mfalpha".into(), "mfbeta".into()],
            false,
            ManifestFormat::Toml,
        )
        .await
        .unwrap();
    assert!(text.contains("version = 1"), "{text}");
    assert!(
        !text.contains("client_id") && !text.contains("app_id"),
        "{text}"
    );
    assert!(!text.contains("client_secret"), "{text}");
    let manifest = Manifest::parse(&text, ManifestFormat::Toml, "export.toml").unwrap();
    assert_eq!(manifest.apps.len(), 2);
    assert!(
        manifest.apps[0].oauth_redirect_uris.is_some(),
        "redirect URIs are exported"
    );

    // Production, played by a second, empty sandbox.
    let production = Sandbox::start(SandboxConfig {
        seed_apps: 0,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let info = production.info().clone();
    h.console
        .profile_add(profile("Production", &info, &info.directory_token))
        .await
        .unwrap();
    let plan = h.console.manifest_plan(&manifest).await.unwrap();
    assert_eq!(plan.changes, 2);
    assert_eq!(planned(&plan, "mfalpha").action, PlanAction::Create);
    let applied = h.console.manifest_apply(&manifest).await.unwrap();
    assert!(applied.complete, "{applied:#?}");
    assert_eq!(applied.credentials.len(), 2);
    for created in &applied.credentials {
        let kept = h
            .console
            .app_credentials(&created.app_code_name, true)
            .await
            .unwrap();
        assert_eq!(
            kept.client_id, created.client_id,
            "the secret is in the store"
        );
    }
    let again = h.console.manifest_plan(&manifest).await.unwrap();
    assert_eq!(again.changes, 0, "{again:#?}");
    assert!(again.apps.iter().all(|a| a.action == PlanAction::None));
    let rerun = h.console.manifest_apply(&manifest).await.unwrap();
    assert!(
        rerun.summary.starts_with("Nothing to apply"),
        "{}",
        rerun.summary
    );
}

#[tokio::test]
async fn applying_to_another_directory_of_the_same_platform_maps_taken_code_names() {
    let h = harness().await;
    two_apps(&h.console).await;
    let manifest = h
        .console
        .manifest_export(&["mfalpha".into()], false)
        .await
        .unwrap();
    let other = h.info().other_directory_token.clone();
    h.console
        .profile_add(profile("Other directory", h.info(), &other))
        .await
        .unwrap();
    let applied = h.console.manifest_apply(&manifest).await.unwrap();
    assert!(applied.complete, "{applied:#?}");
    let created = &applied.apps[0];
    let platform_code = created.platform_code_name.clone().unwrap();
    assert_ne!(
        platform_code, "mfalpha",
        "the platform derived another code name"
    );
    assert!(
        created.notes.iter().any(|n| n.contains("is taken")),
        "{created:#?}"
    );
    let plan = h.console.manifest_plan(&manifest).await.unwrap();
    let alpha = planned(&plan, "mfalpha");
    assert_eq!(alpha.action, PlanAction::None, "{plan:#?}");
    assert_eq!(
        alpha.platform_code_name.as_deref(),
        Some(platform_code.as_str())
    );
    assert!(
        !plan
            .apps
            .iter()
            .any(|a| a.action == PlanAction::NotInManifest && a.app_code_name == platform_code),
        "the mapped app is not listed as missing from the manifest"
    );
}

#[tokio::test]
async fn an_edit_made_on_the_platform_shows_up_as_drift_and_other_apps_are_listed_not_deleted() {
    let h = harness().await;
    two_apps(&h.console).await;
    let manifest = h
        .console
        .manifest_export(&["mfalpha".into(), "mfbeta".into()], false)
        .await
        .unwrap();
    h.console
        .app_update(
            "mfbeta",
            AppInput {
                name: Some("Beta Renamed".into()),
                ..AppInput::default()
            },
        )
        .await
        .unwrap();
    let plan = h.console.manifest_plan(&manifest).await.unwrap();
    let beta = planned(&plan, "mfbeta");
    assert_eq!(beta.action, PlanAction::Update);
    assert_eq!(beta.changes.len(), 1, "{beta:#?}");
    assert_eq!(beta.changes[0].field, "name");
    assert_eq!(beta.changes[0].before, "Beta Renamed");
    assert_eq!(beta.changes[0].after, "Beta App");
    assert_eq!(planned(&plan, "mfalpha").action, PlanAction::None);
    assert!(
        plan.apps
            .iter()
            .any(|a| a.action == PlanAction::NotInManifest),
        "the sandbox's seeded apps are listed as not in the manifest"
    );
    let applied = h.console.manifest_apply(&manifest).await.unwrap();
    assert!(applied.complete);
    assert_eq!(
        h.console
            .app_show("mfbeta")
            .await
            .unwrap()
            .app
            .name
            .as_deref(),
        Some("Beta App")
    );
    let audit = h.console.audit(Some("mfbeta"), Some(5)).await.unwrap();
    assert!(
        audit.iter().any(|e| e.action.as_str().contains("update")),
        "the change is in the audit log: {audit:?}"
    );
}

#[tokio::test]
async fn trusted_and_create_only_fields_are_reported_and_not_sent_to_an_existing_app() {
    let h = harness().await;
    two_apps(&h.console).await;
    let mut manifest = h
        .console
        .manifest_export(&["mfalpha".into()], false)
        .await
        .unwrap();
    manifest.apps[0].trusted = Some(true);
    manifest.apps[0].open_channel = Some(true);
    let plan = h.console.manifest_plan(&manifest).await.unwrap();
    let alpha = planned(&plan, "mfalpha");
    assert_eq!(alpha.action, PlanAction::None, "{alpha:#?}");
    assert!(alpha
        .notes
        .iter()
        .any(|n| n.contains("trusted cannot change")));
    assert!(alpha
        .notes
        .iter()
        .any(|n| n.contains("open_channel is set only")));
}

#[tokio::test]
async fn a_field_the_platform_does_not_return_is_sent_once_then_compared_with_what_was_applied() {
    let h = harness().await;
    two_apps(&h.console).await;
    let mut manifest = h
        .console
        .manifest_export(&["mfalpha".into()], false)
        .await
        .unwrap();
    manifest.apps[0].demand_scopes = Some(vec!["openid".into()]);
    let plan = h.console.manifest_plan(&manifest).await.unwrap();
    let alpha = planned(&plan, "mfalpha");
    assert_eq!(alpha.action, PlanAction::Update);
    assert!(
        alpha
            .notes
            .iter()
            .any(|n| n.contains("demand_scopes is not returned")),
        "{alpha:#?}"
    );
    assert!(h.console.manifest_apply(&manifest).await.unwrap().complete);
    let again = h.console.manifest_plan(&manifest).await.unwrap();
    assert_eq!(
        planned(&again, "mfalpha").action,
        PlanAction::None,
        "{again:#?}"
    );
    manifest.apps[0].demand_scopes = Some(vec!["openid".into(), "profile".into()]);
    let changed = h.console.manifest_plan(&manifest).await.unwrap();
    assert_eq!(planned(&changed, "mfalpha").action, PlanAction::Update);
}

#[tokio::test]
async fn redirect_uris_on_this_computer_are_not_flagged_on_a_platform_on_this_computer() {
    // The harness's sandbox is on loopback: its apps may well call back to loopback. (The
    // flag on a remote platform is unit-tested in `manifest::plan`.)
    let h = harness().await;
    let mut input = app("mflocal", "Local App");
    input.oauth_redirect_uris = Some(vec!["http://127.0.0.1:4567/callback".into()]);
    let manifest = Manifest {
        version: 1,
        apps: vec![input],
    };
    let plan = h.console.manifest_plan(&manifest).await.unwrap();
    assert!(planned(&plan, "mflocal").warnings.is_empty());
}

#[tokio::test]
async fn a_new_app_is_created_with_its_secret_kept_and_its_redirect_uris_registered() {
    let h = harness().await;
    let manifest = Manifest {
        version: 1,
        apps: vec![app("mfnew", "New From Manifest")],
    };
    let applied = h.console.manifest_apply(&manifest).await.unwrap();
    assert_eq!(applied.apps[0].outcome, ApplyOutcome::Created);
    assert_eq!(applied.apps[0].secret_saved, Some(true));
    let secret = applied.credentials[0].client_secret.clone();
    let kept = h.console.app_credentials("mfnew", true).await.unwrap();
    assert_eq!(kept.client_secret.expose(), secret.expose());
    let shown = serde_json::to_string(&applied).unwrap();
    assert!(
        !shown.contains(secret.expose()),
        "no secret in the applied report"
    );
    let uris = h.console.redirect_uris_list("mfnew").await.unwrap();
    let listed: Vec<&str> = uris.uris.iter().map(|u| u.uri.as_str()).collect();
    assert_eq!(
        listed,
        [
            "https://mfnew.example.com/app",
            "https://mfnew.example.com/callback"
        ],
        "the landing page and the manifest's OAuth redirect URI"
    );
}

#[tokio::test]
async fn a_failure_halfway_reports_what_was_applied_and_a_rerun_finishes() {
    let h = harness().await;
    two_apps(&h.console).await;
    let mut manifest = h
        .console
        .manifest_export(&["mfalpha".into(), "mfbeta".into()], false)
        .await
        .unwrap();
    manifest.apps[0].name = Some("Alpha Changed".into());
    manifest.apps[1].name = Some("Beta Changed".into());
    manifest.apps.push(app("mfgamma", "Gamma App"));
    let plan = h.console.manifest_plan(&manifest).await.unwrap();
    assert_eq!(plan.changes, 3);

    // The platform fails every request about beta from now on.
    let admin = AdminClient::for_sandbox(h.info());
    admin
        .set_faults(&Faults {
            error_rate: Some(1.0),
            paths: vec!["/platform/v1/apps/mfbeta".into()],
            ..Faults::default()
        })
        .await
        .unwrap();
    let applied = h.console.manifest_apply_plan(plan).await.unwrap();
    assert!(!applied.complete);
    let outcome = |code: &str| {
        applied
            .apps
            .iter()
            .find(|a| a.app_code_name == code)
            .unwrap()
            .outcome
    };
    assert_eq!(outcome("mfalpha"), ApplyOutcome::Updated);
    assert_eq!(outcome("mfbeta"), ApplyOutcome::Failed);
    assert_eq!(
        outcome("mfgamma"),
        ApplyOutcome::Created,
        "one failure does not stop the rest"
    );
    assert!(
        applied
            .summary
            .starts_with("Applied 2 of 3 change(s); 1 failed"),
        "{}",
        applied.summary
    );

    admin.clear_faults().await.unwrap();
    let rest = h.console.manifest_plan(&manifest).await.unwrap();
    assert_eq!(rest.changes, 1, "only beta is left: {rest:#?}");
    let rerun = h.console.manifest_apply(&manifest).await.unwrap();
    assert!(rerun.complete, "{rerun:#?}");
    assert_eq!(h.console.manifest_plan(&manifest).await.unwrap().changes, 0);
}
