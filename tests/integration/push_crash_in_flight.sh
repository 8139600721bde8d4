# A push killed between Lightspeed's answer and the local commit is not counted twice: the next
# push finds it in Lightspeed's adjustment log (2026-07) or by the record's version (2.0) and
# records it; a push killed before sending is sent again; a 5xx answer (which may follow a
# write that landed) is checked the same way. Crash points make every kill land exactly.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"

stock_field() { # stock_field KIVA_ID FIELD
    json_get "$("$KIVALS" stock "$1" --json)" "0.$2"
}
inflight() { sql "SELECT count(*) FROM push_inflight"; }

for api in 2026-07 2.0; do
    rm -rf "$T/db" "$T/locks"
    write_config
    "$KIVALS" init >/dev/null
    start_lssim --products 10 --outlets 1 --seed 5
    configure_kivals_for_sim "$api"
    link_sim_products 3
    p1=${SIM_IDS[0]}
    expect_rc 0 "$KIVALS" pull-sync --full
    level=$(sim_level "$p1")

    # Killed after Lightspeed took the change, before kivals recorded it.
    expect_rc 0 "$KIVALS" order reserve W1 K1 3
    expect_rc 137 env KIVALS_CRASH_AT=push.sent "$KIVALS" push
    assert_eq "$(sim_level "$p1")" $((level - 3)) "$api: Lightspeed took the -3"
    assert_eq "$(inflight)" 1 "$api: the push is recorded in flight"
    expect_rc 0 "$KIVALS" status --json
    assert_eq "$(json_get "$OUT" pushes_in_flight)" 1
    "$KIVALS" doctor >"$T/doctor.out" || true # other findings (no webhooks) may be problems
    assert_contains "$(cat "$T/doctor.out")" "their answer was lost"
    assert_eq "$(stock_field K1 pending_push)" 3 "$api: nothing recorded locally yet"
    expect_rc 0 "$KIVALS" push --dry-run --json
    assert_eq "$(json_get "$OUT" skipped.0.reason)" "in flight" "$api: dry run names it"
    sim_sale "$p1" 1 # a POS sale before the next push
    expect_rc 0 "$KIVALS" push --json
    assert_eq "$(json_get "$OUT" in_flight.landed)" 1 "$api: found to have landed"
    assert_eq "$(json_get "$OUT" pushed)" 0 "$api: not sent again"
    assert_eq "$(sim_level "$p1")" $((level - 4)) "$api: -3 once, and the sale"
    assert_eq "$(stock_field K1 pending_push)" 0
    assert_eq "$(stock_field K1 lightspeed_count)" "$((level - 4))"
    assert_eq "$(inflight)" 0

    # Killed after recording, before sending: the next push sends it.
    expect_rc 0 "$KIVALS" order reserve W2 K1 2
    expect_rc 137 env KIVALS_CRASH_AT=push.recorded "$KIVALS" push
    assert_eq "$(sim_level "$p1")" $((level - 4)) "$api: nothing sent"
    expect_rc 0 "$KIVALS" push --json
    assert_eq "$(json_get "$OUT" in_flight.not_landed)" 1
    assert_eq "$(json_get "$OUT" pushed)" 1 "$api: sent in the same run"
    assert_eq "$(sim_level "$p1")" $((level - 6))
    assert_eq "$(stock_field K1 lightspeed_count)" "$((level - 6))"

    # With 2026-07, every call answered 500 (a write may have landed before a 500): the
    # adjustment is checked in the log, never retried blind. (With 2.0 the read before the
    # write fails first, so nothing is sent.)
    if [ "$api" = 2026-07 ]; then
        expect_rc 0 "$KIVALS" order cancel W2
        ctl -f POST /_sim/faults '{"error_rate":1}'
        expect_rc 3 "$KIVALS" push
        assert_contains "$ERR" "could not be checked"
        ctl -f POST /_sim/faults '{"error_rate":0}'
        assert_eq "$(sim_level "$p1")" $((level - 6)) "the 500 came before the write"
        expect_rc 0 "$KIVALS" push --json
        assert_eq "$(json_get "$OUT" in_flight.not_landed)" 1
        assert_eq "$(sim_level "$p1")" $((level - 4)) "the return sent once"
        assert_eq "$(stock_field K1 available)" "$((level - 4))" "Lightspeed reflects W1 alone"
        assert_eq "$(stock_field K1 reserved)" 3
    fi
    expect_rc 0 "$KIVALS" history K1 --json
    assert_contains "$OUT" "an earlier push checked" "$api: the ledger says how S was set"
    kill "$LSSIM_PID"
    wait "$LSSIM_PID" 2>/dev/null || true
done
pass
