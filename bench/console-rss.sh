#!/usr/bin/env bash
# bench/console-rss.sh CONSOLE SERVER_URL TOKEN: starts the console offscreen against the server
# (it loads the endpoint list and the first endpoint's page of history), waits for it to settle,
# prints its RSS in MB (the larger of the settled RSS and the peak), and stops it.
set -euo pipefail
console=$1 url=$2 token=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf %s "$token" >"$dir/token"
chmod 600 "$dir/token"
HOME=$dir XDG_RUNTIME_DIR=$dir QT_QPA_PLATFORM=offscreen "$console" --server "$url" --token-file "$dir/token" \
    >"$dir/out" 2>&1 &
pid=$!
sleep "${CONSOLE_SETTLE_SECONDS:-8}"
if ! kill -0 "$pid" 2>/dev/null; then
    echo "console exited: $(tail -3 "$dir/out")" >&2
    exit 1
fi
awk '$1 == "VmRSS:" { rss = $2 } $1 == "VmHWM:" { hwm = $2 } END { printf "%.1f\n", (rss > hwm ? rss : hwm) / 1024 }' \
    "/proc/$pid/status"
kill "$pid"
wait "$pid" 2>/dev/null || true
