//! Rust's judgement of what a person is typing, for the GUI's inline hints: the same
//! checks the actions make before sending anything (`AppInput`, `RedirectUri`), so a
//! hint can never disagree with the refusal that follows. No platform call, no store.

use serde::Serialize;
use ts_rs::TS;

use super::app_input::AppInput;
use super::Console;
use crate::app_vocabulary::{APP_TYPES, URL_PARAMS};
use crate::platform::{AppCodeName, NewApp};
use crate::redirect_uri::RedirectUri;
use crate::text::capitalized;

/// What an app form may offer: the reference's vocabularies and bounds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppVocabulary {
    pub url_params: Vec<String>,
    pub app_types: Vec<String>,
    pub name_min_chars: usize,
    pub name_max_chars: usize,
}

/// One redirect URI of a list, judged: why it is refused, or what is worth a look.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UriJudgement {
    pub uri: String,
    /// Refused as it is (invalid, or a repeat of an earlier entry).
    pub problem: Option<String>,
    /// Allowed, but probably not meant (nearly the same as another entry).
    pub warning: Option<String>,
}

/// An app form, judged field by field (`None`: nothing to say).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppFormCheck {
    pub name: Option<String>,
    pub app_code_name: Option<String>,
    pub redirect_uri: Option<String>,
    pub url_params: Option<String>,
    pub oauth_redirect_uris: Vec<UriJudgement>,
}

impl Console {
    /// The vocabularies and bounds an app form offers.
    pub async fn app_vocabulary(&self) -> Result<AppVocabulary, super::ConsoleError> {
        Ok(AppVocabulary {
            url_params: URL_PARAMS.iter().map(|s| (*s).to_owned()).collect(),
            app_types: APP_TYPES.iter().map(|s| (*s).to_owned()).collect(),
            name_min_chars: *NewApp::NAME_CHARS.start(),
            name_max_chars: *NewApp::NAME_CHARS.end(),
        })
    }

    /// Each entry of a redirect-URI list, judged as saving it would judge it.
    pub async fn redirect_uris_judge(
        &self,
        uris: Vec<String>,
    ) -> Result<Vec<UriJudgement>, super::ConsoleError> {
        Ok(judge_uris(&uris))
    }

    /// An app form's fields, judged as creating or updating the app would judge them.
    pub async fn app_form_check(
        &self,
        input: AppInput,
    ) -> Result<AppFormCheck, super::ConsoleError> {
        Ok(AppFormCheck {
            name: input.name.as_deref().and_then(name_problem),
            app_code_name: input
                .app_code_name
                .as_deref()
                .filter(|code| !code.is_empty())
                .and_then(|code| AppCodeName::new(code).err())
                .map(|error| error.message),
            redirect_uri: input.redirect_uri.as_deref().and_then(|uri| {
                RedirectUri::parse(uri)
                    .err()
                    .map(|error| format!("{}.", capitalized(&error.to_string())))
            }),
            url_params: input.url_params.as_ref().and_then(|params| {
                params
                    .iter()
                    .find(|p| !URL_PARAMS.contains(&p.as_str()))
                    .map(|unknown| {
                        format!(
                            "{unknown:?} is not a URL parameter the platform knows: use any of {}.",
                            URL_PARAMS.join(", ")
                        )
                    })
            }),
            oauth_redirect_uris: input
                .oauth_redirect_uris
                .as_deref()
                .map(judge_uris)
                .unwrap_or_default(),
        })
    }
}

fn name_problem(name: &str) -> Option<String> {
    let chars = name.trim().chars().count();
    let bounds = NewApp::NAME_CHARS;
    if chars == 0 {
        Some(format!(
            "Give the app a name ({} to {} characters).",
            bounds.start(),
            bounds.end()
        ))
    } else if chars < *bounds.start() {
        Some(format!(
            "The name is {chars} characters: use at least {}.",
            bounds.start()
        ))
    } else if chars > *bounds.end() {
        Some(format!(
            "The name is {chars} characters: use at most {}.",
            bounds.end()
        ))
    } else {
        None
    }
}

fn judge_uris(uris: &[String]) -> Vec<UriJudgement> {
    let parsed: Vec<Option<RedirectUri>> =
        uris.iter().map(|u| RedirectUri::parse(u).ok()).collect();
    uris.iter()
        .enumerate()
        .map(|(index, uri)| {
            let problem = match RedirectUri::parse(uri) {
                Err(error) => Some(format!("{}.", capitalized(&error.to_string()))),
                Ok(_) if uris[..index].contains(uri) => {
                    Some("Already in the list: remove the duplicate.".to_owned())
                }
                Ok(_) => None,
            };
            let warning = parsed[index].as_ref().and_then(|this| {
                parsed
                    .iter()
                    .flatten()
                    .find(|other| this.near_duplicate_of(other))
                    .map(|twin| {
                        format!(
                            "Nearly the same as {twin}: the platform compares exact strings, so \
                             keep only the one your app sends."
                        )
                    })
            });
            UriJudgement {
                uri: uri.clone(),
                problem,
                warning,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_judged_entry_by_entry_as_saving_it_would_be() {
        let judged = judge_uris(&[
            "https://example.com/cb".to_owned(),
            "https://example.com/cb/".to_owned(),
            "https://example.com/cb".to_owned(),
            "http://127.0.0.2:8080/cb".to_owned(),
            "http://example.com/cb".to_owned(),
            "https://*.example.com/cb".to_owned(),
        ]);
        assert_eq!(judged[0].problem, None);
        assert!(judged[1]
            .warning
            .as_deref()
            .unwrap()
            .contains("Nearly the same"));
        assert!(judged[2]
            .problem
            .as_deref()
            .unwrap()
            .contains("Already in the list"));
        assert_eq!(judged[3].problem, None, "all of 127.0.0.0/8 is loopback");
        assert!(judged[4].problem.as_deref().unwrap().contains("plain http"));
        assert!(judged[5].problem.is_some());
    }

    #[test]
    fn names_code_names_and_params_are_judged_with_the_actions_rules() {
        assert!(name_problem("ab").unwrap().contains("at least 3"));
        assert!(name_problem("A name that is far too long to use")
            .unwrap()
            .contains("at most 25"));
        assert_eq!(name_problem("Good name"), None);
    }
}
