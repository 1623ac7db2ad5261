//! How records look on the wire. The vendor shows a different app shape per endpoint,
//! and each view here has exactly the keys of that endpoint's example in the reference:
//! the list entry (no `trusted`, no redirect URIs, `deep_link` as a string), the read
//! view (`trusted` a boolean), the update view (no `app_code_name`, `trusted` the string
//! "true"/"false", `deep_link` an object) and the creation answer (the only place the
//! client secret ever appears).

use crate::clock::vendor_timestamp;
use crate::model::app::App;
use crate::model::directory::{Business, Directory, StaffUser};
use crate::model::install::AppInstall;
use crate::model::issued_token::{IssuedToken, TokenGrant};
use crate::model::redirect_uri::RedirectUri;
use crate::state::PlatformState;
use serde_json::{json, Value};

fn redirect_list(uris: &[RedirectUri]) -> Vec<&str> {
    uris.iter().map(RedirectUri::as_str).collect()
}

/// Permissions the app's menu items ask for, deduplicated, in order of appearance.
fn menu_permissions(app: &App) -> Vec<String> {
    let mut permissions: Vec<String> = Vec::new();
    let items = app
        .profile
        .menu_items
        .as_ref()
        .and_then(|m| m.get("subitems"))
        .and_then(Value::as_array);
    for item in items.into_iter().flatten() {
        for p in item
            .get("permissions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(p) = p.as_str() {
                if !permissions.iter().any(|known| known == p) {
                    permissions.push(p.to_string());
                }
            }
        }
    }
    permissions
}

/// An entry of `GET /platform/v1/apps`; `app_host` is the URL "Open app" would send the
/// caller to (see `state::people::app_host`).
pub fn app_list_entry(app: &App, app_host: &str) -> Value {
    let p = &app.profile;
    json!({
        "api_uri": p.api_uri,
        "app_code_name": app.app_code_name.as_str(),
        "app_features": p.app_features,
        "app_host": app_host,
        "app_id": app.app_id,
        "app_mobile_screenshot_uris": p.app_mobile_screenshot_uris,
        "app_screenshot_uris": p.app_screenshot_uris,
        "built_in": false,
        "contact_support_link": p.contact_support_link,
        "deep_link": p.deep_link.as_ref().and_then(|d| d.get("path")).and_then(Value::as_str),
        "description": p.description,
        "is_internal": app.owner_directory_uid.is_none(),
        "locales": p.locales,
        "menu_items": p.menu_items,
        "name": app.name,
        "open_in_new_tab": p.open_in_new_tab,
        "full_screen": p.full_screen,
        "permissions": menu_permissions(app),
        "personal_connection": p.personal_connection,
        "pre_installed": false,
        "privacy_policy_link": p.privacy_policy_link,
        "requires_upgrade": false,
        "status": "not_installed",
        "supported_countries": p.supported_countries,
        "supported_in_mobile": true,
        "url_params": p.url_params,
    })
}

/// `data.application` of `GET /platform/v1/apps/{id}`.
pub fn app_read_view(app: &App) -> Value {
    let p = &app.profile;
    json!({
        "api_uri": p.api_uri,
        "app_code_name": app.app_code_name.as_str(),
        "app_features": p.app_features,
        "app_screenshot_uris": p.app_screenshot_uris,
        "app_type": p.app_type,
        "contact_support_link": p.contact_support_link,
        "description": p.description,
        "locales": p.locales,
        "menu_items": p.menu_items,
        "name": app.name,
        "oauth_redirect_uris": redirect_list(&app.oauth_redirect_uris),
        "open_in_new_tab": p.open_in_new_tab,
        "full_screen": p.full_screen,
        "openid": p.scopes.iter().any(|s| s == "openid"),
        "privacy_policy_link": p.privacy_policy_link,
        "redirect_uri": app.redirect_uri.as_str(),
        "supported_countries": p.supported_countries,
        "trusted": app.trusted,
        "url_params": p.url_params,
        "access_token_format": p.access_token_format,
        "client_auth_jwks_uri": p.client_auth_jwks_uri,
    })
}

