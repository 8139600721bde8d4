# kivals link auto: accepts every suggestion at or above the bar that wins by the margin over
# its next candidate and every other product's claim (exact SKUs and barcodes, clear names);
# --dry-run changes nothing; contested products are left for review. Also checks link
# suggest's CSV and duplicate warnings.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init
add_ls L1 "Plain mug" MUG-1
add_ls L2 "Espresso cup" "" 0012345678905
add_ls L3 "Sony Bravia KDL-40V4100 40in LCD TV"
add_ls L4 "Nikon Coolpix P6000 black"
add_ls L5 "Nikon Coolpix P6000 black camera body"
add_ls L6 "Wool scarf" DUP
add_ls L7 "Wool hat" DUP
cat >"$T/store.csv" <<'CSV'
id,name,sku,barcode
K1,Coffee mug (white),mug-1,
K2,Tiny cup,,12345678905
K3,"Sony BRAVIA 40"" LCD Television KDL40V4100",,
K4,Nikon COOLPIX P6000 13.5MP digital camera black,,
K5,Garden hose 20m,X-1,
K6,Garden hose 30m,x1,
CSV
expect_rc 0 "$KIVALS" kiva import "$T/store.csv"

expect_rc 0 "$KIVALS" link suggest --csv --top 2
assert_eq "$(head -1 <<<"$OUT")" \
    "lightspeed_id,lightspeed_sku,kiva_id,rank,score,reason,assigned,near_identical_to"
assert_contains "$OUT" "L1,MUG-1,K1,1,1.0000,sku,1,"
assert_contains "$OUT" "L2,,K2,1,1.0000,barcode,1,"
assert_eq "$(grep '^L3,' <<<"$OUT" | head -1 | cut -d, -f3,4,6)" "K3,1,name"
assert_contains "$ERR" "warning: Lightspeed sku 'DUP' is on 2 products: L6, L7"
assert_contains "$ERR" "warning: Kiva sku 'X-1' is on 2 products: K5, K6"

expect_rc 0 "$KIVALS" link auto --min-score 0.5 --dry-run --json
assert_eq "$(json_get "$OUT" dry_run)" true
assert_eq "$(sql "SELECT count(*) FROM links")" 0 "dry run must not link"
expect_rc 0 "$KIVALS" link auto --min-score 0.5
assert_contains "$OUT" "contested L4 -> K4"
assert_contains "$OUT" "contested L5 -> K4"
# One summary, borne out by link list: L4 to L7 are left (two contested), and the levels of
# the new links are said once to wait for a connection, without warnings before it.
assert_contains "$OUT" "Linked 3 products; 4 left for review, 2 of them contested (\`kivals link review\`)"
assert_contains "$OUT" "levels read: 0; 3 not read: kivals is not connected to Lightspeed yet"
assert_not_contains "$ERR" "level" "no warnings about levels"
expect_rc 0 "$KIVALS" link list --unlinked --json
assert_eq "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$OUT")" 4
assert_eq "$(sql "SELECT lightspeed_id || '>' || kiva_id FROM links ORDER BY 1" | tr '\n' ' ')" \
    "L1>K1 L2>K2 L3>K3 "
assert_eq "$(sql "SELECT count(*) FROM stock")" 3 "each link has its stock row"

# Once L5 is settled by hand, L4 is no longer contested... but K4 is then taken: nothing to do.
expect_rc 0 "$KIVALS" link set L5 K4
expect_rc 0 "$KIVALS" link auto --min-score 0.5 --json
assert_eq "$(json_get "$OUT" linked)" "[]"
# Without --min-score the default bar holds; a margin outside 0..1 is a usage error.
expect_rc 0 "$KIVALS" link unset L5
expect_rc 0 "$KIVALS" link auto --dry-run --json
assert_contains "$(json_get "$OUT" contested)" '"lightspeed_id": "L5"'
assert_contains "$(json_get "$OUT" contested)" '"why": "claimed"'
expect_rc 2 "$KIVALS" link auto --margin 2
pass
