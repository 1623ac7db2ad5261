#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a throwaway, unlocked gnome-keyring
# (never the user's own), so the console's store meets a real Secret Service.
# Used by test.sh and soak.sh.
set -uo pipefail
if [ -z "${INTANDEM_KEYRING_SESSION:-}" ]; then
  exec env INTANDEM_KEYRING_SESSION=1 dbus-run-session -- "$0" "$@"
fi
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
# gnome-keyring makes no login collection for an empty password: unlock with a non-empty one.
eval "$(printf 'intandem-test' | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null
export INTANDEM_REQUIRE_KEYRING=1
exec "$@"
