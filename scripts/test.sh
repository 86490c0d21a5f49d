#!/usr/bin/env bash
# Installs what is missing, builds, then runs the whole test suite (ctest) inside a private
# D-Bus session with an unlocked gnome-keyring, so keychain tests use a real Secret Service.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

cd "$ENA_ROOT/build"
export QT_QPA_PLATFORM=offscreen
export ENA_CTEST_ARGS="--output-on-failure --timeout 300 -j $(nproc) $*"
exec dbus-run-session -- bash -c '
    export HOME=$(mktemp -d)
    echo -n ena-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    # shellcheck disable=SC2086
    ctest $ENA_CTEST_ARGS'
