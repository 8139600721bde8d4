# kivals-lssim: webhook CRUD under /api/2.0 and /api/2026-07 (one shared list): 201 on create,
# 409 with the documented body on a duplicate type+url, 404 for unknown ids, PUT needs all fields.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 5

for fam in 2.0 2026-07; do
    base=/api/$fam/webhooks
    body="{\"type\":\"inventory.update\",\"url\":\"http://127.0.0.1:9/$fam?type=inventory.update\",\"active\":true}"
    api POST $base "$body"
    assert_eq "$STATUS" 201 "$fam create"
    id=$(pyj 'j["data"]["id"]')
    assert_eq "$(pyj 'j["data"]["type"]')" inventory.update
    assert_eq "$(pyj 'j["data"]["active"]')" True
    api POST $base "$body"
    assert_eq "$STATUS" 409 "$fam duplicate"
    assert_eq "$(pyj 'j["error"]')" "A webhook with this type and URL already exists."
    api POST $base "{\"type\":\"product.update\",\"url\":\"http://127.0.0.1:9/$fam?type=inventory.update\",\"active\":true}"
    assert_eq "$STATUS" 201 "$fam same url, other type"
    other=$(pyj 'j["data"]["id"]')

    api GET "$base/$id"
    assert_eq "$STATUS" 200
    assert_eq "$(pyj 'j["data"]["id"]')" "$id"
    api PUT "$base/$id" '{"active":false}'
    assert_eq "$STATUS" 400 "$fam PUT needs type, url and active"
    api PUT "$base/$id" "{\"type\":\"inventory.update\",\"url\":\"http://127.0.0.1:9/$fam?type=inventory.update\",\"active\":false}"
    assert_eq "$STATUS" 200 "$fam toggle"
    assert_eq "$(pyj 'j["data"]["active"]')" False
    api PUT "$base/$other" "{\"type\":\"inventory.update\",\"url\":\"http://127.0.0.1:9/$fam?type=inventory.update\",\"active\":true}"
    assert_eq "$STATUS" 409 "$fam PUT onto a duplicate"
    api POST $base '{"type":"stock.update","url":"http://127.0.0.1:9/x","active":true}'
    assert_eq "$STATUS" 422 "$fam unknown type"
    api DELETE "$base/$id"
    assert_eq "$STATUS" 200 "$fam delete"
    api GET "$base/$id"
    assert_eq "$STATUS" 404
    assert_contains "$(pyj 'j["error"]')" "not found"
    api PUT "$base/$id" "$body"
    assert_eq "$STATUS" 404
    api DELETE "$base/$id"
    assert_eq "$STATUS" 404
done

# One list behind both families.
api GET /api/2.0/webhooks
assert_eq "$(pyj 'len(j["data"])')" 2
api GET /api/2026-07/webhooks
assert_eq "$(pyj 'sorted(h["url"].split("/")[3] for h in j["data"])')" "['2.0?type=inventory.update', '2026-07?type=inventory.update']"
assert_eq "$(pyj 'sorted(j.keys())')" "['data']" "no version envelope on the webhook list"
pass
