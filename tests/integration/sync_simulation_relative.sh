# Seeded simulation (API 2026-07): POS sales, orders, pushes, pull-syncs killed mid-run,
# 5xx, 429 and sales racing every read; after quiescence every invariant holds.
. "$(dirname "$0")/lib/common.sh"
for seed in 11 12; do
    python3 "$KIVALS_SRC_DIR/tests/sim/simulate.py" --bin "$KIVALS_BIN_DIR" --seed "$seed" \
        --steps 100 || fail "simulation seed $seed"
done
pass
