# A pull-sync killed half-way does not stay "running" in sync_runs forever: the next run
# (which holds the job lock, so the killed one's process is gone) marks it "killed". A run
# that is still going (here: stopped, holding its lock) is left alone.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
write_config
"$KIVALS" init >/dev/null
start_lssim --products 5 --outlets 1 --seed 4
configure_kivals_for_sim 2026-07
link_sim_products 5

KIVALS_CRASH_AT=pull.fetched "$KIVALS" pull-sync --full >/dev/null 2>&1 && fail "the crash point did not kill"
assert_eq "$(sql "SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1")" running
killed=$(sql "SELECT id FROM sync_runs ORDER BY id DESC LIMIT 1")

expect_rc 0 "$KIVALS" pull-sync
assert_eq "$(sql "SELECT status FROM sync_runs WHERE id = $killed")" killed
assert_contains "$(sql "SELECT message FROM sync_runs WHERE id = $killed")" "killed or crashed"
assert_eq "$(sql "SELECT finished_at IS NOT NULL FROM sync_runs WHERE id = $killed")" 1

# A push --all that stands still holds the push lock: its pull is alive and left alone.
KIVALS_STOP_AT=pull.fetched "$KIVALS" push --all >"$T/push.out" 2>"$T/push.stderr" &
push_pid=$!
_bg_pids+=("$push_pid")
for _ in $(seq 1 100); do [ "$(awk '{print $3}' "/proc/$push_pid/stat" 2>/dev/null)" = T ] && break; sleep 0.05; done
alive=$(sql "SELECT id FROM sync_runs ORDER BY id DESC LIMIT 1")
assert_eq "$(sql "SELECT status FROM sync_runs WHERE id = $alive")" running
expect_rc 0 "$KIVALS" pull-sync
assert_eq "$(sql "SELECT status FROM sync_runs WHERE id = $alive")" running "a live run is left alone"
kill -CONT "$push_pid"
wait "$push_pid" || fail "push --all failed: $(cat "$T/push.stderr")"
assert_eq "$(sql "SELECT status FROM sync_runs WHERE id = $alive")" ok
assert_eq "$(sql "SELECT count(*) FROM sync_runs WHERE status = 'running'")" 0
pass
