//! The sandbox over real HTTP: every endpoint against the vendor reference, every rule,
//! the browser flow, the admin API and bad input. One test binary (one link step).

mod admin_api;
mod app_rules;
mod bad_input;
mod browser_flow;
mod lifecycle;
mod reference_shapes;
mod seed_guide;
mod standalone;
mod support;
mod token_exchange;
mod token_rules;
