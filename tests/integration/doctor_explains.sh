# kivals doctor names what stops stock from updating, with the fix, from local facts alone
# (--offline: doctor_fixes.sh drives the checks that ask Lightspeed and the web server).
. "$(dirname "$0")/lib/common.sh"
write_config
expect_rc 0 "$KIVALS" init -q

check_of() { # severity of the first finding for a check in the last JSON output
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(next((f["severity"] for f in d if f["check"]==sys.argv[1]), "none"))' "$1" <<<"$OUT"
}

expect_rc 1 "$KIVALS" doctor --offline --json
assert_eq "$(check_of settings)" problem
assert_eq "$(check_of links)" problem
assert_eq "$(check_of intake)" none "a fresh init has a good secret file"
assert_eq "$(check_of spool)" none "a fresh init lays the spool out safely"

# The intake's secret file no longer matches the database: every delivery would get 403.
echo "old-secret" >"$T/etc/webhook.secret"
expect_rc 1 "$KIVALS" doctor --offline --json
assert_eq "$(check_of intake)" problem
expect_rc 0 "$KIVALS" init -q
expect_rc 1 "$KIVALS" doctor --offline --json
assert_eq "$(check_of intake)" none "init repairs the secret file"

# Deliveries waiting for 30 minutes with no queue run: cron is not installed.
echo 'payload=%7B%7D' >"$T/spool/new/a.delivery"
touch -d '30 minutes ago' "$T/spool/new/a.delivery"
expect_rc 1 "$KIVALS" doctor --offline
assert_contains "$OUT" "1 webhook deliveries wait"
assert_contains "$OUT" "cron/kivals"
assert_contains "$OUT" "fix: kivals queue process --verbose"

# Turned off: named first among the problems.
expect_rc 0 "$KIVALS" disable feature
expect_rc 1 "$KIVALS" doctor --offline --json
assert_eq "$(check_of feature)" problem

# Settings complete, one product linked, cron ran: only what remains is reported.
expect_rc 0 "$KIVALS" enable feature
rm "$T/spool/new/a.delivery"
echo "lsxs_pt_doctortoken123456" | "$KIVALS" config set token
expect_rc 0 "$KIVALS" config set store_url http://127.0.0.1:9
expect_rc 0 "$KIVALS" config set outlet_id 0924dbcd-ef11-11e9-e989-ed89c9e5529a
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sqlite3 "$T/db/kivals.db" <<SQL
INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('p1', 'Balm', '$now', '$now');
INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('k1', 'Balm', '$now', '$now');
INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES ('p1', 'k1', '$now');
INSERT INTO stock(lightspeed_id, ls_count, reserved, synced, updated_at) VALUES ('p1', 1000, 3000, 0, '$now');
INSERT INTO state(key, value, updated_at) VALUES ('last_queue_run', '$now', '$now'), ('last_pull_sync', '$now', '$now'), ('last_pull_corrected', '4', '$now');
SQL
expect_rc 3 "$KIVALS" doctor --offline --json
assert_eq "$(check_of settings)" ok
assert_eq "$(check_of links)" ok
assert_eq "$(check_of push)" warning
assert_eq "$(check_of stock)" warning "available 1 - 3 < 0 is oversold"
assert_eq "$(check_of pull-sync)" degraded "4 corrections mean webhooks are missed"
assert_eq "$(check_of webhooks)" degraded "no webhook.base_url: only the hourly pull-sync"
assert_not_contains "$OUT" "doctortoken" "doctor must not print the token"
pass
