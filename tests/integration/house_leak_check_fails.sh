# The suite's secret-leak check can fail: a test that writes the webhook secret into a log,
# or runs a process with a token in its command line, is failed by common.sh's cleanup.
. "$(dirname "$0")/lib/common.sh"

nested() { # run a small test script that sources common.sh; print its exit code
    local body=$1 rc=0
    printf '. "%s/tests/integration/lib/common.sh"\n%s\n' "$KIVALS_SRC_DIR" "$body" >"$T/nested.sh"
    KIVALS_TEST_TMP="$T/nested" bash "$T/nested.sh" >/dev/null 2>"$T/nested.err" || rc=$?
    echo "$rc"
}

assert_eq "$(nested 'write_config; "$KIVALS" init -q; echo ok >"$T/web.log"')" 0 "a clean test passes"
assert_eq "$(nested 'write_config; "$KIVALS" init -q; cat "$T/etc/webhook.secret" >"$T/web.log"')" 1 \
    "a secret in a log must fail the test"
assert_contains "$(cat "$T/nested.err")" "LEAK: a secret appears in web.log"
assert_eq "$(nested 'echo lsxs_pt_0123456789abcdef >"$T/api.token"; bash -c "sleep 1.5; true" lsxs_pt_0123456789abcdef')" 1 \
    "a token in a command line must fail the test"
assert_contains "$(cat "$T/nested.err")" "had a secret in its command line"
pass
