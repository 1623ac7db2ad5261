#!/usr/bin/env bash
# Checks the packages `make package` built: unpacks the .deb (dpkg-deb -x) and the .rpm
# (rpm2cpio | cpio) into throwaway folders, checks that every file is there, runs the
# packaged `intandem --version` and `intandem sandbox --port 0` (it must print its JSON
# line), validates the desktop entry with desktop-file-validate, and checks the packages
# declare the OpenSSL the binaries link.
# Usage: scripts/package-test.sh <file.deb> <file.rpm>
set -euo pipefail
deb=$(realpath "$1"); rpm=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
check() { # what, command...
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then printf '  ok    %s\n' "$what"; else printf '  FAIL  %s\n' "$what"; failed=1; fi
}

unpack_deb() { dpkg-deb -x "$deb" "$1"; }
# Debian's rpm2cpio exits 1 on the bundler's rpm although it writes the whole archive:
# what counts is that cpio unpacks it (and the files below are checked one by one).
unpack_rpm() { rpm2cpio "$rpm" >"$1.cpio" || true; (cd "$1" && cpio -idm --quiet <"$1.cpio"); }

for kind in deb rpm; do
  root="$work/$kind"; mkdir -p "$root"
  printf '%s (%s)\n' "$kind" "$(basename "$([ $kind = deb ] && echo "$deb" || echo "$rpm")")"
  "unpack_$kind" "$root"
  for file in usr/bin/intandem usr/bin/intandem-console \
      usr/share/bash-completion/completions/intandem \
      usr/share/zsh/vendor-completions/_intandem \
      usr/share/fish/vendor_completions.d/intandem.fish \
      usr/share/man/man1/intandem.1.gz; do
    check "$file" test -s "$root/$file"
  done
  desktop=$(find "$root/usr/share/applications" -name '*.desktop' | head -1)
  check "a desktop entry" test -n "$desktop"
  check "desktop-file-validate $(basename "${desktop:-none}")" desktop-file-validate "$desktop"
  check "an icon" test -n "$(find "$root/usr/share/icons" -name '*.png' | head -1)"
  # Both binaries link the system's OpenSSL (SQLCipher's crypto, and TLS) and libdbus (the
  # keyring): the package says so.
  if [ $kind = deb ]; then
    check "depends on libssl3" bash -c "dpkg-deb -f '$deb' Depends | grep -q 'libssl3'"
    check "depends on libdbus-1-3" bash -c "dpkg-deb -f '$deb' Depends | grep -q 'libdbus-1-3'"
  else
    # No rpm tool here: the requirements sit in the package's uncompressed header.
    check "requires openssl-libs" grep -qa 'openssl-libs' "$rpm"
    check "requires dbus-libs" grep -qa 'dbus-libs' "$rpm"
  fi
  # Built without the `bench` feature: the start-up benchmark's READY line is not in it.
  check "no benchmark code in the app" bash -c "! grep -qa 'INTANDEM_BENCH_READY' '$root/usr/bin/intandem-console'"
  check "intandem --version" bash -c "'$root/usr/bin/intandem' --version | grep -q '^intandem '"
  check "the man page is roff" bash -c "zcat '$root/usr/share/man/man1/intandem.1.gz' | grep -q '^.TH intandem 1'"
  # No data folder named: the sandbox alone, with no store (and so no keyring) needed.
  env -u INTANDEM_DATA_DIR timeout 20 "$root/usr/bin/intandem" sandbox --port 0 --seed-apps 0 >"$work/$kind-sandbox.json" 2>"$work/$kind-sandbox.err" &
  sandbox=$!
  for _ in $(seq 100); do grep -q base_url "$work/$kind-sandbox.json" 2>/dev/null && break; sleep 0.1; done
  kill "$sandbox" 2>/dev/null || true
  wait "$sandbox" 2>/dev/null || true
  check "intandem sandbox --port 0 prints its URLs" grep -q '"base_url":"http://127.0.0.1:' "$work/$kind-sandbox.json"
done
if [ "$failed" = 0 ]; then echo "packages: all checks passed"; else echo "packages: some checks FAILED"; fi
exit "$failed"
