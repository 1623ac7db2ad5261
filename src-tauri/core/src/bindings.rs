//! The TypeScript bindings of every type that crosses IPC to the UI, rendered with ts-rs
//! and committed in `ui/src/api/bindings` (one file per type, plus `index.ts`).
//!
//! Nothing here writes files as a side effect of `cargo test`: the types derive `TS`
//! without `#[ts(export)]`, and [`Bindings`] renders them in memory. The drift check
//! ([`Bindings::check`]) compares that rendering with the committed files and fails
//! with a message naming `make bindings`; only `make bindings` ([`Bindings::write`])
//! rewrites them. The desktop shell adds its own IPC types and runs the full check;
//! this crate's own test checks that every core binding is committed as rendered.
//!
//! Renderings are deterministic: files sorted by path, ts-rs's output per type, and
//! 64-bit integers declared as `number` (serde_json writes them as JSON numbers, and
//! the UI reads them with `JSON.parse`, not as `bigint`).

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ts_rs::{Config, TypeVisitor, TS};

/// Where the committed bindings live, relative to the workspace root.
pub const COMMITTED_DIR: &str = "ui/src/api/bindings";

/// The command that regenerates the committed bindings.
const REGENERATE: &str = "make bindings";

/// The rendered TypeScript files, by path relative to the bindings directory.
#[derive(Debug, Default)]
pub struct Bindings {
    files: BTreeMap<PathBuf, String>,
    seen: HashSet<TypeId>,
}

impl Bindings {
    /// The bindings of every IPC type `intandem-core` defines: what `Console` methods
    /// return and the inputs the UI sends, with every type they reference.
    pub fn of_core() -> Self {
        use crate::console::dto::*;
        use crate::console::{
            AppInput, Environment, HttpRequestView, HttpResponseView, NewProfileInput, OAuthBegin,
            OAuthReport, RedirectUriChange, SecretToCopy, TimelineStep,
        };
        use crate::store::{AuditAction, AuditEntry, KeySource, PassphrasePrompt, StoreState};
        use crate::{ConsoleError, ErrorCode};

        let mut bindings = Self::default();
        bindings
            // results
            .add::<ProfileView>()
            .add::<RemovedProfile>()
            .add::<AppsListing>()
            .add::<crate::console::DraftView>()
            .add::<AppSummary>()
            .add::<AppDetails>()
            .add::<CreatedAppShown>()
            .add::<FieldChange>()
            .add::<AppUpdateView>()
            .add::<CredentialsView>()
            .add::<RedirectUriRole>()
            .add::<RedirectUriEntry>()
            .add::<RedirectUrisView>()
            .add::<RedirectUrisDiff>()
            .add::<AppTokenView>()
            .add::<AppTokensView>()
            .add::<CreatedTokenShown>()
            .add::<RevokedTokenView>()
            .add::<ServiceTokenView>()
            .add::<OAuthBeginView>()
            .add::<TokenMetadata>()
            .add::<OAuthTimings>()
            .add::<OAuthCompletion>()
            .add::<OAuthRunView>()
            .add::<OAuthReport>()
            .add::<crate::console::ChecksReport>()
            .add::<crate::console::AppChecks>()
            .add::<crate::console::CheckCounts>()
            .add::<crate::checks::CheckResult>()
            .add::<crate::checks::Severity>()
            .add::<TimelineStep>()
            .add::<HttpRequestView>()
            .add::<HttpResponseView>()
            .add::<AuditEntry>()
            .add::<AuditAction>()
            .add::<PassphrasePrompt>()
            .add::<KeySource>()
            .add::<StoreState>()
            .add::<ConsoleError>()
            .add::<ErrorCode>()
            // inputs
            .add::<AppInput>()
            .add::<NewProfileInput>()
            .add::<Environment>()
            .add::<OAuthBegin>()
            .add::<RedirectUriChange>()
            .add::<SecretToCopy>();
        bindings
    }

