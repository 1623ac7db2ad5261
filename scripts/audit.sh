#!/usr/bin/env bash
# `make audit`: the dependency audit. Not part of `make test`.
#   Rust (cargo-deny, policy in deny.toml): licenses, bans, sources must pass; advisories
#     (RustSec) are checked when its database can be fetched from GitHub.
#   UI (ui/package-lock.json): every package from the npm registry with a sha512 integrity,
#     no strong-copyleft license; `npm audit` (production and all) and `npm audit signatures`
#     when the services they need answer.
# A check that cannot reach its service says NOT CHECKED and does not fail the run by itself;
# a finding (a rejected license or source, an advisory, a vulnerability, a bad or missing
# signature) fails it. Ends with a summary table; exit status 1 when any check FAILED.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*"; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ROWS=()
FAILED=0
NOT_CHECKED=0
# record CHECK STATUS DETAIL, STATUS one of ok, FAILED, NOT CHECKED.
record() {
  ROWS+=("$1"$'\t'"$2"$'\t'"$3")
  case "$2" in
    FAILED) FAILED=1 ;;
    "NOT CHECKED") NOT_CHECKED=$((NOT_CHECKED + 1)) ;;
  esac
}
# Prints the error diagnostics of a cargo-deny log in full and each warning on one line.
show_deny_log() {
  awk 'BEGIN { RS = ""; ORS = "\n\n" }
       /^(error|bug)/ { print; next }
       /^warning/ { split($0, l, "\n"); printf "%s\n", l[1]; next }' "$1"
  grep -E '^ *(advisories|bans|licenses|sources) (ok|FAILED)' "$1" || true
}
NETWORK_ERRORS='Could not resolve host|unable to access|Failed to connect|Connection refused|Connection timed out|timed out|Network is unreachable|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|network request to'

# --- cargo-deny ---------------------------------------------------------------------------
deny_version() { cargo deny --version 2>/dev/null | awk '{print $2}'; }
case "$(deny_version)" in
  "" | 0.[0-9].* | 0.1[0-9].*)
    say "Installing cargo-deny (cargo install cargo-deny --locked; a few minutes of compiling)"
    # Build in cargo's own temporary directory, not in the project's CARGO_TARGET_DIR.
    env -u CARGO_TARGET_DIR cargo install cargo-deny --version "^0.20" --locked --quiet || {
      echo "audit: installing cargo-deny failed" >&2
      exit 1
    }
    ;;
esac
say "cargo-deny $(deny_version): licenses, bans, sources (deny.toml)"

# The graph cargo-deny checks: the whole workspace, every feature, every platform. Our own
# crates are marked unpublished in it (publish = []), which is what they are: they depend on
# each other by path without a version, and cargo-deny accepts that only from unpublished
# crates (bans.allow-wildcard-paths). Once their manifests say `publish = false` this is a no-op.
META="$WORK/metadata.json"
if ! cargo metadata --locked --format-version 1 --all-features >"$META"; then
  record "Rust: licenses, bans, sources" FAILED "cargo metadata --locked failed (see above)"
  META=""
