//! What `make bindings` generates from the Rust side, and the test that fails when the
//! committed copies drift:
//! - the TypeScript types of every IPC type (`ui/src/api/bindings`, ts-rs), those of
//!   every command's arguments and result included;
//! - the typed command wrappers (`ui/src/api/commands.generated.ts`), one per line of
//!   the command list;
//! - the main window's capability (`capabilities/main.json`), allowing exactly the
//!   commands of the list.
//!
//! `make bindings` runs this test with `INTANDEM_WRITE_BINDINGS=1`, which rewrites the
//! files instead; a plain `cargo test` never writes them, so drift fails CI.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use intandem_core::bindings::{ts_name, Bindings, COMMITTED_DIR};
use intandem_core::console::dto::*;
// Globs: a command of the list may name any type of the console, with no edit here.
#[allow(unused_imports)]
use intandem_core::console::*;
#[allow(unused_imports)]
use intandem_core::launch::*;
#[allow(unused_imports)]
use intandem_core::manifest::*;
use intandem_core::oauth_run::OAuthEvent;
#[allow(unused_imports)]
use intandem_core::platform::call_log::LoggedCall;
use intandem_core::store::{AuditEntry, ProfileId};
use intandem_core::Secret;

use crate::commands::ChecksProgress;
use crate::first_screen::FirstScreen;
use crate::launch_window::{LaunchEvent, LaunchStarted};
use crate::manifest_files::OpenedManifest;
use crate::oauth_window::{BrowserChoice, OAuthStart, OAuthStarted};
use crate::state::{Overview, SandboxLogin, StoreStatus};

const WRAPPERS: &str = "ui/src/api/commands.generated.ts";
const CAPABILITY: &str = "capabilities/main.json";

/// One command as the UI calls it.
struct Signature {
    name: &'static str,
    args: Vec<(&'static str, String)>,
    result: String,
}

macro_rules! signatures {
    ($($kind:ident $name:ident ($($arg:ident: $ty:ty),*) -> $ret:ty $(=> $method:ident ($($call:expr),*))?;)*) => {
        (
            vec![$(Signature {
                name: stringify!($name),
                args: vec![$((stringify!($arg), ts_name::<$ty>())),*],
                result: ts_name::<$ret>(),
            }),*],
            |bindings: &mut Bindings| { $( $( add_named::<$ty>(bindings); )* add_named::<$ret>(bindings); )* },
        )
    };
}

/// Adds `T`'s binding when it has a file of its own (not `string`, `number`, …).
fn add_named<T: ts_rs::TS + 'static>(bindings: &mut Bindings) {
    if T::output_path().is_some() {
        bindings.add::<T>();
    }
    // Containers (`Vec<T>`, `Option<T>`) name their element, which `add` reaches too.
    struct Named<'a>(&'a mut Bindings);
    impl ts_rs::TypeVisitor for Named<'_> {
        fn visit<T: ts_rs::TS + 'static + ?Sized>(&mut self) {
            if T::output_path().is_some() {
                self.0.add::<T>();
            }
        }
    }
    T::visit_generics(&mut Named(bindings));
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `ui/src/api/commands.generated.ts`.
fn wrappers(signatures: &[Signature]) -> String {
    let mut types = BTreeSet::new();
    for signature in signatures {
        for ts in signature
            .args
            .iter()
            .map(|(_, ts)| ts)
            .chain([&signature.result])
        {
            for word in ts.split(|c: char| !c.is_ascii_alphanumeric()) {
                if word.starts_with(|c: char| c.is_ascii_uppercase()) && word != "Array" {
                    types.insert(word.to_owned());
                }
            }
        }
    }
    let mut out = String::from(
        "// Generated from the command list (src-tauri/shell/command_list.rs) by `make bindings`.\n\
         // Do not edit: add a command to the list, then run `make bindings`.\n\
         import { call } from \"./call\";\n",
    );
    let _ = writeln!(
        out,
        "import type {{ {} }} from \"./bindings\";\n",
        types.into_iter().collect::<Vec<_>>().join(", ")
    );
    out.push_str(
        "/** One typed wrapper per command of the desktop app. */\nexport const generated = {\n",
    );
    for signature in signatures {
        let params: Vec<String> = signature
            .args
            .iter()
            .map(|(arg, ts)| format!("{}: {ts}", camel(arg)))
            .collect();
        let fields: Vec<String> = signature
            .args
            .iter()
            .map(|(arg, _)| {
                let js = camel(arg);
                if js == *arg {
                    js
                } else {
                    format!("{arg}: {js}")
                }
            })
            .collect();
        let payload = if fields.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", fields.join(", "))
        };
        let _ = writeln!(
            out,
            "  {}: ({}) => call<{}>(\"{}\"{payload}),",
            camel(signature.name),
            params.join(", "),
            signature.result,
            signature.name
        );
    }
    out.push_str("};\n");
    out
}

