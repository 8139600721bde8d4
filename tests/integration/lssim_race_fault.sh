# kivals-lssim: the race fault sells one unit of an inventory record just after it has been
# read through the API, so a client's read-then-write window can be shown to lose nothing.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 20 --seed 3
pick_product

api GET "/api/2.0/products/$PRODUCT/inventory"
read_level=$(pyj 'next(r["inventory_level"] for r in j["data"] if r["outlet_id"] == "'"$OUTLET"'")')
ctl GET "/_sim/level?product_id=$PRODUCT&outlet_id=$OUTLET"
assert_eq "$(json_get "$BODY" level)" "$read_level" "no race while the fault is off"

ctl PUT /_sim/faults '{"race_rate":1}'
for path in "/api/2.0/products/$PRODUCT/inventory" "/api/2026-07/inventory/$PRODUCT"; do
    api GET "$path"
    seen=$(pyj 'next(r.get("inventory_level", r.get("current_inventory_level")) for r in (j["data"] if isinstance(j, dict) else j) if r["outlet_id"] == "'"$OUTLET"'")')
    sleep 0.2
    ctl GET "/_sim/level?product_id=$PRODUCT&outlet_id=$OUTLET"
    assert_eq "$(json_get "$BODY" level)" "$((seen - 1))" "a sale lands right after the read of $path"
done

# The sale is a real change: it bumps the version, so a cursor walk sees it.
api GET "/api/2.0/inventory?page_size=1000"
ctl PUT /_sim/faults '{"race_rate":0}'
ctl GET /_sim/state
sales=$(json_get "$BODY" sales)
[ "$sales" -ge 40 ] || fail "a full read with race_rate 1 sells on every record ($sales)"
pass
