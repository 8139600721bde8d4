# fetch-products imports every product row (variants, composites, untracked and deleted ones),
# marks the right ones not linkable, only reads from the store, and a rerun fetches only changes.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 60 --outlets 2
write_config
expect_rc 0 "$KIVALS" init
kivals_use_lssim

# What the store holds, read straight from the simulated API.
api -f GET "/api/2026-07/products?deleted=true&page_size=1000"
printf '%s' "$BODY" >"$T/all.json"
read -r total unlinkable deleted composite variants < <(python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))["data"]
bad = [r for r in rows if not r["has_inventory"] or r["is_composite"] or r["deleted_at"]]
print(len(rows), len(bad), sum(1 for r in rows if r["deleted_at"]),
      sum(1 for r in rows if r["is_composite"]), sum(1 for r in rows if r.get("variant_parent_id")))
' "$T/all.json")
[ "$deleted" -gt 0 ] && [ "$composite" -gt 0 ] && [ "$variants" -gt 0 ] || fail "catalogue lacks a case"
ctl -f DELETE /_sim/requests

expect_rc 0 "$KIVALS" fetch-products --json --page-size 25
assert_eq "$(json_get "$OUT" fetched)" "$total"
assert_eq "$(json_get "$OUT" new)" "$total"
assert_eq "$(json_get "$OUT" skipped)" 0
assert_eq "$(json_get "$OUT" not_linkable)" "$unlinkable"
assert_eq "$(json_get "$OUT" requests)" "$(( (total + 24) / 25 + 1 ))" "pages + the empty last page"
assert_eq "$(sql "SELECT count(*) FROM ls_products")" "$total"
assert_eq "$(sql 'SELECT count(*) FROM ls_products WHERE deleted_at IS NOT NULL')" "$deleted"
assert_eq "$(sql 'SELECT count(*) FROM ls_products WHERE is_composite = 1')" "$composite"
assert_eq "$(sql 'SELECT count(*) FROM ls_products WHERE variant_parent_id IS NOT NULL')" "$variants"
assert_eq "$(sql 'SELECT count(*) FROM ls_products WHERE NOT (has_inventory = 1 AND is_composite = 0 AND deleted_at IS NULL)')" "$unlinkable"
assert_eq "$(sql "SELECT count(*) FROM ls_products WHERE barcode IS NULL OR sku IS NULL")" 0 "sku and barcode imported"

# Reads only: every request was a GET.
ctl -f GET /_sim/requests
reqs=$BODY
assert_eq "$(python3 -c 'import json,sys; e=json.loads(sys.argv[1])["endpoints"]; print(all(k.startswith("GET ") for k in e))' "$reqs")" True

# The status panel counts the linkable ones as unlinked products.
expect_rc 0 "$KIVALS" status --json
assert_eq "$(json_get "$OUT" unlinked_products)" "$(( total - unlinkable ))"

# Nothing changed: a rerun fetches nothing; --full walks everything again and skips it all.
expect_rc 0 "$KIVALS" fetch-products
assert_eq "$OUT" "Fetched 0 products: 0 new, 0 skipped, 0 not linkable"
expect_rc 0 "$KIVALS" fetch-products --full --json
assert_eq "$(json_get "$OUT" new)" 0
assert_eq "$(json_get "$OUT" skipped)" "$total"

# A product changed in the store comes back on the next run and is updated, not duplicated.
id=$(json_get "$(cat "$T/all.json")" data.3.id)
ctl -f PUT "/_sim/products/$id" '{"name":"Renamed In Store"}'
expect_rc 0 "$KIVALS" fetch-products
assert_contains "$OUT" "Fetched 1 products: 0 new, 1 skipped"
assert_contains "$OUT" "1 of the skipped had changed and were updated"
assert_eq "$(sql "SELECT count(*) FROM ls_products WHERE id = '$id' AND name = 'Renamed In Store'")" 1
assert_eq "$(sql "SELECT count(*) FROM ls_products")" "$total"

# --limit stops early; the next run carries on from there.
rm -f "$T/db/kivals.db"
expect_rc 0 "$KIVALS" init
kivals_use_lssim
expect_rc 0 "$KIVALS" fetch-products --limit 7 --json
assert_eq "$(json_get "$OUT" new)" 7
expect_rc 0 "$KIVALS" fetch-products --json
assert_eq "$(json_get "$OUT" new)" "$(( total - 7 ))"
assert_eq "$(sql "SELECT count(*) FROM ls_products")" "$total"
pass
