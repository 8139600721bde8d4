#!/usr/bin/env bash
# Push of N pending changes (one unit reserved on each of N linked products) against
# kivals-lssim, beside sending the same adjustments with curl alone (the transfer floor).
# N = $BENCH_PENDING (default 10000; CI smoke: 200).
#   BUILD=build bench/push.sh
. "$(dirname "$0")/sync_common.sh"
N=${BENCH_PENDING:-10000}
start_bench_sim $((N + N / 5 + 50)) # some products are untracked or composite
link_all
"$KIVALS" pull-sync --full --force >/dev/null
# One unit reserved on each of the first N linked products that can be pushed.
sqlite3 "$W/kivals.db" "SELECT l.kiva_id FROM links l JOIN stock s USING (lightspeed_id)
    WHERE s.ls_count > 0 ORDER BY l.rowid LIMIT $N" |
    awk '{printf "{\"action\":\"reserve\",\"order_id\":\"B%d\",\"kiva_id\":\"%s\",\"qty\":1}\n", NR, $1}' >"$W/orders.jsonl"
PENDING=$(wc -l <"$W/orders.jsonl")
# order apply commits (and fsyncs) each line: time 200 of them, reserve the rest in one SQL
# transaction with the same effect (an order line and R += 1).
head -n 200 "$W/orders.jsonl" >"$W/orders.head"
measure "order apply (200 lines)" "$KIVALS" order apply "$W/orders.head"
sqlite3 "$W/kivals.db" "BEGIN;
    CREATE TEMP TABLE rest AS SELECT kiva_id, row_number() OVER (ORDER BY l.rowid) AS n FROM links l
        JOIN stock s USING (lightspeed_id) WHERE s.ls_count > 0 ORDER BY l.rowid LIMIT -1 OFFSET 200;
    DELETE FROM rest WHERE n > $PENDING;
    INSERT INTO order_lines SELECT 'R' || n, 1, kiva_id, 1000, 'reserved', 'x', 'x' FROM rest;
    UPDATE stock SET reserved = reserved + 1000 WHERE lightspeed_id IN
        (SELECT lightspeed_id FROM links WHERE kiva_id IN (SELECT kiva_id FROM rest));
    COMMIT;"
echo "push bench: $PENDING pending changes, API 2026-07, batches of 1000"
measure "kivals push --dry-run" "$KIVALS" push --dry-run --json
measure "kivals push" "$KIVALS" push --json
printf '%-28s requests %s  pushed %s\n' "" "$(jq .requests "$W/out")" "$(jq .pushed "$W/out")"

# The floor: the same adjustments posted with curl, 1000 per request, plus one incremental
# read of the changed records (kivals reads them back the same way).
REASON=$(sqlite3 "$W/kivals.db" "SELECT value FROM state WHERE key = 'reason.online_order'")
sqlite3 "$W/kivals.db" "SELECT DISTINCT lightspeed_id FROM ledger WHERE source = 'push' AND field = 'S'" >"$W/push_ids"
start=$(date +%s.%N)
requests=0
split -l 1000 "$W/push_ids" "$W/chunk."
for chunk in "$W"/chunk.*; do
    jq -R -s -c --arg o "$OUTLET" --arg r "$REASON" \
        '{stock_adjustments: [split("\n")[] | select(length > 0) |
          {product_id: ., outlet_id: $o, quantity: "-1", reason: "CUSTOM",
           custom_inventory_adjustment_reason_id: $r}]}' "$chunk" >"$W/body"
    curl -sf -o /dev/null -H @"$W/auth" -H 'Content-Type: application/json' \
        --data-binary @"$W/body" "$URL/api/2026-07/stock_adjustments"
    requests=$((requests + 1))
done
end=$(date +%s.%N)
printf '%-28s wall %7.2fs  requests %s (adjustments only)\n' "curl adjustments (floor)" "$(echo "$end - $start" | bc)" "$requests"
