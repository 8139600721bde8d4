# A delivery with an absurd version cannot freeze a product (issue #10, finding 3). An
# inventory.update at version INT64_MAX, count 999, only rings a doorbell (issue #13): the
# read of Lightspeed shows nothing newer and another level, so the event waits to be read
# again and the product is untouched. Where echoes proved the webhook's counter the API's,
# a payload is applied directly, and there the absurd version is refused with a reason. A
# product whose stored version ran ahead anyway (as an older kivals left it) is reported by
# doctor and repaired by Lightspeed's own reads: pull-sync --full and a push's read-back.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
write_config
"$KIVALS" init >/dev/null
start_lssim --products 3 --outlets 1 --seed 7
configure_kivals_for_sim 2026-07
link_sim_products 3
p1=${SIM_IDS[0]}
expect_rc 0 "$KIVALS" pull-sync --full
level=$(sim_level "$p1")
version=$(sql "SELECT ls_version FROM stock WHERE lightspeed_id = '$p1'")
[ "$version" -gt 0 ] || fail "pull-sync read no version"

# The absurd delivery is a doorbell: Lightspeed's read shows nothing newer, so nothing moves.
assert_eq "$(deliver_inventory "$p1" "$SIM_OUTLET" 999 9223372036854775807)" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$(events_of "$p1")" "pending:recheck"
assert_eq "$(stock_of "$p1")" "$level $version" "the product is untouched"
expect_rc 0 "$KIVALS" queue show 1 --json
assert_contains "$(json_get "$OUT" history.0.detail)" "the delivery told 999: read again"
sim_sale "$p1" 1
ctl -f GET "/_sim/level?product_id=$p1&outlet_id=$SIM_OUTLET"
real=$(json_get "$BODY" version)
assert_eq "$(deliver_inventory "$p1" "$SIM_OUTLET" $((level - 1)) "$real")" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$(sql "SELECT ls_count / 1000 FROM stock WHERE lightspeed_id = '$p1'")" $((level - 1))
assert_eq "$(events_of "$p1")" "pending:recheck applied" "the sale's doorbell read it"

# Where the counter is proven one, the payload is applied directly: an absurd one is refused.
webhook_versions_proven_same
version=$(sql "SELECT ls_version FROM stock WHERE lightspeed_id = '$p1'")
assert_eq "$(deliver_inventory "$p1" "$SIM_OUTLET" 999 9223372036854775807)" 200
expect_rc 0 "$KIVALS" queue process
assert_eq "$(events_of "$p1" | awk '{print $NF}')" "ignored:implausible-version"
assert_eq "$(stock_of "$p1")" "$((level - 1)) $version" "the product is untouched"
expect_rc 0 "$KIVALS" queue show 3 --json
assert_contains "$(json_get "$OUT" history.0.detail)" "far beyond the highest"

# A product frozen by an older kivals: doctor names it, pull-sync --full repairs it.
sql "UPDATE stock SET ls_count = 999000, ls_version = 9223372036854775807 WHERE lightspeed_id = '$p1'" >/dev/null
expect_rc 1 "$KIVALS" doctor --json
assert_contains "$OUT" '"id":"versions.ahead","message":"1 linked products carry a version far beyond'
expect_rc 0 "$KIVALS" pull-sync --full --force
level=$(sim_level "$p1")
assert_eq "$(sql "SELECT ls_count / 1000 FROM stock WHERE lightspeed_id = '$p1'")" "$level" "pull-sync repaired L"
[ "$(sql "SELECT ls_version FROM stock WHERE lightspeed_id = '$p1'")" -lt 9223372036854775807 ] ||
    fail "pull-sync left the version ahead"
expect_rc 3 "$KIVALS" doctor --json # degraded: no webhook.base_url in this test
assert_not_contains "$OUT" '"id":"versions.ahead"'

# ... and so does the read-back of a push.
sql "UPDATE stock SET ls_count = 999000, ls_version = 9223372036854775807 WHERE lightspeed_id = '$p1'" >/dev/null
expect_rc 0 "$KIVALS" order reserve W1 K1 2 --allow-oversell
expect_rc 0 "$KIVALS" push
assert_eq "$(sql "SELECT ls_count / 1000 FROM stock WHERE lightspeed_id = '$p1'")" $((level - 2)) \
    "the read-back shows Lightspeed's level"
assert_eq "$(sim_level "$p1")" $((level - 2))
pass
