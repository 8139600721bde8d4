# kill -9 of `kivals queue follow` at each of its crash points (KIVALS_CRASH_AT, crash_point.hpp):
#   queue.ingested   a step's deliveries committed to `events`, their spool files still there,
#                    nothing applied yet;
#   queue.committed  events applied and committed, the step's spool removals maybe unfinished;
#   push.recorded, push.sent, push.committed   the background pusher mid-push (in flight
#                    recorded; sent, its answer not yet recorded; recorded, not yet read back).
# After each kill a new follow finishes the work: every delivery is in `events` once and ended,
# the spool is empty, Lightspeed Count is Lightspeed's level, a reservation is pushed exactly
# once (Lightspeed's level moved by its quantity, not twice), versions never went backwards.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/follow.sh"
command -v lighttpd >/dev/null || { echo "SKIP: lighttpd is not installed" >&2; exit 77; }
follow_store --seed 9
p1=${SIM_IDS[0]}

# follow_killed_at POINT: start follow to be killed at POINT; wait until it is (at most 20 s).
follow_killed_at() {
    start_bg env KIVALS_CRASH_AT="$1" "$KIVALS" queue follow --rescan 1
    victim=$LAST_PID
}
expect_killed() {
    local rc=0 i
    for i in $(seq 1 400); do
        kill -0 "$victim" 2>/dev/null || break
        sleep 0.05
    done
    wait "$victim" || rc=$?
    assert_eq "$rc" 137 "follow was killed at $1"
}
settled() {
    k1_is_sim && [ "$(find "$T/spool/new" -type f | wc -l)" = 0 ] &&
        [ "$(sql "SELECT count(*) FROM events WHERE status IN ('pending', 'failed')")" = 0 ] &&
        [ "$(sql "SELECT count(*) FROM stock WHERE reserved != synced")" = 0 ] &&
        [ "$(sql "SELECT count(*) FROM push_inflight")" = 0 ]
}
# A new follow (no crash) finishes what the killed one left.
recover() {
    start_bg "$KIVALS" queue follow --rescan 1
    local rescuer=$LAST_PID
    within 20 "follow after a kill at $1 settles" settled
    kill -TERM "$rescuer"
    wait "$rescuer"
}

order=0
for point in queue.ingested:2 queue.committed:2 push.recorded push.sent push.committed; do
    follow_killed_at "$point"
    case "$point" in
    queue.*) # deliveries through the intake until follow dies at its second step
        for n in 1 2 3 4; do
            kill -0 "$victim" 2>/dev/null || break
            sim_sale "$p1" 1
            quiesce
            sleep 0.3
        done ;;
    push.*) # a reservation for the background pusher
        order=$((order + 1))
        before=$(sim_level "$p1")
        expect_rc 0 "$KIVALS" order reserve "W$order" K1 2 --allow-oversell ;;
    esac
    expect_killed "$point"
    recover "$point"
    case "$point" in
    push.*) assert_eq "$(sim_level "$p1")" "$((before - 2))" "$point: the reservation pushed once" ;;
    esac
done

assert_eq "$(sql "SELECT count(*) FROM events")" "$(sql "SELECT count(DISTINCT spool_name) FROM events")" \
    "no delivery taken twice"
assert_eq "$(sql "SELECT count(*) FROM events WHERE status NOT IN ('applied', 'ignored') OR
                  (status = 'ignored' AND reason IS NULL)")" 0 "every event ended with a reason"
assert_eq "$(sql "SELECT count(*) FROM sync_runs WHERE finished_at IS NULL")" 0 "no run left open"
# Versions of a product never went backwards along its ledger.
assert_eq "$(sql "SELECT count(*) FROM ledger l1 JOIN ledger l2 ON l1.lightspeed_id = l2.lightspeed_id
                  AND l1.field = 'v' AND l2.field = 'v' AND l2.id > l1.id AND l2.after <= l1.after")" 0
assert_eq "$(sql 'PRAGMA integrity_check')" ok
pass
