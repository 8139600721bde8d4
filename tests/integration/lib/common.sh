# Shared helpers for the integration scripts. Source it first:
#   . "$(dirname "$0")/lib/common.sh"
# Each script gets its own temporary directory ($T) with a config file ($KIVALS_CONFIG)
# pointing the database, spool, secret file and locks into it, and a cleanup trap that
# stops every process started with start_bg.
set -euo pipefail

: "${KIVALS_BIN_DIR:?run through ctest (KIVALS_BIN_DIR is not set)}"
: "${KIVALS_SRC_DIR:?run through ctest (KIVALS_SRC_DIR is not set)}"
KIVALS="$KIVALS_BIN_DIR/kivals"
LSSIM="$KIVALS_BIN_DIR/kivals-lssim"
WEBHOOK="$KIVALS_BIN_DIR/kivals-webhook"
SHARED_DIR="${KIVALS_SHARED_DIR:-$KIVALS_SRC_DIR/../shared}"

mkdir -p "${KIVALS_TEST_TMP:-/tmp}"
T=$(mktemp -d "${KIVALS_TEST_TMP:-/tmp}/$(basename "$0" .sh).XXXXXX")
_bg_pids=()

# Fail the test if a secret kept in the test's secret files shows up in any log it wrote
# (web server, simulator, kivals debug logs) or in a process's command line while it ran.
leak_check() {
    local f s found=0
    if [ -s "$T/argv-leaks.txt" ]; then
        echo "LEAK: $(sort -u "$T/argv-leaks.txt" | head -3)" >&2
        found=1
    fi
    local secrets=()
    for f in "$T/etc/webhook.secret" "$T"/*.token "$T/token"; do
        [ -f "$f" ] || continue
        s=$(head -n 1 "$f")
        [ ${#s} -ge 12 ] && secrets+=("$s")
    done
    [ ${#secrets[@]} -gt 0 ] || return $found
    printf '%s\n' "${secrets[@]}" >"$T/.secrets" # patterns from a file: grep's argv stays clean
    while IFS= read -r -d '' f; do
        if grep -qF -f "$T/.secrets" "$f"; then
            echo "LEAK: a secret appears in ${f#$T/}" >&2
            found=1
        fi
    done < <(find "$T" -type f \( -name '*.log' -o -name 'stderr*' \) -print0 2>/dev/null)
    return $found
}

cleanup() {
    local rc=$? pid
    for pid in "${_bg_pids[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null && kill -CONT "$pid" 2>/dev/null || true
    done
    for pid in "${_bg_pids[@]:-}"; do
        [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
    done
    if [ -n "${_argv_watch:-}" ]; then
        kill "$_argv_watch" 2>/dev/null || true
        wait "$_argv_watch" 2>/dev/null || true
    fi
    if [ "$rc" = 0 ] && ! leak_check; then
        rc=1
    fi
    if [ "${KEEP_TMP:-0}" = 1 ]; then echo "kept $T" >&2; else rm -rf "$T"; fi
    exit "$rc"
}
trap cleanup EXIT
if [ "${KIVALS_ARGV_WATCH:-1}" = 1 ]; then
    python3 "$KIVALS_SRC_DIR/tests/tools/argv_watch.py" "$T" $$ &
    _argv_watch=$!
fi

# Write a config file for this test and point KIVALS_CONFIG at it.
write_config() {
    export KIVALS_CONFIG="$T/kivals.toml"
    cat >"$KIVALS_CONFIG" <<TOML
[database]
path = "$T/db/kivals.db"
busy_timeout_ms = 2000
[intake]
spool_dir = "$T/spool"
secret_file = "$T/etc/webhook.secret"
[locks]
dir = "$T/locks"
[http]
connect_timeout_s = 2
timeout_s = 10
max_retries = 3
TOML
    [ $# -gt 0 ] && printf '%s\n' "$@" >>"$KIVALS_CONFIG"
    return 0
}

# Start a command in the background; it is stopped when the script exits.
start_bg() {
    "$@" &
    _bg_pids+=("$!")
    LAST_PID=$!
}

# Print a free TCP port on 127.0.0.1.
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Wait until something listens on 127.0.0.1:$1 (at most ~10 s).
wait_port() {
    local i
    for i in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    fail "nothing listens on port $1"
}

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# Run a command and check its exit code: expect_rc CODE cmd args...
# Its stdout is left in $OUT and its stderr in $ERR.
expect_rc() {
    local want=$1
    shift
    local rc=0
    "$@" >"$T/.out" 2>"$T/.err" || rc=$?
    OUT=$(cat "$T/.out")
    ERR=$(cat "$T/.err")
    if [ "$rc" != "$want" ]; then
        echo "stdout: $OUT" >&2
        echo "stderr: $ERR" >&2
        fail "expected exit $want, got $rc: $*"
    fi
}

assert_eq() {
    [ "$1" = "$2" ] || fail "${3:-values differ}: expected '$2', got '$1'"
}

assert_contains() {
    case "$1" in *"$2"*) ;; *) fail "${3:-missing text}: '$2' not in '$1'" ;; esac
}

assert_not_contains() {
    case "$1" in *"$2"*) fail "${3:-unexpected text}: '$2' found" ;; *) ;; esac
}

# Run SQL on the test database (the sqlite3 shell: dot commands work too) and print the rows,
# '|' between columns and NULL as empty: sql "SELECT ..." [more SQL or dot commands...]
sql() {
    sqlite3 -cmd '.timeout 5000' "$T/db/kivals.db" "$@"
}

# The one curl call of the helpers: http_call [-f] METHOD URL [curl options...]
# Sets STATUS (the HTTP status), BODY and HEADERS (a file of the answer's headers); with -f the
# test fails unless the status is 2xx. The URL goes through a curl config file, never argv:
# an intake URL carries the webhook secret. Files are per shell, so calls may run in parallel.
http_call() {
    local strict=0
    if [ "$1" = -f ]; then
        strict=1
        shift
    fi
    local method=$1 url=$2 stem="$T/.http.$BASHPID"
    shift 2
    printf 'url = "%s"\n' "$url" >"$stem.url"
    : >"$stem.body" # curl writes no file for an empty answer
    HEADERS="$stem.headers"
    STATUS=$(curl -s -X "$method" -D "$HEADERS" -o "$stem.body" -w '%{http_code}' -K "$stem.url" "$@")
    BODY=$(cat "$stem.body")
    if [ $strict = 1 ] && [ "${STATUS:0:1}" != 2 ]; then
        fail "$method ${url%%\?*}: HTTP $STATUS: ${BODY:0:200}"
    fi
    return 0
}

# Print one response header's value of the last http_call: header NAME
header() {
    sed -n "s/^$1: *\\(.*\\)\\r\$/\\1/Ip" "$HEADERS" | head -n 1
}

# Run python over the last BODY: pyj 'expression using j' (j = the parsed JSON).
pyj() {
    python3 -c "import json,sys; j=json.load(sys.stdin); print($1)" <<<"$BODY"
}

# Read a JSON field with python: json_get '<json>' 'key' (dotted path, numeric indexes ok).
# The JSON goes through stdin, not argv: it may hold a secret.
json_get() {
    python3 -c '
import json, sys
v = json.load(sys.stdin)
for part in sys.argv[1].split("."):
    v = v[int(part)] if isinstance(v, list) else v[part]
print(json.dumps(v) if isinstance(v, (dict, list)) or v is None or isinstance(v, bool) else v)
' "$2" <<<"$1"
}

# Checks a helper library adds for every script that sources it (PASS_CHECKS+=(FUNCTION)):
# pass runs each one first, so that no test can forget them.
PASS_CHECKS=()

pass() {
    local check
    for check in "${PASS_CHECKS[@]}"; do
        "$check"
    done
    echo "PASS: $(basename "$0" .sh)"
}
