# A database that PRAGMA quick_check reports corrupt is noticed: doctor says so (a problem,
# exit 1), and the cron jobs refuse to write into it with one clear line (exit 1) instead of
# carrying on. A sound database costs one check an hour.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
write_config
expect_rc 0 "$KIVALS" init -q
expect_rc 0 "$KIVALS" config set outlet_id o1
# Enough ledger rows that the table is a tree of several pages.
sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
     INSERT INTO ledger(lightspeed_id, field, before, after, source, source_ref, at)
     SELECT 'p' || i, 'L', 0, i, 'test', 'row ' || i, '2026-01-01T00:00:00Z' FROM n"
expect_rc 0 "$KIVALS" queue process
assert_contains "$(sql "SELECT value FROM state WHERE key = 'last_quick_check'")" "T"
expect_rc 1 "$KIVALS" doctor --json # (nothing is linked yet: a problem of its own)
assert_not_contains "$OUT" '"id":"database.corrupt"'

# Damage the last page (the ledger's, written last): its header says it holds 65535 cells.
page=$(sql "PRAGMA page_size")
pages=$(sql "PRAGMA page_count")
printf '\377\377' | dd of="$T/db/kivals.db" bs=1 seek=$(((pages - 1) * page + 3)) conv=notrunc status=none
assert_contains "$(sql "PRAGMA quick_check" 2>&1 || true)" "Page $pages" "the damage shows in quick_check"

expect_rc 1 "$KIVALS" doctor --json
assert_contains "$OUT" "\"id\":\"database.corrupt\",\"message\":\"the database file is corrupt"
assert_contains "$OUT" "sqlite3 OLD .recover"
# The hourly check is due when the last one is an hour old.
sql "UPDATE state SET value = '2000-01-01T00:00:00Z' WHERE key = 'last_quick_check'"
deliver_inventory p1 o1 5 100 >/dev/null
expect_rc 1 "$KIVALS" queue process
assert_contains "$ERR" "kivals.db is corrupt (PRAGMA quick_check:"
assert_eq "$(echo "$ERR" | wc -l)" 1 "one line: $ERR"
assert_eq "$(find "$T/spool/new" -type f | wc -l)" 1 "the delivery stays in the spool"
pass
