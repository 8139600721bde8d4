# kivals-lssim: injected faults are decided by a seeded generator: the same seed and requests
# give the same 5xx/429 sequence and the same dropped/duplicated deliveries; faults can be
# changed at runtime; an injected 429 carries an HTTP-date Retry-After.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"

statuses() { # 20 sequential requests; print their statuses
    local i out=""
    for i in $(seq 1 20); do
        api GET /api/2.0/outlets
        out="$out $STATUS"
    done
    echo "$out"
}

start_lssim --products 5 --seed 7 --error-rate 0.3 --throttle-rate 0.2
a=$(statuses)
stop_lssim
start_lssim --products 5 --seed 7 --error-rate 0.3 --throttle-rate 0.2
b=$(statuses)
assert_eq "$b" "$a" "same seed, same faults"
assert_contains "$a" 500
assert_contains "$a" 429
assert_contains "$a" 200
api GET /api/2.0/outlets
while [ "$STATUS" != 429 ]; do api GET /api/2.0/outlets; done
assert_eq "$(pyj 'j["error"]')" "Too Many Requests"
python3 -c 'import sys; from email.utils import parsedate_to_datetime as p; p(sys.argv[1])' "$(header Retry-After)" ||
    fail "Retry-After is not an HTTP date"
stop_lssim
start_lssim --products 5 --seed 8 --error-rate 0.3 --throttle-rate 0.2
c=$(statuses)
[ "$c" != "$a" ] || fail "another seed should give other faults"

# Runtime control: switch the API faults off.
ctl PUT /_sim/faults '{"error_rate":0,"throttle_rate":0}'
assert_eq "$STATUS" 200
assert_eq "$(statuses | tr ' ' '\n' | sort -u | xargs)" 200
ctl PUT /_sim/faults '{"error_rate":2}'
assert_eq "$STATUS" 400 "a rate above 1 is refused"
ctl PUT /_sim/faults '{"no_such_fault":1}'
assert_eq "$STATUS" 400
stop_lssim

# Delivery faults: the same seed drops and duplicates the same deliveries, and shuffles the
# deliveries held in one reorder window (all 12 sales fall into the first 2.5 s window) alike.
deliveries() {
    start_lssim --products 30 --seed "$1" --drop-rate 0.3 --duplicate-rate 0.3 --reorder-window-ms 2500
    start_receiver "r$RANDOM"
    pick_product
    api POST /api/2026-07/webhooks "{\"type\":\"inventory.update\",\"url\":\"$RECV_URL/h\",\"active\":true}"
    local i
    for i in $(seq 1 12); do ctl POST /_sim/sale "{\"product_id\":\"$PRODUCT\",\"outlet_id\":\"$OUTLET\"}"; done
    quiesce
    ctl GET /_sim/deliveries
    DELIV=$(pyj '" ".join(d["state"] + ("+dup" if d["duplicate"] else "") for d in j["data"])')
    ARRIVED=$(python3 -c 'import json,sys; print(" ".join(str(json.loads(l)["payload"]["count"]) for l in open(sys.argv[1])))' "$RECV_LOG")
    stop_lssim
}
deliveries 11
d1=$DELIV a1=$ARRIVED
deliveries 11
assert_eq "$DELIV" "$d1" "same seed, same drops and duplicates"
assert_eq "$ARRIVED" "$a1" "same seed, same (shuffled) arrival order"
assert_contains "$d1" dropped
assert_contains "$d1" "+dup"
sorted=$(echo "$a1" | tr ' ' '\n' | sort -rn | xargs)
[ "$a1" != "$sorted" ] || fail "the reorder window should shuffle the arrivals"
pass
