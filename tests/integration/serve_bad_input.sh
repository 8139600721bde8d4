# The store API refuses bad requests with their documented status and code and changes
# nothing: a missing or wrong store key (401, also after the key is rotated), unknown and
# unlinked products, quantities that are not whole units above zero, bodies over the limit
# (by Content-Length and chunked), malformed or deep JSON, unknown fields, other content
# types, bad line numbers and cursors, unknown paths and methods, a body on a GET.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/serve.sh"
write_config "[serve]" "max_body_bytes = 1024"
expect_rc 0 "$KIVALS" init -q
link_product p1 K1 10 1
sqlite3 "$T/db/kivals.db" "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('K2', 'Unlinked', 'x', 'x')"
start_serve --no-push
sapi POST /v1/orders/A1/lines/1 '{"kiva_id": "K1", "qty": 2}'
assert_eq "$STATUS" 200

# What must not change: every row a request could write.
snapshot() {
    sqlite3 "$T/db/kivals.db" "SELECT 'order_lines', count(*), coalesce(sum(qty), 0) FROM order_lines;
        SELECT 'stock', ls_count, reserved, synced FROM stock;
        SELECT 'ledger', count(*) FROM ledger; SELECT 'feed', count(*) FROM stock_changes;"
}
before=$(snapshot)

# refused STATUS CODE METHOD PATH [BODY]: the request is answered STATUS with error CODE.
refused() {
    local want=$1 code=$2
    shift 2
    sapi "$@"
    assert_eq "$STATUS" "$want" "$* ($BODY)"
    assert_eq "$(pyj 'j["error"]["code"]')" "$code" "$*"
}

# The store key.
sapi_nokey GET /v1/stock/K1
assert_eq "$STATUS" 401
assert_eq "$(pyj 'j["error"]["code"]')" unauthorized
sapi_nokey POST /v1/orders/A9/lines/1 '{"kiva_id": "K1", "qty": 1}'
assert_eq "$STATUS" 401
printf 'not-the-store-key-but-long-enough\n' >"$T/wrong.token"
sapi_key "$T/wrong.token" POST /v1/orders/A9/lines/1 '{"kiva_id": "K1", "qty": 1}'
assert_eq "$STATUS" 401
sapi_key "$T/wrong.token" GET /v1/health
assert_eq "$STATUS" 401
# The Lightspeed token is never the store key.
printf 'lsxs_pt_the-lightspeed-token\n' | "$KIVALS" config set token
cp "$STORE_KEY_FILE" "$T/old.token"
"$KIVALS" config get token >"$T/lightspeed.token"
sapi_key "$T/lightspeed.token" GET /v1/stock/K1
assert_eq "$STATUS" 401 "the Lightspeed token does not open the store API"
# Basic instead of Bearer, and the key with something after it.
python3 "$STORE_API_PY" call "$SERVE_ADDR" --key-file "$STORE_KEY_FILE" --record "$STORE_RECORD" --no-key \
    --header "Authorization: Basic a2l2YWxzOnNlY3JldA==" GET /v1/stock/K1 | head -n 1 | grep -qx 401 ||
    fail "Basic authorization is refused"

# Products.
refused 404 unknown_product POST /v1/orders/A9/lines/1 '{"kiva_id": "NOPE", "qty": 1}'
refused 409 not_linked POST /v1/orders/A9/lines/1 '{"kiva_id": "K2", "qty": 1}'
refused 404 unknown_product GET /v1/stock/NOPE
refused 409 not_linked GET /v1/stock/K2
# Quantities: whole units above zero only.
for qty in 0 -1 1.5 0.001 '"2"' null true '[1]' 1e300 10000001 18446744073709551616; do
    refused 400 invalid_quantity POST /v1/orders/A9/lines/1 "{\"kiva_id\": \"K1\", \"qty\": $qty}"
