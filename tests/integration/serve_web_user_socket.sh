# The permission model with real users: `kivals serve` runs as kivals on a unix socket in a
# directory setgid to the web server's group (www-data), so the store's user reaches the API
# with the store key, while it can read neither the database nor the Lightspeed token; a user
# outside that group cannot even connect.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/serve.sh"
. "$(dirname "$0")/lib/users.sh"
need_root_and_setpriv
getent group nogroup >/dev/null || { echo "SKIP: no group nogroup"; exit 77; }
ensure_system_user www-data
ensure_system_user kivals
! id -nG www-data | tr ' ' '\n' | grep -qx kivals || fail "www-data must not be in group kivals"
write_config
expect_rc 0 "$KIVALS" init -q
printf 'lsxs_pt_the-lightspeed-token\n' | "$KIVALS" config set token
"$KIVALS" config get token >"$T/lightspeed.token"
link_product p1 K1 10 1
save_store_key
# The layout of docs/PERMISSIONS.md: the database private to kivals (2770, files 0660), the
# config readable, the socket's directory kivals:www-data 2750.
open_path_to_others
chmod 644 "$KIVALS_CONFIG"
chown -R kivals:kivals "$T/db" "$T/locks"
chmod 2770 "$T/db" "$T/locks"
chmod 660 "$T/db"/*
install -d -o kivals -g www-data -m 2750 "$T/run"
# Other users run the system's python (root's PATH may lead into /root).
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
# setpriv itself, not as_user: the pid started must be the service's (signals, ps).
SERVE_AS=(setpriv --reuid=kivals --regid=kivals --init-groups env KIVALS_CONFIG="$KIVALS_CONFIG")
start_serve --listen "unix:$T/run/store.sock" --no-push
assert_eq "$(stat -c '%U %G %a' "$T/run/store.sock")" "kivals www-data 660" "the socket admits www-data's group"
assert_eq "$(ps -o user= -p "$SERVE_PID" | tr -d ' ')" kivals "the service runs as kivals"
# It reads the Lightspeed token to push: no core dump may hold it.
grep -Eq '^Max core file size +0 +0 ' "/proc/$SERVE_PID/limits" || fail "kivals serve may dump core"

# The store's user: its own copy of the store key, nothing else of kivals.
install -d -o www-data -g www-data -m 700 "$T/www"
install -o www-data -g www-data -m 600 "$STORE_KEY_FILE" "$T/www/store.token"
web_call() {
    as_user www-data "$py" "$STORE_API_PY" call "$SERVE_ADDR" --key-file "$T/www/store.token" \
        --record "$T/www/answers.jsonl" "$@"
}
out=$(web_call POST /v1/orders/W1/lines/1 '{"kiva_id": "K1", "qty": 2}') || fail "www-data cannot call the API"
assert_eq "${out%%$'\n'*}" 200 "www-data reserves through the socket"
out=$(web_call GET /v1/stock/K1)
assert_contains "$out" '"reserved":2'
cat "$T/www/answers.jsonl" >>"$STORE_RECORD"
# ... and the same line is kivals' own: the CLI, run as kivals, sees and cancels it.
expect_rc 0 as_user kivals env KIVALS_CONFIG="$KIVALS_CONFIG" "$KIVALS" order cancel W1 --json
assert_eq "$(json_get "$OUT" lines.0.changed)" true

# What the web server's user cannot do.
! as_user www-data cat "$T/db/kivals.db" >/dev/null 2>&1 || fail "www-data can read the database"
! as_user www-data sqlite3 "$T/db/kivals.db" "SELECT value FROM settings" >/dev/null 2>&1 || fail "www-data can query the database"
rc=0
as_user www-data env KIVALS_CONFIG="$KIVALS_CONFIG" "$KIVALS" config get token >"$T/web-token.out" 2>&1 || rc=$?
[ "$rc" != 0 ] || fail "www-data read a setting"
! grep -qF -f "$T/lightspeed.token" "$T/web-token.out" || fail "www-data got the Lightspeed token"
! as_user www-data touch "$T/run/x" 2>/dev/null || fail "www-data can write the socket's directory"
# A user outside the web group cannot connect at all.
rc=0
setpriv --reuid=nobody --regid=nogroup --clear-groups "$py" "$STORE_API_PY" call "$SERVE_ADDR" \
    --key-file /dev/null GET /v1/health >/dev/null 2>"$T/nobody.err" || rc=$?
[ "$rc" != 0 ] || fail "nobody connected to the socket"
assert_contains "$(cat "$T/nobody.err")" "Permission denied"
stop_serve
[ ! -e "$T/run/store.sock" ] || fail "the socket was left behind"
pass
