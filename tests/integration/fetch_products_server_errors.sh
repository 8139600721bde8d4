# 5xx bursts: retried with back-off and the run completes; a burst longer than the retries
# stops cleanly with exit 75 and where it stopped, and a rerun resumes from there.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 60 --outlets 1 --seed 11
write_config
expect_rc 0 "$KIVALS" init
kivals_use_lssim

# Random 500s on a quarter of the requests (seeded): every product still arrives.
ctl -f POST /_sim/faults '{"error_rate":0.25,"seed":11}'
expect_rc 0 "$KIVALS" --debug=http fetch-products --page-size 10 --json
assert_eq "$(json_get "$OUT" new)" 60
assert_eq "$(json_get "$OUT" complete)" true
assert_contains "$ERR" "-> 500"
assert_contains "$ERR" "retry 1 of 3"

# A burst that outlasts the retries: exit 75, saved pages kept, the message says where.
rm -f "$T/db/kivals.db"
expect_rc 0 "$KIVALS" init
kivals_use_lssim
ctl -f POST /_sim/faults '{"error_rate":0}'
expect_rc 0 "$KIVALS" fetch-products --page-size 10 --limit 20
ctl -f POST /_sim/faults '{"error_rate":1}'
expect_rc 75 "$KIVALS" fetch-products --page-size 10
assert_contains "$ERR" "HTTP 500"
assert_contains "$ERR" "gave up after 4 attempts"
assert_contains "$ERR" "resume point after="
assert_eq "$(sql "SELECT count(*) FROM ls_products")" 20

ctl -f POST /_sim/faults '{"error_rate":0}'
expect_rc 0 "$KIVALS" fetch-products --page-size 10 --json
assert_eq "$(json_get "$OUT" new)" 40
assert_eq "$(sql "SELECT count(*) FROM ls_products")" 60
pass
