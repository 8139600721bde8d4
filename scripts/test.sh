#!/usr/bin/env bash
# The README's test command: install what is missing, build with -Werror, run the tests.
# Arguments go to ctest. Without any, every test runs but the package test (label "package":
# it builds the Debian package, then installs, upgrades and purges it on this machine: about
# 12 minutes on a cold compiler cache, 4 on a warm one), which .ci/run runs as its own step:
# scripts/test.sh -L package.
# KIVALS_SANITIZE=1 builds with ASan/UBSan (in build-asan/), KIVALS_SANITIZE=thread with
# ThreadSanitizer (in build-tsan/); either way every process the tests start writes its
# sanitizer reports into one directory, and any report there fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
case "${KIVALS_SANITIZE:-0}" in
0) export BUILD_DIR=${BUILD_DIR:-build} && scripts/build.sh -DKIVALS_WERROR=ON ;;
1) export BUILD_DIR=${BUILD_DIR:-build-asan} && scripts/build.sh -DKIVALS_WERROR=ON -DKIVALS_SANITIZE=ON ;;
thread) export BUILD_DIR=${BUILD_DIR:-build-tsan} && scripts/build.sh -DKIVALS_WERROR=ON -DKIVALS_TSAN=ON ;;
*) echo "KIVALS_SANITIZE must be 0, 1 or thread" >&2 && exit 2 ;;
esac
cd "$BUILD_DIR"
[ $# -gt 0 ] || set -- -LE '^package$'
if [ "${KIVALS_SANITIZE:-0}" = 0 ]; then
    exec ctest --output-on-failure -j2 "$@"
fi
# Reports go to files, not stderr: a server's or a CGI's stderr is read by no test, and a
# report on stderr would change the output that tests compare. World-writable (sticky, like
# /tmp) because tests run the programs as www-data and kivals too.
reports=$(mktemp -d "${TMPDIR:-/tmp}/kivals-sanitizer.XXXXXX")
chmod 1777 "$reports"
export ASAN_OPTIONS="log_path=$reports/asan"
export UBSAN_OPTIONS="log_path=$reports/ubsan:print_stacktrace=1:halt_on_error=1"
export TSAN_OPTIONS="log_path=$reports/tsan:second_deadlock_stack=1"
status=0
ctest --output-on-failure -j2 "$@" || status=$?
if [ -n "$(ls -A "$reports")" ]; then
    for f in "$reports"/*; do echo "== $f" && cat "$f"; done >&2
    echo "sanitizer reports above (in $reports)" >&2
    exit 1
fi
rm -rf "$reports"
exit "$status"
