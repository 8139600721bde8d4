# The administrator's steps of the package test, as kivals-admin(8) documents them: setup
# as the kivals user, deliveries through a web server, the cron lines, the permission
# messages and the upgrade. Source after servers.sh; uses the installed /usr/bin/kivals.

DB=/var/lib/kivals/kivals.db
as_kivals() { runuser -u kivals -- "$@"; }
db_value() { sqlite3 "$DB" "$1"; }

# Setup in kivals-admin(8)'s order (outlet before linking), against the simulator.
run_setup_as_documented() {
    start_lssim --products 12 --outlets 1 --seed 5 --retry-base-ms 50 --retry-max 6
    open_path_to_others
    expect_rc 0 as_kivals kivals config set store_url "$LSSIM_URL"
    as_kivals kivals config set token <"$LSSIM_TOKEN_FILE" || fail "config set token as kivals"
    expect_rc 0 as_kivals kivals outlet detect
    OUTLET=$(db_value "SELECT value FROM settings WHERE key = 'outlet_id'")
    [ -n "$OUTLET" ] || fail "outlet detect set no outlet"
    expect_rc 0 as_kivals kivals fetch-products
    # The store's catalogue: three tracked products, under the store's own ids.
    api -f GET "/api/2.0/products?page_size=100"
    python3 -c '
import json, sys
rows = [p for p in json.load(sys.stdin)["data"]
        if p["has_inventory"] and not p["is_composite"] and not p["deleted_at"] and p.get("sku")][:3]
print("id,name,sku")
for p in rows:
    print("K-%s,%s,%s" % (p["sku"], p["name"].replace(",", " "), p["sku"]))' <<<"$BODY" >"$T/store.csv"
    chmod 644 "$T/store.csv"
    expect_rc 0 as_kivals kivals kiva import "$T/store.csv"
    expect_rc 0 as_kivals kivals link auto --min-score 1
    assert_eq "$(db_value 'SELECT count(*) FROM links')" 3 "link auto linked the three twins"
    expect_rc 0 as_kivals kivals pull-sync --full
    PRODUCT=$(db_value "SELECT lightspeed_id FROM links ORDER BY kiva_id LIMIT 1")
}

# curl_post QUERY CONTENT-TYPE BODY-FILE: the HTTP status (000: no answer). The URL carries
# the secret, so it goes to curl in a config file, never on its command line.
curl_post() {
    printf 'url = "%s?%s"\n' "$WEB_URL" "$1" >"$T/.curl-url"
    curl -s -o /dev/null -w '%{http_code}' -X POST -H "Content-Type: $2" \
        --data-binary "@$3" -K "$T/.curl-url" || true
}

