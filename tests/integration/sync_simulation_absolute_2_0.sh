# Seeded simulation (API 2.0: read, write fresh - pending, read back) with 5xx, 429 and kills:
# after quiescence every invariant holds.
. "$(dirname "$0")/lib/common.sh"
python3 "$KIVALS_SRC_DIR/tests/sim/simulate.py" --bin "$KIVALS_BIN_DIR" --seed 21 --steps 120 \
    --api 2.0 --race 0 || fail "simulation seed 21 (2.0)"
pass
