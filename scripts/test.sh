#!/usr/bin/env bash
# Runs every check and test of the project and ends with one line `N passed, N failed`.
# Called by `make test` (after scripts/deps.sh) and so by CI's .ci/run.
#
# Rust tests run inside a private D-Bus session with an unlocked gnome-keyring, so the
# store's tests meet a real Secret Service; the end-to-end tests start their own Xvfb
# and tauri-driver (tests/e2e/harness.rs).
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log_dir=$(mktemp -d)
passed=0
failed=0
failed_steps=()

step() { printf '\n==> %s\n' "$1"; }

# Adds the counts of every `test result:` line in a cargo test log.
count_cargo() {
  local log=$1 p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | grep -Eo '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
  passed=$((passed + p))
  failed=$((failed + f))
}

# Adds the counts of Vitest's `Tests  N failed | N passed (N)` summary line.
count_vitest() {
  local line
  line=$(sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -E '^\s*Tests\s' | tail -n 1)
  passed=$((passed + $(grep -Eo '[0-9]+ passed' <<<"$line" | grep -Eo '[0-9]+' || echo 0)))
  failed=$((failed + $(grep -Eo '[0-9]+ failed' <<<"$line" | grep -Eo '[0-9]+' || echo 0)))
}

run_check() { # name, command...
  local name=$1; shift
  step "$name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

# With the start-up marks (INTANDEM_BENCH=1): an end-to-end test reads the READY line.
run_check "UI build (ui/dist, embedded by the app)" bash -c 'cd ui && INTANDEM_BENCH=1 npm run --silent build'
run_check "cargo fmt --check" cargo fmt --all --check
run_check "cargo clippy" cargo clippy --workspace --all-targets --locked -- -D warnings
run_check "cargo clippy (bench feature)" cargo clippy -p intandem-console --features bench --all-targets --locked -- -D warnings
run_check "UI typecheck" bash -c 'cd ui && npm run --silent typecheck'
run_check "UI lint" bash -c 'cd ui && npm run --silent lint'

step "UI tests (Vitest)"
if ! (cd ui && NO_COLOR=1 npx vitest run 2>&1) | tee "$log_dir/vitest.log"; then failed_steps+=("UI tests"); fi
count_vitest "$log_dir/vitest.log"

step "Rust tests (with a real Secret Service) and end-to-end tests of the desktop app"
cat >"$log_dir/rust-tests.sh" <<'INNER'
set -uo pipefail
status=0
cargo test --workspace --exclude intandem-console --locked || status=1
# The desktop app's own tests, end to end; one at a time, each with its own display.
cargo test -p intandem-console --features bench --locked -- --test-threads=1 || status=1
exit $status
INNER
if ! scripts/with-keyring.sh bash "$log_dir/rust-tests.sh" 2>&1 | tee "$log_dir/cargo.log"; then
  failed_steps+=("Rust tests")
fi
count_cargo "$log_dir/cargo.log"

if [ ${#failed_steps[@]} -gt 0 ]; then
  printf '\nFailed: %s\n' "${failed_steps[*]}"
  # A failed check with no failed test still makes the run red, and the line says so.
  if [ "$failed" -eq 0 ]; then failed=${#failed_steps[@]}; fi
fi
printf '\n%d passed, %d failed\n' "$passed" "$failed"
[ ${#failed_steps[@]} -eq 0 ] && [ "$failed" -eq 0 ]