# One server: the simulator's webhook for a POS sale, refusals from curl (each with its 4xx,
# never an empty reply), the spool as www-data wrote it, then the cron line applies it.
deliver_round() {
    local name=$1 form=application/x-www-form-urlencoded statuses i
    expect_rc 0 as_kivals kivals config set webhook.base_url "$WEB_URL"
    expect_rc 0 as_kivals kivals webhooks create
    ctl DELETE /_sim/deliveries
    ctl POST /_sim/sale "{\"product_id\":\"$PRODUCT\",\"outlet_id\":\"$OUTLET\",\"quantity\":1}"
    quiesce
    ctl GET /_sim/deliveries
    statuses=$(pyj 'sorted(set(d["status"] for d in (j["data"] if isinstance(j, dict) else j)))')
    assert_eq "$statuses" "[200]" "$name: the simulator's deliveries"
    local spooled
    spooled=$(find /var/spool/kivals/new -type f | head -n 1)
    [ -n "$spooled" ] || fail "$name: nothing in the spool"
    assert_eq "$(stat -c '%U' "$spooled")" www-data "$name: the intake runs as www-data"

    head -c 4096 /dev/zero | tr '\0' a >"$T/small.body"
    # 50 wrong secrets with a body: Apache answered some of these with nothing (AH00574)
    # while the intake exited without reading the body (1 or 2 in 60 before the fix).
    statuses=""
    for i in $(seq 1 50); do
        statuses+="$(curl_post "type=inventory.update&secret=wrong-secret-$i" "$form" "$T/small.body") "
    done
    assert_eq "$(tr ' ' '\n' <<<"$statuses" | sort -u | xargs)" 403 "$name: 50 wrong secrets"
    printf '{}' >"$T/json.body"
    assert_eq "$(curl_post "type=inventory.update&secret=$secret" application/json "$T/json.body")" 415 \
        "$name: a JSON body"
    head -c 1572864 /dev/zero | tr '\0' a >"$T/big.body"
    assert_eq "$(curl_post "type=inventory.update&secret=$secret" "$form" "$T/big.body")" 413 \
        "$name: a 1.5 MiB body"
    printf 'url = "%s?type=inventory.update&secret=%s"\n' "$WEB_URL" "$secret" >"$T/.curl-url"
    assert_eq "$(curl -s -o /dev/null -w '%{http_code}' -K "$T/.curl-url")" 405 "$name: a GET"
    inventory_form "$PRODUCT" "$OUTLET" 1 1 >"$T/stale.body"
    assert_eq "$(curl_post "type=inventory.update&secret=$secret" "$form" "$T/stale.body")" 200 \
        "$name: a delivery from curl"

    run_cron_line "queue process"
    local want got
    ctl GET "/_sim/level?product_id=$PRODUCT&outlet_id=$OUTLET"
    want=$(pyj 'j.get("level", j)')
    got=$(db_value "SELECT ls_count / 1000 FROM stock WHERE lightspeed_id = '$PRODUCT'")
    assert_eq "$got" "${want%.0}" "$name: Lightspeed Count after the queue job"
    assert_eq "$(find /var/spool/kivals/new -type f | wc -l)" 0 "$name: the spool was taken in"
}

# A form body with an inventory.update payload: inventory_form PRODUCT OUTLET COUNT VERSION
inventory_form() {
    python3 -c '
import json, sys, urllib.parse
p, o, c, v = sys.argv[1:5]
payload = {"id": "inv-" + p, "product_id": p, "outlet_id": o, "count": int(c), "version": int(v)}
print(urllib.parse.urlencode({"payload": json.dumps(payload)}), end="")' "$@"
}

