# A token the store refuses: one clear line that says to check the token, exit 78, and the
# token never shown. Nothing is retried (a 401 does not pass by itself).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 5 --outlets 1
write_config
expect_rc 0 "$KIVALS" init
"$KIVALS" config set store_url "$LSSIM_URL"
printf 'lsxs_pt_wrongwrongwrongwrongwrong12\n' | "$KIVALS" config set token

expect_rc 78 "$KIVALS" outlet detect
assert_contains "$ERR" "Unable to fetch outlet id"
assert_contains "$ERR" "401"
assert_contains "$ERR" "check the token"
assert_not_contains "$ERR" "wrongwrong" "the token must not be shown"
assert_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "one line on stderr"

expect_rc 78 "$KIVALS" fetch-products
assert_contains "$ERR" "401"
assert_contains "$ERR" "check the token"
ctl -f GET /_sim/requests
assert_eq "$(json_get "$BODY" total)" 2 "a 401 is not retried"
pass
