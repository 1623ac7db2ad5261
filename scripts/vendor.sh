#!/usr/bin/env bash
# Re-creates vendor/tauri from crates.io and vendor/tauri.patch (vendor/README.md).
#   scripts/vendor-tauri.sh [VERSION]  replaces vendor/tauri with VERSION (default: the
#                                      vendored one) plus the patch
#   scripts/vendor-tauri.sh --check    fails unless vendor/tauri is the published crate
#                                      plus the patch, and nothing else
#   scripts/vendor-tauri.sh --diff     writes vendor/tauri.patch from vendor/tauri
set -euo pipefail
cd "$(dirname "$0")/.."
vendored=$(sed -n 's/^version = "\(.*\)"/\1/p' vendor/tauri/Cargo.toml | head -1)
mode=replace version=$vendored
case "${1:-}" in
  --check) mode=check ;;
  --diff) mode=diff ;;
  "") ;;
  *) version=$1 ;;
esac

# The published crate, unpacked by cargo into a throwaway home (nothing else is touched).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/probe/src"
printf '[package]\nname = "probe"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\ntauri = "=%s"\n' "$version" > "$work/probe/Cargo.toml"
touch "$work/probe/src/lib.rs"
CARGO_HOME="$work/cargo" cargo fetch --quiet --manifest-path "$work/probe/Cargo.toml"
upstream=$(ls -d "$work"/cargo/registry/src/*/tauri-"$version")
rm -f "$upstream/.cargo-ok" "$upstream/Cargo.lock"

case $mode in
  diff)
    (cd "$work" && cp -r "$upstream" a && cp -r "$OLDPWD/vendor/tauri" b && diff -ruN a b > "$OLDPWD/vendor/tauri.patch" || true)
    sed -i 's#^\(---\|+++\) \([ab]\)/\([^\t]*\).*#\1 \2/\3#' vendor/tauri.patch
    echo "wrote vendor/tauri.patch"
    ;;
  check)
    cp -r "$upstream" "$work/patched"
    (cd "$work/patched" && patch --quiet -p1 < "$OLDPWD/vendor/tauri.patch")
    diff -r "$work/patched" vendor/tauri && echo "vendor/tauri is tauri $version plus vendor/tauri.patch"
    ;;
  replace)
    cp -r "$upstream" "$work/patched"
    (cd "$work/patched" && patch --quiet -p1 < "$OLDPWD/vendor/tauri.patch")
    rm -rf vendor/tauri && cp -r "$work/patched" vendor/tauri
    echo "vendor/tauri is now tauri $version plus vendor/tauri.patch; run cargo update -p tauri, then make test"
    ;;
esac