/// `capabilities/main.json`: the main window, and exactly the listed commands.
fn capability(signatures: &[Signature]) -> String {
    // Events (the page's `listen`); Tauri's other core plugins are not registered
    // (vendor/README.md), so none of their permissions is given.
    let mut permissions = vec!["core:event:default".to_owned()];
    permissions.extend(
        signatures
            .iter()
            .map(|s| format!("allow-{}", s.name.replace('_', "-"))),
    );
    let value = serde_json::json!({
        "$schema": "../gen/schemas/desktop-schema.json",
        "identifier": "main-window",
        "description": "The console's own window, and only it, may call the console's commands. The OAuth window and any remote page get no capability, so no IPC. Generated from src-tauri/shell/command_list.rs by `make bindings`.",
        "windows": ["main"],
        "permissions": permissions,
    });
    serde_json::to_string_pretty(&value).expect("a JSON value") + "\n"
}

fn root() -> PathBuf {
    // Read when the test runs: a binary built in another checkout must not look there.
    PathBuf::from(
        std::env::var("CARGO_MANIFEST_DIR")
            .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned()),
    )
}

fn check_or_write(path: &Path, rendered: &str, write: bool) -> Result<(), String> {
    if write {
        std::fs::write(path, rendered).map_err(|e| format!("writing {}: {e}", path.display()))?;
        return Ok(());
    }
    match std::fs::read_to_string(path) {
        Ok(committed) if committed == rendered => Ok(()),
        _ => Err(format!(
            "{} is out of date: run `make bindings` and commit the result.",
            path.display()
        )),
    }
}

#[test]
fn typescript_bindings_wrappers_and_the_capability_match_the_rust_side() {
    let (signatures, add_command_types) = with_commands!(signatures);
    let mut bindings = Bindings::of_core();
    add_command_types(&mut bindings);
    bindings
        .add::<Overview>()
        .add::<FirstScreen>()
        .add::<StoreStatus>()
        .add::<SandboxLogin>()
        .add::<OAuthStart>()
        .add::<OAuthStarted>()
        .add::<StartedRun>()
        .add::<OAuthEvent>()
        .add::<BrowserChoice>()
        .add::<ChecksProgress>()
        .add::<LaunchStarted>()
        .add::<LaunchEvent>();
    let root = root();
    let dir = root.join(COMMITTED_DIR);
    let write = std::env::var_os("INTANDEM_WRITE_BINDINGS").is_some_and(|v| v == "1");
    let mut problems = Vec::new();
    if write {
        bindings
            .write(&dir)
            .unwrap_or_else(|error| panic!("writing the bindings in {}: {error}", dir.display()));
    } else if let Err(drift) = bindings.check(&dir, true) {
        problems.push(drift);
    }
    for (path, rendered) in [
        (root.join(WRAPPERS), wrappers(&signatures)),
        (root.join(CAPABILITY), capability(&signatures)),
    ] {
        if let Err(problem) = check_or_write(&path, &rendered, write) {
            problems.push(problem);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_wrapper_keeps_rust_argument_names_in_the_payload() {
    let (signatures, _) = with_commands!(signatures);
    let text = wrappers(&signatures);
    assert!(
        text.contains("appCredentialsImport: (app: string, clientId: string, clientSecret: string) => call<CredentialsView>(\"app_credentials_import\", { app, client_id: clientId, client_secret: clientSecret }),"),
        "{text}"
    );
    assert!(text.contains("profilesList: () => call<Array<ProfileView>>(\"profiles_list\"),"));
}
