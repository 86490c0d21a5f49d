#!/usr/bin/env bash
# scripts/fuzz.sh [SECONDS]: builds the libFuzzer targets with clang (AddressSanitizer) into
# build-fuzz/ and runs each for SECONDS (default 60), starting from tests/fuzz/corpus/<target>/.
# New inputs go to build-fuzz/corpus/, crashes to build-fuzz/artifacts/; exits non-zero if any
# target crashed. The default test suite replays the committed corpus without clang.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build-fuzz"
SECONDS_EACH=${1:-60}
TARGETS=(request query rfc3339 retryschedule signature framing framingagreement jsonmembertext)

if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    sudo=""
    (($(id -u) == 0)) || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-dev >/dev/null
fi

# Warnings are not errors here: clang warns about things g++ does not, and the point is crashes.
CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DENA_ENABLE_FUZZING=ON -DENA_BUILD_CONSOLE=OFF -DENA_WERROR=OFF >/dev/null
cmake --build "$BUILD" --target "${TARGETS[@]/#/fuzz_}"

mkdir -p "$BUILD/artifacts"
failed=()
for target in "${TARGETS[@]}"; do
    echo "== fuzz_$target for ${SECONDS_EACH}s"
    mkdir -p "$BUILD/corpus/$target"
    if ! QT_QPA_PLATFORM=offscreen ASAN_OPTIONS=detect_leaks=0 "$BUILD/bin/fuzz_$target" \
            -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
            -artifact_prefix="$BUILD/artifacts/$target-" \
            "$BUILD/corpus/$target" "$ROOT/tests/fuzz/corpus/$target" 2>"$BUILD/fuzz_$target.log"; then
        failed+=("$target")
        grep -E 'ERROR|SUMMARY|Test unit written' "$BUILD/fuzz_$target.log" | head -20 || true
    fi
    grep -E '^stat::number_of_executed_units|^stat::new_units_added' "$BUILD/fuzz_$target.log" || true
done
if ((${#failed[@]})); then
    echo "crashed: ${failed[*]} (inputs in $BUILD/artifacts/)"
    exit 1
fi
echo "no crashes"
