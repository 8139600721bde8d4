# `order apply` runs a batch of JSON lines, answers one JSON line each, exits 3 on partial failure.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
"$KIVALS" init >/dev/null
link_product p1 K1 10 1
link_product p2 K2 2 1

cat >"$T/batch.jsonl" <<'JSON'
{"action":"reserve","order_id":"B1","line":1,"kiva_id":"K1","qty":4}
{"action":"reserve","order_id":"B1","line":2,"kiva_id":"K2","qty":"1.5"}
{"action":"reserve","order_id":"B1","line":1,"kiva_id":"K1","qty":4}
{"action":"reserve","order_id":"B2","kiva_id":"K2","qty":5}
not json

{"action":"fulfill","order_id":"B1","line":2}
{"action":"refund","order_id":"B1"}
JSON
expect_rc 3 "$KIVALS" order apply "$T/batch.jsonl"
assert_contains "$ERR" "3 order request(s) failed"
line() { sed -n "$1p" <<<"$OUT"; }
assert_eq "$(json_get "$(line 1)" ok)" true
assert_eq "$(json_get "$(line 1)" lines.0.stock.reserved)" 4 "the product's numbers after it"
assert_eq "$(json_get "$(line 2)" lines.0.qty)" 1.5
assert_eq "$(json_get "$(line 3)" lines.0.changed)" false
assert_eq "$(json_get "$(line 4)" ok)" false
assert_eq "$(json_get "$(line 4)" error.code)" oversell
assert_eq "$(json_get "$(line 4)" error.available)" 0.5
assert_eq "$(json_get "$(line 4)" error.requested)" 5
assert_contains "$(json_get "$(line 4)" error.message)" "only 0.5"
assert_eq "$(json_get "$(line 5)" input_line)" 5
assert_eq "$(json_get "$(line 5)" error.code)" invalid_json
assert_eq "$(json_get "$(line 5)" error.message)" "not a JSON object"
assert_eq "$(json_get "$(line 6)" input_line)" 7
assert_eq "$(json_get "$(line 7)" ok)" false
assert_eq "$(json_get "$(line 7)" error.code)" invalid_request

expect_rc 0 "$KIVALS" stock --json
assert_eq "$(json_get "$OUT" 0.reserved)" 4
assert_eq "$(json_get "$OUT" 1.reserved)" 0

# A field of the wrong type is one error on its line; the lines after it are still applied.
printf '%s\n' '{"action":"reserve","order_id":"C1","kiva_id":"K1","qty":1,"allow_oversell":1}' \
    '{"action":"reserve","order_id":"C2","kiva_id":"K1","qty":1,"allow_oversell":"yes"}' \
    '{"action":"reserve","order_id":"C3","kiva_id":"K1","qty":1,"allow_oversell":null}' \
    '{"action":"reserve","order_id":["C4"],"kiva_id":"K1","qty":1}' \
    '{"action":"reserve","order_id":"C5","kiva_id":"K1","qty":1,"allow_oversell":true}' \
    >"$T/typed.jsonl"
printf '{"action":"reserve","order_id":"C6\377","kiva_id":"K1","qty":1}\n' >>"$T/typed.jsonl"
expect_rc 3 "$KIVALS" order apply "$T/typed.jsonl"
assert_not_contains "$ERR" "internal error"
assert_contains "$ERR" "5 order request(s) failed"
assert_eq "$(echo "$OUT" | wc -l)" 6 "one answer per line"
assert_eq "$(json_get "$(line 1)" error.message)" '"allow_oversell" must be true or false'
assert_eq "$(json_get "$(line 1)" error.code)" invalid_request
assert_eq "$(json_get "$(line 3)" input_line)" 3
assert_eq "$(json_get "$(line 4)" error.message)" '"order_id" must be a string'
assert_eq "$(json_get "$(line 5)" ok)" true
assert_eq "$(json_get "$(line 6)" error.message)" "byte 0xff at column 35 is not UTF-8"
assert_eq "$(json_get "$(line 6)" error.code)" invalid_json
expect_rc 0 "$KIVALS" stock --json
assert_eq "$(json_get "$OUT" 0.reserved)" 5

# Reserves again from stdin: retries, nothing changes.
sed -n "1p;3p" "$T/batch.jsonl" | { expect_rc 0 "$KIVALS" order apply -; echo "$OUT" >"$T/out2"; }
assert_eq "$(grep -c '"changed":false' "$T/out2")" 2
pass
