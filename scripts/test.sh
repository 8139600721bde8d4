#!/usr/bin/env bash
# The README's test command: install what is missing, build with -Werror, run the tests.
# Arguments go to ctest. Without any, every test runs but the package test (label "package":
# it builds the Debian package, then installs, upgrades and purges it on this machine: about
# 12 minutes on a cold compiler cache, 4 on a warm one), which .ci/run runs as its own step:
# scripts/test.sh -L package.
# Set KIVALS_SANITIZE=1 for an ASan/UBSan build (in build-asan/).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
if [ "${KIVALS_SANITIZE:-0}" = 1 ]; then
    export BUILD_DIR=${BUILD_DIR:-build-asan}
    scripts/build.sh -DKIVALS_WERROR=ON -DKIVALS_SANITIZE=ON
else
    export BUILD_DIR=${BUILD_DIR:-build}
    scripts/build.sh -DKIVALS_WERROR=ON
fi
cd "$BUILD_DIR"
[ $# -gt 0 ] || set -- -LE '^package$'
ctest --output-on-failure -j2 "$@"