/// `application` of `PUT /platform/v1/apps/{id}`.
pub fn app_update_view(app: &App) -> Value {
    let p = &app.profile;
    json!({
        "api_uri": p.api_uri,
        "app_features": p.app_features,
        "app_layer": p.app_layer,
        "app_screenshot_uris": p.app_screenshot_uris,
        "app_type": p.app_type,
        "contact_support_link": p.contact_support_link,
        "deep_link": p.deep_link,
        "demand_scopes": p.demand_scopes,
        "description": p.description,
        "locales": p.locales,
        "menu_items": p.menu_items,
        "name": app.name,
        "oauth_redirect_uris": redirect_list(&app.oauth_redirect_uris),
        "open_in_new_tab": p.open_in_new_tab,
        "privacy_policy_link": p.privacy_policy_link,
        "redirect_uri": app.redirect_uri.as_str(),
        "scopes": p.scopes,
        "supported_countries": p.supported_countries,
        "trusted": app.trusted.to_string(),
        "url_params": p.url_params,
        "access_token_format": p.access_token_format,
        "client_auth_jwks_uri": p.client_auth_jwks_uri,
    })
}

/// `data` of `POST /platform/v1/apps`.
pub fn app_created_view(app: &App, client_secret: &str) -> Value {
    json!({
        "app_code_name": app.app_code_name.as_str(),
        "app_id": app.app_id,
        "client_id": app.client_id,
        "client_secret": client_secret,
        "name": app.name,
        "access_token_format": app.profile.access_token_format,
        "client_auth_jwks_uri": app.profile.client_auth_jwks_uri,
    })
}

/// An entry of `GET /platform/v1/tokens` (the reference's example list is empty).
/// `data.business` of `GET /platform/v1/businesses/{uid}` and of a create: every key of
/// the reference's example, with what the sandbox knows and the vendor's defaults.
pub fn business_view(state: &PlatformState, business: &Business) -> Value {
    let owner = state.owner_of(&business.uid);
    let created = business
        .created_at
        .map(vendor_timestamp)
        .unwrap_or_else(|| vendor_timestamp(state.now()));
    json!({
        "admin_account": {
            "user_id": 1,
            "first_name": owner.and_then(|o| o.display_name.clone()).unwrap_or_default(),
            "last_name": "",
            "email": owner.map(|o| o.email.as_str()),
            "country_name": "United States",
            "language": "en",
            "display_name": owner.map(|o| o.shown_name()),
            "phone": null,
            "staff_uid": owner.map(|o| o.uid.as_str()),
        },
        "business": {
            "id": business.uid,
            "name": business.name,
            "time_zone": "America/New_York",
            "created_at": created,
            "updated_at": created,
            "directory_id": business.directory_uid,
            "business_category": "consulting_coaching",
            "country_name": "United States",
            "disable_analytics": false,
            "short_description": null,
            "address": null,
            "phone": null,
            "website_url": null,
            "dedicated_number": null,
            "hide_address": true,
            "landing_page": null,
            "business_maturity_in_years": null,
            "account_blocked_at": business.blocked_at.map(vendor_timestamp),
            "promotional": {"blocked_at": null, "block_count": null},
            "scheduling_disabled": false,
            "structured_address": null,
        },
        "meta": {
            "external_id": null,
            "external_reference_id": null,
            "plan": {
                "plan_name": "Essentials",
                "staff_slots": state.staff_of(&business.uid).count(),
                "external_subscription_id": null,
                "external_subscription_params": null,
                "expires_on": null,
            },
            "booking_settings": {"min_hours_before_meeting": 0.5, "future_bookings_limit": 90},
            "branding": {
                "color": "#374766",
                "background_color": "#ffffff",
                "logo_url": null,
                "large_logo_url": null,
                "xlarge_logo_url": null,
                "profile_picture_url": null,
                "cover_picture_url": null,
            },
            "note": null,
            "tags": "",
            "in_setup": false,
            "is_template": false,
            "identities": [],
            "intents": [],
            // The vendor's example carries a business auth token here; a careful
            // platform does not hand one out with a read.
            "auth_token": null,
            "marketing_channel": null,
            "invite": null,
        },
        "integrations": {
            "plugins": [],
            "website_id": null,
            "yext_id": null,
            "soci_id": null,
            "email_account_id": null,
            "campaign_keyword": null,
        },
    })
}

