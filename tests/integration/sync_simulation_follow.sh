# The seeded simulation (API 2026-07) with `kivals queue follow` in place of the queue's cron
# runs: one bounded run with follow killed -9 and restarted at seeded points (its steps' and
# its pusher's crash points), cron's pushes and pull-syncs beside it. After quiescence every
# invariant holds.
. "$(dirname "$0")/lib/common.sh"
command -v lighttpd >/dev/null || { echo "SKIP: lighttpd is not installed" >&2; exit 77; }
python3 "$KIVALS_SRC_DIR/tests/sim/simulate.py" --bin "$KIVALS_BIN_DIR" --seed 21 --steps 200 \
    --follow --webhook-versions unrelated >"$T/run" || { cat "$T/run"; fail "simulation with follow"; }
cat "$T/run"
[ "$(sed -n 's/.* \([0-9]*\) kills.*/\1/p' "$T/run")" -gt 0 ] || fail "follow was never killed"
[ "$(sed -n 's/.* \([0-9]*\) webhook events.*/\1/p' "$T/run")" -gt 0 ] || fail "no webhooks"
pass
