#!/usr/bin/env bash
# `make bench`: builds the console and a bare Tauri 2 app in release, then runs
# bench/console.rs inside a private D-Bus session with an unlocked gnome-keyring (the
# console keeps its store key there). Prints a table; writes bench/results/latest.json.
# Arguments pick benchmarks by name: startup memory large sync oauth store size.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '==> %s\n' "$*"; }

bash scripts/deps.sh
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

say "Bare Tauri 2 app (release), with the console's crate versions"
cp Cargo.lock bench/bare-app/Cargo.lock
cargo build --release --quiet --manifest-path bench/bare-app/Cargo.toml
export BARE_APP_BIN="$CARGO_TARGET_DIR/release/bare-tauri-app"

# The size benchmark also weighs the .deb, built as `make package` builds it (the Tauri
# CLI is installed from crates.io the first time).
wants_size=1
if [ $# -gt 0 ]; then wants_size=0; for a in "$@"; do [ "$a" = size ] && wants_size=1; done; fi
if [ "$wants_size" = 1 ]; then
  if ! cargo tauri --version >/dev/null 2>&1; then
    say "Installing tauri-cli (cargo install tauri-cli --version ^2 --locked; several minutes)"
    env -u CARGO_TARGET_DIR cargo install tauri-cli --version '^2' --locked --quiet
  fi
  say "intandem CLI (release-cli profile, as packaged)"
  cargo build --profile release-cli --locked --quiet -p intandem-cli
  export CLI_BIN="$CARGO_TARGET_DIR/release-cli/intandem"
  if [ -z "${DEB_PATH:-}" ]; then
    # The .deb as `make package` makes it (the app and the CLI), built now from this tree:
    # a package left in dist/ by an earlier `make package` may be older than the code.
    say "The packages (scripts/package.sh)"
    bash scripts/package.sh
    version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
    DEB_PATH="$PWD/dist/intandem-app-console_${version}_amd64.deb"
    export DEB_PATH
  fi
  say "The bare app's .deb"
  (cd bench/bare-app && cargo tauri build --bundles deb --config '{"bundle":{"active":true,"targets":["deb"]}}' >/dev/null)
  BARE_DEB_PATH=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/bare*.deb 2>/dev/null | head -1 || true)
  [ -n "$BARE_DEB_PATH" ] && export BARE_DEB_PATH
fi
if [ -n "${DEB_PATH:-}" ] && [ ! -f "$DEB_PATH" ]; then unset DEB_PATH; fi
# The binary the size benchmark weighs: the one the .deb installs (built without the
# start-up benchmark's marks, which the benchmarks' own build below carries).
if [ -n "${DEB_PATH:-}" ]; then
  shipped_dir=$(mktemp -d)
  dpkg-deb --fsys-tarfile "$DEB_PATH" | tar -xO usr/bin/intandem-console >"$shipped_dir/intandem-console"
  export SHIPPED_BIN="$shipped_dir/intandem-console"
fi

# After the packages (they embed the shipped UI): the UI with the benchmark's marks.
say "UI build"
(cd ui && INTANDEM_BENCH=1 npm run --silent build)
export BENCH_OUT="${BENCH_OUT:-$PWD/bench/results/latest.json}"

say "Benchmarks (release build of the console first)"
keyring_dir=$(mktemp -d)
trap 'rm -rf "$keyring_dir" "${shipped_dir:-}"' EXIT
dbus-run-session -- bash -c '
  export XDG_DATA_HOME="$1"; shift
  eval "$(printf "intandem-bench" | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
  cargo bench --locked --features bench --bench console -- "$@"
' bench "$keyring_dir" "$@"
