# kivals-lssim: a sample of every endpoint family's answers, and the request bodies kivals
# sends, validate against Lightspeed's OpenAPI documents (tests/tools/validate_openapi.py).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
[ -d "$SHARED_DIR/lightspeed" ] || { echo "SKIP: no $SHARED_DIR/lightspeed"; exit 77; }
python3 -c 'import jsonschema, yaml' 2>/dev/null || { echo "SKIP: python3-jsonschema/yaml missing"; exit 77; }
start_lssim --products 60 --outlets 2
expect_rc 0 python3 "$KIVALS_SRC_DIR/tests/tools/validate_openapi.py" --base "$LSSIM_URL" \
    --token-file "$LSSIM_TOKEN_FILE" --shared "$SHARED_DIR/lightspeed"
assert_contains "$OUT" ", 0 failures"
echo "$OUT" | tail -n 3
pass
