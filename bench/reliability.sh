#!/usr/bin/env bash
# bench/reliability.sh [FUZZ_SECONDS]: the long forms of the reliability tests, too slow for CI.
#  - crash: kill -9 three times during a 10,000-event burst (receiver fails 10%), every accepted
#    event delivered to both endpoints, duplicates within what was in flight, integrity_check ok
#  - receiver faults and API abuse batteries (the same as in the default suite)
#  - every libFuzzer target for FUZZ_SECONDS (default 300) through scripts/fuzz.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build-bench"
[[ -f $BUILD/CMakeCache.txt ]] ||
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DENA_BUILD_BENCH=ON -DENA_BUILD_CONSOLE=OFF >/dev/null
cmake --build "$BUILD" --target ena-webhooks-server tst_crashrecovery tst_receiverfaults tst_apiabuse >/dev/null
export QT_QPA_PLATFORM=offscreen
echo "== crash: 3 kills during a 10,000-event burst"
ENA_CRASH_EVENTS=10000 ENA_CRASH_KILLS=3 "$BUILD/bin/tst_crashrecovery"
echo "== receiver faults"
"$BUILD/bin/tst_receiverfaults"
echo "== API abuse"
"$BUILD/bin/tst_apiabuse"
echo "== fuzzing"
"$ROOT/scripts/fuzz.sh" "${1:-300}"
