#!/usr/bin/env bash
# `make soak`: the long robustness runs, not part of `make test` (which runs small versions
# of both):
#   - the fault soak (src-tauri/core/tests/soak.rs): 1,200 mixed operations through Console
#     against the sandbox answering 20 % 503s, a 429 every 7th request, a cut-off body every
#     50th and 200 ms of latency, then the ledger, the store and the sandbox's own state
#     checked against each other;
#   - crash safety (src-tauri/cli/tests/crash_safety.rs): the `intandem` CLI killed with
#     SIGKILL 100 times during `apps create` and `apps update`, the store checked after each.
# Each prints its summary; the script ends with one line per run and fails if either did.
# INTANDEM_SOAK_SEED and INTANDEM_CRASH_SEED replay a run; INTANDEM_SOAK_OPS resizes the soak.
#
# Like scripts/test.sh, the runs happen inside a private D-Bus session with an unlocked,
# throwaway gnome-keyring (scripts/with-keyring.sh), so the CLI's store unlocks with a
# real Secret Service.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

inner=$(mktemp)
trap 'rm -f "$inner"' EXIT
cat >"$inner" <<'INNER'
set -uo pipefail
results=()
status=0
run() { # name, cargo test arguments...
  local name=$1 started=$SECONDS; shift
  printf '\n==> %s\n' "$name"
  if cargo test --locked "$@" -- --ignored --nocapture; then
    results+=("$name: passed ($((SECONDS - started)) s)")
  else
    results+=("$name: FAILED ($((SECONDS - started)) s)")
    status=1
  fi
}
run "Fault soak (Console against the sandbox with faults)" -p intandem-core --test soak
run "Crash safety (the CLI killed with SIGKILL 100 times)" -p intandem-cli --test crash_safety
printf '\n'
printf '%s\n' "${results[@]}"
exit $status
INNER
scripts/with-keyring.sh bash "$inner"