/// An entry of `GET /platform/v1/businesses/{uid}/staffs`.
pub fn staff_entry(staff: &StaffUser) -> Value {
    let name = staff.shown_name();
    json!({
        "active": "true",
        "blocked_at": null,
        "business_role_display_name": match staff.role.as_str() {
            "owner" => "Owner",
            "admin" => "Admin",
            "manager" => "Manager",
            "marketing" => "Marketing",
            "collaborator" => "Collaborator",
            _ => "User",
        },
        "deleted": "false",
        "display_name": name,
        "email": staff.email,
        "first_name": name.split(' ').next().unwrap_or(name),
        "id": staff.uid,
        "invite_sent": null,
        "last_name": name.split_once(' ').map(|(_, last)| last).unwrap_or(""),
        "mobile_number": null,
        "photo": null,
        "photo_path": "",
        "professional_title": null,
        "role": staff.role,
    })
}

/// A business app install, as the v3 API shows it.
pub fn install_view(install: &AppInstall) -> Value {
    json!({
        "uid": install.uid,
        "business_uid": install.business_uid,
        "app_code_name": install.app_code_name,
        "created_at": vendor_timestamp(install.created_at),
        "updated_at": vendor_timestamp(install.updated_at),
    })
}

/// One entry of the tokens list: the token masked (`****abcd`), or in full when the
/// sandbox is set to list tokens in full and still holds the value (it keeps none on disk).
pub fn token_entry(state: &PlatformState, token: &IssuedToken, in_full: bool) -> Value {
    let (business_id, directory_id) = match &token.grant {
        TokenGrant::Staff { business_uid, .. } => (Some(business_uid.as_str()), None),
        TokenGrant::Directory { directory_uid } => {
            (None, state.directory(directory_uid).map(|d| d.id))
        }
        TokenGrant::App { .. } => (None, None),
    };
    json!({
        "token": match (&token.value, in_full) {
            (Some(value), true) => value.clone(),
            _ => token.masked(),
        },
        "app_id": token.app_id(),
        "user_id": token.user_uid(),
        "business_id": business_id,
        "directory_id": directory_id,
        "created_at": vendor_timestamp(token.created_at),
        "expires_at": token.expires_at.map(vendor_timestamp),
    })
}

/// `data` of `GET /platform/v1/directory/branding`.
pub fn branding(directory: &Directory) -> Value {
    json!({
        "colors": {
            "primary": directory.colors.primary,
            "secondary": directory.colors.secondary,
            "text": directory.colors.text,
        },
        "logo": directory.logo,
        "name": directory.name,
        "uid": directory.uid,
    })
}

/// `GET /oauth/userinfo`.
pub fn userinfo(
    user: &StaffUser,
    business: &Business,
    directory: &Directory,
    brand_host: &str,
) -> Value {
    json!({
        "brand_host": brand_host,
        "brand_theme": {
            "colors": {
                "primary": directory.colors.primary,
                "secondary": directory.colors.secondary,
                "text": directory.colors.text,
            },
            "locale": "en",
            "logo": directory.logo,
            "name": directory.name,
            "powered_by": {
                "intandem_goto_url": null,
                "intandem_logo_bright": null,
                "intandem_logo_dark": null,
                "parent_goto_url": null,
                "parent_logo_bright": null,
                "parent_logo_dark": null,
            },
        },
        "business_id": business.uid,
        "business_name": business.name,
        "business_uid": business.uid,
        "directory_uid": directory.uid,
        "email": user.email,
        "role": user.role,
        "sub": user.uid,
        "type": "staff",
    })
}
