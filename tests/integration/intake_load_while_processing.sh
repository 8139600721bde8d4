# 2,000 distinct deliveries from 50 parallel clients through lighttpd (FastCGI) while
# `queue process` runs again and again: every one answered 2xx and in the queue exactly once.
# Latency figures are printed, not asserted (see bench/intake_throughput.sh).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
write_config
expect_rc 0 "$KIVALS" init -q
expect_rc 0 "$KIVALS" config set outlet_id o1
count=${KIVALS_LOAD_COUNT:-2000}
WEB_FCGI_PROCS=4 start_lighttpd fastcgi
( while [ ! -f "$T/stop" ]; do "$KIVALS" queue process 2>>"$T/qp.err" || true; done ) &
processor=$!
python3 "$(dirname "$0")/lib/deliver.py" --url "$WEB_URL" --secret-file "$T/etc/webhook.secret" \
    --count "$count" --concurrency 50 --acked "$T/acked" >"$T/figures"
touch "$T/stop"
wait "$processor"
echo "figures: $(cat "$T/figures")"
assert_eq "$(json_get "$(cat "$T/figures")" ok)" "$count" "every delivery answered 2xx"
assert_eq "$(json_get "$(cat "$T/figures")" errors)" 0
expect_rc 0 "$KIVALS" queue process
assert_eq "$(sql "SELECT count(*) FROM events")" "$count" "each delivery in the queue once"
assert_eq "$(sql "SELECT count(DISTINCT version) FROM events")" "$count"
# Concurrent runs either ran or exited 75 at once; nothing else went wrong.
! grep -v "is running" "$T/qp.err" | grep -q . || fail "queue process failed: $(head -3 "$T/qp.err")"
pass
