#!/usr/bin/env bash
# Configure and build kivals into $BUILD_DIR (default: build/). Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
# KIVALS_BUILD_TARGETS (space-separated) builds only those targets, e.g. the unit tests alone.
targets=()
for t in ${KIVALS_BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$BUILD_DIR" -j"$(nproc)" "${targets[@]}"
