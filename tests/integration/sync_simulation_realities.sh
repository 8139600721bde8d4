# Seeded simulation in every reality of the webhook's version counter (issue #13, point 1):
# the inventory.update payloads count on the API's counter, a larger, a smaller or an
# unrelated one. Every invariant holds in each; a few seeds each keep CI short (the long
# sweep is scripts/sim-sweep.sh).
. "$(dirname "$0")/lib/common.sh"
command -v lighttpd >/dev/null || { echo "SKIP: lighttpd is not installed" >&2; exit 77; }
sim() {
    python3 "$KIVALS_SRC_DIR/tests/sim/simulate.py" --bin "$KIVALS_BIN_DIR" "$@"
}
for versions in larger smaller unrelated; do
    for seed in 21 22; do
        sim --seed "$seed" --steps 150 --webhook-versions "$versions" >"$T/run" ||
            { cat "$T/run"; fail "simulation seed $seed, webhook versions $versions"; }
        cat "$T/run"
    done
done
sim --seed 23 --steps 150 --api 2.0 --race 0 --webhook-versions unrelated >"$T/run" ||
    { cat "$T/run"; fail "simulation seed 23, API 2.0, webhook versions unrelated"; }
cat "$T/run"
pass
