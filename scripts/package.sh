#!/usr/bin/env bash
# `make package`: the desktop app and the `intandem` CLI as a .deb and an .rpm (the Tauri
# bundler), each with the CLI on the PATH, its shell completions (bash, zsh, fish) and its
# man page, the desktop entry and the icons; then scripts/package-test.sh unpacks both and
# checks them. The packages are left in dist/ (and the bundler's own folders).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '==> %s\n' "$*"; }

bash scripts/deps.sh
SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
need=()
for tool in rpm2cpio:rpm2cpio cpio:cpio desktop-file-validate:desktop-file-utils; do
  command -v "${tool%%:*}" >/dev/null || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  say "Installing what the package test needs: ${need[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${need[@]}"
fi
if ! cargo tauri --version >/dev/null 2>&1; then
  say "Installing tauri-cli (cargo install tauri-cli --version ^2 --locked; several minutes)"
  env -u CARGO_TARGET_DIR cargo install tauri-cli --version '^2' --locked --quiet
fi

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
say "UI build"
(cd ui && npm run --silent build)

say "intandem CLI (release-cli profile: optimised for size)"
cargo build --profile release-cli --locked -p intandem-cli
extra="$CARGO_TARGET_DIR/package-extra"
rm -rf "$extra" && mkdir -p "$extra"
cp "$CARGO_TARGET_DIR/release-cli/intandem" "$extra/intandem"
"$extra/intandem" completions bash >"$extra/intandem.bash"
"$extra/intandem" completions zsh >"$extra/_intandem"
"$extra/intandem" completions fish >"$extra/intandem.fish"
"$extra/intandem" man | gzip -9n >"$extra/intandem.1.gz"

# The same files in both packages, at the paths each distribution looks in.
files=$(cat <<JSON
{
  "/usr/bin/intandem": "$extra/intandem",
  "/usr/share/bash-completion/completions/intandem": "$extra/intandem.bash",
  "/usr/share/zsh/vendor-completions/_intandem": "$extra/_intandem",
  "/usr/share/fish/vendor_completions.d/intandem.fish": "$extra/intandem.fish",
  "/usr/share/man/man1/intandem.1.gz": "$extra/intandem.1.gz"
}
JSON
)
config=$(cat <<JSON
{
  "build": { "beforeBuildCommand": "" },
  "bundle": {
    "targets": ["deb", "rpm"],
    "linux": { "deb": { "files": $files }, "rpm": { "files": $files } }
  }
}
JSON
)
say "The desktop app (release) and its packages: cargo tauri build --bundles deb,rpm"
cargo tauri build --bundles deb,rpm --config "$config"

deb=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/deb/*.deb | head -1)
rpm=$(ls -t "$CARGO_TARGET_DIR"/release/bundle/rpm/*.rpm | head -1)
# The bundler names the files after the product ("inTandem App Console_…"): give them names
# without spaces, as the packages themselves are named.
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
mkdir -p dist
cp "$deb" "dist/intandem-app-console_${version}_amd64.deb"
cp "$rpm" "dist/intandem-app-console-${version}-1.x86_64.rpm"
say "Packages: $(cd dist && du -h intandem-app-console* | tr '\n' ' ')"
bash scripts/package-test.sh "dist/intandem-app-console_${version}_amd64.deb" "dist/intandem-app-console-${version}-1.x86_64.rpm"
