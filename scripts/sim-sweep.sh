#!/bin/sh
# Long sweep of the deterministic sync simulation: seeds FIRST..LAST, STEPS steps each, in
# every reality the simulator offers for what Lightspeed's documents leave open (API 2026-07
# with each webhook version counter; API 2.0 without racing sales, which it cannot survive).
#   scripts/sim-sweep.sh [BUILD_DIR] [FIRST] [LAST] [STEPS]
# Prints each failing seed with the command that replays it; exits 1 if any failed.
set -u
build=${1:-build}
first=${2:-1}
last=${3:-100}
steps=${4:-1000}
here=$(dirname "$0")
failed=0
runs=0
sim() {
    runs=$((runs + 1))
    python3 "$here/../tests/sim/simulate.py" --bin "$build" --seed "$seed" --steps "$steps" "$@" ||
        failed=$((failed + 1))
}
seed=$first
while [ "$seed" -le "$last" ]; do
    for versions in same larger smaller unrelated; do
        sim --webhook-versions "$versions"
    done
    sim --api 2.0 --race 0
    sim --api 2.0 --race 0 --webhook-versions unrelated
    seed=$((seed + 1))
done
echo "sweep: seeds $first..$last x $steps steps, $runs runs, $failed failure(s)"
[ "$failed" -eq 0 ]
