# kivals-lssim: the seeded catalogue is realistic and reproducible; /_sim/products/load adds a
# benchmark's own catalogue; create/update/delete through /_sim fire product.update.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 50 --seed 9
api GET "/api/2.0/products?page_size=1000&deleted=true"
first=$BODY
python3 - "$BODY" <<'PY' || fail "the catalogue is not realistic"
import json, sys
rows = json.loads(sys.argv[1])["data"]
ids = {p["id"] for p in rows}
parents = [p for p in rows if p["has_variants"]]
variants = [p for p in rows if p["variant_parent_id"]]
assert parents and variants and all(v["variant_parent_id"] in ids for v in variants)
assert all(v["variant_name"] and v["name"] for v in variants)
assert any(p["is_composite"] and p["composite_bom"] for p in rows)
assert any(not p["has_inventory"] for p in rows)
assert any(p["deleted_at"] for p in rows)
codes = [c for p in rows for c in p["product_codes"]]
assert codes and all(c["type"] == "EAN" and len(c["code"]) == 13 for c in codes)
skus = [p["sku"] for p in rows]
assert len(set(skus)) == len(skus)
PY
stop_lssim
start_lssim --products 50 --seed 9
api GET "/api/2.0/products?page_size=1000&deleted=true"
strip() { python3 -c 'import json,sys; print(json.dumps([(p["id"], p["sku"], p["name"], p["version"]) for p in json.loads(sys.argv[1])["data"]]))' "$1"; }
assert_eq "$(strip "$BODY")" "$(strip "$first")" "same seed, same catalogue"

start_receiver recv
api POST /api/2.0/webhooks "{\"type\":\"product.update\",\"url\":\"$RECV_URL/p\",\"active\":true}"
printf '%s\n' '{"name":"Bench A","sku":"B-1"}' '{"id":"0a0a0a0a-0000-4000-8000-000000000001","name":"Bench B","sku":"B-2","level":7}' '' \
    >"$T/load.jsonl"
ctl POST /_sim/products/load "$(cat "$T/load.jsonl")"
assert_eq "$STATUS" 200
assert_eq "$(json_get "$BODY" loaded)" 2
api GET "/api/2.0/products?sku=B-2"
assert_eq "$(pyj 'j["data"][0]["id"]')" 0a0a0a0a-0000-4000-8000-000000000001
api GET /api/2.0/products/0a0a0a0a-0000-4000-8000-000000000001/inventory
assert_eq "$(pyj 'sorted({r["inventory_level"] for r in j["data"]})')" "[7]"
ctl POST "/_sim/products/load?replace=1" '{"name":"Only","sku":"O-1"}'
assert_eq "$(json_get "$BODY" products)" 1 "replace drops the seeded catalogue"
ctl POST /_sim/products/load 'not json'
assert_eq "$STATUS" 400

ctl POST /_sim/products '{"name":"Fresh","sku":"F-1"}'
assert_eq "$STATUS" 201
id=$(json_get "$BODY" id)
ctl PUT "/_sim/products/$id" '{"sku":"F-2","active":false}'
assert_eq "$STATUS" 200
ctl DELETE "/_sim/products/$id"
assert_eq "$STATUS" 200
quiesce
assert_eq "$(wc -l <"$RECV_LOG")" 3 "create, update and delete each fire product.update"
last=$(tail -n 1 "$RECV_LOG")
assert_eq "$(json_get "$last" payload.sku)" F-2
[ "$(json_get "$last" payload.deleted_at)" != null ] || fail "the delete's payload has deleted_at"
api GET "/api/2.0/products/$id"
[ "$(pyj 'j["data"]["deleted_at"]')" != None ] || fail "deleted_at not set"
pass
