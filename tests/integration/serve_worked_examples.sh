# The merchant documentation's three examples (../shared/kiva/lightspeed-pos-integration.txt:
# POS sale, online order, order cancelled), as the store sees them through the store API over
# a real TCP socket: the sale arrives by webhook (simulator -> lighttpd -> kivals-webhook ->
# queue process) and wakes the store's long-poll on GET /v1/changes; the order and its
# cancellation are made over HTTP and reach Lightspeed within 5 s without the store waiting;
# the late echoes change nothing. `kivals stock --changes-since` prints the same feed.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/serve.sh"
write_config
expect_rc 0 "$KIVALS" init -q
start_lssim --products 5 --outlets 1 --seed 3 --delivery-delay-ms 0
configure_kivals_for_sim 2026-07
# The documentation's product: Lightspeed Count 40 and Reserved 5, so Lightspeed starts at 45
# before kivals pushes those 5.
ctl -f POST /_sim/products '{"id": "balm-1", "name": "Lip balm", "sku": "LB-1", "level": 45}'
expect_rc 0 "$KIVALS" fetch-products
sqlite3 "$T/db/kivals.db" "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('K1', 'Lip balm', 'x', 'x')"
expect_rc 0 "$KIVALS" link set balm-1 K1
start_lighttpd cgi
expect_rc 0 "$KIVALS" config set webhook.base_url "$WEB_URL"
expect_rc 0 "$KIVALS" webhooks create
start_serve

# Apply the deliveries that arrived (cron's `kivals queue process`, run by hand here).
apply_webhooks() {
    quiesce
    expect_rc 0 "$KIVALS" queue process
}
# Wait until Lightspeed's level is $1, at most 5 s after the answer; print how long it took.
lightspeed_reaches() {
    local start=$1 want=$2 now
    while :; do
        [ "$(sim_level balm-1)" = "$want" ] && break
        now=$(date +%s%N)
        [ $(((now - start) / 1000000)) -lt 5000 ] || fail "Lightspeed is not at $want 5 s after the answer"
        sleep 0.1
    done
    echo $((($(date +%s%N) - start) / 1000000))
}
numbers() { # "lightspeed_count in_stock reserved available" of the last answer's product
    pyj "' '.join(str($1[k]) for k in ('lightspeed_count', 'in_stock', 'reserved', 'available'))"
}

# Before the examples: an earlier online order holds 5, and Lightspeed already reflects them.
sapi POST /v1/orders/PRE/lines/1 '{"kiva_id": "K1", "qty": 5}'
assert_eq "$STATUS" 200
lightspeed_reaches "$(date +%s%N)" 40 >/dev/null
apply_webhooks # the push's echo: known, ignored
sapi GET /v1/stock/K1
assert_eq "$(numbers j)" "40 45 5 40" "starting: Lightspeed Count 40, In Stock 45, Reserved 5"
sapi GET /v1/stock
cursor=$(pyj 'j["cursor"]')

# POS Sale: someone buys 1 at the register; the store is long-polling the feed.
python3 "$STORE_API_PY" wait-change "$SERVE_ADDR" --key-file "$STORE_KEY_FILE" \
    --record "$STORE_RECORD" --after "$cursor" --wait 30 >"$T/poll.json" &
poll=$!
sleep 0.3
sim_sale balm-1 1
apply_webhooks
wait $poll || fail "the long-poll failed"
BODY=$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["answer"]))' "$T/poll.json")
assert_eq "$(pyj 'len(j["changes"])')" 1 "the sale is one change"
assert_eq "$(numbers 'j["changes"][0]')" "39 44 5 39" "Lightspeed Count 39, In Stock 44, Available 39"
assert_eq "$(pyj 'j["changes"][0]["source"]')" webhook
waited=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$T/poll.json")
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 25 else 1)" "$waited" || fail "the long-poll did not wake on the sale"
cursor=$(pyj 'j["cursor"]')

# Online Order: the customer orders 3; Reserved 5 -> 8, Available 36; Lightspeed gets 36.
start=$(date +%s%N)
sapi POST /v1/orders/W1/lines/1 '{"kiva_id": "K1", "qty": 3}'
assert_eq "$STATUS" 200
assert_eq "$(numbers 'j["lines"][0]["stock"]')" "39 44 8 36" "Reserved 8, Available 36, pending"
assert_eq "$(pyj 'j["lines"][0]["stock"]["pending_push"]')" 3
ms=$(lightspeed_reaches "$start" 36)
echo "online order reached Lightspeed in $ms ms"
sapi GET /v1/stock/K1
assert_eq "$(numbers j)" "36 44 8 36" "Lightspeed Count 36 after the push"

# Order Cancelled: Reserved 8 -> 5, Available 39; Lightspeed gets the 3 back.
start=$(date +%s%N)
sapi POST /v1/orders/W1/cancel
assert_eq "$STATUS" 200
assert_eq "$(numbers 'j["lines"][0]["stock"]')" "36 44 5 39"
ms=$(lightspeed_reaches "$start" 39)
echo "cancellation reached Lightspeed in $ms ms"

# Loop prevention: the pushes' echoes arrive late and are ignored.
apply_webhooks
sapi GET "/v1/changes?after=$cursor"
assert_eq "$(pyj '[(c["source"], c["lightspeed_count"], c["in_stock"], c["reserved"], c["available"]) for c in j["changes"]]')" \
    "[('order', 39, 44, 8, 36), ('push', 36, 44, 8, 36), ('order', 36, 44, 5, 39), ('push', 39, 44, 5, 39)]" \
    "the store saw the order, its push, the cancellation, its push, and nothing from the echoes"
assert_eq "$(pyj 'j["more"]')" False
api_changes=$BODY
last=$(pyj 'j["cursor"]')
sapi GET "/v1/changes?after=$last&wait=1"
assert_eq "$(pyj 'j["changes"]')" "[]" "nothing more"
assert_eq "$(pyj 'j["cursor"]')" "$last" "an empty page keeps the cursor"

# The CLI prints the same feed.
expect_rc 0 "$KIVALS" stock --changes-since "$cursor" --json
assert_eq "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1]) == json.loads(sys.argv[2]))' "$OUT" "$api_changes")" True \
    "stock --changes-since prints what GET /v1/changes answers"
validate_cli changes
sapi GET /v1/health
assert_eq "$(pyj 'j["pending_pushes"]')" 0
assert_eq "$(pyj 'j["background_push"]["last_error"]')" None
stop_serve
pass
