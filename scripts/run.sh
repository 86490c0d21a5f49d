#!/usr/bin/env bash
# Installs what is missing, builds, then starts the console with its bundled server.
# With no display it starts the standalone server instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -x "$ENA_ROOT/build/bin/ena-webhooks-console" ]]; then
    exec "$ENA_ROOT/build/bin/ena-webhooks-console" "$@"
fi
echo "run: no display found, starting the standalone server ena-webhooks-server instead of the console"
exec "$ENA_ROOT/build/bin/ena-webhooks-server" "$@"
