# The proof the simulation can fail: the same scenario pushing absolute counts computed from
# the stale local L (no fresh read) loses POS sales, and the invariant check reports it.
. "$(dirname "$0")/lib/common.sh"
python3 "$KIVALS_SRC_DIR/tests/sim/simulate.py" --bin "$KIVALS_BIN_DIR" --seed 11 --steps 120 \
    --unsafe-stale-absolute --expect-violation >"$T/out" || { cat "$T/out"; fail "no loss detected"; }
assert_contains "$(cat "$T/out")" "invariant 2"
pass
