# A stock adjustment batch refused for one of its items is settled like an unanswered one,
# from the adjustment log, before anything is resent (issue #13, point 2): nothing documents
# that a batch is atomic. Whether Lightspeed refuses the batch whole (atomic) or still applies
# its valid items (--partial-batches), every valid item is taken exactly once, the refused
# product stays pending, and the run exits 3.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"

for batches in atomic partial; do
    flags=()
    [ "$batches" = partial ] && flags=(--partial-batches)
    fresh_sim_store --products 10 --outlets 1 --seed 3 "${flags[@]}"
    link_sim_products 3
    expect_rc 0 "$KIVALS" pull-sync --full
    for k in K1 K2 K3; do expect_rc 0 "$KIVALS" order reserve "O-$k" "$k" 1 --allow-oversell; done
    level1=$(sim_level "${SIM_IDS[0]}")
    level3=$(sim_level "${SIM_IDS[2]}")
    ctl -f DELETE "/_sim/products/${SIM_IDS[1]}" # K2's item makes Lightspeed refuse the batch

    expect_rc 3 "$KIVALS" push --json
    assert_eq "$(json_get "$OUT" pushed)" 2 "$batches: K1 and K3 pushed"
    assert_eq "$(json_get "$OUT" failed.0.kiva_id)" K2
    assert_eq "$(sim_level "${SIM_IDS[0]}")" $((level1 - 1)) "$batches: K1 taken once"
    assert_eq "$(sim_level "${SIM_IDS[2]}")" $((level3 - 1)) "$batches: K3 taken once"
    assert_eq "$(sql "SELECT count(*) FROM push_inflight")" 0
    for k in K1 K3; do
        expect_rc 0 "$KIVALS" stock "$k" --json
        assert_eq "$(json_get "$OUT" 0.pending_push)" 0 "$batches: $k settled"
    done
    expect_rc 0 "$KIVALS" stock K2 --json
    assert_eq "$(json_get "$OUT" 0.pending_push)" 1 "$batches: the refused product stays pending"
    stop_lssim
done
pass
