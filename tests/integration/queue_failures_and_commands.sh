# Failed events are retried with back-off and become dead after the limit; queue list, show,
# retry and purge; a disabled feature keeps deliveries pending and loses nothing; a second
# queue process exits 75 at once.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/links.sh"
write_config "[queue]" "max_attempts = 2"
expect_rc 0 "$KIVALS" init -q
expect_rc 0 "$KIVALS" config set outlet_id o1
# No Lightspeed here: the rules of payloads applied directly, as on a store where echoes
# proved the webhook's counter the API's (queue_webhook_version_spaces.sh reads Lightspeed).
webhook_versions_proven_same
link_product pA k-pA 40 100
link_product pBad k-pBad 10 100
# Make every change to pBad's stock fail, as a broken database would.
sql "CREATE TRIGGER fail_pbad BEFORE UPDATE ON stock WHEN NEW.lightspeed_id = 'pBad'
     BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"

# Disabled feature: the intake still stores, queue process takes the spool in and applies nothing.
expect_rc 0 "$KIVALS" disable feature
assert_eq "$(deliver_inventory pA o1 30 101)" 200
assert_eq "$(deliver_inventory pBad o1 9 101)" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$(find "$T/spool/new" -type f | wc -l)" 0 "the spool was taken in"
assert_eq "$(events_of pA)" "pending:processing-disabled"
assert_eq "$(stock_of pA)" "40 100"
expect_rc 0 "$KIVALS" status --json
assert_eq "$(json_get "$OUT" pending_webhooks)" 2
expect_rc 0 "$KIVALS" enable feature
expect_rc 0 "$KIVALS" disable webhook-processing
expect_rc 0 "$KIVALS" queue process
assert_eq "$(events_of pA)" "pending:processing-disabled"
expect_rc 0 "$KIVALS" enable webhook-processing

# Enabled again: pA applies, pBad fails (exit 3) and waits for its retry time.
expect_rc 3 "$KIVALS" queue process
assert_contains "$ERR" "1 events failed"
assert_eq "$(stock_of pA)" "30 101"
assert_contains "$(events_of pBad)" "failed:database: running"
assert_contains "$(events_of pBad)" "injected failure"
next=$(sql "SELECT next_attempt_at > updated_at FROM events WHERE product_id = 'pBad'")
assert_eq "$next" 1 "a failed event waits before its retry"
expect_rc 0 "$KIVALS" queue process
assert_eq "$(sql "SELECT attempts FROM events WHERE product_id = 'pBad'")" 1 "not retried before its time"
sql "UPDATE events SET next_attempt_at = '2000-01-01T00:00:00Z' WHERE product_id = 'pBad'"
expect_rc 3 "$KIVALS" queue process
assert_contains "$(events_of pBad)" "dead:database" "dead after queue.max_attempts"

# list, show (with the raw payload and the history of attempts), retry.
expect_rc 0 "$KIVALS" queue list --status dead --json
assert_eq "$(json_get "$OUT" 0.product_id)" pBad
id=$(json_get "$OUT" 0.id)
expect_rc 0 "$KIVALS" queue show "$id" --json
assert_eq "$(json_get "$OUT" history.0.outcome)" failed
assert_eq "$(json_get "$OUT" history.1.outcome)" dead
assert_contains "$(json_get "$OUT" payload)" '"product_id": "pBad"'
expect_rc 0 "$KIVALS" queue show "$id"
assert_contains "$OUT" "injected failure"
expect_rc 0 "$KIVALS" queue list
assert_contains "$OUT" "dead"
expect_rc 1 "$KIVALS" queue show 99999
expect_rc 2 "$KIVALS" queue retry
sql "DROP TRIGGER fail_pbad"
expect_rc 0 "$KIVALS" queue retry --failed
expect_rc 0 "$KIVALS" queue process
assert_eq "$(stock_of pBad)" "9 101" "a retried event applies once the fault is gone"
assert_eq "$(events_of pBad)" "applied"

# purge removes only done events older than the cutoff.
sql "UPDATE events SET updated_at = '2000-01-01T00:00:00Z'"
assert_eq "$(deliver_inventory pA o1 29 102)" 200
expect_rc 0 "$KIVALS" config set outlet_id o1
sql "INSERT INTO events(type, received_at, payload, status, updated_at)
     VALUES ('inventory.update', '2000-01-01T00:00:00Z', '{}', 'pending', '2000-01-01T00:00:00Z')"
expect_rc 0 "$KIVALS" queue purge --older-than 30
assert_eq "$(sql "SELECT count(*) FROM events")" 1 "only the old pending event stays"
assert_eq "$(sql "SELECT count(*) FROM event_attempts")" 0 "attempts go with their events"

# Two queue process at once: the second exits 75 at once.
exec 9>"$T/locks/queue.lock"
flock -n 9 || fail "cannot take the lock for the test"
expect_rc 75 "$KIVALS" queue process
exec 9>&-
assert_eq "$(find "$T/spool/new" -type f | wc -l)" 1 "the spool is left alone while locked"
sql "DELETE FROM events"
expect_rc 0 "$KIVALS" queue process
assert_eq "$(stock_of pA)" "29 102"

# No outlet configured: inventory events wait (exit 78), product events still apply.
expect_rc 0 "$KIVALS" config unset outlet_id
assert_eq "$(deliver_inventory pA o1 28 103)" 200
assert_eq "$(deliver_product pZ Zed Z-1 5)" 200
expect_rc 78 "$KIVALS" queue process
assert_contains "$ERR" "outlet_id is not set"
assert_eq "$(events_of pA | awk '{print $NF}')" "pending:no-outlet"
assert_eq "$(events_of pZ)" "applied"
pass
