//! Profiles: add (the directory token is checked against the platform first, and
//! nothing is saved if it is refused), list, choose, remove, and the built-in Sandbox
//! profile the GUI refreshes at each launch (its port changes).

use serde::Deserialize;
use tracing::warn;
use url::Url;

use super::dto::{ProfileView, RemovedProfile};
use super::{Console, ConsoleError};
use crate::error::ErrorCode;
use crate::store::{AppRecord, NewProfile, Profile, ProfileChanges, ProfileKind};
use crate::Secret;
use ts_rs::TS;

pub const PRODUCTION_API_BASE: &str = "https://api.vcita.biz";
pub const PRODUCTION_BRAND_URL: &str = "https://app.vcita.com";
/// The name given to the embedded sandbox's profile.
const SANDBOX_PROFILE_NAME: &str = "Sandbox";
/// The name of the profile `intandem sandbox --data-dir …` keeps for itself.
pub const CLI_SANDBOX_PROFILE_NAME: &str = "sandbox";
const MAX_NAME_CHARS: usize = 60;

/// Where a profile points.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Environment {
    /// `https://api.vcita.biz` and `https://app.vcita.com`.
    Production,
    /// Any other API base and brand URL (a white-label brand host, a standalone sandbox…).
    Custom { api_base: String, brand_url: String },
}

/// What the user enters to add a profile. The token is write-only from here on.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewProfileInput {
    pub name: String,
    pub environment: Environment,
    #[ts(type = "string")]
    pub directory_token: Secret,
    /// Make it the current profile (it becomes current anyway when none is).
    #[serde(default)]
    pub make_current: bool,
    /// Accept plain http to a platform that is not on this computer: the directory token
    /// and client secrets then cross the network unencrypted. Off unless the user says so.
    #[serde(default)]
    pub allow_insecure_http: bool,
}

/// A change to a profile; what is not given stays. A new token (or API base) is checked
/// against the platform before it replaces the old one.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(optional_fields = nullable)]
pub struct ProfileEdit {
    pub name: Option<String>,
    pub api_base: Option<String>,
    pub brand_url: Option<String>,
    #[ts(type = "string | null")]
    pub directory_token: Option<Secret>,
    pub allow_insecure_http: Option<bool>,
}

impl Console {
    /// Renames a profile, points it elsewhere, or rotates its directory token. The built-in
    /// Sandbox profile can only be renamed (it follows the sandbox).
    pub async fn profile_edit(
        &self,
        name: &str,
        edit: ProfileEdit,
    ) -> Result<ProfileView, ConsoleError> {
        let profile = self.profile_named(name).await?;
        let mut changes = ProfileChanges::default();
        if let Some(new_name) = &edit.name {
            let new_name = checked_name(new_name)?;
            if new_name != profile.name {
                if self
                    .store
                    .profiles()
                    .find_by_name(&new_name)
                    .await?
                    .is_some()
                {
                    return Err(ConsoleError::new(
                        ErrorCode::Conflict,
                        format!(
                            "A profile named {new_name:?} already exists: choose another name."
                        ),
                    )
                    .with_field("name"));
                }
                changes.name = Some(new_name);
            }
        }
        let moves = edit.api_base.is_some()
            || edit.brand_url.is_some()
            || edit.directory_token.is_some()
            || edit.allow_insecure_http.is_some();
        if moves && profile.kind == ProfileKind::Sandbox {
            return Err(ConsoleError::invalid_input(
                "api_base",
                "The built-in Sandbox profile follows the sandbox: its addresses and token \
                 cannot be changed, only its name.",
            ));
        }
        let api_base = match &edit.api_base {
            Some(text) => http_url("api_base", "API base URL", text)?,
            None => profile.api_base.clone(),
        };
        let brand_url = match &edit.brand_url {
            Some(text) => http_url("brand_url", "brand URL", text)?,
            None => profile.brand_url.clone(),
        };
        let allow = edit
            .allow_insecure_http
            .unwrap_or(profile.allow_insecure_http);
        refuse_insecure_http(&api_base, "API base URL", "api_base", allow)?;
        refuse_insecure_http(&brand_url, "brand URL", "brand_url", allow)?;
        let token = match &edit.directory_token {
            Some(token) => checked_token(token)?,
            None => profile.directory_token.clone(),
        };
        if edit.directory_token.is_some() || api_base != profile.api_base {
            let client = crate::platform::PlatformClient::with_options(
                api_base.clone(),
                token.clone(),
                crate::platform::ClientOptions {
                    allow_insecure_http: allow,
                    ..self.client_options.clone()
                },
            );
            client.list_apps().await.map_err(|error| {
                let why = if error.code == ErrorCode::Unauthorized {
                    format!(
                        "The platform at {api_base} refused the directory token, so profile {} \
                         was left as it was: check that you copied the whole token, and that it \
                         belongs to this environment.",
                        profile.name
                    )
                } else {
                    format!(
                        "The token could not be checked against {api_base}, so profile {} was \
                         left as it was: {}",
                        profile.name, error.message
                    )
                };
                ConsoleError::from(error).with_message(why)
            })?;
        }
        if api_base != profile.api_base {
            changes.api_base = Some(api_base.clone());
        }
        if brand_url != profile.brand_url {
            changes.brand_url = Some(brand_url.clone());
        }
        if edit.directory_token.is_some() {
            changes.directory_token = Some(token);
        }
        if allow != profile.allow_insecure_http {
            changes.allow_insecure_http = Some(allow);
        }
        if changes.api_base.is_some() || changes.brand_url.is_some() {
            let production = same_url(&api_base, PRODUCTION_API_BASE)
                && same_url(&brand_url, PRODUCTION_BRAND_URL);
            changes.kind = Some(if production {
                ProfileKind::Production
            } else {
                ProfileKind::Custom
            });
        }
        let updated = self
            .store
            .profiles()
            .update(profile.id, changes, &self.actor)
            .await?;
        Ok(profile_view(&updated))
    }

