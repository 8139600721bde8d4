# Helpers for scripts that drive the admin page of `kivals serve` over HTTP (curl, through
# http_call). Source after common.sh and serve.sh; start_serve first.
#   set_admin_password [PASSWORD]    -> kivals config set admin.password from stdin; the password
#                                       is kept in $ADMIN_PASSWORD_FILE (a *.token file, so
#                                       leak_check and argv_watch look for it everywhere)
#   admin_call METHOD PATH [curl...] -> STATUS, BODY, HEADERS with this script's cookie jar;
#                                       every answer is also appended to $ADMIN_RESPONSES
#   admin_csrf                       -> the hidden csrf field of the last BODY
#   admin_login                      -> log in with $ADMIN_PASSWORD_FILE (fails the test unless
#                                       it works); CSRF is then the session's token
#   check_no_secret_answered         -> no answer held the token, the password, its hash, the
#                                       store key or the webhook secret (added to PASS_CHECKS)
ADMIN_PASSWORD_FILE="$T/admin-password.token"
ADMIN_JAR="$T/admin.cookies"
ADMIN_RESPONSES="$T/admin-responses.txt"
: >"$ADMIN_RESPONSES"

set_admin_password() {
    printf '%s' "${1:-correct horse battery staple}" >"$ADMIN_PASSWORD_FILE"
    chmod 600 "$ADMIN_PASSWORD_FILE"
    "$KIVALS" config set admin.password <"$ADMIN_PASSWORD_FILE" 2>/dev/null ||
        fail "kivals config set admin.password refused the password"
}

admin_call() {
    local method=$1 path=$2
    shift 2
    http_call "$method" "$SERVE_ADDR$path" -b "$ADMIN_JAR" -c "$ADMIN_JAR" "$@"
    { cat "$HEADERS"; printf '%s\n' "$BODY"; } >>"$ADMIN_RESPONSES"
}

admin_csrf() {
    sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' <<<"$BODY" | head -n 1
}

admin_login() {
    admin_call GET /admin/login
    assert_eq "$STATUS" 200 "the login page"
    local token
    token=$(admin_csrf)
    admin_call POST /admin/login --data-urlencode "csrf=$token" \
        --data-urlencode "password@$ADMIN_PASSWORD_FILE"
    assert_eq "$STATUS" 303 "the right password logs in ($BODY)"
    assert_eq "$(header Location)" /admin/
    admin_call GET /admin/
    assert_eq "$STATUS" 200 "the page after logging in"
    CSRF=$(admin_csrf)
    [ -n "$CSRF" ] || fail "the page has no csrf field"
}

check_no_secret_answered() {
    local f secrets="$T/.answer-secrets"
    : >"$secrets"
    for f in "$ADMIN_PASSWORD_FILE" "$T"/*.token; do
        [ -s "$f" ] && { head -n 1 "$f"; echo; } >>"$secrets"
    done
    "$KIVALS" config get token 2>/dev/null >>"$secrets" || true
    "$KIVALS" config get store.key 2>/dev/null >>"$secrets" || true
    [ -f "$T/etc/webhook.secret" ] && head -n 1 "$T/etc/webhook.secret" >>"$secrets"
    sql "SELECT value FROM settings WHERE key = 'admin.password'" >>"$secrets"
    sed -i '/^$/d' "$secrets"
    if grep -qF -f "$secrets" "$ADMIN_RESPONSES"; then
        fail "an answer of the admin page holds a secret"
    fi
}
PASS_CHECKS+=(check_no_secret_answered)

# Wait for the newest run of action KIND to end (at most ~30 s): wait_job KIND -> JOB_PHASE,
# JOB_RESULT (polled as the page's script does, from GET /admin/jobs).
wait_job() {
    local i
    for i in $(seq 1 300); do
        admin_call GET /admin/jobs -H "Accept: application/json"
        assert_eq "$STATUS" 200 "GET /admin/jobs"
        JOB_PHASE=$(python3 -c 'import json,sys; print(next((j["phase"] for j in json.load(sys.stdin) if j["kind"] == sys.argv[1]), "none"))' "$1" <<<"$BODY")
        JOB_RESULT=$(python3 -c 'import json,sys; print(next((j["result"] for j in json.load(sys.stdin) if j["kind"] == sys.argv[1]), ""))' "$1" <<<"$BODY")
        [ "$JOB_PHASE" = running ] || return 0
        sleep 0.1
    done
    fail "the $1 action did not end"
}

# Run action KIND with the session's token and wait for it: admin_action KIND [curl args...]
admin_action() {
    local kind=$1
    shift
    admin_call POST "/admin/actions/$kind" --data-urlencode "csrf=$CSRF" "$@"
    assert_eq "$STATUS" 303 "POST /admin/actions/$kind ($BODY)"
    wait_job "$kind"
}
