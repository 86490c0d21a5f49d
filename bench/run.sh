#!/usr/bin/env bash
# bench/run.sh: builds Release into build-bench/, starts the server and its reference programs
# (nginx, wrk) on loopback, runs each benchmark next to its reference in the same run, prints
# one table and writes docs/performance.md (the hand-written analysis is bench/analysis.md).
#   BENCH_SECONDS=10   seconds per wrk run
#   BENCH_ROUNDS=3     rounds of each throughput benchmark and its reference, side by side;
#                      the table shows the median round (the machines here are noisy)
#   BENCH_SLICE=2      seconds per turn when the API read, nginx and ingestion take turns
#   BENCH_HISTORY=1000000  deliveries seeded for the history benchmark
#   BENCH_NO_BUILD=1       use build-bench/ as it is (when iterating)
#   BENCH_BASELINE=DIR     bin/ of an older build-bench (its ena-webhooks-server and ena-bench-seed):
#                          one more drain and ingestion round with it, side by side (before/after)
#   BENCH_ONLY="drain read"  run only these of: idle read drain ingestion history backlog
#                            (ingestion runs with read: it is compared with the read rate)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD="$ROOT/build-bench"
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
SLICE_SECONDS=${BENCH_SLICE:-2}
HISTORY_ROWS=${BENCH_HISTORY:-1000000}
TOKEN=bench-token
COMMAND="bench/run.sh${*:+ $*}"
# Read before docs/performance.md is rewritten, which would make every run's tree look modified.
SERVER_VERSION=$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo unknown)
[[ -n ${BENCH_SECONDS:-} ]] && COMMAND="BENCH_SECONDS=$BENCH_SECONDS $COMMAND"
[[ -n ${BENCH_ROUNDS:-} ]] && COMMAND="BENCH_ROUNDS=$BENCH_ROUNDS $COMMAND"
[[ -n ${BENCH_SLICE:-} ]] && COMMAND="BENCH_SLICE=$BENCH_SLICE $COMMAND"
[[ -n ${BENCH_HISTORY:-} ]] && COMMAND="BENCH_HISTORY=$BENCH_HISTORY $COMMAND"
[[ -n ${BENCH_BASELINE:-} ]] && COMMAND="BENCH_BASELINE=$BENCH_BASELINE $COMMAND"

