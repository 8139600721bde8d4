# Every shell helper of the integration tests is defined once (bash would silently keep the
# definition sourced last), no test script shadows one, and only http_call runs curl.
. "$(dirname "$0")/lib/common.sh"
check="$KIVALS_SRC_DIR/tests/tools/check_shell_helpers.py"
expect_rc 0 python3 "$check" "$KIVALS_SRC_DIR/tests/integration"

# The guard can fail: a second link_product, a shadowing script, a stray curl.
cp -r "$KIVALS_SRC_DIR/tests/integration" "$T/it"
printf 'link_product() {\n    :\n}\n' >>"$T/it/lib/queue.sh"
printf 'sql() { :; }\ncurl -s http://127.0.0.1:1/ || true\n' >>"$T/it/order_apply_batch.sh"
expect_rc 1 python3 "$check" "$T/it"
assert_contains "$OUT" "link_product() is defined in lib/links.sh and again in lib/queue.sh"
assert_contains "$OUT" "order_apply_batch.sh defines sql(), which lib/common.sh defines"
assert_contains "$OUT" "order_apply_batch.sh runs curl"
pass