else
  marked=$(node -e '
    const fs = require("fs");
    const m = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const ws = new Set(m.workspace_members);
    let n = 0;
    for (const p of m.packages)
      if (ws.has(p.id) && p.source === null && p.publish === null) { p.publish = []; n++; }
    fs.writeFileSync(process.argv[1], JSON.stringify(m));
    console.log(n);' "$META")
  [ "${marked:-0}" -gt 0 ] && echo "    ($marked workspace crates have no 'publish = false' in their manifests: treated as unpublished)"
  DENY=(cargo deny --locked --workspace --metadata-path "$META")

  "${DENY[@]}" check --show-stats licenses bans sources >"$WORK/deny.log" 2>&1
  rc=$?
  show_deny_log "$WORK/deny.log"
  if [ $((rc & 1)) -ne 0 ] || ! grep -qE '^ *licenses (ok|FAILED)' "$WORK/deny.log"; then
    cat "$WORK/deny.log"
    record "Rust: licenses, bans, sources" FAILED "cargo-deny did not complete (exit $rc)"
  else
    deny_stat() { grep -E "^ *$1 (ok|FAILED):" "$WORK/deny.log" | sed -E 's/^ *[a-z]+ (ok|FAILED): //'; }
    ncrates=$(deny_stat licenses | sed -E 's/.* ([0-9]+) notes/\1/')
    ndup=$(grep -c '^warning\[duplicate\]' "$WORK/deny.log")
    # cargo-deny's exit status has one bit per failed check: 2 bans, 4 licenses, 8 sources.
    if [ $((rc & 4)) -eq 0 ]; then
      record "Rust licenses" ok "$ncrates crates, all under licenses deny.toml allows"
    else
      record "Rust licenses" FAILED "$(deny_stat licenses)"
    fi
    if [ $((rc & 2)) -eq 0 ]; then
      record "Rust bans" ok "no wildcard requirement; $ndup crates in more than one version (warnings)"
    else
      record "Rust bans" FAILED "$(deny_stat bans)"
    fi
    if [ $((rc & 8)) -eq 0 ]; then
      record "Rust sources" ok "crates.io only"
    else
      record "Rust sources" FAILED "$(deny_stat sources)"
    fi
  fi
fi

say "cargo-deny: advisories (RustSec, fetched from github.com/rustsec/advisory-db)"
if [ -n "$META" ]; then
  # A copy fetched earlier may be there. A failed `git fetch` touches its .git/FETCH_HEAD, the
  # file whose age cargo-deny reads to refuse a stale copy: note the real age first.
  shopt -s nullglob
  DBS=("${CARGO_HOME:-$HOME/.cargo}"/advisory-dbs/advisory-db-*/)
  shopt -u nullglob
  declare -A FETCHED=()
  for db in "${DBS[@]}"; do
    FETCHED[$db]=$(stat -c %Y "$db.git/FETCH_HEAD" 2>/dev/null || echo none)
  done
  "${DENY[@]}" check advisories >"$WORK/adv.log" 2>&1
  rc=$?
  if [ $rc -eq 0 ]; then
    show_deny_log "$WORK/adv.log"
    record "Rust advisories (RustSec)" ok "no advisory, no yanked crate"
  elif grep -q 'failed to fetch advisory database' "$WORK/adv.log" && grep -qE "$NETWORK_ERRORS" "$WORK/adv.log"; then
    grep -E 'ERROR|fatal' "$WORK/adv.log" | sed 's/^/    /'
    if [ ${#DBS[@]} -gt 0 ]; then
      # cargo-deny accepts the earlier copy offline while it is at most 90 days old
      # (advisories.maximum-db-staleness).
      for db in "${DBS[@]}"; do
        if [ "${FETCHED[$db]}" = none ]; then rm -f "$db.git/FETCH_HEAD"; else touch -d "@${FETCHED[$db]}" "$db.git/FETCH_HEAD"; fi
      done
      when=$(date -u -d "@$(stat -c %Y "${DBS[0]}.git/FETCH_HEAD" 2>/dev/null || git -C "${DBS[0]}" show -s --format=%ct HEAD 2>/dev/null || echo 0)" +%F)
      say "Fetching failed; checking against the copy fetched on $when (--offline)"
      cargo deny --locked --offline --workspace --metadata-path "$META" check advisories >"$WORK/adv.log" 2>&1
      rc=$?
      show_deny_log "$WORK/adv.log"
      if [ $rc -eq 0 ]; then
        record "Rust advisories (RustSec)" ok "against the copy fetched on $when (not updated now)"
      elif grep -qE 'repository is stale|failed to load' "$WORK/adv.log"; then
        grep -E 'ERROR' "$WORK/adv.log" | sed 's/^/    /'
        echo "NOT CHECKED: the RustSec advisory DB (github.com/rustsec/advisory-db) is unreachable from this machine, and the copy fetched on $when is too old"
        record "Rust advisories (RustSec)" "NOT CHECKED" "advisory DB unreachable; local copy ($when) too old"
      else
        record "Rust advisories (RustSec)" FAILED "$(grep -cE '^error\[' "$WORK/adv.log") findings (copy fetched on $when)"
      fi
    else
      echo "NOT CHECKED: the RustSec advisory DB (github.com/rustsec/advisory-db) is unreachable from this machine"
      record "Rust advisories (RustSec)" "NOT CHECKED" "advisory DB unreachable (yanked crates not checked either)"
    fi
  else
    show_deny_log "$WORK/adv.log"
    grep -qE '^error' "$WORK/adv.log" || cat "$WORK/adv.log"
    record "Rust advisories (RustSec)" FAILED "$(grep -cE '^error\[' "$WORK/adv.log") findings (exit $rc)"
  fi
else
  record "Rust advisories (RustSec)" FAILED "no crate graph (cargo metadata failed)"
fi

# --- UI (npm) -----------------------------------------------------------------------------
if [ ! -f ui/node_modules/.package-lock.json ]; then
  say "ui/node_modules is missing: running scripts/deps.sh"
  scripts/deps.sh || exit 1
fi

say "ui/package-lock.json: sources, integrity and licenses"
# Every package must come from the npm registry (no git, file, link or other tarball URL;
# npm ci checks each tarball against the lockfile's integrity) and carry a sha512 integrity.
# Strong copyleft (GPL, AGPL, LGPL, SSPL) is refused, as in deny.toml.
# shellcheck disable=SC2016 # JavaScript template strings, not shell expansions
node -e '
  const lock = JSON.parse(require("fs").readFileSync("ui/package-lock.json", "utf8"));
  const bad = [], copyleft = [], licenses = {};
  let n = 0;
  for (const [path, p] of Object.entries(lock.packages || {})) {
    if (!path) continue;
    n++;
    if (p.link) { bad.push(`${path}: a link, not a registry package`); continue; }
    if (p.resolved && new URL(p.resolved).host !== "registry.npmjs.org")
      bad.push(`${path}: resolved from ${p.resolved}`);
    if (!/^sha512-/.test(p.integrity || "")) bad.push(`${path}: no sha512 integrity`);
    const lic = p.license || "(none)";
    licenses[lic] = (licenses[lic] || 0) + 1;
    if (/\b(A|L)?GPL|\bSSPL/i.test(lic)) copyleft.push(`${path}: ${lic}${p.dev ? " (dev)" : ""}`);
  }
  const summary = Object.entries(licenses).sort((a, b) => b[1] - a[1]).map(([l, c]) => `${l} ${c}`).join(", ");
  console.log(`    ${n} packages. Licenses: ${summary}`);
  for (const b of bad) console.log(`    source: ${b}`);
  for (const c of copyleft) console.log(`    strong copyleft: ${c}`);
  require("fs").writeFileSync(process.argv[1], `${n}\t${bad.length}\t${copyleft.length}\n`);
' "$WORK/lock.tsv" || echo "0	1	1" >"$WORK/lock.tsv"
IFS=$'\t' read -r npkgs nbad ncopyleft <"$WORK/lock.tsv"
if [ "$nbad" -eq 0 ]; then
  record "npm sources (lockfile)" ok "$npkgs packages, all npm registry + sha512"
else
  record "npm sources (lockfile)" FAILED "$nbad packages from elsewhere or without sha512"
fi
if [ "$ncopyleft" -eq 0 ]; then
  record "npm licenses (lockfile)" ok "no GPL/AGPL/LGPL/SSPL"
else
  record "npm licenses (lockfile)" FAILED "$ncopyleft strong-copyleft packages"
fi

# npm audit needs the registry's advisory endpoint (POST .../security/advisories/bulk).
npm_audit() {
  local label="$1"; shift
  say "$label"
  (cd ui && npm audit --json "$@") >"$WORK/audit.json" 2>"$WORK/audit.err"
  local rc=$?
  local verdict
  # shellcheck disable=SC2016 # JavaScript template strings
  verdict=$(node -e '
    let j = {};
    try { j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); } catch (e) {}
    const v = j.metadata && j.metadata.vulnerabilities;
    if (v) {
      const parts = ["critical", "high", "moderate", "low", "info"].filter(s => v[s]).map(s => `${v[s]} ${s}`);
      console.log(`vulns\t${v.total || 0}\t${parts.join(", ")}`);
    } else if (j.message || j.error) {
      const allow = j.headers && j.headers.allow ? ` (it allows only ${j.headers.allow})` : "";
      console.log(`error\t0\t${j.message || (j.error && j.error.summary) || "unknown error"}${allow}`);
    } else console.log("unknown\t0\t");' "$WORK/audit.json")
  local kind count detail
  IFS=$'\t' read -r kind count detail <<<"$verdict"
  if [ "$kind" = vulns ] && [ "$count" -eq 0 ] && [ $rc -eq 0 ]; then
    echo "    found 0 vulnerabilities"
    record "$label" ok "0 vulnerabilities"
  elif [ "$kind" = vulns ]; then
    (cd ui && npm audit "$@") 2>/dev/null
    record "$label" FAILED "$count vulnerabilities ($detail)"
  elif { [ "$kind" = error ] && grep -qE 'security/(advisories|audits)' <<<"$detail"; } \
      || grep -qE "audit endpoint returned an error|$NETWORK_ERRORS" "$WORK/audit.err"; then
    grep -E '^npm (warn|error) ' "$WORK/audit.err" | grep -v 'Unknown user config' | grep -v 'complete log' | sed 's/^/    /'
    echo "NOT CHECKED: npm's advisory database is unreachable from this machine (the registry answered: ${detail:-see above})"
    record "$label" "NOT CHECKED" "advisory endpoint unreachable (${detail%% - *})"
  else
    cat "$WORK/audit.err"
    record "$label" FAILED "npm audit failed (exit $rc): ${detail:-see above}"
  fi
}
npm_audit "npm audit --omit=dev" --omit=dev
npm_audit "npm audit (dev too)"

# Registry signatures: the registry's signing keys come from Sigstore's TUF repository
# (tuf-repo-cdn.sigstore.dev), falling back to GET /-/npm/v1/keys on the registry.
say "npm audit signatures"
(cd ui && npm audit signatures --fetch-retries=1) >"$WORK/sig.log" 2>&1
rc=$?
grep -v 'Unknown user config' "$WORK/sig.log" | grep -v 'complete log of this run' | sed 's/^/    /'
if [ $rc -eq 0 ]; then
  record "npm audit signatures" ok "$(grep -m1 -oE '[0-9]+ packages? ha(s|ve) verified registry signatures?' "$WORK/sig.log" || echo verified)"
elif grep -qiE 'invalid registry signature|invalid attestation|missing registry signature|EINTEGRITYSIGNATURE|EATTESTATIONVERIFY' "$WORK/sig.log"; then
  record "npm audit signatures" FAILED "invalid or missing signatures (see above)"
elif grep -qE "$NETWORK_ERRORS" "$WORK/sig.log"; then
  host=$(grep -m1 -oE 'https://[^/ ]+' "$WORK/sig.log" | sed 's|https://||')
  echo "NOT CHECKED: npm's signing keys (Sigstore TUF, ${host:-its repository}) are unreachable from this machine"
  record "npm audit signatures" "NOT CHECKED" "signing keys unreachable (${host:-network error})"
elif grep -q 'found no dependencies to audit that were installed from a supported registry' "$WORK/sig.log"; then
  echo "NOT CHECKED: the registry in use publishes no signing keys"
  record "npm audit signatures" "NOT CHECKED" "registry publishes no signing keys"
else
  record "npm audit signatures" FAILED "npm audit signatures failed (exit $rc)"
fi

# --- summary ------------------------------------------------------------------------------
echo
echo "Audit summary"
{
  printf 'CHECK\tRESULT\tDETAIL\n'
  printf '%s\n' "${ROWS[@]}"
} | awk -F'\t' '{ printf "  %-28s %-12s %s\n", $1, $2, $3 }'
echo
if [ "$FAILED" -ne 0 ]; then
  echo "audit: FAILED"
  exit 1
fi
if [ "$NOT_CHECKED" -gt 0 ]; then
  echo "audit: passed; $NOT_CHECKED checks NOT CHECKED (their service is unreachable from here)"
else
  echo "audit: passed"
fi
