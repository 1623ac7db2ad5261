//! The drift check of the committed TypeScript bindings (`ui/src/api/bindings`): every
//! IPC type of the core and of this shell, rendered with ts-rs, must match the files
//! exactly, `index.ts` included, with no file left over from a type that is gone.
//!
//! `make bindings` runs this test with `INTANDEM_WRITE_BINDINGS=1`, which rewrites the
//! files instead; a plain `cargo test` never writes them, so drift fails CI.

use intandem_core::bindings::{Bindings, COMMITTED_DIR};

use crate::commands::ChecksProgress;
use crate::oauth_window::{BrowserChoice, OAuthStart, OAuthStarted};
use crate::state::{Overview, SandboxLogin, StoreStatus};
use intandem_core::console::dto::StartedRun;
use intandem_core::oauth_run::OAuthEvent;

#[test]
fn typescript_bindings_match_the_rust_types() {
    let mut bindings = Bindings::of_core();
    bindings
        .add::<Overview>()
        .add::<StoreStatus>()
        .add::<SandboxLogin>()
        .add::<OAuthStart>()
        .add::<OAuthStarted>()
        .add::<StartedRun>()
        .add::<OAuthEvent>()
        .add::<BrowserChoice>()
        .add::<ChecksProgress>();
    let dir = std::path::PathBuf::from(
        // Read when the test runs: a binary built in another checkout must not look there.
        std::env::var("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned()),
    )
    .join(COMMITTED_DIR);
    if std::env::var_os("INTANDEM_WRITE_BINDINGS").is_some_and(|v| v == "1") {
        bindings
            .write(&dir)
            .unwrap_or_else(|error| panic!("writing the bindings in {}: {error}", dir.display()));
        return;
    }
    if let Err(drift) = bindings.check(&dir, true) {
        panic!("{drift}");
    }
}
