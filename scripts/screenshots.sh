#!/usr/bin/env bash
# Builds, starts a real ena-webhooks-server on a temporary data dir, seeds it with sample
# endpoints and deliveries (a local receiver that succeeds, one that fails every third request,
# and an unreachable port), then photographs the console under Xvfb into docs/screenshots/.
set -euo pipefail
# ENA_BIN_DIR=<dir> uses binaries built elsewhere and skips setup.sh (install + build into build/).
if [[ -n "${ENA_BIN_DIR:-}" ]]; then
    ENA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
else
    source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
fi

BIN="${ENA_BIN_DIR:-$ENA_ROOT/build/bin}"
OUT="$ENA_ROOT/docs/screenshots"
WORK=$(mktemp -d)
mkdir -p "$OUT" "$WORK/home"
PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# A receiver of our own: python's http.server answers POST with 501. /ok says 200,
# /flaky fails every third request with 500.
cat > "$WORK/receiver.py" <<'PY'
import http.server, sys
count = 0
class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        global count
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        count += 1
        failing = self.path.startswith("/flaky") and count % 3 == 0
        body = b'{"error":"database unavailable"}' if failing else b'{"ok":true}'
        self.send_response(500 if failing else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
python3 "$WORK/receiver.py" > "$WORK/receiver.port" &
PIDS+=($!)

head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$WORK/token"
TOKEN=$(cat "$WORK/token")
"$BIN/ena-webhooks-server" --listen 127.0.0.1 --port 0 --data-dir "$WORK/data" --token-file "$WORK/token" \
    --allow-private-network --retry-schedule 0,1s,2s > "$WORK/server.out" 2> "$WORK/server.log" &
PIDS+=($!)
for _ in $(seq 100); do
    grep -q '^listening on ' "$WORK/server.out" 2>/dev/null && [[ -s "$WORK/receiver.port" ]] && break
    sleep 0.1
done
BASE=$(sed -n 's/^listening on //p' "$WORK/server.out")
RECEIVER="http://127.0.0.1:$(cat "$WORK/receiver.port")"
[[ -n "$BASE" ]] || { echo "screenshots: the server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }
echo "screenshots: server $BASE, receiver $RECEIVER"

api() { # method path [json]
    curl -sS -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        ${3:+--data "$3"} "$BASE$2"
}
endpoint() { # url events-json enabled
    api POST /api/integrations/webhooks "{\"url\":\"$1\",\"events\":$2,\"enabled\":$3}" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])'
}
publish() { # type
    api POST /api/events "{\"type\":\"$1\",\"data\":{\"survey_id\":\"srv_$RANDOM\",\"score\":$((RANDOM % 11))}}" > /dev/null
}

endpoint "https://crm.example.com/hooks/ena" '["feedback.ticket.created"]' false > /dev/null
endpoint "http://127.0.0.1:9/offline" '["hygiene.submission.created"]' true > /dev/null
endpoint "$RECEIVER/ok/analytics" '["survey.response.created","hygiene.submission.created"]' true > /dev/null
sleep 1 # the newest endpoint is listed first and is the one the screenshots show
FLAKY=$(endpoint "$RECEIVER/flaky/ena-feedback" '["*"]' true)
types=(survey.response.created feedback.ticket.created hygiene.submission.created)
for i in $(seq 36); do
    publish "${types[$((i % 3))]}"
    sleep 0.25
done
api POST "/api/integrations/webhooks/$FLAKY/test" '{"event":"survey.response.created"}' > /dev/null
echo "screenshots: waiting for deliveries and retries to settle"
sleep 6

shoot() { # file scene [env...]
    local file=$1 scene=$2
    shift 2
    env HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" "$@" \
        xvfb-run -a -s "-screen 0 1440x900x24" \
        "$BIN/ena-webhooks-console" --server "$BASE" --token-file "$WORK/token" \
        --screenshot "$OUT/$file" --scene "$scene"
    echo "screenshots: wrote docs/screenshots/$file"
}
shoot main-window.png main LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 LANGUAGE=en
shoot endpoint-dialog.png endpoint-dialog LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 LANGUAGE=en
shoot secret-dialog.png secret LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 LANGUAGE=en
shoot verify-signature.png verify LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8 LANGUAGE=en
shoot main-window-de.png main LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 LANGUAGE=de
