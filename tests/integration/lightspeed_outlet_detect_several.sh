# With several outlets, `kivals outlet detect` lists them, tells the admin how to choose, stores
# nothing and exits 1.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 5 --outlets 3
write_config
expect_rc 0 "$KIVALS" init
kivals_use_lssim

expect_rc 1 "$KIVALS" outlet detect
assert_contains "$ERR" "kivals config set outlet_id ID"
assert_contains "$OUT" "Main Street"
assert_contains "$OUT" "Shop 2"
assert_contains "$OUT" "Shop 3"
assert_eq "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l)" 3 "one line per outlet"
expect_rc 1 "$KIVALS" config get outlet_id

expect_rc 1 "$KIVALS" outlet detect --json
assert_eq "$(json_get "$OUT" stored)" false
assert_eq "$(json_get "$OUT" outlet_id)" null
second=$(json_get "$OUT" outlets.1.id)

# After choosing, list marks the chosen one.
"$KIVALS" config set outlet_id "$second"
expect_rc 0 "$KIVALS" outlet list --json
assert_eq "$(json_get "$OUT" 1.selected)" true
assert_eq "$(json_get "$OUT" 0.selected)" false
pass
