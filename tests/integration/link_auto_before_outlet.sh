# The README's order gone wrong: `link auto` before `outlet detect`. The links are made, and
# one summary says how many, how many are left for review (what `link list --unlinked`
# shows) and that the levels wait for an outlet: no warning per product, no note that
# contradicts it. After `outlet detect`, the first full pull reads them as first levels.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/lssim.sh"
write_config
"$KIVALS" init >/dev/null
start_lssim --products 60 --outlets 1 --seed 4
kivals_use_lssim
expect_rc 0 "$KIVALS" fetch-products
# The store sells half of the linkable products, under the same SKUs.
sql "SELECT id || ',' || name || ',' || sku FROM ls_products WHERE has_inventory = 1 AND is_composite = 0
          AND deleted_at IS NULL AND variant_parent_id IS NULL AND sku IS NOT NULL AND sku != '' ORDER BY id" |
    awk 'NR % 2 == 1 { print "K" NR "," $0 }' | cut -d, -f1,3,4 | sed '1i id,name,sku' >"$T/store.csv"
expect_rc 0 "$KIVALS" kiva import "$T/store.csv"
expect_rc 0 "$KIVALS" link auto --min-score 1
summary=$(tail -n 1 <<<"$OUT")
assert_not_contains "$ERR" "warning: linked"
assert_not_contains "$ERR" "note:"
linked=$(sql "SELECT count(*) FROM links")
[ "$linked" -gt 0 ] || fail "nothing linked"
expect_rc 0 "$KIVALS" link list --unlinked --json
left=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$OUT")
assert_contains "$summary" "Linked $linked products; $left left for review"
assert_contains "$summary" "levels read: 0; $linked not read: no outlet is chosen (run \`kivals outlet detect\`)"
expect_rc 0 "$KIVALS" link auto --min-score 1 --dry-run
assert_contains "$OUT" "Would link 0 products; $left left for review"
expect_rc 0 "$KIVALS" outlet detect
expect_rc 0 "$KIVALS" pull-sync --full --json
assert_eq "$(json_get "$OUT" first_levels)" "$linked" "the first pull reads every level"
assert_eq "$(json_get "$OUT" corrected)" 0 "and calls none of them a missed webhook"
pass