    pub async fn profiles_list(&self) -> Result<Vec<ProfileView>, ConsoleError> {
        Ok(self
            .store
            .profiles()
            .list()
            .await?
            .iter()
            .map(profile_view)
            .collect())
    }

    /// The current profile, if one is chosen.
    pub async fn profile_current(&self) -> Result<Option<ProfileView>, ConsoleError> {
        Ok(self
            .store
            .profiles()
            .current()
            .await?
            .as_ref()
            .map(profile_view))
    }

    /// Checks the directory token against the platform (listing apps), then saves the
    /// profile and caches the apps it saw. A refused token saves nothing.
    pub async fn profile_add(&self, input: NewProfileInput) -> Result<ProfileView, ConsoleError> {
        let name = checked_name(&input.name)?;
        let (kind, api_base, brand_url) = match &input.environment {
            Environment::Production => (
                ProfileKind::Production,
                Url::parse(PRODUCTION_API_BASE).expect("a valid constant"),
                Url::parse(PRODUCTION_BRAND_URL).expect("a valid constant"),
            ),
            Environment::Custom {
                api_base,
                brand_url,
            } => {
                let api_base = http_url("api_base", "API base URL", api_base)?;
                let brand_url = http_url("brand_url", "brand URL", brand_url)?;
                let kind = if same_url(&api_base, PRODUCTION_API_BASE)
                    && same_url(&brand_url, PRODUCTION_BRAND_URL)
                {
                    ProfileKind::Production
                } else {
                    ProfileKind::Custom
                };
                (kind, api_base, brand_url)
            }
        };
        refuse_insecure_http(
            &api_base,
            "API base URL",
            "api_base",
            input.allow_insecure_http,
        )?;
        refuse_insecure_http(
            &brand_url,
            "brand URL",
            "brand_url",
            input.allow_insecure_http,
        )?;
        let token = checked_token(&input.directory_token)?;
        if self.store.profiles().find_by_name(&name).await?.is_some() {
            return Err(ConsoleError::new(
                ErrorCode::Conflict,
                format!("A profile named {name:?} already exists: choose another name, or remove that profile first."),
            )
            .with_field("name"));
        }

        let client = crate::platform::PlatformClient::with_options(
            api_base.clone(),
            token.clone(),
            crate::platform::ClientOptions {
                allow_insecure_http: input.allow_insecure_http,
                ..self.client_options.clone()
            },
        );
        let apps = client.list_apps().await.map_err(|error| {
            let why = if error.code == ErrorCode::Unauthorized {
                format!(
                    "The platform at {api_base} refused this directory token (HTTP 401), so the \
                     profile was not saved: check that you copied the whole directory token, and \
                     that it belongs to this environment."
                )
            } else {
                format!(
                    "The directory token could not be checked against {api_base}, so the profile \
                     was not saved: {}",
                    error.message
                )
            };
            ConsoleError::from(error).with_message(why)
        })?;

        // The opt-in is kept only where it is needed.
        let allow_insecure_http = input.allow_insecure_http
            && (is_insecure_remote(&api_base) || is_insecure_remote(&brand_url));
        let profiles = self.store.profiles();
        let profile = profiles
            .add(
                NewProfile {
                    name,
                    kind,
                    api_base,
                    brand_url,
                    directory_token: token,
                    allow_insecure_http,
                    sandbox_admin_token: None,
                },
                &self.actor,
            )
            .await?;
        let profile = if input.make_current || profiles.current().await?.is_none() {
            profiles.set_current(profile.id).await?
        } else {
            profile
        };
        let records: Vec<AppRecord> = apps.iter().map(AppRecord::from_app).collect();
        if let Err(error) = self
            .store
            .apps_cache()
            .replace_all(profile.id, &records)
            .await
        {
            warn!(%error, "the new profile's apps could not be cached");
        }
        Ok(profile_view(&profile))
    }

