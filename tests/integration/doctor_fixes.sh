# kivals doctor, as a table: each broken setup gives its finding (by id) and exit code, and the
# fix doctor prints, run exactly as printed (the administrator's own values put in for its
# UPPER-CASE words), repairs it. A new installation is first led to health by doctor's fixes
# alone. Real parts: the simulator as Lightspeed, a real lighttpd running kivals-webhook (CGI).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
start_lssim --products 12 --outlets 1 --seed 5 --retry-base-ms 50 --retry-max 4
write_config
expect_rc 0 "$KIVALS" init -q
start_lighttpd cgi

# doctor --json, then the ids of its findings (one a line) in $IDS.
run_doctor() {
    expect_rc "$1" "$KIVALS" doctor --json
    IDS=$(python3 -c 'import json,sys; [print(f["id"]) for f in json.load(sys.stdin)]' <<<"$OUT")
}

# Print the fix of finding $1 in the last doctor output.
fix_of() {
    python3 -c 'import json,sys; print(next(f["fix"] for f in json.load(sys.stdin) if f["id"]==sys.argv[1]))' "$1" <<<"$OUT"
}

# Run a fix as printed: its words as they are, but for the administrator's own values (the
# store, the intake's URL, their Kiva export); a command that reads the token gets it on stdin.
run_fix() {
    local word words=()
    for word in $1; do
        case "$word" in
        kivals) word=$KIVALS ;;
        https://STORE.retail.lightspeed.app) word=$LSSIM_URL ;;
        https://SHOP/cgi-bin/kivals-webhook) word=$WEB_URL ;;
        FILE) word=$T/kiva.csv ;;
        esac
        words+=("$word")
    done
    "${words[@]}" <"$LSSIM_TOKEN_FILE" >"$T/fix.out" 2>&1 || fail "fix '$1' failed: $(cat "$T/fix.out")"
    if [ "${words[0]}" = kill ]; then # the lock goes with the process
        for _ in $(seq 1 100); do kill -0 "${words[1]}" 2>/dev/null || break; sleep 0.05; done
    fi
}

# A process holds JOB's lock, stamped as taken AGE seconds ago: hold_lock JOB AGE
hold_lock() {
    rm -f "$T/held"
    start_bg python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
os.ftruncate(fd, 0)
os.write(fd, b"%d %d\n" % (os.getpid(), int(time.time()) - int(sys.argv[2])))
open(sys.argv[3], "w").close()
time.sleep(120)
' "$T/locks/$1.lock" "$2" "$T/held"
    for _ in $(seq 1 100); do [ -e "$T/held" ] && return 0; sleep 0.05; done
    fail "the lock holder did not start"
}

# Follow doctor's fixes, worst finding first, until it exits 0 (at most $1 fixes).
heal() {
    local i fix
    for i in $(seq 1 "${1:-10}"); do
        expect_rc_any "$KIVALS" doctor --json
        [ "$RC" = 0 ] && return 0
        fix=$(python3 -c 'import json,sys; print(next(f["fix"] for f in json.load(sys.stdin) if f["severity"] in ("problem","degraded") and f["fix"]))' <<<"$OUT")
        echo "heal: $fix" >&2
        run_fix "$fix"
    done
    fail "doctor still finds: $OUT"
}
expect_rc_any() {
    RC=0
    OUT=$("$@" 2>"$T/stderr.any") || RC=$?
}

# The store's product export, as a merchant would give it to kiva import.
kiva_export() {
    {
        echo "ID,Name,SKU"
        sql "SELECT 'K-' || sku || ',' || replace(name, ',', ' ') || ',' || sku FROM ls_products
             WHERE sku IS NOT NULL AND has_inventory = 1 AND is_composite = 0 AND deleted_at IS NULL"
    } >"$T/kiva.csv"
}

# ---- a new installation, led by doctor alone
run_doctor 1
assert_contains "$IDS" settings.store_url
assert_contains "$IDS" settings.token
run_fix "$(fix_of settings.store_url)"
run_fix "$(fix_of settings.token)"
run_doctor 1
assert_contains "$IDS" settings.outlet
assert_contains "$IDS" webhooks.base_url
assert_eq "$(fix_of links.none)" "kivals fetch-products" "nothing fetched yet"
run_fix "$(fix_of settings.outlet)"
run_fix "$(fix_of links.none)"
kiva_export
run_doctor 1
assert_eq "$(fix_of links.none)" "kivals kiva import FILE"
heal 10
run_doctor 0
assert_not_contains "$IDS" pull_sync.corrections "a new install's first full pull corrects nothing"
assert_contains "$IDS" webhooks.ok
assert_contains "$IDS" webhooks.path_ok
[ "$(sql "SELECT count(*) FROM links")" -gt 0 ] || fail "link auto linked nothing"

