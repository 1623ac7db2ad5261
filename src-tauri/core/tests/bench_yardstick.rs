//! The benchmark's yardstick is built like the console: the bare Tauri app's release
//! profile (bench/bare-app/Cargo.toml) sets what the console's (the root Cargo.toml's)
//! sets, value for value, so a size or start-up ratio compares like with like.

use std::collections::BTreeMap;
use std::path::Path;

/// The `key = value` lines of the manifest's `[profile.release]` table.
fn release_profile(manifest: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(manifest)
        .unwrap_or_else(|e| panic!("reading {}: {e}", manifest.display()));
    let mut in_table = false;
    let mut settings = BTreeMap::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_table = line == "[profile.release]";
            continue;
        }
        if !in_table || line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some((key, value)) = line.split_once('=') {
            settings.insert(key.trim().to_owned(), value.trim().to_owned());
        }
    }
    settings
}

#[test]
fn the_bare_app_is_built_with_the_consoles_release_profile() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let console = release_profile(&root.join("Cargo.toml"));
    let bare = release_profile(&root.join("bench/bare-app/Cargo.toml"));
    for key in ["opt-level", "codegen-units", "lto", "strip", "panic"] {
        assert!(
            console.contains_key(key),
            "the console's profile sets {key}"
        );
    }
    assert_eq!(
        bare, console,
        "bench/bare-app/Cargo.toml's [profile.release] must match the root Cargo.toml's"
    );
}
