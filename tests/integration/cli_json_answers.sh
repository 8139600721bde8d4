# Every command that takes --json answers failures with the JSON error object on stdout (the
# exit code as without --json), found from `kivals --help` itself so no command is missed; the
# codes are the store API's; and what the store-facing commands print on success matches the
# JSON Schemas in docs/schemas/.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/serve.sh"
write_config
expect_rc 0 "$KIVALS" init -q

# walk: every command and subcommand that has --json, with a placeholder for each of its
# required positionals and options ("link set LS_ID KIVA_ID" -> "link set 1 1").
subcommands() {
    "$KIVALS" $1 --help | awk '/^Subcommands:/{on=1; next} on && NF {print $1}'
}
walk() {
    local path=$1 help sub
    help=$("$KIVALS" $path --help)
    if grep -q -- '--json' <<<"$help"; then
        local args n
        n=$(sed -n 's/^Usage: [^[]*\[OPTIONS\]//p' <<<"$help" | sed 's/\[[^]]*\]//g' | { grep -o '[a-z_]\+' || true; } | wc -l)
        args=$(for _ in $(seq 1 "$n"); do printf ' 1'; done)
        # Required options too ("--min-score FLOAT ... REQUIRED" -> "--min-score 1").
        args+=$(sed -n 's/^ *\(--[a-z-]*\) [A-Z].*REQUIRED.*/ \1 1/p' <<<"$help" | tr -d '\n')
        echo "$path$args"
    fi
    for sub in $(subcommands "$path"); do
        walk "$path $sub"
    done
}
: >"$T/paths"
for cmd in $(subcommands ""); do walk "$cmd" >>"$T/paths"; done
[ "$(wc -l <"$T/paths")" -ge 15 ] || fail "too few --json commands found: $(cat "$T/paths")"
grep -qx 'stock' "$T/paths" || fail "stock is not among them"
grep -qx 'order reserve 1 1 1' "$T/paths" || fail "order reserve's positionals were not found: $(grep order "$T/paths")"

# No database: every one that needs it fails with 78 and the error object "config" (one that
# does not, such as `queue quarantine`, prints its answer).
checked=0
while read -r path; do
    rc=0
    env KIVALS_DB="$T/missing.db" "$KIVALS" $path --json >"$T/.out" 2>"$T/.err" || rc=$?
    OUT=$(cat "$T/.out")
    if [ "$rc" = 0 ]; then
        python3 -c 'import json,sys; json.loads(sys.stdin.read())' <<<"$OUT" || fail "$path: not JSON: $OUT"
    else
        assert_eq "$rc" 78 "$path without a database"
        validate_cli error
        assert_eq "$(json_get "$OUT" error.code)" config "$path"
        assert_contains "$(cat "$T/.err")" "does not exist" "$path still says why on stderr"
    fi
    # A usage error is an error object too.
    expect_rc 2 "$KIVALS" $path --json --no-such-option
    assert_eq "$(json_get "$OUT" error.code)" usage "$path --no-such-option"
    checked=$((checked + 1))
done <"$T/paths"
echo "$checked commands answer failures with an error object"
# Without --json nothing goes to stdout on failure.
expect_rc 78 env KIVALS_DB="$T/missing.db" "$KIVALS" stock
assert_eq "$OUT" ""

# The codes, and the shapes of success.
link_product p1 K1 4 3
sqlite3 "$T/db/kivals.db" "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('K2', 'U', 'x', 'x')"
expect_rc 1 "$KIVALS" stock K9 --json
assert_eq "$(json_get "$OUT" error.code)" unknown_product
expect_rc 1 "$KIVALS" stock K2 --json
assert_eq "$(json_get "$OUT" error.code)" not_linked
expect_rc 1 "$KIVALS" history K2 --json
assert_eq "$(json_get "$OUT" error.code)" not_linked
expect_rc 2 "$KIVALS" order reserve A1 K1 abc --json
assert_eq "$(json_get "$OUT" error.code)" invalid_quantity
expect_rc 1 "$KIVALS" stock --changes-since 99999 --json
assert_eq "$(json_get "$OUT" error.code)" cursor_ahead
expect_rc 1 "$KIVALS" order reserve A1 K1 5 --json
validate_cli error
assert_eq "$(json_get "$OUT" error.available)" 4
expect_rc 0 "$KIVALS" order reserve A1 K1 3 --json
validate_cli order
assert_eq "$(json_get "$OUT" lines.0.stock.available)" 1 "an integer, not 1.0"
expect_rc 0 "$KIVALS" stock K1 --json
validate_cli stock-list
expect_rc 0 "$KIVALS" stock --oversold --json
assert_eq "$OUT" "[]"
validate_cli stock-list
expect_rc 0 "$KIVALS" stock --changes-since 0 --json
validate_cli changes
expect_rc 0 "$KIVALS" history K1 --json
validate_cli history
expect_rc 0 "$KIVALS" status --json
validate_cli status
printf '%s\n' '{"action":"reserve","order_id":"B1","kiva_id":"K1","qty":1}' \
    '{"action":"reserve","order_id":"B2","kiva_id":"K1","qty":1}' 'nope' >"$T/batch.jsonl"
expect_rc 3 "$KIVALS" order apply "$T/batch.jsonl"
validate_cli order-apply-line --lines
echo '[]' >"$T/.empty"
python3 "$STORE_VALIDATE_PY" cli history "$T/.empty" >/dev/null || fail "an empty history is valid"
# The schema check can fail: a float count is not an integer count.
printf '[{"kiva_id":"K1","lightspeed_id":"p1","lightspeed_count":4.0,"in_stock":4,"reserved":0,"available":4,"pending_push":0,"version":3}]\n' >"$T/float.json"
! python3 "$STORE_VALIDATE_PY" cli stock-list "$T/float.json" 2>/dev/null || fail "the schema takes 4.0 for a whole count"
echo "PASS: $(basename "$0" .sh)"
