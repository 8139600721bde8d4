# A 429 with an HTTP-date Retry-After is waited out (never retried early) and the run
# completes; the waits show in the http log.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 50 --outlets 1 --rate-limit 3 --rate-window-s 2
write_config
expect_rc 0 "$KIVALS" init
kivals_use_lssim

start=$(date +%s%N)
expect_rc 0 "$KIVALS" --debug=http fetch-products --page-size 10 --json
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
total=$(json_get "$OUT" fetched)
assert_eq "$total" 50
assert_eq "$(sql "SELECT count(*) FROM ls_products")" 50
throttled=$(printf '%s\n' "$ERR" | grep -c -- '-> 429' || true)
[ "$throttled" -ge 1 ] || fail "expected at least one 429 (got none)"
assert_contains "$ERR" "(Retry-After)"
# 6 pages at 3 per 2 s window: an honoured Retry-After costs one 429 per window crossed;
# retrying early would pile up 429s (and exhaust the 3 retries).
[ "$throttled" -le 3 ] || fail "too many 429s ($throttled): Retry-After not honoured"
[ "$elapsed_ms" -ge 1000 ] || fail "finished in ${elapsed_ms} ms: did not wait for Retry-After"
assert_eq "$(json_get "$OUT" requests)" "$(( 6 + throttled ))"
assert_not_contains "$ERR" "$LSSIM_TOKEN" "the token must not be logged"
pass
