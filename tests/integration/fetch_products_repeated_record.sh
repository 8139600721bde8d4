# A product changed during the walk comes back in a later page with a newer version: it is
# stored once, with the newer fields (newest version wins), and counted as updated.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 60 --outlets 1
write_config
expect_rc 0 "$KIVALS" init
kivals_use_lssim
api -f GET '/api/2026-07/products?deleted=true&page_size=1'
first=$(json_get "$BODY" data.0.id)
ctl -f DELETE /_sim/requests
ctl -f POST /_sim/faults '{"latency_ms":400}'

"$KIVALS" fetch-products --page-size 10 --json >"$T/fetch.out" 2>"$T/fetch.err" &
fetch_pid=$!
# Once the second page is asked for, the first (holding $first) has been answered.
for _ in $(seq 1 100); do
    ctl -f GET /_sim/requests
    n=$(jfield total) # no python in the loop: the walk must not end before the change
    [ "${n:-0}" -ge 2 ] && break
    sleep 0.05
done
ctl -f PUT "/_sim/products/$first" '{"name":"Changed Mid Walk"}'
wait "$fetch_pid" || fail "fetch-products failed: $(cat "$T/fetch.err")"
OUT=$(cat "$T/fetch.out")

assert_eq "$(json_get "$OUT" fetched)" 61 "60 products, one of them twice"
assert_eq "$(json_get "$OUT" new)" 60
assert_eq "$(json_get "$OUT" updated)" 1
assert_eq "$(sql "SELECT count(*) FROM ls_products")" 60
assert_eq "$(sql "SELECT count(*) FROM ls_products WHERE id = '$first' AND name = 'Changed Mid Walk'")" 1
api -f GET "/api/2026-07/products/$first"
want_version=$(json_get "$BODY" data.version)
assert_eq "$(sql "SELECT count(*) FROM ls_products WHERE id = '$first' AND version = $want_version")" 1
pass
