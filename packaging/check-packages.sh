#!/usr/bin/env bash
# Builds the Debian packages in a build directory and checks them the way a distribution
# would: lintian (no errors), desktop-file-validate, appstreamcli validate, systemd-analyze
# verify on the unit, the expected files, and --version of the binaries extracted from the
# .deb files. The console package is checked when the build has the console.
# Usage: check-packages.sh BUILD_DIR VERSION
set -euo pipefail

build_dir=$(cd "$1" && pwd)
version=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
need() { command -v "$1" >/dev/null || { echo "FAIL: $1 is not installed (scripts/debian-packages.txt lists it)"; exit 1; }; }
for tool in cpack dpkg-deb dpkg-shlibdeps lintian desktop-file-validate appstreamcli systemd-analyze; do need "$tool"; done

packages=(ena-webhooks-server)
if grep -q 'set(CPACK_COMPONENTS_ALL "[^"]*console' "$build_dir/CPackConfig.cmake"; then
    packages+=(ena-webhooks-console)
else
    echo "note: this build has no console (ENA_BUILD_CONSOLE=OFF): checking the server package only"
fi

step "cpack -G DEB"
rm -rf "$build_dir/packages"
(cd "$build_dir" && cpack -G DEB -B "$build_dir/packages" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
arch=$(dpkg --print-architecture)

# deb_of PACKAGE: the file cpack made for it.
deb_of() { echo "$build_dir/packages/${1}_${version}-1_${arch}.deb"; }
# expect_file ROOT PATH...: fail for each path missing from an extracted package.
expect_file() {
    local root=$1; shift
    for path in "$@"; do [[ -e "$root/$path" ]] || fail "$path is missing from the package"; done
}
# check_version ROOT BINARY: the extracted binary runs and reports the project version.
check_version() {
    local out
    out=$(LC_ALL=C.UTF-8 QT_QPA_PLATFORM=offscreen "$1/usr/bin/$2" --version 2>"$work/$2.stderr") || {
        cat "$work/$2.stderr"; fail "$2 --version exited with an error"; return; }
    echo "$out"
    [[ "$out" == "$2 $version" ]] || fail "$2 --version printed \"$out\", expected \"$2 $version\""
}

# check_health SERVER: started from the package, the server reports the project version.
check_health() {
    local out="$work/server.out" pid port answer
    "$1" --port 0 --data-dir "$work/data" >"$out" 2>"$work/server.err" &
    pid=$!
    for _ in $(seq 100); do grep -q '^listening on' "$out" && break; sleep 0.1; done
    port=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$out")
    if [[ -z "$port" ]]; then
        cat "$work/server.err"; fail "the packaged server did not start"; kill "$pid" 2>/dev/null; return
    fi
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    printf 'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$port" >&3
    answer=$(timeout 10 cat <&3 || true)
    exec 3<&-
    kill -TERM "$pid"
    wait "$pid" || fail "the packaged server did not exit cleanly on SIGTERM"
    echo "${answer##*$'\r\n\r\n'}"
    [[ "$answer" == *"\"version\":\"$version\""* ]] || fail "/api/health does not report version $version"
}

for package in "${packages[@]}"; do
    deb=$(deb_of "$package")
    step "$package: $(basename "$deb")"
    [[ -f "$deb" ]] || { fail "cpack did not produce $deb"; ls -l "$build_dir/packages"; continue; }
    dpkg-deb -f "$deb"
    [[ "$(dpkg-deb -f "$deb" Version)" == "$version-1" ]] || fail "package version is not $version-1"
    dpkg-deb -f "$deb" Depends | grep -q 'libqt6core6' || fail "Depends lacks the Qt libraries (shlibdeps did not run?)"
    if [[ $package == ena-webhooks-server ]]; then
        dpkg-deb -f "$deb" Depends | grep -q 'libqt6sql6-sqlite' || fail "Depends lacks the Qt SQLite plugin"
    else
        dpkg-deb -f "$deb" Depends | grep -q "ena-webhooks-server (= $version-1)" || fail "the console does not depend on its server"
    fi

    step "$package: lintian"
    lintian --fail-on error --tag-display-limit 0 --display-info "$deb" | tee "$work/$package.lintian" \
        || fail "lintian reported errors for $package"
    ! grep -E 'hardening-' "$work/$package.lintian" || fail "lintian: $package is not fully hardened"

    root="$work/$package"
    mkdir -p "$root"
    dpkg-deb -x "$deb" "$root"
    step "$package: files and --version"
    expect_file "$root" "usr/bin/$package" "usr/share/man/man1/$package.1.gz" \
        "usr/share/doc/$package/copyright" "usr/share/doc/$package/changelog.Debian.gz"
    check_version "$root" "$package"
done

server_root="$work/ena-webhooks-server"
if [[ -d "$server_root" ]]; then
    step "ena-webhooks-server: systemd unit"
    unit=lib/systemd/system/ena-webhooks-server.service
    expect_file "$server_root" "$unit" etc/ena-webhooks/server.conf
    dpkg-deb --ctrl-tarfile "$(deb_of ena-webhooks-server)" | tar -xO ./conffiles | grep -qx /etc/ena-webhooks/server.conf \
        || fail "/etc/ena-webhooks/server.conf is not a conffile"
    # systemd-analyze needs the standard targets next to our unit; it then also checks that
    # ExecStart is executable and that Documentation= (man page) resolves, inside the package.
    cp -a --no-clobber /lib/systemd/system/. "$server_root/lib/systemd/system/"
    if MANPATH="$server_root/usr/share/man" systemd-analyze verify --root="$server_root" ena-webhooks-server.service; then
        echo "systemd-analyze verify: ok"
    else
        fail "systemd-analyze verify found problems in the unit"
    fi
    systemd-analyze security --offline=yes --root="$server_root" ena-webhooks-server.service | tail -1
    # The shipped default config must be accepted by the server it ships with.
    "$server_root/usr/bin/ena-webhooks-server" --config "$server_root/etc/ena-webhooks/server.conf" --check-config \
        || fail "the server rejects its default /etc/ena-webhooks/server.conf"
    step "ena-webhooks-server: /api/health of the packaged binary"
    check_health "$server_root/usr/bin/ena-webhooks-server"
fi

console_root="$work/ena-webhooks-console"
if [[ -d "$console_root" ]]; then
    step "ena-webhooks-console: desktop integration"
    app_id=io.ena.webhooks.console
    expect_file "$console_root" "usr/share/applications/$app_id.desktop" \
        "usr/share/metainfo/$app_id.metainfo.xml" "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    desktop-file-validate "$console_root/usr/share/applications/$app_id.desktop" && echo "desktop-file-validate: ok" \
        || fail "desktop-file-validate rejected $app_id.desktop"
    appstreamcli validate --no-net --pedantic "$console_root/usr/share/metainfo/$app_id.metainfo.xml" \
        || fail "appstreamcli validate rejected the metainfo"
    # validate-tree also checks that the metainfo, .desktop file and icon refer to each other.
    appstreamcli validate-tree --no-net "$console_root" || fail "appstreamcli validate-tree rejected the package tree"
fi

step "result"
if ((failures > 0)); then
    echo "$failures check(s) failed"
    exit 1
fi
echo "all package checks passed: ${packages[*]}"
