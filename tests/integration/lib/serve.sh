# Helpers for scripts that drive the store API (`kivals serve`). Source after common.sh, then
# write_config and `kivals init`:
#   start_serve [--listen ADDR] [serve options...] -> SERVE_ADDR (http://127.0.0.1:PORT or
#                                                     unix:/path), SERVE_PID; waits until it answers
#                                                     (SERVE_AS=(setpriv ...) runs it as another user)
#   stop_serve                                      -> SIGTERM, wait, check it stopped cleanly
#   sapi METHOD PATH [BODY]                         -> STATUS and BODY (the store key is sent)
#   sapi_nokey / sapi_key FILE ...                  -> the same without a key / with another key
#   (pyj EXPR, common.sh: python over the last BODY)
# Every answer is recorded in $T/store-api.jsonl; `pass` first checks each one against
# docs/store-api.yaml (PASS_CHECKS, common.sh), so no test can forget to.
STORE_API_PY="$KIVALS_SRC_DIR/tests/tools/store_api.py"
STORE_VALIDATE_PY="$KIVALS_SRC_DIR/tests/tools/validate_store_api.py"
STORE_RECORD="$T/store-api.jsonl"
STORE_KEY_FILE="$T/store.token" # *.token: leak_check and argv_watch look for it everywhere
_serve_runs=0
SERVE_AS=()

# Keep the store key where leak_check sees it (read through stdin: never on a command line).
save_store_key() {
    "$KIVALS" config get store.key >"$STORE_KEY_FILE"
    chmod 600 "$STORE_KEY_FILE"
}

start_serve() {
    local log i addr=""
    [ -s "$STORE_KEY_FILE" ] || save_store_key
    _serve_runs=$((_serve_runs + 1))
    log="$T/serve.log"
    [ $_serve_runs -gt 1 ] && log="$T/serve.$_serve_runs.log"
    SERVE_LOG=$log
    local args=("$@")
    case " ${args[*]:-} " in *" --listen "*) ;; *) args=(--listen 127.0.0.1:0 "${args[@]}") ;; esac
    start_bg "${SERVE_AS[@]}" "$KIVALS" serve "${args[@]}" 2>"$log"
    SERVE_PID=$LAST_PID
    for i in $(seq 1 200); do
        addr=$(sed -n 's/^kivals serve: listening on //p' "$log" 2>/dev/null)
        [ -n "$addr" ] && break
        kill -0 "$SERVE_PID" 2>/dev/null || fail "kivals serve exited: $(cat "$log")"
        sleep 0.05
    done
    [ -n "$addr" ] || fail "kivals serve did not start"
    case $addr in unix:*) SERVE_ADDR=$addr ;; *) SERVE_ADDR="http://$addr" ;; esac
}

stop_serve() {
    kill -TERM "$SERVE_PID" 2>/dev/null || true
    local rc=0
    wait "$SERVE_PID" 2>/dev/null || rc=$?
    assert_eq "$rc" 0 "kivals serve stops cleanly on SIGTERM ($(tail -3 "$SERVE_LOG"))"
    grep -q '^kivals serve: stopped$' "$SERVE_LOG" || fail "kivals serve did not say it stopped"
}

_sapi() {
    local key_file=$1 extra=$2 method=$3 path=$4
    shift 4
    local out
    out=$(python3 "$STORE_API_PY" call "$SERVE_ADDR" --key-file "$key_file" --record "$STORE_RECORD" \
        $extra "$method" "$path" "$@") || fail "store_api.py call $method $path failed"
    STATUS=${out%%$'\n'*}
    BODY=${out#*$'\n'}
}

sapi() { _sapi "$STORE_KEY_FILE" "" "$@"; }
sapi_nokey() { _sapi "$STORE_KEY_FILE" --no-key "$@"; }
sapi_key() {
    local file=$1
    shift
    _sapi "$file" "" "$@"
}

# Check every recorded answer against the OpenAPI document.
validate_responses() {
    [ -s "$STORE_RECORD" ] || fail "no store API answer was recorded"
    python3 "$STORE_VALIDATE_PY" api "$STORE_RECORD" >&2 || fail "answers that do not match docs/store-api.yaml"
}

# Check a CLI command's --json output (in $OUT) against docs/schemas/NAME.schema.json.
validate_cli() {
    printf '%s\n' "$OUT" >"$T/.cli.json"
    python3 "$STORE_VALIDATE_PY" cli "$1" "$T/.cli.json" "${@:2}" >&2 || fail "--json output does not match docs/schemas/$1.schema.json"
}

PASS_CHECKS+=(validate_responses)
