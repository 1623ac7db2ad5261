//! The HTTP edge shared by every route: error shapes, body and bearer extraction, the
//! JSON views of records, and the middleware (the Host guard, fault injection, request log).

pub mod api_error;
pub mod bearer;
pub mod body;
pub mod fault_layer;
pub mod host_guard;
pub mod log_layer;
pub mod oauth_error;
pub mod views;
