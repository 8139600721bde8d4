# Helpers for scripts that drive kivals-lssim. Source after common.sh:
#   . "$(dirname "$0")/lib/lssim.sh"
#   start_lssim [lssim options...]  -> LSSIM_URL, LSSIM_PORT, LSSIM_PID (the token is passed
#                                      by file, never argv: LSSIM_TOKEN_FILE)
#   kivals_use_lssim                -> store_url and token set in the test database
#   api [-f] METHOD PATH [JSON]     -> the simulated API with the token
#   ctl [-f] METHOD PATH [JSON]     -> a /_sim control endpoint
# api and ctl set STATUS, BODY and HEADERS like http_call (common.sh); -f fails the test
# unless the answer is 2xx.
LSSIM_TOKEN="lsxs_pt_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32)"
LSSIM_TOKEN_FILE="$T/lssim.token"
LSSIM_AUTH="$T/lssim.auth"
_lssim_runs=0

# Start kivals-lssim on a port it picks itself (no race for a free port); wait until it listens.
start_lssim() {
    local log i
    printf '%s\n' "$LSSIM_TOKEN" >"$LSSIM_TOKEN_FILE"
    chmod 600 "$LSSIM_TOKEN_FILE"
    printf 'Authorization: Bearer %s\n' "$LSSIM_TOKEN" >"$LSSIM_AUTH"
    chmod 600 "$LSSIM_AUTH"
    _lssim_runs=$((_lssim_runs + 1))
    log="$T/lssim.log"
    [ $_lssim_runs -gt 1 ] && log="$T/lssim.$_lssim_runs.log"
    start_bg "$LSSIM" --port 0 --token-file "$LSSIM_TOKEN_FILE" "$@" >"$log" 2>&1
    LSSIM_PID=$LAST_PID
    for i in $(seq 1 200); do
        LSSIM_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log" 2>/dev/null)
        if [ -n "$LSSIM_PORT" ]; then
            LSSIM_URL="http://127.0.0.1:$LSSIM_PORT"
            return 0
        fi
        kill -0 "$LSSIM_PID" 2>/dev/null || fail "kivals-lssim exited: $(cat "$log")"
        sleep 0.05
    done
    fail "kivals-lssim did not start"
}

# Stop the last simulator started and wait for it.
stop_lssim() {
    kill "$LSSIM_PID" 2>/dev/null || true
    wait "$LSSIM_PID" 2>/dev/null || true
}

# Point the test's kivals database at the simulator.
kivals_use_lssim() {
    "$KIVALS" config set store_url "$LSSIM_URL"
    "$KIVALS" config set token <"$LSSIM_TOKEN_FILE"
}

# Call the API with the token: api [-f] METHOD PATH [JSON].
api() {
    local strict=()
    if [ "$1" = -f ]; then
        strict=(-f)
        shift
    fi
    local data=()
    if [ $# -ge 3 ]; then
        # Through a file: a batch of 1000 adjustments is too long for argv.
        printf '%s' "$3" >"$T/.api.$BASHPID.request"
        data=(-H 'Content-Type: application/json' --data-binary @"$T/.api.$BASHPID.request")
    fi
    http_call "${strict[@]}" "$1" "$LSSIM_URL$2" -H @"$LSSIM_AUTH" "${data[@]}"
}

# Call a /_sim control endpoint (no token): ctl [-f] METHOD PATH [JSON or @FILE]. POST and
# PUT always send a body (empty when none is given).
ctl() {
    local strict=()
    if [ "$1" = -f ]; then
        strict=(-f)
        shift
    fi
    local data=(--data-binary "${3:-}")
    [ "$1" = GET ] || [ "$1" = DELETE ] && [ $# -lt 3 ] && data=()
    http_call "${strict[@]}" "$1" "$LSSIM_URL$2" "${data[@]}"
}

# Print a top-level number or string field of the last BODY without starting python: jfield KEY
jfield() {
    printf '%s' "$BODY" | sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^,\"}]*\\).*/\\1/p"
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
