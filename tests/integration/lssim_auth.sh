# kivals-lssim: /api needs the bearer token (401 with an error body otherwise); /_sim does not;
# every JSON answer carries the rate limit headers; a missing token stops the start (exit 2).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"

expect_rc 2 "$LSSIM" --port 0
assert_contains "$ERR" "token"
expect_rc 2 "$LSSIM" --port 0 --token x --host 0.0.0.0
assert_contains "$ERR" "loopback"

start_lssim --products 10
http_call GET "$LSSIM_URL/api/2.0/outlets"
assert_eq "$STATUS" 401 "no token"
assert_eq "$(json_get "$BODY" error)" "Access token is not valid"
http_call GET "$LSSIM_URL/api/2026-07/products" -H 'Authorization: Bearer wrong'
assert_eq "$STATUS" 401 "wrong token"
printf 'Authorization: %s\n' "$(cat "$LSSIM_TOKEN_FILE")" >"$T/no-scheme.auth" # keeps it out of argv
http_call GET "$LSSIM_URL/api/2.0/outlets" -H @"$T/no-scheme.auth"
assert_eq "$STATUS" 401 "token without the Bearer scheme"

for path in /api/2.0/outlets /api/2.0/retailer /api/2.0/products /api/2.0/inventory \
            /api/2026-07/outlets /api/2026-07/products /api/2026-07/webhooks; do
    api GET "$path"
    assert_eq "$STATUS" 200 "GET $path"
    [ -n "$(header X-RateLimit-Limit)" ] || fail "no X-RateLimit-Limit on $path"
    [ -n "$(header X-RateLimit-Remaining)" ] || fail "no X-RateLimit-Remaining on $path"
    assert_contains "$(header Content-Type)" "application/json"
done
assert_eq "$(header X-RateLimit-Limit)" 350 "one register gives 300 + 50"

api GET /api/2.0/products/00000000-0000-0000-0000-000000000000
assert_eq "$STATUS" 404
assert_contains "$BODY" '"error"'
api GET /api/2.0/no_such_thing
assert_eq "$STATUS" 404

ctl GET /_sim/state
assert_eq "$STATUS" 200 "control endpoints need no token"
assert_eq "$(json_get "$BODY" products)" 10
assert_not_contains "$(cat "$T"/lssim*.log)" "$LSSIM_TOKEN" "token printed"
pass