log() { printf '== %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------
install_tools() {
    local missing=()
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
    command -v wrk >/dev/null || missing+=(wrk)
    command -v curl >/dev/null || missing+=(curl)
    command -v perf >/dev/null || missing+=(linux-perf)
    ((${#missing[@]} == 0)) && return
    log "installing ${missing[*]}"
    local sudo=""
    (($(id -u) == 0)) || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# --- build -------------------------------------------------------------------------------
build() {
    log "building Release into build-bench/"
    local console=ON
    mkdir -p "$BUILD"
    if ! cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DENA_BUILD_BENCH=ON \
            -DENA_BUILD_CONSOLE=ON >"$BUILD/configure.log" 2>&1; then
        console=OFF
        cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DENA_BUILD_BENCH=ON \
            -DENA_BUILD_CONSOLE=OFF >"$BUILD/configure.log" 2>&1 || { cat "$BUILD/configure.log"; die "configure failed"; }
    fi
    cmake --build "$BUILD" --target ena-webhooks-server ena-bench-seed ena-bench-curl ena-bench-qthttp >/dev/null || die "build failed"
    if [[ $console == ON ]]; then
        cmake --build "$BUILD" --target ena-webhooks-console >"$BUILD/console.log" 2>&1 ||
            log "the console did not build (see $BUILD/console.log); its row is not measured"
    fi
}

# --- processes ---------------------------------------------------------------------------
TMP=""
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    [[ -n $TMP ]] && rm -rf "$TMP"
}
trap cleanup EXIT

# Below the kernel's ephemeral range (32768 and up by default): a port that an outgoing connection
# holds cannot be connected to, yet cannot be bound either.
free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 12000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}

start_nginx() {
    NGINX_PORT=$(free_port)
    local dir="$TMP/nginx"
    mkdir -p "$dir/www/static" "$dir/tmp"
    local user=""
    (($(id -u) == 0)) && user="user root;" # workers would drop to nobody and lose the temp dir
    cat >"$dir/nginx.conf" <<EOF
$user
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    keepalive_requests 10000000;
    keepalive_timeout 300s;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location = /hook { return 204; }
        location /static/ { root $dir/www; default_type application/json; }
    }
}
EOF
    "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
    PIDS+=($!)
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/hook" && return; sleep 0.1; done
    die "nginx did not start: $(cat "$dir/error.log")"
}

# start_server DATA_DIR [BINARY [SERVER_ARGS...]]: sets SERVER_PID, SERVER_URL, SERVER_STARTED (epoch s.ns)
start_server() {
    local data=$1 out="$1.out" binary=${2:-$BUILD/bin/ena-webhooks-server}
    shift
    (($# > 0)) && shift
    ENA_WEBHOOKS_TOKEN=$TOKEN "$binary" --port 0 --data-dir "$data" \
        --allow-private-network "$@" >"$out" 2>"$data.log" &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    for _ in $(seq 600); do
        if grep -qs 'listening on' "$out"; then
            SERVER_STARTED=$(date +%s.%N)
            SERVER_URL=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$out" | head -1)
            return
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || die "server exited: $(tail -5 "$data.log")"
        sleep 0.02
    done
    die "server did not start"
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}

rss_mb() { awk -v k="$2" '$1 == k":" { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
api() { curl -sf -H "Authorization: Bearer $TOKEN" "$SERVER_URL$1"; }
json_number() { sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
delivered_count() { api "/api/integrations/webhooks/$1/deliveries?status=delivered&per_page=1" | json_number total; }

# run_wrk OUTFILE wrk-args...: fails on socket errors or non-2xx answers
run_wrk() {
    local out=$1
    shift
    wrk "$@" >"$out" 2>&1 || die "wrk failed: $(cat "$out")"
    if grep -q 'Non-2xx' "$out" || grep -q 'Socket errors' "$out"; then
        die "wrk saw errors: $(cat "$out")"
    fi
}
wrk_rate() { awk '/Requests\/sec/ { printf "%.0f", $2 }' "$1"; }
# Median latency in ms from wrk --latency output.
wrk_median_ms() {
    awk '$1 == "50%" { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
        printf "%.2f", (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v) }' "$1"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
meets() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=" ? v >= t : v <= t); print (ok ? "met" : "**MISSED**") }'; }

ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 | $6 |"); }

# median_round "ratio measured reference" lines on stdin: the median line by ratio
median_round() { sort -g | awk '{ line[NR] = $0 } END { print line[int((NR + 1) / 2)] }'; }
# all ratios of the rounds, for the table
round_ratios() { awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $1 }'; }

# --- benchmarks --------------------------------------------------------------------------
bench_idle_memory() {
    log "memory: idle server"
    start_server "$TMP/idle"
    for _ in $(seq 20); do curl -sf -o /dev/null "$SERVER_URL/api/health"; done
    api /api/integrations/webhooks >/dev/null
    sleep 1
    IDLE_RSS=$(rss_mb "$SERVER_PID" VmRSS)
    stop_server
    row "Memory, idle" "RSS $IDLE_RSS MB" "-" "-" "<= 30 MB" "$(meets "$IDLE_RSS" "<=" 30)"
}

# The API read and ingestion benchmarks run in the same rounds, interleaved: per round, slices
# of BENCH_SLICE seconds of the list from the server, the same bytes from nginx, and POST
# /api/events on a second server with one subscriber (the default --durability power-loss) and
# on a third (--durability process-crash), in turn until each had BENCH_SECONDS.
# Back to back 10 s runs saw the machine at different speeds (a program's rate moves by a third
# within minutes here); taking turns every 2 s, all three see the same machine.
bench_read_and_ingestion() {
    log "API read (50 endpoints) and ingestion (one subscriber), wrk -t1 -c16, ${SECONDS_PER_RUN}s each in ${SLICE_SECONDS}s turns, $ROUNDS rounds"
    "$BUILD/bin/ena-bench-seed" --data-dir "$TMP/read" --endpoints 50 --history 5000 \
        --url "http://127.0.0.1:$NGINX_PORT/hook" >"$TMP/read.ids"
    cat >"$TMP/events.lua" <<EOF
wrk.method = "POST"
wrk.body = '{"type":"survey.response.created","data":{"survey_id":"srv_8f2k1","response_id":"rsp_51ab9","score":9}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $TOKEN"
EOF
    local auth=(-H "Authorization: Bearer $TOKEN") reads=() ingests=() ceilings=() bytes i s read nginx ingest baseline_ingest=""
    local with_ingestion=0 read_pid read_url ingest_pid="" ingest_url slices=$((SECONDS_PER_RUN / SLICE_SECONDS))
    local crash_ingests=() crash_pid crash_url crash_ingest
    local ceiling_pid ceiling_url ceiling
    ((slices > 0)) || slices=1
    [[ -z ${BENCH_ONLY:-} || " $BENCH_ONLY " == *" ingestion "* ]] && with_ingestion=1
    for ((i = 0; i < ROUNDS; i++)); do
        start_server "$TMP/read"
        read_pid=$SERVER_PID read_url=$SERVER_URL
        api /api/integrations/webhooks >"$TMP/nginx/www/static/webhooks.json"
        bytes=$(wc -c <"$TMP/nginx/www/static/webhooks.json")
        cmp -s "$TMP/nginx/www/static/webhooks.json" <(curl -s "http://127.0.0.1:$NGINX_PORT/static/webhooks.json") ||
            die "nginx does not serve the same bytes"
        start_ceiling "$TMP/nginx/www/static/webhooks.json"
        ceiling_pid=$CEILING_PID ceiling_url=$CEILING_URL
        if ((with_ingestion)); then
            start_ingest_server "$BUILD/bin"
            ingest_pid=$SERVER_PID ingest_url=$SERVER_URL
            start_ingest_server "$BUILD/bin" ingest-crash --durability=process-crash
            crash_pid=$SERVER_PID crash_url=$SERVER_URL
        fi
        for ((s = 0; s < slices; s++)); do
            wrk_slice read-server "${auth[@]}" "$read_url/api/integrations/webhooks"
            wrk_slice read-nginx "${auth[@]}" "http://127.0.0.1:$NGINX_PORT/static/webhooks.json"
            wrk_slice read-ceiling "${auth[@]}" "$ceiling_url/api/integrations/webhooks"
            if ((with_ingestion)); then
                wrk_slice ingest -s "$TMP/events.lua" "$ingest_url/api/events"
                wrk_slice ingest-crash -s "$TMP/events.lua" "$crash_url/api/events"
            fi
        done
        if ((with_ingestion)); then
            SERVER_PID=$ingest_pid
            stop_server
            SERVER_PID=$crash_pid
            stop_server
        fi
        kill "$ceiling_pid" 2>/dev/null || true
        wait "$ceiling_pid" 2>/dev/null || true
        SERVER_PID=$read_pid SERVER_URL=$read_url
        ((i == 0)) && measure_console
        stop_server
        read=$(slices_rate read-server)
        nginx=$(slices_rate read-nginx)
        reads+=("$(ratio "$read" "$nginx") $read $nginx")
        ceiling=$(slices_rate read-ceiling)
        ceilings+=("$(ratio "$ceiling" "$nginx") $ceiling $nginx $(ratio "$read" "$ceiling")")
        ((with_ingestion)) || continue
        ingest=$(slices_rate ingest)
        crash_ingest=$(slices_rate ingest-crash)
        ingests+=("$(ratio "$ingest" "$read") $ingest $read")
        crash_ingests+=("$(ratio "$crash_ingest" "$read") $crash_ingest $read $(ratio "$ingest" "$crash_ingest")")
        if [[ -n ${BENCH_BASELINE:-} ]] && ((i == 0)); then
            ingest=$(ingest_rate "$BENCH_BASELINE")
            baseline_ingest="$(ratio "$ingest" "$read") $ingest $read"
        fi
    done
    local r rate reference
    read -r r rate reference <<<"$(printf '%s\n' "${reads[@]}" | median_round)"
    row "API read (\`GET /api/integrations/webhooks\`, 50 endpoints, $bytes bytes, 16 connections; median of $ROUNDS rounds, ratios $(printf '%s\n' "${reads[@]}" | round_ratios))" \
        "$rate req/s" "nginx static file, in turns with it: $reference req/s" "$r" ">= 0.6" "$(meets "$r" ">=" 0.6)"
    local of_ceiling
    read -r r rate reference of_ceiling <<<"$(printf '%s\n' "${ceilings[@]}" | median_round)"
    row "Ceiling for a QtHttpServer 6.4 server, same turns (\`ena-bench-qthttp\`: the same bytes rendered once, no routing, no token, no guard; median of $ROUNDS rounds, ratios $(printf '%s\n' "${ceilings[@]}" | round_ratios); the API read reached $of_ceiling of it in that round)" \
        "$rate req/s" "nginx, same turns: $reference req/s" "$r" "-" "reference only"
    ((${#ingests[@]} > 0)) || return 0
    read -r r rate reference <<<"$(printf '%s\n' "${ingests[@]}" | median_round)"
    row "Ingestion (\`POST /api/events\`, one subscribed endpoint, durable 202: \`--durability power-loss\`, the default, syncs every commit; 16 connections; median of $ROUNDS rounds, ratios $(printf '%s\n' "${ingests[@]}" | round_ratios))" \
        "$rate events/s" "API read rate, in turns with it: $reference req/s" "$r" ">= 0.3" "$(meets "$r" ">=" 0.3)"
    local per_round
    per_round=$(printf '%s\n' "${crash_ingests[@]}" | awk '{ printf "%s%s", (NR > 1 ? ", " : ""), $4 }')
    read -r r rate reference _ <<<"$(printf '%s\n' "${crash_ingests[@]}" | median_round)"
    row "Ingestion with \`--durability process-crash\` (no sync per commit; same turns; median of $ROUNDS rounds, ratios $(printf '%s\n' "${crash_ingests[@]}" | round_ratios); power-loss reached $per_round of it per round)" \
        "$rate events/s" "API read rate, in turns with it: $reference req/s" "$r" "-" "for comparison"
    [[ -n $baseline_ingest ]] || return 0
    read -r r rate reference <<<"$baseline_ingest"
    row "Ingestion, baseline build ($BENCH_BASELINE), after the first round" "$rate events/s" \
        "API read rate, first round: $reference req/s" "$r" ">= 0.3" "$(meets "$r" ">=" 0.3)"
}

# wrk_slice NAME WRK_ARGS...: one turn of wrk (-t1 -c16 -d SLICE_SECONDS unless given); its
# requests and seconds are added to NAME's total, which slices_rate NAME turns into a rate.
# start_ceiling FILE: ena-bench-qthttp serving FILE; sets CEILING_PID and CEILING_URL
start_ceiling() {
    "$BUILD/bin/ena-bench-qthttp" "$1" >"$TMP/ceiling.port" &
    CEILING_PID=$!
    PIDS+=("$CEILING_PID")
    for _ in $(seq 100); do
        [[ -s $TMP/ceiling.port ]] && break
        sleep 0.02
    done
    [[ -s $TMP/ceiling.port ]] || die "ena-bench-qthttp did not start"
    CEILING_URL="http://127.0.0.1:$(cat "$TMP/ceiling.port")"
}

wrk_slice() {
    local name=$1
    shift
    run_wrk "$TMP/wrk-$name" -t1 -c16 -d"${SLICE_SECONDS}s" "$@"
    awk '/ requests in / { t = $4; sub(/s,$/, "", t); print $1, t }' "$TMP/wrk-$name" >>"$TMP/slices-$name"
}
slices_rate() {
    awk '{ n += $1; t += $2 } END { printf "%.0f", (t > 0 ? n / t : 0) }' "$TMP/slices-$1"
    rm -f "$TMP/slices-$1"
}

# start_ingest_server BIN_DIR [NAME [SERVER_ARGS...]]: that build's server on a fresh data
# directory $TMP/NAME (default ingest) with one endpoint
start_ingest_server() {
    local bin=$1 name=${2:-ingest}
    shift
    (($# > 0)) && shift
    rm -rf "${TMP:?}/$name" "$TMP/$name".*
    "$bin/ena-bench-seed" --data-dir "$TMP/$name" --endpoints 1 --url "http://127.0.0.1:$NGINX_PORT/hook" >/dev/null
    start_server "$TMP/$name" "$bin/ena-webhooks-server" "$@"
}

# ingest_rate BIN_DIR: events/s accepted by that build's server with one subscribed endpoint, in one run
ingest_rate() {
    start_ingest_server "$1"
    run_wrk "$TMP/wrk-ingest" -t1 -c16 -d"${SECONDS_PER_RUN}s" -s "$TMP/events.lua" "$SERVER_URL/api/events"
    stop_server
    wrk_rate "$TMP/wrk-ingest"
}

measure_console() {
    local console="$BUILD/bin/ena-webhooks-console"
    if [[ ! -x $console ]]; then
        row "Console RSS (50 endpoints + a page of history)" "not measured: console not built" "-" "-" "<= 120 MB" "not measured"
        return
    fi
    local mb
    if mb=$("$ROOT/bench/console-rss.sh" "$console" "$SERVER_URL" "$TOKEN"); then
        row "Console RSS (\`--server\`: 50 endpoints + the first one's page of history, offscreen, after 8 s)" \
            "$mb MB" "-" "-" "<= 120 MB" "$(meets "$mb" "<=" 120)"
    else
        row "Console RSS (50 endpoints + a page of history)" "not measured: the console did not stay up" "-" "-" "<= 120 MB" "not measured"
    fi
}

signed_post_script() {
    # The payload and headers the dispatcher sends, signed with a real key.
    local body id ts key sig
    body='{"id":"evt_0hDzb6nN7t9wYc1QpZr3aK","type":"survey.response.created","created_at":"2026-06-07T10:30:04Z","data":{"response_id":"rsp_1","score":9,"survey_id":"srv_8f2k1"}}'
    id=del_pNDd7fAzdtkmEgDkqr8O5w
    ts=$(date +%s)
    key=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    sig=$(printf '%s.%s.%s' "$id" "$ts" "$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | base64)
    cat <<EOF
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["User-Agent"] = "ENA-Webhooks/bench"
wrk.headers["webhook-id"] = "$id"
wrk.headers["webhook-timestamp"] = "$ts"
wrk.headers["webhook-signature"] = "v1,$sig"
EOF
}

# drain DATA_DIR ENDPOINT_ID COUNT [BINARY]: starts the server on a seeded backlog; DRAIN_SECONDS is
# the time from its first attempt until COUNT deliveries are recorded delivered, by the server's
# own records (the last delivered_at, plus the 10 ms within which the dispatcher writes an
# outcome), PEAK_RSS the server's VmHWM. Completion is only watched from outside, every 200 ms:
# timed from outside, polls every 10 ms (a curl process each) took a fifth of the drain rate
# on two cores.
drain() {
    local data=$1 endpoint=$2 count=$3 done_count=0 last span
    start_server "$data" "${4:-}"
    last=$(api "/api/integrations/webhooks/$endpoint/deliveries?per_page=1" | sed -n 's/.*"data":\[{[^]]*"id":"\(del_[^"]*\)".*/\1/p')
    [[ -n $last ]] || die "cannot find the newest delivery"
    while ! api "/api/integrations/webhooks/$endpoint/deliveries/$last" | grep -q '"status":"delivered"'; do
        sleep 0.2
        (($(date +%s) - ${SERVER_STARTED%.*} < 600)) || die "drain did not finish in 10 minutes"
    done
    while ((done_count < count)); do
        done_count=$(delivered_count "$endpoint")
        [[ -n $done_count ]] || die "cannot read the delivery count"
        ((done_count < count)) && sleep 0.2
        (($(date +%s) - ${SERVER_STARTED%.*} < 600)) || die "drain did not finish in 10 minutes ($done_count/$count)"
    done
    PEAK_RSS=$(rss_mb "$SERVER_PID" VmHWM)
    stop_server
    span=$("$BUILD/bin/ena-bench-seed" --data-dir "$data" --drain-span) || die "cannot read the drain's records"
    DRAIN_SECONDS=$(awk -v count="$count" '$1 < count { exit 1 } { printf "%.3f", ($3 + 10 - $2) / 1000 }' <<<"$span") ||
        die "the records show fewer than $count deliveries delivered: $span"
}

# drain_round BIN_DIR: one seeded 20,000 backlog drained, next to wrk and to libcurl alone posting
# the same request to the same receiver; prints "ratio rate reference seconds curl_rate"
drain_round() {
    local bin=$1 endpoint reference rate curl_rate half=$(((SECONDS_PER_RUN + 1) / 2))
    rm -rf "$TMP/drain" "$TMP/drain".*
    endpoint=$("$bin/ena-bench-seed" --data-dir "$TMP/drain" --endpoints 1 --pending 20000 \
        --url "http://127.0.0.1:$NGINX_PORT/hook")
    # wrk runs half before and half after, so the reference sees the machine of the drain's moment.
    wrk_slice post-nginx -c6 -d"${half}s" -s "$TMP/post.lua" "http://127.0.0.1:$NGINX_PORT/hook"
    curl_rate=$("$BUILD/bin/ena-bench-curl" "http://127.0.0.1:$NGINX_PORT/hook" 200000 16) || die "ena-bench-curl failed"
    drain "$TMP/drain" "$endpoint" 20000 "$bin/ena-webhooks-server"
    wrk_slice post-nginx -c6 -d"${half}s" -s "$TMP/post.lua" "http://127.0.0.1:$NGINX_PORT/hook"
    reference=$(slices_rate post-nginx)
    rate=$(awk -v s="$DRAIN_SECONDS" 'BEGIN { printf "%.0f", 20000 / s }')
    echo "$(ratio "$rate" "$reference") $rate $reference $DRAIN_SECONDS $curl_rate"
}

bench_drain() {
    log "delivery drain: 20,000 pending to nginx (return 204) vs wrk -t1 -c6 and libcurl alone, $ROUNDS rounds"
    signed_post_script >"$TMP/post.lua"
    local rounds=() median r rate reference seconds curl_rate i
    for ((i = 0; i < ROUNDS; i++)); do rounds+=("$(drain_round "$BUILD/bin")"); done
    median=$(printf '%s\n' "${rounds[@]}" | median_round)
    read -r r rate reference seconds curl_rate <<<"$median"
    row "Delivery drain (20,000 pending, one receiver: nginx \`return 204\`; median of $ROUNDS rounds, ratios $(printf '%s\n' "${rounds[@]}" | round_ratios))" \
        "$rate deliveries/s (${seconds}s)" "wrk, same signed POST, 6 connections, before and after: $reference req/s" "$r" ">= 0.3" \
        "$(meets "$r" ">=" 0.3)"
    row "Ceiling for a libcurl sender, same round (\`ena-bench-curl\`: the same POST, 16 transfers on one thread, no database, no signing)" \
        "$curl_rate req/s" "wrk, same round: $reference req/s" "$(ratio "$curl_rate" "$reference")" "-" "reference only"
    if [[ -n ${BENCH_BASELINE:-} ]]; then
        log "delivery drain again with the baseline binary $BENCH_BASELINE"
        read -r r rate reference seconds curl_rate <<<"$(drain_round "$BENCH_BASELINE")"
        row "Delivery drain, baseline build ($BENCH_BASELINE)" "$rate deliveries/s (${seconds}s)" \
            "wrk, same round: $reference req/s" "$r" ">= 0.3" "$(meets "$r" ">=" 0.3)"
    fi
}

bench_history() {
    log "history: seeding $HISTORY_ROWS deliveries across 10 endpoints"
    local started endpoint from to base p1 p1000 r
    started=$(date +%s)
    endpoint=$("$BUILD/bin/ena-bench-seed" --data-dir "$TMP/history" --endpoints 10 --history "$HISTORY_ROWS" \
        --url "http://127.0.0.1:$NGINX_PORT/hook" | head -1)
    log "seeded in $(($(date +%s) - started)) s"
    start_server "$TMP/history"
    from=$(date -u -d '-15 days' +%Y-%m-%dT%H:%M:%SZ)
    to=$(date -u -d '-5 days' +%Y-%m-%dT%H:%M:%SZ)
    base="$SERVER_URL/api/integrations/webhooks/$endpoint/deliveries?status=delivered&from=$from&to=$to"
    local total
    total=$(curl -sf -H "Authorization: Bearer $TOKEN" "$base&per_page=1" | json_number total)
    ((total >= 20000)) || die "only $total deliveries match the history filter; page 1,000 needs 20,000"
    run_wrk "$TMP/wrk-page1" -t1 -c1 -d5s --latency -H "Authorization: Bearer $TOKEN" "$base&page=1"
    run_wrk "$TMP/wrk-page1000" -t1 -c1 -d5s --latency -H "Authorization: Bearer $TOKEN" "$base&page=1000"
    stop_server
    p1=$(wrk_median_ms "$TMP/wrk-page1")
    p1000=$(wrk_median_ms "$TMP/wrk-page1000")
    r=$(ratio "$p1000" "$p1")
    local under
    under=$(awk -v a="$p1" -v b="$p1000" 'BEGIN { print (a < 10 && b < 10) ? "met" : "**MISSED**" }')
    row "History page 1 (status + date filter, $total of $HISTORY_ROWS rows match)" "median $p1 ms" "-" "-" "< 10 ms" \
        "$(meets "$p1" "<=" 10)"
    row "History page 1,000 (same filter, 20 per page)" "median $p1000 ms" "page 1: $p1 ms" "$r" \
        "<= 3 x page 1, < 10 ms" "$([[ $(meets "$r" "<=" 3) == met && $under == met ]] && echo met || echo '**MISSED**')"
}

bench_pending_memory() {
    log "memory: 100,000 pending deliveries, drained to nginx"
    local endpoint
    endpoint=$("$BUILD/bin/ena-bench-seed" --data-dir "$TMP/backlog" --endpoints 1 --pending 100000 \
        --url "http://127.0.0.1:$NGINX_PORT/hook")
    drain "$TMP/backlog" "$endpoint" 100000
    row "Memory, 100,000 pending deliveries (peak RSS while draining them in ${DRAIN_SECONDS}s)" "VmHWM $PEAK_RSS MB" \
        "-" "-" "<= 100 MB" "$(meets "$PEAK_RSS" "<=" 100)"
}

# --- report ------------------------------------------------------------------------------
machine() {
    local cpu mem
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
    mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
    echo "$(nproc) cores, $cpu, $mem RAM, $(uname -sr)"
}

report() {
    local table
    table=$(
        echo "| benchmark | measured | reference (same run) | ratio | target | result |"
        echo "| --- | --- | --- | --- | --- | --- |"
        printf '%s\n' "${ROWS[@]}"
    )
    echo
    echo "$table"
    {
        echo "# Performance"
        echo
        echo "Measured by \`$COMMAND\` on $(date -u +%Y-%m-%d) ($(date -u +%H:%M) UTC)."
        echo "Machine: $(machine). Versions: $("$NGINX" -v 2>&1 | sed 's/.*: //'), $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), server $SERVER_VERSION."
        echo "Load average (1/5/15 min) before the run: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg). Other work on"
        echo "the machine skews absolute numbers; the ratios compare programs measured side by side in the same run."
        echo "Everything runs on loopback on this one machine; each benchmark and its reference ran in the same run."
        echo
        echo "$table"
        echo
        cat "$ROOT/bench/analysis.md"
    } >"$ROOT/docs/performance.md"
    log "wrote docs/performance.md"
}

main() {
    install_tools
    [[ -n ${BENCH_NO_BUILD:-} ]] || build
    TMP=$(mktemp -d /tmp/ena-bench.XXXXXX)
    LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
    start_nginx
    local name
    for name in idle read drain history backlog; do
        [[ -z ${BENCH_ONLY:-} || " $BENCH_ONLY " == *" $name "* ]] ||
            [[ $name == read && " $BENCH_ONLY " == *" ingestion "* ]] || continue
        case $name in
        idle) bench_idle_memory ;;
        read) bench_read_and_ingestion ;;
        drain) bench_drain ;;
        history) bench_history ;;
        backlog) bench_pending_memory ;;
        esac
    done
    if [[ -n ${BENCH_ONLY:-} ]]; then
        printf '%s\n' "${ROWS[@]}" # a partial run does not replace docs/performance.md
        return
    fi
    report
}

main "$@"
