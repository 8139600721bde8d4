# Helpers for scripts that drive kivals-lssim. Source after common.sh:
#   . "$(dirname "$0")/lib/lssim.sh"
#   start_lssim [lssim options...]  -> SIM / LSSIM_URL, SIM_PORT / LSSIM_PORT, SIM_PID / LSSIM_PID
#                                      (the token is passed by file, never argv)
#   kivals_use_lssim                -> store_url and token set in the test database
#   api METHOD PATH [JSON]          -> the API with the token: STATUS, BODY, HEADERS (a file)
#   ctl METHOD PATH [JSON]          -> a /_sim control endpoint: STATUS, BODY
#   sim_api PATH / sim_get PATH / sim_send METHOD PATH JSON -> print the body (curl -f)
LSSIM_TOKEN="lsxs_pt_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32)"
SIM_TOKEN_FILE="$T/lssim.token"
SIM_AUTH="$T/lssim.auth"
_lssim_runs=0

# Start kivals-lssim on a port it picks itself (no race for a free port); wait until it listens.
start_lssim() {
    local log i
    printf '%s\n' "$LSSIM_TOKEN" >"$SIM_TOKEN_FILE"
    chmod 600 "$SIM_TOKEN_FILE"
    printf 'Authorization: Bearer %s\n' "$LSSIM_TOKEN" >"$SIM_AUTH"
    chmod 600 "$SIM_AUTH"
    _lssim_runs=$((_lssim_runs + 1))
    log="$T/lssim.log"
    [ $_lssim_runs -gt 1 ] && log="$T/lssim.$_lssim_runs.log"
    start_bg "$LSSIM" --port 0 --token-file "$SIM_TOKEN_FILE" "$@" >"$log" 2>&1
    SIM_PID=$LAST_PID
    LSSIM_PID=$SIM_PID
    for i in $(seq 1 200); do
        SIM_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log" 2>/dev/null)
        if [ -n "$SIM_PORT" ]; then
            LSSIM_PORT=$SIM_PORT
            SIM="http://127.0.0.1:$SIM_PORT"
            LSSIM_URL=$SIM
            return 0
        fi
        kill -0 "$SIM_PID" 2>/dev/null || fail "kivals-lssim exited: $(cat "$log")"
        sleep 0.05
    done
    fail "kivals-lssim did not start"
}

# Stop the last simulator started and wait for it.
stop_lssim() {
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
}

# Point the test's kivals database at the simulator.
kivals_use_lssim() {
    "$KIVALS" config set store_url "$LSSIM_URL"
    "$KIVALS" config set token <"$SIM_TOKEN_FILE"
}

# Call the simulated API itself and print the body: sim_api PATH
sim_api() {
    curl -sf -H @"$SIM_AUTH" "$LSSIM_URL$1"
}

# Call a control endpoint and print the body: sim_get PATH
sim_get() {
    curl -sf "$LSSIM_URL$1"
}

# Send to a control endpoint and print the body: sim_send METHOD PATH JSON
sim_send() {
    curl -sf -X "$1" -H 'Content-Type: application/json' --data "$3" "$LSSIM_URL$2"
}

# Count rows of ls_products matching a WHERE clause (sqlite3 CLI if present, else python).
db_count() {
    python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM ls_products WHERE " + sys.argv[2]).fetchone()[0])
' "$T/db/kivals.db" "$1"
}

# Call the API with the token: api METHOD PATH [JSON]. Sets STATUS, BODY and HEADERS (a file).
api() {
    local data=()
    if [ $# -ge 3 ]; then
        # Through a file: a batch of 1000 adjustments is too long for argv.
        printf '%s' "$3" >"$T/.api.request"
        data=(-H 'Content-Type: application/json' --data-binary @"$T/.api.request")
    fi
    HEADERS="$T/.api.headers"
    STATUS=$(curl -s -X "$1" -D "$HEADERS" -o "$T/.api.body" -w '%{http_code}' \
        -H @"$SIM_AUTH" "${data[@]}" "$SIM$2")
    BODY=$(cat "$T/.api.body")
}

# Call a /_sim control endpoint (no token): ctl METHOD PATH [JSON]. Sets STATUS and BODY.
ctl() {
    local data=(--data-binary "${3:-}")
    [ "$1" = GET ] || [ "$1" = DELETE ] && [ $# -lt 3 ] && data=()
    STATUS=$(curl -s -X "$1" -o "$T/.ctl.body" -w '%{http_code}' "${data[@]}" "$SIM$2")
    BODY=$(cat "$T/.ctl.body")
}

# Print one response header's value: header NAME (from the last api call).
header() {
    sed -n "s/^$1: *\\(.*\\)\\r\$/\\1/Ip" "$HEADERS" | head -n 1
}

# Print a top-level number or string field of the last BODY without starting python: jfield KEY
jfield() {
    printf '%s' "$BODY" | sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^,\"}]*\\).*/\\1/p"
}

# Run python over the last BODY: pyj 'expression using j' (j = the parsed JSON).
pyj() {
    python3 -c "import json,sys; j=json.load(sys.stdin); print($1)" <<<"$BODY"
}

# Wait until the delivery queue is empty.
quiesce() {
    ctl POST "/_sim/quiesce?timeout_ms=${1:-10000}"
    assert_eq "$STATUS" 200 "deliveries did not settle"
}

# Pick a tracked, non-composite, non-deleted product: sets PRODUCT and OUTLET (first outlet).
pick_product() {
    api GET "/api/2.0/products?page_size=50"
    PRODUCT=$(pyj 'next(p["id"] for p in j["data"] if p["has_inventory"] and not p["is_composite"] and not p["deleted_at"])')
    api GET "/api/2.0/outlets"
    OUTLET=$(pyj 'j["data"][0]["id"]')
}

# Start a webhook receiver: start_receiver NAME [--fail-first N]. Sets RECV_URL and RECV_LOG.
start_receiver() {
    local name=$1 i
    shift
    RECV_LOG="$T/$name.jsonl"
    : >"$RECV_LOG"
    start_bg python3 "$KIVALS_SRC_DIR/tests/tools/webhook_receiver.py" "$T/$name.port" "$RECV_LOG" "$@"
    for i in $(seq 1 100); do
        [ -s "$T/$name.port" ] && break
        sleep 0.05
    done
    [ -s "$T/$name.port" ] || fail "the webhook receiver did not start"
    RECV_URL="http://127.0.0.1:$(cat "$T/$name.port")"
}
