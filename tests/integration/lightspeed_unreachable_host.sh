# Nothing listens at the store URL: retried a bounded number of times, then one clear line
# and exit 75 (temporary), for outlet detect and fetch-products alike.
. "$(dirname "$0")/lib/common.sh"
write_config
expect_rc 0 "$KIVALS" init
port=$(free_port)
"$KIVALS" config set store_url "http://127.0.0.1:$port"
printf 'lsxs_pt_unreachable0000000000000000\n' | "$KIVALS" config set token

expect_rc 75 "$KIVALS" outlet detect
assert_contains "$ERR" "Unable to fetch outlet id"
assert_contains "$ERR" "could not be reached"
assert_contains "$ERR" "gave up after 4 attempts"
expect_rc 75 "$KIVALS" fetch-products
assert_contains "$ERR" "could not be reached"

# No store URL at all is a configuration error.
"$KIVALS" config unset store_url
expect_rc 78 "$KIVALS" outlet detect
assert_contains "$ERR" "no store URL or token"
pass
