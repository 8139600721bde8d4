# kivals-lssim: one global version counter grows on every mutation; a changed record moves
# above the cursor, so `after=<max seen>` is a change feed.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 30
pick_product

api GET "/api/2.0/inventory?page_size=1000"
max=$(pyj 'j["version"]["max"]')
ctl GET /_sim/state
v0=$(json_get "$BODY" version)

ctl POST /_sim/sale "{\"product_id\":\"$PRODUCT\",\"outlet_id\":\"$OUTLET\",\"quantity\":2}"
assert_eq "$STATUS" 200 "sale"
ctl GET /_sim/state
v1=$(json_get "$BODY" version)
[ "$v1" -gt "$v0" ] || fail "a sale must bump the version ($v0 -> $v1)"

api GET "/api/2.0/inventory?after=$max"
assert_eq "$(pyj 'len(j["data"])')" 1 "the change feed holds the one changed record"
assert_eq "$(pyj 'j["data"][0]["product_id"]')" "$PRODUCT"
assert_eq "$(pyj 'j["data"][0]["version"]')" "$v1"
level=$(pyj 'j["data"][0]["inventory_level"]')

api PUT "/api/2.1/products/$PRODUCT" "{\"details\":{\"inventory\":[{\"outlet_id\":\"$OUTLET\",\"current_amount\":42}]}}"
assert_eq "$STATUS" 200 "absolute PUT"
api GET "/api/2.0/products/$PRODUCT/inventory"
row=$(pyj 'json.dumps(next(r for r in j["data"] if r["outlet_id"] == "'"$OUTLET"'"))')
assert_eq "$(json_get "$row" inventory_level)" 42
assert_eq "$(json_get "$row" current_amount)" 42
[ "$(json_get "$row" version)" -gt "$v1" ] || fail "PUT must bump the record's version"
v2=$(json_get "$row" version)

# The same value again changes nothing and keeps the version.
api PUT "/api/2026-07/products/$PRODUCT" "{\"details\":{\"inventory\":[{\"outlet_id\":\"$OUTLET\",\"current_amount\":42}]}}"
assert_eq "$STATUS" 200
api GET "/api/2026-07/inventory/$PRODUCT"
assert_eq "$(pyj 'next(r["version"] for r in j if r["outlet_id"] == "'"$OUTLET"'")')" "$v2" "no-op write keeps the version"
assert_eq "$(pyj 'next(r["current_inventory_level"] for r in j if r["outlet_id"] == "'"$OUTLET"'")')" 42

api PUT "/api/2.1/products/$PRODUCT" '{"details":{"inventory":[{"outlet_id":"nope","current_amount":1}]}}'
assert_eq "$STATUS" 422 "unknown outlet"
api PUT /api/2.1/products/00000000-0000-0000-0000-000000000000 '{"details":{"inventory":[]}}'
assert_eq "$STATUS" 404 "unknown product"

# Products move above the cursor too.
api GET "/api/2.0/products?page_size=1000&deleted=true"
pmax=$(pyj 'j["version"]["max"]')
ctl PUT "/_sim/products/$PRODUCT" '{"name":"Renamed Mug"}'
assert_eq "$STATUS" 200
api GET "/api/2.0/products?after=$pmax"
assert_eq "$(pyj 'j["data"][0]["name"]')" "Renamed Mug"
[ "$level" != "" ] || fail "no level read"
pass
