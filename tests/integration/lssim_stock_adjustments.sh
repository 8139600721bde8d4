# kivals-lssim: POST /api/2026-07/stock_adjustments applies the reason sign rules (422 on a
# violation), answers 201 {data:[...]}, and is all or nothing; custom reasons are unique (409).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 30
pick_product

api POST /api/2026-07/custom_inventory_adjustment_reasons '{"name":"Online sale","enabled":true,"type":"NEGATIVE"}'
assert_eq "$STATUS" 200 "create reason"
neg=$(pyj 'j["data"]["id"]')
api POST /api/2026-07/custom_inventory_adjustment_reasons '{"name":"Online sale","enabled":true,"type":"NEGATIVE"}'
assert_eq "$STATUS" 409 "duplicate reason name"
api POST /api/2026-07/custom_inventory_adjustment_reasons '{"name":"Online return","enabled":true,"type":"POSITIVE"}'
pos=$(pyj 'j["data"]["id"]')
api GET /api/2026-07/custom_inventory_adjustment_reasons
assert_eq "$(pyj 'len(j["data"])')" 2
# The list pages by version like every other: after the last one comes an empty page.
api GET "/api/2026-07/custom_inventory_adjustment_reasons?after=$(pyj 'j["version"]["max"]')&page_size=100"
assert_eq "$BODY" '{"data":[],"version":{"max":null,"min":null}}'

level() {
    ctl GET "/_sim/level?product_id=$PRODUCT&outlet_id=$OUTLET"
    jfield level
}
item() { # quantity reason [custom id]
    local extra=""
    [ -n "${3:-}" ] && extra=",\"custom_inventory_adjustment_reason_id\":\"$3\""
    printf '{"product_id":"%s","outlet_id":"%s","quantity":"%s","reason":"%s"%s}' \
        "$PRODUCT" "$OUTLET" "$1" "$2" "$extra"
}

# quantity reason custom-id expected-status
while read -r qty reason custom want; do
    [ "$custom" = neg ] && custom=$neg
    [ "$custom" = pos ] && custom=$pos
    [ "$custom" = - ] && custom=""
    before=$(level)
    api POST /api/2026-07/stock_adjustments "{\"stock_adjustments\":[$(item "$qty" "$reason" "$custom")]}"
    assert_eq "$STATUS" "$want" "$qty $reason $custom"
    after=$(level)
    if [ "$want" = 201 ]; then
        assert_eq "$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" "$qty" "level moves by the quantity"
        assert_contains "$BODY" "\"quantity\":\"$qty\"" "quantity echoed as a string"
        assert_contains "$BODY" '"version":'
    else
        assert_eq "$after" "$before" "a refused adjustment changes nothing"
    fi
done <<'TABLE'
-1 DAMAGE - 201
1 DAMAGE - 422
-2 THEFT - 201
3 STOCK_FOUND - 201
-3 STOCK_FOUND - 422
2 SAMPLE_FOR_SALE - 201
0 DONATION - 422
-4 CUSTOM neg 201
4 CUSTOM neg 422
5 CUSTOM pos 201
-5 CUSTOM pos 422
-1 CUSTOM - 422
-1 DAMAGE neg 422
-1 CUSTOM 00000000-0000-0000-0000-000000000000 422
-1 NOT_A_REASON - 422
1.5 STOCK_FOUND - 201
abc STOCK_FOUND - 400
TABLE

# All or nothing: one bad item refuses the whole batch.
before=$(level)
api POST /api/2026-07/stock_adjustments "{\"stock_adjustments\":[$(item -1 DAMAGE),$(item 1 DAMAGE)]}"
assert_eq "$STATUS" 422
assert_contains "$(pyj 'j["message"]')" "stock_adjustments[1]"
assert_eq "$(level)" "$before" "nothing applied from a refused batch"

# Two items on one row both apply, in order.
api POST /api/2026-07/stock_adjustments "{\"stock_adjustments\":[$(item -1 DAMAGE),$(item 3 STOCK_FOUND)]}"
assert_eq "$STATUS" 201
assert_eq "$(pyj 'len(j["data"])')" 2
assert_eq "$(level)" "$(awk -v b="$before" 'BEGIN { print b + 2 }')"

# Shape errors are 400: no items, more than 1000, a number instead of a string, extra fields.
api POST /api/2026-07/stock_adjustments '{"stock_adjustments":[]}'
assert_eq "$STATUS" 400 "empty batch"
big=$(python3 -c "import sys; print('{\"stock_adjustments\":[' + ','.join([sys.argv[1]]*1001) + ']}')" "$(item -1 DAMAGE)")
api POST /api/2026-07/stock_adjustments "$big"
assert_eq "$STATUS" 400 "1001 items"
api POST /api/2026-07/stock_adjustments "{\"stock_adjustments\":[{\"product_id\":\"$PRODUCT\",\"outlet_id\":\"$OUTLET\",\"quantity\":-1,\"reason\":\"DAMAGE\"}]}"
assert_eq "$STATUS" 400 "numeric quantity"
api POST /api/2026-07/stock_adjustments "{\"stock_adjustments\":[$(item -1 DAMAGE)],\"extra\":1}"
assert_eq "$STATUS" 400 "additional property"
pass
