# A product Lightspeed refuses does not stop the others: the push reports it and exits 3;
# products deleted, composite or untracked locally are never pushed.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
write_config
"$KIVALS" init >/dev/null
start_lssim --products 10 --outlets 1 --seed 3
configure_kivals_for_sim 2026-07
link_sim_products 4
expect_rc 0 "$KIVALS" pull-sync --full
for k in K1 K2 K3 K4; do expect_rc 0 "$KIVALS" order reserve "O-$k" "$k" 1; done
level1=$(sim_level "${SIM_IDS[0]}")
# K2 is deleted in Lightspeed (kivals has not heard yet); K3 is untracked locally.
ctl -f DELETE "/_sim/products/${SIM_IDS[1]}"
sql "UPDATE ls_products SET has_inventory = 0 WHERE id = '${SIM_IDS[2]}'"

expect_rc 0 "$KIVALS" push --dry-run --json
assert_eq "$(json_get "$OUT" skipped.0.kiva_id)" K3
assert_eq "$(json_get "$OUT" skipped.0.reason)" untracked
expect_rc 3 "$KIVALS" push --json
assert_eq "$(json_get "$OUT" pushed)" 2
assert_eq "$(json_get "$OUT" failed.0.kiva_id)" K2
assert_contains "$ERR" "1 of 3 product(s) failed to push"
assert_eq "$(sim_level "${SIM_IDS[0]}")" $((level1 - 1))
expect_rc 0 "$KIVALS" stock K2 --json
assert_eq "$(json_get "$OUT" 0.pending_push)" 1 "a failed push stays pending"
expect_rc 0 "$KIVALS" stock K4 --json
assert_eq "$(json_get "$OUT" 0.pending_push)" 0
pass
