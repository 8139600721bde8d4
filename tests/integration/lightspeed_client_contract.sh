# Every Lightspeed client call (retailer, outlets, products, inventory walk and per-product
# reads, absolute and relative writes, custom reasons, webhook CRUD) works against the
# simulator in both path families, including the 404 and 409 answers.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 30 --outlets 2
expect_rc 0 "$KIVALS_BIN_DIR/kivals_ls_contract" "$LSSIM_URL" "$T/lssim.token"
assert_not_contains "$OUT" "FAIL"
assert_eq "$(printf '%s\n' "$OUT" | grep -c '^ok ')" 32 "every check ran"
pass
