# The adjustment log's order is not documented (issue #13, point 3): a push killed after
# Lightspeed took it is found in the log whether the log lists the oldest entries first or the
# newest, with more than a page of other entries after the push's cursor. Found, it is not sent
# again (sent again, Lightspeed would end short by its units).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"

# adjust_many PRODUCT N: N stock adjustments of +1 (STOCK_FOUND) on PRODUCT, one request.
adjust_many() {
    api -f POST /api/2026-07/stock_adjustments "$(python3 -c '
import json, sys
p, o, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
print(json.dumps({"stock_adjustments": [{"product_id": p, "outlet_id": o, "quantity": "1",
                                         "reason": "STOCK_FOUND"}] * n}))' "$1" "$SIM_OUTLET" "$2")"
}

for order in ascending descending; do
    flags=()
    [ "$order" = descending ] && flags=(--log-descending)
    fresh_sim_store --products 6 --outlets 1 --seed 4 "${flags[@]}"
    link_sim_products 2
    p1=${SIM_IDS[0]}
    p2=${SIM_IDS[1]}
    expect_rc 0 "$KIVALS" pull-sync --full
    expect_rc 0 "$KIVALS" order reserve W1 K1 3 --allow-oversell
    level=$(sim_level "$p1")
    expect_rc 137 env KIVALS_CRASH_AT=push.sent "$KIVALS" push
    assert_eq "$(sim_level "$p1")" $((level - 3)) "$order: Lightspeed took the -3"
    adjust_many "$p2" 1000 # more than a page of the log (1000) after the push's cursor
    adjust_many "$p2" 500
    expect_rc 0 "$KIVALS" push --json
    assert_eq "$(json_get "$OUT" in_flight.landed)" 1 "$order: found in the log"
    assert_eq "$(json_get "$OUT" pushed)" 0 "$order: not sent again"
    assert_eq "$(sim_level "$p1")" $((level - 3)) "$order: the -3 counted once"
    expect_rc 0 "$KIVALS" stock K1 --json
    assert_eq "$(json_get "$OUT" 0.pending_push)" 0
    stop_lssim
done
pass
