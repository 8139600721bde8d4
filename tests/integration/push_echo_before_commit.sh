# The echo of a push cannot be counted twice: while a push stands between Lightspeed's answer
# and its local commit, `queue process` waits for it (the stock gate) instead of applying the
# echo webhook first, which would leave L short by the pushed units at Lightspeed's newest
# version, where no read-back or pull-sync could repair it.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
write_config
"$KIVALS" init >/dev/null
start_lssim --products 10 --outlets 1 --seed 9
configure_kivals_for_sim 2026-07
link_sim_products 2
p1=${SIM_IDS[0]}
expect_rc 0 "$KIVALS" pull-sync --full
level=$(sim_level "$p1")

stopped() { # stopped PID: true once the process stands still (state T)
    [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = T ]
}

expect_rc 0 "$KIVALS" order reserve W1 K1 3
KIVALS_STOP_AT=push.sent "$KIVALS" push >"$T/push.out" 2>"$T/push.stderr" &
push_pid=$!
_bg_pids+=("$push_pid")
for _ in $(seq 1 100); do stopped "$push_pid" && break; sleep 0.05; done
stopped "$push_pid" || fail "the push did not reach push.sent"
assert_eq "$(sim_level "$p1")" $((level - 3)) "Lightspeed took the -3"

# The echo arrives and the queue runs while the push stands still.
ctl -f GET "/_sim/level?product_id=$p1&outlet_id=$SIM_OUTLET"
version=$(json_get "$BODY" version)
assert_eq "$(deliver_inventory "$p1" "$SIM_OUTLET" $((level - 3)) "$version")" 200
"$KIVALS" queue process >"$T/queue.out" 2>"$T/queue.stderr" &
queue_pid=$!
_bg_pids+=("$queue_pid")
sleep 1
kill -0 "$queue_pid" 2>/dev/null || fail "queue process did not wait for the push: $(cat "$T/queue.stderr")"
kill -CONT "$push_pid"
wait "$push_pid" || fail "push failed: $(cat "$T/push.stderr")"
wait "$queue_pid" || fail "queue process failed: $(cat "$T/queue.stderr")"

expect_rc 0 "$KIVALS" stock K1 --json
assert_eq "$(json_get "$OUT" 0.lightspeed_count)" "$((level - 3))" "the -3 counted once"
assert_eq "$(json_get "$OUT" 0.pending_push)" 0
assert_eq "$(json_get "$OUT" 0.version)" "$version"
pass
