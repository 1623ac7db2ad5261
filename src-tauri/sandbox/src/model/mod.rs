//! The platform's records: directories and their people, apps, issued tokens and
//! authorization codes. Plain data with the invariants that belong to each type.

pub mod app;
pub mod app_code_name;
pub mod authorization_code;
pub mod directory;
pub mod install;
pub mod issued_token;
pub mod redirect_uri;
