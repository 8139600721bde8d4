# Seeded simulation with API 2.0 (read, write fresh - pending, read back): the same steps and
# faults as the 2026-07 run, webhooks and kills included; every invariant holds.
. "$(dirname "$0")/lib/common.sh"
command -v lighttpd >/dev/null || { echo "SKIP: lighttpd is not installed" >&2; exit 77; }
for seed in 21 22; do
    python3 "$KIVALS_SRC_DIR/tests/sim/simulate.py" --bin "$KIVALS_BIN_DIR" --seed "$seed" \
        --steps 200 --api 2.0 --race 0 || fail "simulation seed $seed (2.0)"
done
pass
