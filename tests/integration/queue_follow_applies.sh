# kivals queue follow applies a delivery soon after the intake took it, alone and with cron's
# `queue process` running beside it every fraction of a second, and pushes a reservation soon
# after it is made; every delivery is taken in once, each event applied once. The bound (10 s)
# only proves "without waiting for cron's minute" on a loaded machine: the latency itself is
# measured by bench/follow_latency.sh. SIGTERM stops it cleanly (exit 0).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/follow.sh"
command -v lighttpd >/dev/null || { echo "SKIP: lighttpd is not installed" >&2; exit 77; }
follow_store --seed 7
p1=${SIM_IDS[0]}

start_bg "$KIVALS" queue follow --rescan 30 2>"$T/stderr-follow.log"
follow=$LAST_PID
sim_sale "$p1" 1
quiesce # the intake answered 2xx: the delivery is in spool/new
within 10 "a delivery applied by follow" k1_is_sim

# Cron beside it: `queue process` as often as it can run, and follow still applies.
(while :; do "$KIVALS" --quiet-if-locked queue process >/dev/null 2>>"$T/stderr-cron.log" || true; sleep 0.1; done) &
_bg_pids+=("$!")
cron=$!
for n in 1 2 3; do
    sim_sale "$p1" 1
    quiesce
    within 10 "delivery $n applied with cron running too" k1_is_sim
done
kill "$cron"
wait "$cron" 2>/dev/null || true
deliveries=$(find "$T/spool/new" -type f | wc -l)
assert_eq "$deliveries" 0 "the spool is empty"
assert_eq "$(sql "SELECT count(*) FROM events WHERE product_id = '$p1' AND status NOT IN ('applied', 'ignored')")" 0 \
    "every delivery ended"
assert_eq "$(sql "SELECT count(*) FROM (SELECT spool_name FROM events GROUP BY spool_name HAVING count(*) > 1)")" 0 \
    "no delivery taken twice"
assert_eq "$(sql "SELECT count(*) FROM event_attempts a JOIN events e ON e.id = a.event_id
                  WHERE e.product_id = '$p1' AND a.outcome = 'applied' GROUP BY e.id HAVING count(*) > 1")" "" \
    "no event applied twice"

# A reservation is pushed by follow's background pusher, not by cron's minute.
before=$(sim_level "$p1")
expect_rc 0 "$KIVALS" order reserve W1 K1 2 --allow-oversell
pushed() { [ "$(sim_level "$p1")" = "$((before - 2))" ]; }
within 10 "a reservation pushed by follow" pushed
assert_eq "$(sql "SELECT reserved = synced FROM stock WHERE lightspeed_id = '$p1'")" 1 "the push is recorded"

kill -TERM "$follow"
rc=0
wait "$follow" || rc=$?
assert_eq "$rc" 0 "follow stops cleanly on SIGTERM"
assert_contains "$(cat "$T/stderr-follow.log")" "kivals queue follow: stopped"
assert_eq "$(sql 'PRAGMA integrity_check')" ok
pass
