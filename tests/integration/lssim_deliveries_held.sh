# kivals-lssim with hold_deliveries: deliveries wait (without spinning) until released, then
# go one after another in a seeded shuffle; the same seed gives the same order.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"

held_order() { # run one simulator with SEED, sell 8 times while held, release; print the order
    start_lssim --products 30 --seed "$1"
    start_receiver "recv$1"
    pick_product
    api POST /api/2026-07/webhooks "{\"type\":\"inventory.update\",\"url\":\"$RECV_URL/hook\",\"active\":true}"
    assert_eq "$STATUS" 201
    ctl PUT /_sim/faults '{"hold_deliveries":1}'
    assert_eq "$STATUS" 200
    local i
    for i in 1 2 3 4 5 6 7 8; do
        ctl POST /_sim/sale "{\"product_id\":\"$PRODUCT\",\"outlet_id\":\"$OUTLET\",\"quantity\":1}"
    done
    # Held: nothing arrives, and the delivery thread sleeps (a busy loop burns ~100 ticks/s).
    local ticks0 ticks1
    ticks0=$(awk '{print $14 + $15}' "/proc/$LSSIM_PID/stat")
    sleep 1
    ticks1=$(awk '{print $14 + $15}' "/proc/$LSSIM_PID/stat")
    [ $((ticks1 - ticks0)) -lt 30 ] || fail "the simulator spins while deliveries are held ($((ticks1 - ticks0)) ticks in 1 s)"
    assert_eq "$(wc -l <"$RECV_LOG")" 0 "held deliveries went out"
    ctl GET /_sim/deliveries
    assert_eq "$(pyj 'sorted(set(d["state"] for d in j["data"]))')" "['held']"
    ctl POST /_sim/deliveries/release
    assert_eq "$(pyj 'j["released"]')" 8
    quiesce
    assert_eq "$(wc -l <"$RECV_LOG")" 8 "every held delivery arrived once released"
    python3 -c 'import json,sys; print(" ".join(str(json.loads(l)["payload"]["count"]) for l in open(sys.argv[1])))' "$RECV_LOG" >&3
    stop_lssim
}

# Run in this shell (not $(...)), so the simulators stay in the cleanup list.
held_order 4 3>"$T/first"
held_order 4 3>"$T/again"
held_order 5 3>"$T/other"
first=$(cat "$T/first") again=$(cat "$T/again") other=$(cat "$T/other")
assert_eq "$again" "$first" "the same seed releases in the same order"
sorted=$(tr ' ' '\n' <<<"$first" | sort -n | tr '\n' ' ')
[ "$first " != "$sorted" ] || [ "$other " != "$(tr ' ' '\n' <<<"$other" | sort -n | tr '\n' ' ')" ] ||
    fail "releases were not shuffled: $first / $other"
pass
