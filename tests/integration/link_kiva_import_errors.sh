# kivals kiva import: bad rows are reported by line and skipped, the rest is upserted by id;
# JSON lines from stdin; --replace removes missing products and their links, with a warning.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init

cat >"$T/store.csv" <<'CSV'
id,name,sku,barcode
K1,Red Tee,S1,111
,No id here,S2,
K3,,S3,
K4,"Blue Tee, large",S4,444
K5,Too few fields
K1,Repeated id,S6,
K6,Green Tee,,
CSV
expect_rc 3 "$KIVALS" kiva import "$T/store.csv"
assert_contains "$ERR" "store.csv:3: missing id"
assert_contains "$ERR" "store.csv:4: product K3 has no name"
assert_contains "$ERR" "store.csv:6: 2 fields, the header has 4"
assert_contains "$ERR" "store.csv:7: id K1 repeats line 2"
assert_contains "$OUT" "3 added"
assert_eq "$(sql "SELECT id, name, sku, barcode FROM kiva_products ORDER BY id" | tr '\n' ';')" \
    "K1|Red Tee|S1|111;K4|Blue Tee, large|S4|444;K6|Green Tee||;"

# JSON lines on stdin: an update, an unchanged row, a new one, a bad line.
expect_rc 3 "$KIVALS" kiva import --json - <<'JSONL'
{"id": "K1", "name": "Red Tee (2026)", "sku": "S1", "barcode": "111"}
{"id": "K4", "name": "Blue Tee, large", "sku": "S4", "barcode": "444"}
{"id": "K7", "name": "Yellow Tee"}
{"id": "K8", "name": 
JSONL
assert_eq "$(json_get "$OUT" added)" 1
assert_eq "$(json_get "$OUT" updated)" 1
assert_eq "$(json_get "$OUT" unchanged)" 1
assert_eq "$(json_get "$OUT" skipped)" 1
assert_contains "$ERR" "<stdin>:4: not a JSON object"
assert_eq "$(sql "SELECT name FROM kiva_products WHERE id = 'K1'")" "Red Tee (2026)"

# A header without a name column imports nothing.
printf 'id,title\nK9,x\n' >"$T/bad.csv"
expect_rc 1 "$KIVALS" kiva import "$T/bad.csv"
assert_contains "$ERR" "bad.csv:1: the header has no 'name' column"

# --replace with a bad row removes nothing (the bad row may be a product still sold).
add_ls L1 "Red Tee"
add_ls L4 "Blue Tee"
expect_rc 0 "$KIVALS" link set L1 K1
expect_rc 0 "$KIVALS" link set L4 K4
printf 'id,name\nK1,Red Tee\n,broken\n' >"$T/partial.csv"
expect_rc 3 "$KIVALS" kiva import --replace "$T/partial.csv"
assert_contains "$ERR" "not removing products missing"
assert_eq "$(sql "SELECT count(*) FROM kiva_products")" 4

# --replace with a clean file removes K4, K6, K7 and unlinks L4 with a warning.
printf 'id,name\nK1,Red Tee\n' >"$T/only.csv"
expect_rc 0 "$KIVALS" kiva import --replace "$T/only.csv"
assert_contains "$OUT" "3 removed"
assert_contains "$ERR" "Kiva product K4 is no longer in the catalogue: Lightspeed product L4 is now unlinked"
assert_not_contains "$ERR" "L1"
assert_eq "$(sql "SELECT id FROM kiva_products")" "K1"
assert_eq "$(sql "SELECT lightspeed_id || '>' || kiva_id FROM links")" "L1>K1"
assert_eq "$(sql "SELECT lightspeed_id FROM stock")" "L1" "the dropped link's stock row goes"
expect_rc 1 "$KIVALS" kiva import "$T/missing.csv"
assert_contains "$ERR" "no such file"
pass
