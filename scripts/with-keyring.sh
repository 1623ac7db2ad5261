#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a throwaway, unlocked gnome-keyring
# (never the user's own), so the console's store meets a real Secret Service.
# Used by test.sh and soak.sh.
#
# The session's bus starts the keyring on demand, as a desktop session does, but unlocked
# and on the throwaway folder. gnome-keyring-daemon now and then crashes during a run (a
# GLib trap, seen twice in full test runs, cause unknown): the next call then starts it
# again, unlocked, instead of meeting no keyring, or a locked one, for the rest of the run
# (the store retries a call the crash dropped). Its messages go to the run's output.
set -uo pipefail
if [ "${1:-}" = "--keyring-daemon" ]; then
  # Started by the bus (see the service file below). gnome-keyring makes no login
  # collection for an empty password: unlock with a non-empty one.
  # Its keyrings and its control socket in the throwaway folder.
  XDG_DATA_HOME="$INTANDEM_KEYRING_DATA" XDG_RUNTIME_DIR="$INTANDEM_KEYRING_DATA" \
    exec gnome-keyring-daemon --foreground --unlock --components=secrets < <(printf 'intandem-test')
fi
if [ -z "${INTANDEM_KEYRING_SESSION:-}" ]; then
  session=$(mktemp -d)
  trap 'rm -rf "$session"' EXIT
  mkdir -p "$session/services" "$session/data"
  cat >"$session/services/org.freedesktop.secrets.service" <<SERVICE
[D-BUS Service]
Name=org.freedesktop.secrets
Exec="$(realpath "$0")" --keyring-daemon
SERVICE
  # The bus's own settings, with this folder's service first: it wins over the system's.
  cat >"$session/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <servicedir>$session/services</servicedir>
  <include>/usr/share/dbus-1/session.conf</include>
</busconfig>
CONF
  # The bus passes its environment to what it starts.
  export INTANDEM_KEYRING_DATA="$session/data"
  env INTANDEM_KEYRING_SESSION=1 dbus-run-session --config-file="$session/session.conf" -- "$0" "$@"
  exit $?
fi
# The run's own data folder, as before (the e2e apps set theirs per app).
XDG_DATA_HOME=$(mktemp -d)
export XDG_DATA_HOME
export INTANDEM_REQUIRE_KEYRING=1
exec "$@"