    /// Adds `T`'s binding and those of every type it references.
    pub fn add<T: TS + ?Sized + 'static>(&mut self) -> &mut Self {
        struct Dependencies<'a>(&'a mut Bindings);
        impl TypeVisitor for Dependencies<'_> {
            fn visit<T: TS + 'static + ?Sized>(&mut self) {
                // Primitives and built-ins have no file of their own.
                if T::output_path().is_some() {
                    self.0.add::<T>();
                }
            }
        }

        if !self.seen.insert(TypeId::of::<T>()) {
            return self;
        }
        let path = T::output_path()
            .unwrap_or_else(|| panic!("{} has no TypeScript file", std::any::type_name::<T>()));
        let text = T::export_to_string(&config())
            .unwrap_or_else(|error| panic!("rendering {}: {error}", std::any::type_name::<T>()));
        self.files.insert(path, text);
        T::visit_dependencies(&mut Dependencies(self));
        self
    }

    /// Every file, `index.ts` included, by path relative to the bindings directory.
    pub fn files(&self) -> BTreeMap<PathBuf, String> {
        let mut files = self.files.clone();
        files.insert(PathBuf::from("index.ts"), self.index());
        files
    }

    /// `index.ts`: re-exports every type, sorted by path.
    fn index(&self) -> String {
        let mut index = String::from(
            "// Generated from the Rust types by `make bindings` (ts-rs). Do not edit this file manually.\n",
        );
        for path in self.files.keys() {
            let module = slash_path(&path.with_extension(""));
            let name = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .expect("a binding's file name is its type's name");
            let _ = writeln!(index, "export type {{ {name} }} from \"./{module}\";");
        }
        index
    }

    /// Compares the rendering with the files in `dir`. With `exact`, a committed `.ts`
    /// file that is not rendered (a type that no longer exists) is drift too.
    pub fn check(&self, dir: &Path, exact: bool) -> Result<(), String> {
        let rendered = self.files();
        let mut problems = Vec::new();
        for (path, text) in &rendered {
            if !exact && path == Path::new("index.ts") {
                continue;
            }
            match std::fs::read_to_string(dir.join(path)) {
                Ok(committed) if committed == *text => {}
                Ok(_) => problems.push(format!("{} differs", slash_path(path))),
                Err(_) => problems.push(format!("{} is missing", slash_path(path))),
            }
        }
        if exact {
            for path in committed_files(dir) {
                if !rendered.contains_key(&path) {
                    problems.push(format!(
                        "{} is not generated from any Rust type",
                        slash_path(&path)
                    ));
                }
            }
        }
        if problems.is_empty() {
            return Ok(());
        }
        Err(format!(
            "The TypeScript bindings in {} are out of date: run `{REGENERATE}` and commit the result.\n  {}",
            dir.display(),
            problems.join("\n  ")
        ))
    }

    /// Replaces the `.ts` files of `dir` with the rendering.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        for path in committed_files(dir) {
            std::fs::remove_file(dir.join(path))?;
        }
        for (path, text) in self.files() {
            let path = dir.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, text)?;
        }
        Ok(())
    }
}

/// How `T` is spelled in TypeScript (`string`, `Array<ProfileView>`, `number | null`), as
/// the generated command wrappers write their argument and result types.
pub fn ts_name<T: TS + ?Sized>() -> String {
    T::name(&config())
}

/// The one configuration every binding is rendered with.
fn config() -> Config {
    Config::new().with_large_int("number")
}

/// The `.ts` files under `dir`, relative to it, sorted.
fn committed_files(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|ext| ext == "ts") {
                out.push(path.strip_prefix(root).expect("under root").to_owned());
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    files
}

/// A relative path with `/` separators, as TypeScript imports spell it.
fn slash_path(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn committed_dir() -> PathBuf {
        PathBuf::from(
            // Read when the test runs: a binary built in another checkout must not look there.
            std::env::var("CARGO_MANIFEST_DIR")
                .unwrap_or_else(|_| env!("CARGO_MANIFEST_DIR").to_owned()),
        )
        .join("../..")
        .join(COMMITTED_DIR)
    }

    #[test]
    fn every_core_binding_is_committed_as_rendered() {
        // The shell's test also checks its own types, index.ts and stale files.
        if let Err(drift) = Bindings::of_core().check(&committed_dir(), false) {
            panic!("{drift}");
        }
    }

    #[test]
    fn bindings_describe_64_bit_integers_as_numbers_and_times_as_strings() {
        let files = Bindings::of_core().files();
        let profile = &files[Path::new("ProfileView.ts")];
        assert!(profile.contains("id: number"), "{profile}");
        assert!(profile.contains("created_at: string"), "{profile}");
        assert!(!files.values().any(|text| text.contains("bigint")));
    }

    #[test]
    fn error_fields_left_out_when_empty_are_optional() {
        let files = Bindings::of_core().files();
        let error = &files[Path::new("ConsoleError.ts")];
        assert!(error.contains("status?: number"), "{error}");
        assert!(error.contains("code: ErrorCode"), "{error}");
    }
}
