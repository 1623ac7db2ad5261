//! The platform's data, typed: what the console reads from and writes to the vendor API.
//! Reads are lenient where the vendor is inconsistent (see `lenient`); writes follow the
//! vendor reference exactly, quirks included.

mod app;
mod app_code_name;
pub(crate) mod app_fields;
mod app_write;
mod branding;
pub(crate) mod lenient;
mod oauth;
mod tokens;

pub use app::{App, AppDescription, DeepLink, MenuItem, MenuItems};
pub use app_code_name::AppCodeName;
pub(crate) use app_fields::with_app_fields;
pub use app_fields::SHARED_APP_FIELDS;
pub use app_write::{AppUpdate, NewApp};
pub use branding::{BrandColors, Branding};
pub use oauth::{BrandTheme, CodeExchange, ServiceCredentials, ServiceToken, TokenGrant, UserInfo};
pub use tokens::{AppToken, CreatedApp};