    /// Makes the named profile the current one.
    pub async fn profile_use(&self, name: &str) -> Result<ProfileView, ConsoleError> {
        let profile = self.profile_named(name).await?;
        let profile = self.store.profiles().set_current(profile.id).await?;
        Ok(profile_view(&profile))
    }

    /// Removes a profile with everything kept for it (cached apps, credentials, tokens,
    /// OAuth runs); its audit entries stay.
    pub async fn profile_remove(&self, name: &str) -> Result<RemovedProfile, ConsoleError> {
        let profile = self.profile_named(name).await?;
        self.store
            .profiles()
            .remove(profile.id, &self.actor)
            .await?;
        Ok(RemovedProfile {
            name: profile.name,
            was_current: profile.is_current,
        })
    }

    /// Creates or refreshes the profile of the embedded sandbox (kind `sandbox`, named
    /// "Sandbox") with this launch's URLs and token, and makes it current if no profile
    /// is. The GUI calls it at every launch: the sandbox's port changes each time.
    pub async fn ensure_sandbox_profile(
        &self,
        api_base: &str,
        brand_url: &str,
        directory_token: Secret,
    ) -> Result<ProfileView, ConsoleError> {
        self.ensure_sandbox_profile_named(
            None,
            SandboxAccess {
                api_base,
                brand_url,
                directory_token,
                admin_token: None,
            },
        )
        .await
    }

    /// [`Console::ensure_sandbox_profile`] with the sandbox's admin token (what reading
    /// its launch traces takes), for the profile named `name` (the CLI's standalone
    /// sandbox keeps one named `sandbox`), or for the desktop app's own when `None`.
    pub async fn ensure_sandbox_profile_named(
        &self,
        name: Option<&str>,
        access: SandboxAccess<'_>,
    ) -> Result<ProfileView, ConsoleError> {
        let api_base = http_url("api_base", "sandbox API base URL", access.api_base)?;
        let brand_url = http_url("brand_url", "sandbox brand URL", access.brand_url)?;
        let token = checked_token(&access.directory_token)?;
        let admin_token = access.admin_token;
        let profiles = self.store.profiles();
        let existing = match name {
            Some(name) => profiles.find_by_name(name).await?,
            None => profiles
                .list()
                .await?
                .into_iter()
                .find(|p| p.kind == ProfileKind::Sandbox && p.name != CLI_SANDBOX_PROFILE_NAME),
        };
        let profile = match existing {
            Some(profile)
                if profile.api_base == api_base
                    && profile.brand_url == brand_url
                    && profile.directory_token == token
                    && (admin_token.is_none() || profile.sandbox_admin_token == admin_token) =>
            {
                profile
            }
            Some(profile) => {
                let changes = ProfileChanges {
                    api_base: Some(api_base),
                    brand_url: Some(brand_url),
                    directory_token: Some(token),
                    kind: Some(ProfileKind::Sandbox),
                    sandbox_admin_token: admin_token,
                    ..ProfileChanges::default()
                };
                profiles.update(profile.id, changes, &self.actor).await?
            }
            None => {
                let name = match name {
                    Some(name) => name.to_owned(),
                    None if profiles.find_by_name(SANDBOX_PROFILE_NAME).await?.is_some() => {
                        format!("{SANDBOX_PROFILE_NAME} (built in)")
                    }
                    None => SANDBOX_PROFILE_NAME.to_owned(),
                };
                let new = NewProfile {
                    name,
                    kind: ProfileKind::Sandbox,
                    api_base,
                    brand_url,
                    directory_token: token,
                    allow_insecure_http: false,
                    sandbox_admin_token: admin_token,
                };
                profiles.add(new, &self.actor).await?
            }
        };
        let profile = if profiles.current().await?.is_none() {
            profiles.set_current(profile.id).await?
        } else {
            profile
        };
        Ok(profile_view(&profile))
    }
}

