# queue process applies webhook events: newer versions win, duplicates and late versions are
# stale, our push's echo is recognised, other outlets and unlinked products are ignored, unknown
# products are imported unlinked, several events for one product collapse to the newest.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init -q
expect_rc 0 "$KIVALS" config set outlet_id o1
# No Lightspeed here: the rules of payloads applied directly, as on a store where echoes
# proved the webhook's counter the API's (queue_webhook_version_spaces.sh reads Lightspeed).
webhook_versions_proven_same
link_product pA k-pA 40 100
link_product pB k-pB 10 100
link_product pC k-pC 5 100

# One event per run first: applied, duplicate, older, other outlet.
assert_eq "$(deliver_inventory pA o1 39 101)" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$OUT" "" "queue process is silent under cron"
assert_eq "$(stock_of pA)" "39 101"
assert_eq "$(deliver_inventory pA o1 39 101)" 200        # the same delivery again
assert_eq "$(deliver_inventory pA o1 35 99)" 200         # a late, older version
assert_eq "$(deliver_inventory pA o2 1 500)" 200         # another outlet
expect_rc 0 "$KIVALS" queue process
assert_eq "$(stock_of pA)" "39 101" "duplicates, late versions and other outlets change nothing"
assert_eq "$(events_of pA)" "applied ignored:stale ignored:stale ignored:other-outlet"

# Several events for one product in one run collapse to the newest version, whatever the order.
for v in 205 203 207 204 207; do deliver_inventory pB o1 $((v - 200)) $v >/dev/null; done
expect_rc 0 "$KIVALS" queue process --verbose
assert_contains "$OUT" "Took 5 deliveries"
assert_eq "$(stock_of pB)" "7 207"
assert_eq "$(events_of pB)" "ignored:stale ignored:stale applied ignored:stale ignored:stale"
assert_eq "$(sql "SELECT count(*) FROM ledger WHERE lightspeed_id = 'pB' AND field = 'L'")" 1 \
    "collapsed events write the ledger once"

# The echo of our own push: a version that a push recorded is ignored as echo, not stale.
# (The row is chained to the product's ledger as StockStore chains it: stock.ledger_last.)
sql "INSERT INTO ledger(lightspeed_id, field, before, after, source, source_ref, ls_version, at, prev)
       SELECT 'pC', 'v', 100, 300, 'push', 'run:1', 300, '2026-01-01T00:00:00Z', ledger_last
       FROM stock WHERE lightspeed_id = 'pC';
     UPDATE stock SET ls_count = 3000, ls_version = 300, ledger_last = last_insert_rowid()
       WHERE lightspeed_id = 'pC';"
assert_eq "$(deliver_inventory pC o1 3 300)" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$(events_of pC)" "ignored:echo"
assert_eq "$(stock_of pC)" "3 300"
# Counts arrive as strings with decimals too.
body=$(python3 -c 'import json,urllib.parse;print(urllib.parse.urlencode({"payload":json.dumps(
    {"product_id":"pC","outlet_id":"o1","count":"2.50000","version":"301"})}),end="")')
assert_eq "$(deliver_cgi inventory.update "$body")" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$(stock_of pC)" "2.5 301"

# Unknown products: inventory is ignored as unlinked; product.update imports it unlinked.
assert_eq "$(deliver_inventory pNew o1 8 50)" 200
assert_eq "$(deliver_product pNew "New Thing" NEW-1 60)" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$(events_of pNew)" "ignored:unlinked applied"
assert_eq "$(sql "SELECT name || '|' || sku || '|' || active || '|' || version FROM ls_products WHERE id = 'pNew'")" \
    "New Thing|NEW-1|1|60"
assert_eq "$(sql "SELECT count(*) FROM links WHERE lightspeed_id = 'pNew'")" 0 "nothing is linked by a webhook"
assert_eq "$(sql "SELECT count(*) FROM stock WHERE lightspeed_id = 'pNew'")" 0
expect_rc 0 "$KIVALS" status --json
assert_eq "$(json_get "$OUT" unlinked_products)" 1 "the new product appears for linking"
# product.update refreshes name and SKU; a soft delete is recorded; an older version is stale.
assert_eq "$(deliver_product pA "Renamed A" SKU-A2 5)" 200
assert_eq "$(deliver_product pA "Older" SKU-OLD 4)" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$(sql "SELECT name || '|' || sku FROM ls_products WHERE id = 'pA'")" "Renamed A|SKU-A2"
assert_eq "$(deliver_product pA "Renamed A" SKU-A2 6 "2026-11-27 10:00:00")" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$(sql "SELECT active || '|' || deleted_at FROM ls_products WHERE id = 'pA'")" "0|2026-11-27 10:00:00"

# Inventory events never plan a push: R and S are untouched by observations.
assert_eq "$(sql "SELECT count(*) FROM ledger WHERE field IN ('R', 'S')")" 0
# Every event ended applied or ignored, with a reason for each ignored one and an attempt row.
assert_eq "$(sql "SELECT count(*) FROM events WHERE status NOT IN ('applied', 'ignored')")" 0
assert_eq "$(sql "SELECT count(*) FROM events WHERE status = 'ignored' AND reason IS NULL")" 0
assert_eq "$(sql "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_attempts a WHERE a.event_id = e.id)")" 0
assert_eq "$(find "$T/spool/new" -type f | wc -l)" 0 "the spool is empty"
assert_eq "$(sql 'PRAGMA integrity_check')" ok
pass
