# Pull-sync stops before moving too many linked products to zero, applies nothing from that
# page, and goes ahead with --force.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
write_config
"$KIVALS" init >/dev/null
start_lssim --products 12 --outlets 1 --seed 5
configure_kivals_for_sim 2026-07
link_sim_products 12
expect_rc 0 "$KIVALS" pull-sync --full
for id in "${SIM_IDS[@]:0:11}"; do
    sim_sale "$id" "$(sim_level "$id")" # sell everything
done
before=$(sql "SELECT sum(ls_count) FROM stock")
expect_rc 1 "$KIVALS" pull-sync
assert_contains "$ERR" "would move 11 of 12 linked products to zero"
assert_contains "$ERR" "--force"
assert_eq "$(sql "SELECT sum(ls_count) FROM stock")" "$before" "nothing applied"
expect_rc 0 "$KIVALS" pull-sync --force --json
assert_eq "$(json_get "$OUT" corrected)" 11
assert_eq "$(sql "SELECT count(*) FROM stock WHERE ls_count = 0")" 11
pass