/// Where a sandbox is and how to get in: what its profile keeps.
#[derive(Debug)]
pub struct SandboxAccess<'a> {
    pub api_base: &'a str,
    pub brand_url: &'a str,
    pub directory_token: Secret,
    /// The sandbox's admin token, when the profile should read its launch traces.
    pub admin_token: Option<Secret>,
}

pub(crate) fn profile_view(profile: &Profile) -> ProfileView {
    ProfileView {
        id: profile.id.0,
        name: profile.name.clone(),
        kind: profile.kind,
        api_base: profile.api_base.to_string(),
        brand_url: profile.brand_url.to_string(),
        directory_token: profile.directory_token.masked(),
        is_current: profile.is_current,
        insecure: is_insecure_remote(&profile.api_base) || is_insecure_remote(&profile.brand_url),
        created_at: profile.created_at,
    }
}

fn checked_name(name: &str) -> Result<String, ConsoleError> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(ConsoleError::invalid_input(
            "name",
            format!(
                "The profile name {name:?} cannot be used: give it 1 to {MAX_NAME_CHARS} \
                 printable characters, like \"Production\" or \"Acme staging\"."
            ),
        ));
    }
    Ok(name.to_owned())
}

/// The token as pasted, without the line break a pipe or a paste adds.
fn checked_token(token: &Secret) -> Result<Secret, ConsoleError> {
    let trimmed = token.expose().trim();
    if trimmed.is_empty() || trimmed.chars().any(char::is_whitespace) {
        return Err(ConsoleError::invalid_input(
            "directory_token",
            "The directory token is empty or contains spaces: paste the whole token, on one line.",
        ));
    }
    Ok(Secret::new(trimmed))
}

fn http_url(field: &str, what: &str, text: &str) -> Result<Url, ConsoleError> {
    match Url::parse(text.trim()) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => Ok(url),
        _ => Err(ConsoleError::invalid_input(
            field,
            format!(
                "The {what} {text:?} is not an absolute http(s) URL: enter one like \
                 https://api.vcita.biz."
            ),
        )),
    }
}

/// Plain http to a host that is not this computer.
pub(crate) fn is_insecure_remote(url: &Url) -> bool {
    url.scheme() == "http" && !crate::redirect_uri::is_loopback(url)
}

/// Refuses a plain-http URL to another computer unless the user accepted the risk.
fn refuse_insecure_http(
    url: &Url,
    what: &str,
    field: &str,
    allowed: bool,
) -> Result<(), ConsoleError> {
    if allowed || !is_insecure_remote(url) {
        return Ok(());
    }
    let https = format!("https{}", &url.as_str()["http".len()..]);
    Err(ConsoleError::invalid_input(
        field,
        format!(
            "The {what} {} is plain http to another computer, which would send the directory \
             token and client secrets unencrypted: use {https}, or allow insecure http for \
             this profile explicitly (--allow-insecure-http).",
            url.as_str().trim_end_matches('/')
        ),
    ))
}

fn same_url(url: &Url, constant: &str) -> bool {
    Url::parse(constant)
        .is_ok_and(|c| c.as_str().trim_end_matches('/') == url.as_str().trim_end_matches('/'))
}