# ---- the table: NAME ID EXIT BREAK (shell, run in this script)
dead_port=$(free_port)
while IFS='|' read -r -u 3 name id rc break_it; do
    [ -n "$name" ] || continue
    eval "$break_it"
    run_doctor "$rc"
    assert_contains "$IDS" "$id" "$name: doctor names it"
    fix=$(fix_of "$id")
    [ -n "$fix" ] || fail "$name: $id has no fix"
    echo "$name: $id, exit $rc, fixed by: $fix" >&2
    run_fix "$fix"
    expect_rc_any "$KIVALS" doctor --json
    ! grep -qx "$id" <<<"$(python3 -c 'import json,sys; [print(f["id"]) for f in json.load(sys.stdin)]' <<<"$OUT")" ||
        fail "$name: '$fix' did not repair $id: $OUT"
    heal 4
    "$KIVALS" queue process >/dev/null # as cron would: the probes do not pile up
done 3<<'TABLE'
no store URL|settings.store_url|1|"$KIVALS" config unset store_url
no token|settings.token|1|"$KIVALS" config unset token
an outlet the store does not have|settings.outlet_unknown|1|"$KIVALS" config set outlet_id nonsense
a token Lightspeed refuses|lightspeed.token|1|echo lsxs_pt_wrongwrongwrong0000 | "$KIVALS" config set token
a store URL where Lightspeed is not|lightspeed.store_url|1|"$KIVALS" config set store_url "http://127.0.0.1:$WEB_PORT"
a store that does not answer|lightspeed.store_url|1|"$KIVALS" config set store_url "http://127.0.0.1:$dead_port"
no base URL|webhooks.base_url|3|"$KIVALS" config unset webhook.base_url
no webhooks registered|webhooks.missing|3|"$KIVALS" webhooks delete --all
rotate-secret without webhooks create|webhooks.stale|3|"$KIVALS" config rotate-secret 2>/dev/null
a disabled webhook|webhooks.stale|3|expect_rc 0 "$KIVALS" webhooks list --json && "$KIVALS" webhooks disable "$(json_get "$OUT" 0.id)"
webhooks at a dead port|webhooks.unreachable|3|"$KIVALS" config set webhook.base_url "http://127.0.0.1:$dead_port/cgi-bin/kivals-webhook" && expect_rc 3 "$KIVALS" webhooks create && assert_contains "$ERR" "nothing answered"
webhooks at a wrong path|webhooks.unreachable|3|"$KIVALS" config set webhook.base_url "${WEB_URL%/kivals-webhook}/nothing-here" && expect_rc 3 "$KIVALS" webhooks create && assert_contains "$ERR" "nothing at that path"
the intake's secret file out of date|intake.secret_file|1|echo old-secret-old-secret >"$T/etc/webhook.secret"
sync turned off|feature.off|1|"$KIVALS" disable feature
webhook processing turned off|processing.off|1|"$KIVALS" disable webhook-processing
deliveries waiting 30 minutes|queue.stuck|1|echo 'payload=%7B%7D' >"$T/spool/new/old.delivery" && touch -d '30 minutes ago' "$T/spool/new/old.delivery"
dead webhook events|queue.dead|3|"$KIVALS" queue process && sql "UPDATE events SET status = 'dead' WHERE id = (SELECT max(id) FROM events)"
a version far ahead|versions.ahead|1|sql "UPDATE stock SET ls_version = 9223372036854775807 WHERE rowid = 1"
pull-sync not run for 3 hours|pull_sync.stale|3|sql "UPDATE state SET value = '$(date -u -d '3 hours ago' +%Y-%m-%dT%H:%M:%SZ)' WHERE key = 'last_pull_sync'"
a push whose answer was lost|push.in_flight|0|expect_rc 0 "$KIVALS" order reserve W-LOST "$(sql "SELECT kiva_id FROM links LIMIT 1")" 1 && expect_rc 137 env KIVALS_CRASH_AT=push.sent "$KIVALS" push
queue process stuck holding its lock|locks.stuck|1|hold_lock queue 3600
TABLE

pass