# The command of the cron line whose command ends in ARGS, with cron's environment.
cron_command() {
    local line
    line=$(grep -E "kivals .*[[:space:]]$1\$" /etc/cron.d/kivals | grep -v '^#' | head -n 1)
    [ -n "$line" ] || fail "no cron line for '$1'"
    assert_eq "$(awk '{print $6}' <<<"$line")" kivals "the user of the '$1' line"
    CRON_CMD=$(cut -d' ' -f7- <<<"$(tr -s ' ' <<<"$line")")
    # On a machine where systemd runs, the line stands aside for the timers: run its command.
    [ -d /run/systemd/system ] && CRON_CMD=${CRON_CMD#*command -v kivals >/dev/null && }
    CRON_PATH=$(sed -n 's/^PATH=//p' /etc/cron.d/kivals)
}

# Run one cron line as cron would (its user, /bin/sh, the file's PATH): exit 0, and no
# output, because cron mails whatever a job prints.
run_cron_line() {
    cron_command "$1"
    local rc=0
    env -i SHELL=/bin/sh PATH="$CRON_PATH" HOME=/var/lib/kivals LOGNAME=kivals \
        /usr/sbin/runuser -u kivals -- /bin/sh -c "$CRON_CMD" >"$T/cron.out" 2>&1 || rc=$?
    [ ! -s "$T/cron.out" ] || fail "the '$1' cron line printed (cron would mail it): $(cat "$T/cron.out")"
    assert_eq "$rc" "${2:-0}" "exit code of the '$1' cron line"
}

run_every_cron_line() {
    local jobs
    jobs=$(grep -cE '^[0-9*]' /etc/cron.d/kivals)
    assert_eq "$jobs" 5 "cron lines"
    for job in "queue process" push pull-sync "pull-sync --full" "queue purge"; do
        run_cron_line "$job"
    done
    # A run that finds the previous one still going: exit 75, and not a word.
    : >"$T/held"
    python3 -c 'import fcntl, sys, time
f = open(sys.argv[1])
fcntl.flock(f, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(30)' /var/lib/kivals/locks/queue.lock >"$T/held" &
    local holder=$!
    for _ in $(seq 1 100); do [ -s "$T/held" ] && break; sleep 0.1; done
    [ -s "$T/held" ] || fail "could not hold the queue lock"
    run_cron_line "queue process" 75
    kill "$holder" 2>/dev/null || true
    wait "$holder" 2>/dev/null || true
}

# The cron daemon itself runs the installed file (not "bad username", not ignored): a
# delivery the intake wrote as www-data is taken in by the every-minute queue line, as
# kivals, within a minute and a bit. Where systemd runs, the lines stand aside for the timers.
check_cron_daemon_runs_the_file() {
    if [ -d /run/systemd/system ]; then
        echo "systemd runs here: the cron lines stand aside, the timers run the jobs" >&2
        return 0
    fi
    local body events i
    body=$(inventory_form "$PRODUCT" "$OUTLET" 1 1)
    events=$(db_value 'SELECT count(*) FROM events')
    # The intake as CGI, as www-data (the secret goes in its environment, never in argv).
    QUERY_STRING="type=inventory.update&secret=$secret" REQUEST_METHOD=POST \
        CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#body} \
        as_user www-data /usr/libexec/kivals/kivals-webhook <<<"$body" >"$T/cgi.out" 2>&1
    grep -q '^Status: 200' "$T/cgi.out" || fail "the intake as CGI: $(head -n 1 "$T/cgi.out")"
    assert_eq "$(find /var/spool/kivals/new -type f | wc -l)" 1 "a delivery waits in the spool"
    start_cron_daemon
    for i in $(seq 1 90); do
        [ "$(find /var/spool/kivals/new -type f | wc -l)" = 0 ] && break
        sleep 1
    done
    stop_cron_daemon
    assert_eq "$(find /var/spool/kivals/new -type f | wc -l)" 0 \
        "cron's queue line took the delivery in within 90 s ($(cat "$T/cron-daemon.log"))"
    # Decided, or (since #13: a delivery is a doorbell) read and waiting for its re-check when
    # Lightspeed's read showed another level than the hand-made delivery's.
    assert_eq "$(db_value "SELECT count(*) FROM events WHERE status IN ('applied', 'ignored')
                           OR (status = 'pending' AND reason = 'recheck')")" \
        "$((events + 1))" "the delivery cron's queue line decided"
}

check_permissions_as_users() {
    expect_rc 78 as_user www-data kivals status
    assert_contains "$ERR" "permission denied"
    assert_contains "$ERR" "/var/lib/kivals"
    assert_contains "$ERR" "kivals"
    assert_not_contains "$ERR" "does not exist"
    expect_rc 0 as_user www-data cat /etc/kivals/intake/webhook.secret
    expect_rc 0 as_admin kivals status
    expect_rc 78 as_admin kivals queue process
    assert_contains "$ERR" "run as user kivals"
}

# check_upgrade DEB LSSIM_DEB VERSION: the database, its settings and a changed conffile stay.
check_upgrade() {
    local links base secret_before
    links=$(db_value 'SELECT count(*) FROM links')
    base=$(db_value "SELECT value FROM settings WHERE key = 'webhook.base_url'")
    secret_before=$(cat /etc/kivals/intake/webhook.secret)
    sed -i 's/^retention_days = 30$/retention_days = 7/' /etc/kivals/kivals.toml
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" "$2" >"$T/upgrade.log" 2>&1 ||
        { cat "$T/upgrade.log" >&2; fail "the upgrade failed"; }
    assert_eq "$(dpkg-query -W -f='${Version}' kivals)" "$3" "the version after the upgrade"
    assert_eq "$(db_value 'SELECT count(*) FROM links')" "$links" "links kept"
    assert_eq "$(db_value "SELECT value FROM settings WHERE key = 'webhook.base_url'")" "$base" "settings kept"
    assert_eq "$(cat /etc/kivals/intake/webhook.secret)" "$secret_before" "the secret kept"
    expect_rc 0 as_kivals kivals config list --json
    assert_eq "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["config"]["queue.retention_days"]["value"])' <<<"$OUT")" 7 \
        "the changed conffile kept"
    assert_eq "$(stat -c '%U:%G %a' /var/lib/kivals)" "kivals:kivals 2770" "the layout kept"
    run_cron_line "queue process"
}
