//! The app fields that the create body (`NewApp`), the update body (`AppUpdate`) and a
//! person's input (`AppInput`) all carry, each an optional value of the same type, listed
//! once. The three structs, the flags-over-file merge, the create and update mappings and
//! the update's diff are all generated from this list, so adding such a field is one line
//! here (see CONTRIBUTING.md, "Adding an app field").
//!
//! The fields that differ between them are written out by hand where they live:
//! `app_code_name`, `name`, `redirect_uri` and `trusted` (required, typed or written
//! differently on create), `oauth_redirect_uris` (update only: the create body cannot
//! carry it) and `payment_data`, `open_channel` (create only).

/// Calls `$callback! { field: Type, … }` with every shared field, in the vendor
/// reference's order.
macro_rules! with_app_fields {
    ($callback:ident) => {
        $callback! {
            url_params: Vec<String>,
            app_type: Vec<String>,
            menu_items: MenuItems,
            open_in_new_tab: bool,
            full_screen: bool,
            description: AppDescription,
            app_features: Vec<String>,
            app_screenshot_uris: String,
            app_mobile_screenshot_uris: String,
            contact_support_link: String,
            locales: Vec<String>,
            privacy_policy_link: String,
            personal_connection: bool,
            supported_countries: Vec<String>,
            api_uri: String,
            app_layer: String,
            deep_link: DeepLink,
            scopes: Vec<String>,
            demand_scopes: Vec<String>,
            access_token_format: String,
            client_auth_jwks_uri: String,
        }
    };
}
pub(crate) use with_app_fields;

/// The names of the shared fields, for tests and tools.
macro_rules! field_names {
    ($($field:ident: $ty:ty),* $(,)?) => {
        &[$(stringify!($field)),*]
    };
}
pub const SHARED_APP_FIELDS: &[&str] = with_app_fields!(field_names);