done
refused 400 invalid_quantity POST /v1/orders/A9/lines/1 '{"kiva_id": "K1"}'
# Bodies.
refused 400 invalid_json POST /v1/orders/A9/lines/1 '{"kiva_id": "K1", "qty": 1'
refused 400 invalid_json POST /v1/orders/A9/lines/1 '[{"kiva_id": "K1", "qty": 1}]'
refused 400 invalid_json POST /v1/orders/A9/lines/1 ''
refused 400 invalid_json POST /v1/orders/A9/lines/1 "{\"kiva_id\": \"K1\", \"qty\": 1, \"x\": $(printf '[%.0s' $(seq 1 200))1$(printf ']%.0s' $(seq 1 200))}"
printf '{"kiva_id": "K\xff", "qty": 1}' >"$T/bad-utf8.json"
sapi POST /v1/orders/A9/lines/1 --body-file "$T/bad-utf8.json"
assert_eq "$STATUS" 400 "invalid UTF-8 in a body"
refused 400 unknown_field POST /v1/orders/A9/lines/1 '{"kiva_id": "K1", "qty": 1, "allow_oversell": true}'
refused 400 unknown_field POST /v1/orders/A1/cancel '{"lines": [1]}'
refused 400 invalid_request POST /v1/orders/A9/lines/1 '{"kiva_id": 7, "qty": 1}'
refused 400 invalid_request POST /v1/orders/A9/lines/1 '{"kiva_id": "", "qty": 1}'
refused 400 invalid_request POST /v1/orders/A1/cancel '{"line": 0}'
refused 400 invalid_request POST /v1/orders/A1/cancel '{"line": "1"}'
python3 -c 'import json; print(json.dumps({"kiva_id": "K1", "qty": 1, "pad": "x" * 2000}))' >"$T/big.json"
refused 413 body_too_large POST /v1/orders/A9/lines/1 --body-file "$T/big.json"
# Chunked, without a Content-Length: the limit holds too, and nothing past it is read.
http_call POST "$SERVE_ADDR/v1/orders/A9/lines/1" \
    -H @<(printf 'Authorization: Bearer %s\n' "$(cat "$STORE_KEY_FILE")") \
    -H 'Content-Type: application/json' -H 'Transfer-Encoding: chunked' --data-binary @- \
    < <(head -c 5000000 /dev/zero | tr '\0' ' ')
assert_eq "$STATUS" 413 "a chunked body over the limit"
assert_contains "$BODY" '"body_too_large"'
refused 415 unsupported_media_type POST /v1/orders/A9/lines/1 '{"kiva_id": "K1", "qty": 1}' --header "Content-Type: text/plain"
# Paths and parameters.
refused 400 invalid_request POST /v1/orders/A9/lines/0 '{"kiva_id": "K1", "qty": 1}'
refused 400 invalid_request POST /v1/orders/A9/lines/x '{"kiva_id": "K1", "qty": 1}'
refused 400 invalid_request POST /v1/orders/A9/lines/99999999999 '{"kiva_id": "K1", "qty": 1}'
refused 400 invalid_request POST "/v1/orders/$(printf 'o%.0s' $(seq 1 200))/lines/1" '{"kiva_id": "K1", "qty": 1}'
refused 400 invalid_request POST /v1/orders/A%01/lines/1 '{"kiva_id": "K1", "qty": 1}'
refused 404 unknown_order POST /v1/orders/A9/cancel
refused 404 unknown_line POST /v1/orders/A1/fulfill '{"line": 2}'
refused 400 invalid_cursor GET "/v1/changes?after=-1"
refused 400 invalid_cursor GET "/v1/changes?after=x"
refused 409 cursor_ahead GET "/v1/changes?after=999999"
refused 400 invalid_request GET "/v1/changes?after=0&wait=61"
refused 400 invalid_request GET "/v1/changes?limit=0"
refused 400 invalid_request GET "/v1/stock?limit=1001"
refused 404 not_found GET /v1/nothing
refused 404 not_found GET /v2/stock
refused 405 method_not_allowed GET /v1/orders/A1/cancel
refused 405 method_not_allowed DELETE /v1/stock/K1
refused 400 invalid_request GET /v1/stock/K1 '{"a": 1}'
# A request line httplib itself refuses still gets the API's error shape.
http_call GET "$SERVE_ADDR/v1/stock/$(head -c 9000 /dev/zero | tr '\0' a)"
case $STATUS in 4*) ;; *) fail "a path of 9000 bytes: $STATUS" ;; esac
assert_contains "$BODY" '"error"'

assert_eq "$(snapshot)" "$before" "no refused request changed anything"

# A rotated key takes effect at once: the old one is refused, the new one taken.
expect_rc 0 "$KIVALS" config rotate-secret store.key
save_store_key
sapi_key "$T/old.token" GET /v1/stock/K1
assert_eq "$STATUS" 401 "the old key after rotation"
sapi GET /v1/stock/K1
assert_eq "$STATUS" 200 "the new key"
expect_rc 2 "$KIVALS" config rotate-secret token
stop_serve
# The service answered every refusal in the documented shape, and said nothing of the keys.
assert_not_contains "$(cat "$SERVE_LOG")" "Bearer"
pass
