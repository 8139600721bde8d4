#!/usr/bin/env bash
# Build the libFuzzer targets with clang (build-fuzz/) and run each for SECONDS (default 30;
# CI runs a short smoke). Starts from tests/fuzz/corpus/<name>/ when it exists.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true
scripts/install-deps.sh
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DKIVALS_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for src in tests/fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
for target in "${targets[@]}"; do
    name=${target#fuzz_}
    work="build-fuzz/corpus/$name"
    mkdir -p "$work"
    seeds=()
    [ -d "tests/fuzz/corpus/$name" ] && seeds+=("tests/fuzz/corpus/$name")
    echo "fuzz: $target for ${seconds}s"
    "build-fuzz/tests/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=0 "$work" "${seeds[@]}" 2>"build-fuzz/$target.log" ||
        { tail -40 "build-fuzz/$target.log" >&2; echo "fuzz: $target FAILED" >&2; exit 1; }
done
echo "fuzz: all targets ran clean"
