# With exactly one outlet, `kivals outlet detect` stores it as outlet_id and prints it.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 5 --outlets 1
write_config
expect_rc 0 "$KIVALS" init
kivals_use_lssim

api -f GET /api/2026-07/outlets
want=$(json_get "$BODY" data.0.id)
expect_rc 0 "$KIVALS" outlet detect
assert_contains "$OUT" "$want"
assert_contains "$OUT" "saved as outlet_id"
expect_rc 0 "$KIVALS" config get outlet_id
assert_eq "$OUT" "$want"

expect_rc 0 "$KIVALS" outlet detect --json
assert_eq "$(json_get "$OUT" outlet_id)" "$want"
assert_eq "$(json_get "$OUT" stored)" true

# The 2.0 family finds the same outlet.
"$KIVALS" config set api.version 2.0
"$KIVALS" config unset outlet_id
expect_rc 0 "$KIVALS" outlet list --json
assert_eq "$(json_get "$OUT" 0.id)" "$want"
expect_rc 0 "$KIVALS" outlet detect --json
assert_eq "$(json_get "$OUT" outlet_id)" "$want"
assert_not_contains "$(cat "$T/lssim.log")" "$LSSIM_TOKEN" "the token must not be logged"
pass
