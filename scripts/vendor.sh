#!/usr/bin/env bash
# Re-creates a vendored crate (vendor/CRATE: tauri, sqlx-sqlite) from crates.io and
# vendor/CRATE.patch (vendor/README.md).
#   scripts/vendor.sh CRATE [VERSION]  replaces vendor/CRATE with VERSION (default: the
#                                      vendored one) plus the patch
#   scripts/vendor.sh CRATE --check    fails unless vendor/CRATE is the published crate
#                                      plus the patch, and nothing else
#   scripts/vendor.sh CRATE --diff     writes vendor/CRATE.patch from vendor/CRATE
set -euo pipefail
cd "$(dirname "$0")/.."
crate=${1:?usage: scripts/vendor.sh CRATE [VERSION|--check|--diff]}
shift
[ -d "vendor/$crate" ] || { echo "vendor/$crate does not exist" >&2; exit 2; }
vendored=$(sed -n 's/^version = "\(.*\)"/\1/p' "vendor/$crate/Cargo.toml" | head -1)
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
printf '[package]\nname = "probe"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\n%s = "=%s"\n' "$crate" "$version" > "$work/probe/Cargo.toml"
touch "$work/probe/src/lib.rs"
CARGO_HOME="$work/cargo" cargo fetch --quiet --manifest-path "$work/probe/Cargo.toml"
upstream=$(ls -d "$work"/cargo/registry/src/*/"$crate"-"$version")
rm -f "$upstream/.cargo-ok" "$upstream/Cargo.lock"

case $mode in
  diff)
    (cd "$work" && cp -r "$upstream" a && cp -r "$OLDPWD/vendor/$crate" b && diff -ruN a b > "$OLDPWD/vendor/$crate.patch" || true)
    sed -i 's#^\(---\|+++\) \([ab]\)/\([^\t]*\).*#\1 \2/\3#' "vendor/$crate.patch"
    echo "wrote vendor/$crate.patch"
    ;;
  check)
    cp -r "$upstream" "$work/patched"
    (cd "$work/patched" && patch --quiet -p1 < "$OLDPWD/vendor/$crate.patch")
    diff -r "$work/patched" "vendor/$crate" && echo "vendor/$crate is $crate $version plus vendor/$crate.patch"
    ;;
  replace)
    cp -r "$upstream" "$work/patched"
    (cd "$work/patched" && patch --quiet -p1 < "$OLDPWD/vendor/$crate.patch")
    rm -rf "vendor/$crate" && cp -r "$work/patched" "vendor/$crate"
    echo "vendor/$crate is now $crate $version plus vendor/$crate.patch; run cargo update -p $crate, then make test"
    ;;
esac
