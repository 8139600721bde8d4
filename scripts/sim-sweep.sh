#!/bin/sh
# Long sweep of the deterministic sync simulation: seeds FIRST..LAST, STEPS steps each.
#   scripts/sim-sweep.sh [BUILD_DIR] [FIRST] [LAST] [STEPS]
# Prints each failing seed with the command that replays it; exits 1 if any failed.
set -u
build=${1:-build}
first=${2:-1}
last=${3:-100}
steps=${4:-1000}
here=$(dirname "$0")
failed=0
seed=$first
while [ "$seed" -le "$last" ]; do
    python3 "$here/../tests/sim/simulate.py" --bin "$build" --seed "$seed" --steps "$steps" || failed=$((failed + 1))
    python3 "$here/../tests/sim/simulate.py" --bin "$build" --seed "$seed" --steps "$steps" --api 2.0 --race 0 || failed=$((failed + 1))
    seed=$((seed + 1))
done
echo "sweep: seeds $first..$last x $steps steps, $failed failure(s)"
[ "$failed" -eq 0 ]
