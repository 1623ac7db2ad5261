#!/usr/bin/env bash
# Starts the console under a private Xvfb display, waits for it to paint, and saves a screenshot.
# Usage: scripts/screenshot.sh <app binary> <out.png> [seconds to wait]
set -euo pipefail
app=$1 out=$2 wait=${3:-4}
exec 3< <(exec Xvfb -displayfd 1 -screen 0 1280x800x24 -nolisten tcp 2>/dev/null)
xvfb_pid=$!
read -r display <&3
export DISPLAY=":$display"
data_dir=${INTANDEM_DATA_DIR:-$(mktemp -d)}
INTANDEM_DATA_DIR="$data_dir" "$app" &
app_pid=$!
sleep "$wait"
import -window root "$out"
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
kill "$xvfb_pid" 2>/dev/null || true
echo "Wrote $out (display $DISPLAY, data dir $data_dir)"
