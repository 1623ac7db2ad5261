#!/usr/bin/env bash
# `make fuzz`: runs each cargo-fuzz target of fuzz/ for FUZZ_SECONDS (default 60) from its
# committed corpus (fuzz/corpus/<target>) and dictionary (fuzz/dict/<target>.dict), then
# prints a table: target, runs, corpus size, result. Exits non-zero when a target crashes,
# naming the input that did it (fuzz/artifacts/<target>/…).
# Arguments pick targets by name: vendor_json callback_url redirect_uri.
#
# Installs cargo-fuzz when missing. Uses a nightly toolchain when rustup has one, else
# stable with RUSTC_BOOTSTRAP=1 (libFuzzer needs unstable compiler flags); FUZZ_TOOLCHAIN
# forces one. FUZZ_SANITIZER (address) and FUZZ_TARGET_DIR (fuzz/target) are the others.
# New inputs go to fuzz/target/corpus/<target> (not committed); FUZZ_MERGE=1 merges
# those that reach new code into the committed corpus afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
say() { printf '==> %s\n' "$*"; }

seconds=${FUZZ_SECONDS:-60}
all_targets=(vendor_json callback_url redirect_uri)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [ -f "fuzz/fuzz_targets/$t.rs" ] || { echo "No fuzz target '$t' (have: ${all_targets[*]})." >&2; exit 2; }
done

if ! cargo fuzz --version >/dev/null 2>&1; then
  say "Installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi

# libFuzzer needs -Z flags: nightly if rustup has one, else the default (stable) toolchain
# allowed to take them. FUZZ_TOOLCHAIN=stable or nightly forces the choice.
channel=${FUZZ_TOOLCHAIN:-}
if [ -z "$channel" ]; then
  channel=stable
  if command -v rustup >/dev/null && rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    channel=nightly
  fi
fi
toolchain=()
if [ "$channel" = nightly ]; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi
sanitizer=${FUZZ_SANITIZER:-address}
# Its own target dir, whatever CARGO_TARGET_DIR the caller has (sanitizer builds never mix).
export CARGO_TARGET_DIR="${FUZZ_TARGET_DIR:-$PWD/fuzz/target}"
fuzz() { cargo "${toolchain[@]}" fuzz "$@"; }
say "Toolchain: $(rustc "${toolchain[@]}" --version)${RUSTC_BOOTSTRAP:+ (RUSTC_BOOTSTRAP=1)}, sanitizer: $sanitizer"

say "Building the fuzz targets ($CARGO_TARGET_DIR)"
if [ ${#targets[@]} -eq ${#all_targets[@]} ]; then
  fuzz build --sanitizer "$sanitizer"
else
  for t in "${targets[@]}"; do fuzz build --sanitizer "$sanitizer" "$t"; done
fi

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
rows=()
crashed=()
for t in "${targets[@]}"; do
  work="fuzz/target/corpus/$t"
  mkdir -p "$work" "fuzz/corpus/$t" "fuzz/artifacts/$t"
  dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=("-dict=fuzz/dict/$t.dict")
  say "Fuzzing $t for ${seconds} s"
  status=0
  fuzz run --sanitizer "$sanitizer" "$t" "$work" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout=10 -print_final_stats=1 "${dict[@]}" \
    >"$log_dir/$t.log" 2>&1 || status=$?
  runs=$(grep -Eo '^stat::number_of_executed_units: *[0-9]+' "$log_dir/$t.log" | grep -Eo '[0-9]+$' | tail -n 1 || true)
  # A crash ends libFuzzer before its final stats: take the last status line's count.
  [ -n "$runs" ] || runs=$(grep -Eo '^#[0-9]+' "$log_dir/$t.log" | tail -n 1 | tr -d '#' || true)
  speed=$(grep -Eo '^stat::average_exec_per_sec: *[0-9]+' "$log_dir/$t.log" | grep -Eo '[0-9]+$' | tail -n 1 || true)
  corpus=$(grep -Eo 'corp: [0-9]+/[0-9a-zA-Z]+' "$log_dir/$t.log" | tail -n 1 | cut -d' ' -f2 || true)
  if [ "$status" -eq 0 ]; then
    result=ok
    if [ "${FUZZ_MERGE:-0}" = 1 ]; then
      say "Merging the new inputs of $t that add coverage into fuzz/corpus/$t"
      # New edges only (not hit counts), to keep the committed corpus small.
      fuzz run --sanitizer "$sanitizer" "$t" "fuzz/corpus/$t" "$work" -- -merge=1 -use_counters=0 \
        >"$log_dir/$t.merge.log" 2>&1 || { cat "$log_dir/$t.merge.log"; exit 1; }
    fi
  else
    artifact=$(grep -Eo 'fuzz/artifacts/[^ ]+' "$log_dir/$t.log" | tail -n 1 || true)
    result="CRASH ${artifact:-(see above)}"
    crashed+=("$t")
    grep -E -A 2 -m 1 'panicked at|ERROR: AddressSanitizer|ERROR: libFuzzer' "$log_dir/$t.log" || tail -n 20 "$log_dir/$t.log"
    if [ -n "$artifact" ]; then
      echo "Reproduce: ${RUSTC_BOOTSTRAP:+RUSTC_BOOTSTRAP=1 }cargo ${toolchain[*]:+${toolchain[*]} }fuzz run $t $artifact"
    fi
  fi
  rows+=("$t|${runs:-?}|${speed:-?}|${corpus:-?}|$result")
done

printf '\n%-14s %12s %10s %16s  %s\n' target runs runs/s corpus result
for row in "${rows[@]}"; do
  IFS='|' read -r t runs speed corpus result <<<"$row"
  printf '%-14s %12s %10s %16s  %s\n' "$t" "$runs" "$speed" "$corpus" "$result"
done
if [ ${#crashed[@]} -gt 0 ]; then
  echo "Crashed: ${crashed[*]}" >&2
  exit 1
fi
