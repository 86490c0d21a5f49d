#!/usr/bin/env bash
# Installs the Debian packages that are missing, then configures and builds into build/.
# Sourced by run.sh and test.sh; quick when everything is already there.
set -euo pipefail
ENA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export ENA_ROOT

ena_missing_packages() {
    local pkg missing=()
    while read -r pkg; do
        [[ -z "$pkg" || "$pkg" == \#* ]] && continue
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done < "$ENA_ROOT/scripts/debian-packages.txt"
    echo "${missing[@]:-}"
}

ena_install_packages() {
    local missing
    missing=$(ena_missing_packages)
    [[ -z "$missing" ]] && return 0
    echo "setup: installing missing Debian packages: $missing"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    # Wait for a concurrent apt run (unattended upgrades, another shell) instead of failing.
    local wait_lock=(-o DPkg::Lock::Timeout=600)
    $sudo apt-get "${wait_lock[@]}" update -qq
    # shellcheck disable=SC2086
    $sudo apt-get "${wait_lock[@]}" install -y -qq --no-install-recommends $missing
}

ena_build() {
    local build_dir="$ENA_ROOT/build"
    if [[ ! -f "$build_dir/build.ninja" ]]; then
        cmake -S "$ENA_ROOT" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENA_WERROR=ON
    fi
    cmake --build "$build_dir" --parallel "$(nproc)"
}

ena_install_packages
ena_build
