# kivals link set/unset/list: one Lightspeed product <-> one Kiva product; variants link one
# by one; composite, untracked and deleted products cannot be linked; linking creates the
# stock row; unlinking keeps the ledger and is refused while online orders hold units.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init
add_ls L1 "Red Tee" S1
add_ls L2 "Blue Tee" S2
add_ls V1 "Hoodie" H-S "" variant=P1:"Hoodie / Small"
add_ls V2 "Hoodie" H-L "" variant=P1:"Large"
add_ls C1 "Gift Box" GB "" composite
add_ls U1 "Gift Card" GC "" untracked
add_ls D1 "Old Tee" OT "" deleted
printf 'id,name\nK1,Red T-shirt\nK2,Blue T-shirt\nK3,Hoodie S\nK4,Hoodie L\nK5,Box\n' >"$T/store.csv"
expect_rc 0 "$KIVALS" kiva import "$T/store.csv"

expect_rc 0 "$KIVALS" link set L1 K1
assert_contains "$OUT" "Linked L1 to K1"
assert_eq "$(sql "SELECT lightspeed_id, ls_count, reserved FROM stock")" "L1|0|0" "stock row"
expect_rc 0 "$KIVALS" link set L1 K1
assert_contains "$OUT" "already linked"
expect_rc 1 "$KIVALS" link set L1 K2
assert_contains "$ERR" "Lightspeed product L1 is already linked to Kiva product K1"
expect_rc 1 "$KIVALS" link set L2 K1
assert_contains "$ERR" "Kiva product K1 is already linked to Lightspeed product L1"

# Variants of one family link one by one, each to its own Kiva product.
expect_rc 0 "$KIVALS" link set V1 K3
expect_rc 0 "$KIVALS" link set V2 K4
expect_rc 0 "$KIVALS" link list --json
assert_eq "$(json_get "$OUT" 1.lightspeed_name)" "Hoodie / Small"
assert_eq "$(json_get "$OUT" 2.lightspeed_name)" "Hoodie Large"
assert_eq "$(json_get "$OUT" 2.kiva_id)" "K4"

expect_rc 1 "$KIVALS" link set C1 K5
assert_contains "$ERR" "C1 is a composite"
expect_rc 1 "$KIVALS" link set U1 K5
assert_contains "$ERR" "U1 does not track inventory"
expect_rc 1 "$KIVALS" link set D1 K5
assert_contains "$ERR" "D1 is deleted"
expect_rc 1 "$KIVALS" link set NOPE K5
assert_contains "$ERR" "no Lightspeed product NOPE"
expect_rc 1 "$KIVALS" link set L2 NOPE
assert_contains "$ERR" "no Kiva product NOPE"
assert_eq "$(sql "SELECT count(*) FROM links")" 3

# Only linkable, unlinked products are listed as unlinked (not C1, U1, D1).
expect_rc 0 "$KIVALS" link list --unlinked --json
assert_eq "$(json_get "$OUT" 0.lightspeed_id)" L2
assert_eq "$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])))' "$OUT")" 1

# Unlink by Kiva id; the ledger keeps its history, the stock row goes.
sql "INSERT INTO ledger (lightspeed_id, field, before, after, source, at) VALUES ('L1', 'L', 0, 5000, 'pull', '2026-01-01T00:00:00Z')"
expect_rc 0 "$KIVALS" link unset K1
assert_contains "$OUT" "Unlinked L1 from K1"
assert_eq "$(sql "SELECT count(*) FROM ledger WHERE lightspeed_id = 'L1'")" 1 "ledger kept"
assert_eq "$(sql "SELECT count(*) FROM stock WHERE lightspeed_id = 'L1'")" 0
expect_rc 1 "$KIVALS" link unset K1
assert_contains "$ERR" "K1 is not linked"
expect_rc 0 "$KIVALS" link set L2 K1
assert_contains "$OUT" "Linked L2 to K1"

# Units reserved by open online orders block unlinking.
sql "UPDATE stock SET reserved = 2000 WHERE lightspeed_id = 'V1'"
expect_rc 1 "$KIVALS" link unset V1
assert_contains "$ERR" "V1 has 2 units reserved"
assert_eq "$(sql "SELECT kiva_id FROM links WHERE lightspeed_id = 'V1'")" K3
pass
