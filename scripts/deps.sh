#!/usr/bin/env bash
# Installs whatever this project needs and is missing: Debian/Ubuntu packages, a Rust
# toolchain, Node.js >= 20.19, the UI's npm packages and tauri-driver. Idempotent: when
# everything is in place it only checks, in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "Installing packages needs root or sudo; neither is available." >&2; exit 1; }
  SUDO="sudo"
fi

APT_PACKAGES=(
  build-essential pkg-config curl file ca-certificates
  libwebkit2gtk-4.1-dev libssl-dev libdbus-1-dev libxdo-dev librsvg2-dev
  xvfb xauth imagemagick webkit2gtk-driver xdotool
  gnome-keyring dbus dbus-x11
)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
node_ok() {
  command -v node >/dev/null || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)||(a===20&&b>=19)||a===21?0:1)'
}
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing system packages: ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! node_ok; then
  # Debian's nodejs is too old for Vite 8; the npm registry ships newer Node builds.
  say "Installing Node.js 22 from the npm registry (found $(node --version 2>/dev/null || echo none))"
  $SUDO npm install -g --no-audit --no-fund node@22
  hash -r
  node_ok || { echo "Node.js >= 20.19 is still not on PATH after installing it; put $(npm prefix -g)/bin first on PATH." >&2; exit 1; }
fi

if ! command -v cargo >/dev/null; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    say "Installing the Rust toolchain with rustup"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal -c clippy,rustfmt
    export PATH="$HOME/.cargo/bin:$PATH"
  fi
fi
rustup component list --installed 2>/dev/null | grep -q clippy || rustup component add clippy rustfmt >/dev/null 2>&1 || true

if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "Installing the UI's npm packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

if ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  say "Installing tauri-driver (WebDriver for the desktop app)"
  cargo install tauri-driver --version "^2.1" --locked --quiet
fi
