# Order lines reserve, cancel and fulfil units idempotently; oversell is refused with exit 1
# (and under --json with the error object of the store API: code oversell and the numbers).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
"$KIVALS" init >/dev/null
link_product p1 K1 40 7 5 5

expect_rc 0 "$KIVALS" order reserve A1 K1 3 --json
assert_eq "$(json_get "$OUT" lines.0.changed)" true
assert_eq "$(json_get "$OUT" lines.0.state)" reserved
assert_eq "$(json_get "$OUT" lines.0.stock.available)" 37
assert_eq "$(json_get "$OUT" lines.0.stock.pending_push)" 3
# The store retries: nothing changes the second time.
expect_rc 0 "$KIVALS" order reserve A1 K1 3 --json
assert_eq "$(json_get "$OUT" lines.0.changed)" false
expect_rc 0 "$KIVALS" stock K1 --json
assert_eq "$(json_get "$OUT" 0.reserved)" 8
assert_eq "$(json_get "$OUT" 0.in_stock)" 45
assert_eq "$(json_get "$OUT" 0.available)" 37
assert_eq "$(json_get "$OUT" 0.pending_push)" 3
assert_eq "$(json_get "$OUT" 0.lightspeed_count)" 40
assert_eq "$(json_get "$OUT" 0.version)" 7

# Oversell: refused with exit 1 and a clear message, allowed with --allow-oversell.
expect_rc 1 "$KIVALS" order reserve A2 K1 38
assert_contains "$ERR" "only 37 of Kiva product 'K1' available, 38 requested"
assert_eq "$OUT" "" "no JSON without --json"
expect_rc 1 "$KIVALS" order reserve A2 K1 38 --json
assert_eq "$(json_get "$OUT" error.code)" oversell
assert_eq "$(json_get "$OUT" error.available)" 37
assert_eq "$(json_get "$OUT" error.requested)" 38
expect_rc 0 "$KIVALS" order reserve A2 K1 38 --allow-oversell
expect_rc 0 "$KIVALS" stock --oversold --json
assert_eq "$(json_get "$OUT" 0.kiva_id)" K1
assert_eq "$(json_get "$OUT" 0.available)" -1

expect_rc 0 "$KIVALS" order cancel A2
assert_contains "$OUT" "cancel A2:1 38 x K1: done"
expect_rc 0 "$KIVALS" order cancel A2 --line 1
assert_contains "$OUT" "already done"
expect_rc 0 "$KIVALS" stock --oversold --json
assert_eq "$OUT" "[]"
expect_rc 1 "$KIVALS" order fulfill A2 --line 1
assert_contains "$ERR" "already cancelled"
expect_rc 1 "$KIVALS" order fulfill A2 --line 1 --json
assert_eq "$(json_get "$OUT" error.code)" line_closed
expect_rc 1 "$KIVALS" order cancel NOPE
assert_contains "$ERR" "unknown order NOPE"
expect_rc 1 "$KIVALS" order cancel NOPE --json
assert_eq "$(json_get "$OUT" error.code)" unknown_order
expect_rc 1 "$KIVALS" order reserve A3 K9 1 --json
assert_eq "$(json_get "$OUT" error.code)" unknown_product
expect_rc 1 "$KIVALS" order reserve A1 K1 4 --json
assert_eq "$(json_get "$OUT" error.code)" line_conflict

# Fulfilling a line whose units were never pushed leaves them pending (R and S both drop).
expect_rc 0 "$KIVALS" order fulfill A1
expect_rc 0 "$KIVALS" stock K1 --json
assert_eq "$(json_get "$OUT" 0.reserved)" 5
assert_eq "$(json_get "$OUT" 0.pending_push)" 3

# The ledger explains each change to R and S.
expect_rc 0 "$KIVALS" history K1 --json
assert_eq "$(json_get "$OUT" 0.source_ref)" "A1:1"
assert_eq "$(json_get "$OUT" 0.field)" R
assert_eq "$(json_get "$OUT" 0.before)" 5
assert_eq "$(json_get "$OUT" 0.after)" 8
n=$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])))' "$OUT")
assert_eq "$n" 5 "ledger rows: A1 reserve, A2 reserve, A2 cancel, A1 fulfill (R and S)"
expect_rc 0 "$KIVALS" stock --csv
assert_contains "$OUT" "kiva_id,lightspeed_id,lightspeed_count,in_stock,reserved,available,pending_push,version"
assert_contains "$OUT" "K1,p1,40,42,5,37,3,7"
pass
