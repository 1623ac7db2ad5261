//! The layout is the architecture: within each crate, no two modules use each other (a
//! parent and its own children aside), and the low layers (`error`, `checks`, `oauth`,
//! `platform`, `store`, `redirect_uri`, `secret`, `text`) never reach up into `console`.
//! Read from the sources' `crate::`/`super::`/`self::` paths (comments and unit tests
//! left out), so a new cycle fails here with the two files named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crates whose modules are checked, relative to `src-tauri/`.
const CRATE_ROOTS: &[&str] = &["core/src", "sandbox/src", "cli/src", "shell"];

/// Core modules that must not use `console` (the command layer sits above them).
const BELOW_CONSOLE: &[&str] = &[
    "error",
    "checks",
    "oauth",
    "platform",
    "store",
    "redirect_uri",
    "secret",
    "text",
];

fn src_tauri() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            let name = entry.file_name();
            // The shell's crate root holds only sources; skip what a build leaves there.
            if name != "target" && name != "gen" && name != "tests" {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `a/b/mod.rs` and `a/b.rs` are module `a::b`; `lib.rs`/`main.rs` the root.
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(root).expect("under its root");
    let mut parts: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The source without comments and without its `#[cfg(test)]` tail.
fn code_of(source: &str) -> String {
    let without_tests = source
        .find("#[cfg(test)]\nmod ")
        .map_or(source, |at| &source[..at]);
    without_tests
        .lines()
        .map(|line| match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The leading `a::b::c` of `text` (identifiers and `::`), and what follows it.
fn leading_path(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .unwrap_or(text.len());
    text.split_at(end)
}

fn segments(path: &str) -> Vec<String> {
    path.split("::")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every `crate::…`, `super::…` or `self::…` path in `code`, as its segments; a group
/// (`crate::a::{b::X, c}`) gives one path per item.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    for start in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            from = at + start.len();
            // `super::super::x` is read from its first `super`; `foo::self` is not a path.
            if at > 0
                && (bytes[at - 1].is_ascii_alphanumeric() || matches!(bytes[at - 1], b'_' | b':'))
            {
                continue;
            }
            let (path, after) = leading_path(&code[at..]);
            let prefix = segments(path);
            match after.strip_prefix('{') {
                Some(group) => {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    for item in group.split(',') {
                        let (inner, _) = leading_path(item.trim());
                        let mut full = prefix.clone();
                        full.extend(segments(inner));
                        found.push(full);
                    }
                }
                None => found.push(prefix),
            }
        }
    }
    found
}

/// The module a path in `current` names: the longest known module it starts with.
fn target_of(
    current: &[String],
    path: &[String],
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut base: Vec<String> = current.to_vec();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop();
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    let full: Vec<String> = base.into_iter().chain(rest.iter().cloned()).collect();
    (1..=full.len())
        .rev()
        .map(|n| full[..n].to_vec())
        .find(|candidate| modules.contains(candidate))
}

/// Module → the modules it uses (not its ancestors or descendants), per crate root.
fn graph(root: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_of(root, f)).collect();
    let mut edges = BTreeMap::new();
    for file in &files {
        let module = module_of(root, file);
        let code = code_of(&std::fs::read_to_string(file).expect("a readable source"));
        let used: BTreeSet<Vec<String>> = paths_in(&code)
            .iter()
            .filter_map(|path| target_of(&module, path, &modules))
            .filter(|target| !target.starts_with(&module) && !module.starts_with(target))
            .collect();
        edges.insert(module, used);
    }
    edges
}

#[test]
fn no_two_modules_of_a_crate_use_each_other() {
    let mut cycles = Vec::new();
    for crate_root in CRATE_ROOTS {
        let edges = graph(&src_tauri().join(crate_root));
        assert!(edges.len() > 1, "{crate_root} has modules to check");
        for (module, used) in &edges {
            for other in used {
                if module < other && edges.get(other).is_some_and(|back| back.contains(module)) {
                    cycles.push(format!(
                        "{crate_root}: {} <-> {}",
                        module.join("::"),
                        other.join("::")
                    ));
                }
            }
        }
    }
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_layers_below_the_console_never_use_it() {
    let edges = graph(&src_tauri().join("core/src"));
    let console = vec!["console".to_owned()];
    let offenders: Vec<String> = edges
        .iter()
        .filter(|(module, _)| {
            module
                .first()
                .is_some_and(|top| BELOW_CONSOLE.contains(&top.as_str()))
        })
        .filter(|(_, used)| used.iter().any(|target| target.starts_with(&console)))
        .map(|(module, _)| module.join("::"))
        .collect();
    assert!(
        offenders.is_empty(),
        "modules below the console that use it: {offenders:?}"
    );
}

#[test]
fn the_reader_sees_a_cycle_when_there_is_one() {
    // The check itself can fail: two files that use each other are found.
    let dir = std::env::temp_dir().join(format!("module-graph-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod a;\nmod b;\n").unwrap();
    std::fs::write(
        dir.join("a.rs"),
        "use crate::b::Thing;\n// crate::c in a comment\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.rs"),
        "pub struct Thing;\nfn f() { super::a::g() }\n",
    )
    .unwrap();
    let edges = graph(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    let a = vec!["a".to_owned()];
    let b = vec!["b".to_owned()];
    assert!(edges[&a].contains(&b), "{edges:?}");
    assert!(edges[&b].contains(&a), "{edges:?}");
    assert_eq!(edges[&a].len(), 1, "comments are not read: {edges:?}");
}
