//! After a create whose answer was lost: which app in the apps list, if any, is the one
//! we asked for. Pure functions over a "before" snapshot of code names and the list
//! read afterwards, so the rules can be tested without a network.
//!
//! An app is ours only if it was not there before. With a requested code name, the app
//! with exactly that name is ours (or, since the platform appends a postfix when a name
//! is taken, one that starts with it and matches our name and landing page). Without
//! one, it must match our name and landing page: `redirect_uri` when the list has it,
//! else `app_host` (directory-token list entries omit `redirect_uri`; `app_host` is
//! `redirect_uri` plus query parameters).

use std::collections::HashSet;

use super::models::{App, AppCodeName, NewApp};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Finding {
    Found(Box<App>),
    NotFound,
    Ambiguous(Vec<AppCodeName>),
}

pub(crate) fn find_created(
    requested: &NewApp,
    before: &HashSet<AppCodeName>,
    after: Vec<App>,
) -> Finding {
    let fresh: Vec<App> = after
        .into_iter()
        .filter(|app| !before.contains(&app.app_code_name))
        .collect();
    if let Some(code_name) = &requested.app_code_name {
        if let Some(exact) = fresh.iter().find(|app| &app.app_code_name == code_name) {
            return Finding::Found(Box::new(exact.clone()));
        }
        let postfixed = fresh
            .into_iter()
            .filter(|app| app.app_code_name.as_str().starts_with(code_name.as_str()))
            .filter(|app| looks_like(app, requested))
            .collect();
        return one_of(postfixed);
    }
    one_of(
        fresh
            .into_iter()
            .filter(|app| looks_like(app, requested))
            .collect(),
    )
}

fn one_of(mut candidates: Vec<App>) -> Finding {
    match candidates.len() {
        0 => Finding::NotFound,
        1 => Finding::Found(Box::new(candidates.remove(0))),
        _ => Finding::Ambiguous(candidates.into_iter().map(|a| a.app_code_name).collect()),
    }
}

/// No known field disagrees, and at least one agrees.
pub(crate) fn looks_like(app: &App, requested: &NewApp) -> bool {
    let name = app
        .name
        .as_deref()
        .map(|n| n.trim() == requested.name.trim());
    let landing_page = match (&app.redirect_uri, &app.app_host) {
        (Some(uri), _) => Some(same_uri(uri, &requested.redirect_uri)),
        (None, Some(host)) => Some(host_starts_with(host, &requested.redirect_uri)),
        (None, None) => None,
    };
    let known = [name, landing_page];
    known.iter().all(|k| k.unwrap_or(true)) && known.iter().any(|k| k.unwrap_or(false))
}

fn same_uri(a: &str, b: &str) -> bool {
    a.trim().trim_end_matches('/') == b.trim().trim_end_matches('/')
}

fn host_starts_with(app_host: &str, redirect_uri: &str) -> bool {
    let base = redirect_uri.trim().trim_end_matches('/');
    let host = app_host.trim();
    host.strip_prefix(base)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn app(value: serde_json::Value) -> App {
        serde_json::from_value(value).unwrap()
    }

    fn requested(code_name: Option<&str>) -> NewApp {
        let mut new = NewApp::new("My first app", "https://myapp.example.com/app").unwrap();
        new.app_code_name = code_name.map(|c| AppCodeName::new(c).unwrap());
        new
    }

    fn before(names: &[&str]) -> HashSet<AppCodeName> {
        names
            .iter()
            .map(|n| AppCodeName::existing(*n).unwrap())
            .collect()
    }

    #[test]
    fn a_requested_code_name_that_appeared_is_ours() {
        let after = vec![
            app(json!({"app_code_name": "old", "name": "My first app"})),
            app(json!({"app_code_name": "myfirstapp", "name": "Renamed meanwhile"})),
        ];
        let finding = find_created(&requested(Some("myfirstapp")), &before(&["old"]), after);
        assert!(
            matches!(finding, Finding::Found(app) if app.app_code_name.as_str() == "myfirstapp")
        );
    }

    #[test]
    fn an_app_that_existed_before_is_never_taken_for_ours() {
        let after = vec![app(json!({
            "app_code_name": "myfirstapp", "name": "My first app",
            "redirect_uri": "https://myapp.example.com/app"
        }))];
        let finding = find_created(&requested(None), &before(&["myfirstapp"]), after);
        assert_eq!(finding, Finding::NotFound);
    }

    #[test]
    fn without_a_code_name_the_name_and_landing_page_must_match() {
        let after = vec![
            app(
                json!({"app_code_name": "other", "name": "Other app", "redirect_uri": "https://myapp.example.com/app"}),
            ),
            app(
                json!({"app_code_name": "myfirstapp_2", "name": "My first app",
                       "app_host": "https://myapp.example.com/app?business_uid=b1&language=en"}),
            ),
            app(
                json!({"app_code_name": "lookalike", "name": "My first app", "app_host": "https://myapp.example.com/application"}),
            ),
        ];
        let finding = find_created(&requested(None), &before(&[]), after);
        assert!(
            matches!(finding, Finding::Found(app) if app.app_code_name.as_str() == "myfirstapp_2")
        );
    }

    #[test]
    fn two_new_lookalikes_are_reported_as_ambiguous() {
        let after = vec![
            app(json!({"app_code_name": "myfirstapp", "name": "My first app"})),
            app(json!({"app_code_name": "myfirstapp_2", "name": "My first app"})),
        ];
        let finding = find_created(&requested(None), &before(&[]), after);
        assert!(matches!(finding, Finding::Ambiguous(names) if names.len() == 2));
    }

    #[test]
    fn a_postfixed_code_name_counts_only_when_name_and_landing_page_match() {
        let after = vec![app(json!({
            "app_code_name": "myfirstapp_62", "name": "My first app",
            "redirect_uri": "https://myapp.example.com/app/"
        }))];
        let finding = find_created(
            &requested(Some("myfirstapp")),
            &before(&["myfirstapp"]),
            after.clone(),
        );
        assert!(matches!(finding, Finding::Found(_)));
        let mut other = requested(Some("myfirstapp"));
        other.redirect_uri = "https://elsewhere.example.com".into();
        assert_eq!(
            find_created(&other, &before(&["myfirstapp"]), after),
            Finding::NotFound
        );
    }
}
