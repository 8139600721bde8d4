# Pull-sync corrects linked products from Lightspeed; push sends reservations as relative
# adjustments and reads the records back; a POS sale between them is never lost.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
write_config
"$KIVALS" init >/dev/null
start_lssim --products 20 --outlets 2 --seed 7
configure_kivals_for_sim 2026-07
link_sim_products 5
p1=${SIM_IDS[0]}
level1=$(sim_level "$p1")

expect_rc 0 "$KIVALS" pull-sync --full --json
assert_eq "$(json_get "$OUT" seen)" 5
assert_eq "$(json_get "$OUT" first_levels)" 5 "every new link gets its first level"
assert_eq "$(json_get "$OUT" corrected)" 0 "a first level is not a missed webhook"
expect_rc 0 "$KIVALS" stock K1 --json
assert_eq "$(json_get "$OUT" 0.lightspeed_count)" "$level1"
expect_rc 0 "$KIVALS" status --json
assert_eq "$(json_get "$OUT" last_pull_sync_corrected)" 0
[ "$(json_get "$OUT" last_full_sync)" != null ] || fail "last_full_sync not recorded"

# An incremental pull with nothing new corrects nothing.
expect_rc 0 "$KIVALS" pull-sync --json
assert_eq "$(json_get "$OUT" corrected)" 0

# Online order of 3; a POS sale of 1 lands before the push (its webhook is never seen).
expect_rc 0 "$KIVALS" order reserve W1 K1 3
sim_sale "$p1" 1
expect_rc 0 "$KIVALS" push --dry-run --json
assert_eq "$(json_get "$OUT" planned.0.change)" -3
assert_eq "$(json_get "$OUT" planned.0.lightspeed_now)" "$level1"
assert_eq "$(sim_level "$p1")" $((level1 - 1)) "dry run changes nothing"
expect_rc 0 "$KIVALS" push --json
assert_eq "$(json_get "$OUT" pushed)" 1
assert_eq "$(sim_level "$p1")" $((level1 - 4)) "the sale and the order both count"
expect_rc 0 "$KIVALS" stock K1 --json
assert_eq "$(json_get "$OUT" 0.lightspeed_count)" "$((level1 - 4))" "read back after the push"
assert_eq "$(json_get "$OUT" 0.pending_push)" 0
assert_eq "$(json_get "$OUT" 0.available)" "$((level1 - 4))"

# Cancel gives the units back with the "Online return" reason; --json tells the numbers the
# push left (nothing pending), not those from before it.
expect_rc 0 "$KIVALS" order cancel W1 --push --json
assert_eq "$(sim_level "$p1")" $((level1 - 1))
assert_eq "$(json_get "$OUT" lines.0.stock.pending_push)" 0 "after the push that landed"
assert_eq "$(json_get "$OUT" lines.0.stock.lightspeed_count)" $((level1 - 1))
expect_rc 0 "$KIVALS" stock K1 --json
assert_eq "$(json_get "$OUT" 0.pending_push)" 0
api -f GET /api/2026-07/custom_inventory_adjustment_reasons
reasons=$BODY
assert_contains "$reasons" "Online order"
assert_contains "$reasons" "Online return"

# A missed webhook: the next incremental pull corrects it and counts it.
sim_sale "${SIM_IDS[1]}" 2
expect_rc 0 "$KIVALS" pull-sync --json
assert_eq "$(json_get "$OUT" corrected)" 1
expect_rc 0 "$KIVALS" history K2 --json
assert_contains "$OUT" '"source":"pull-sync"'
pass
