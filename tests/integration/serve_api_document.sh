# docs/store-api.yaml describes the service as it is: the document is OpenAPI 3.1, its schemas
# are JSON Schema 2020-12 and every $ref resolves; every operation it lists is called over a
# real socket and answered as documented (--every-operation); and the check every serve_*
# test ends with can fail: a whole count written 4.0, a field the schema does not list, a
# status the operation does not list, an undocumented path, a body that is not JSON, a
# document with a broken $ref or another OpenAPI version.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/serve.sh"
expect_rc 0 python3 "$STORE_VALIDATE_PY" doc

write_config
expect_rc 0 "$KIVALS" init -q
link_product p1 K1 10 1
link_product p2 K2 5 1
start_serve --no-push
# One call of each operation, and the errors the store meets most.
sapi POST /v1/orders/A1/lines/1 '{"kiva_id": "K1", "qty": 2}'
assert_eq "$STATUS" 200
sapi POST /v1/orders/A1/lines/2 '{"kiva_id": "K2", "qty": 9}'
assert_eq "$STATUS" 409
sapi POST /v1/orders/A2/lines/1 '{"kiva_id": "K2", "qty": 1}'
assert_eq "$STATUS" 200
sapi POST /v1/orders/A1/cancel '{"line": 1}'
assert_eq "$STATUS" 200
sapi POST /v1/orders/A2/fulfill
assert_eq "$STATUS" 200
sapi GET /v1/stock/K1
assert_eq "$STATUS" 200
sapi GET /v1/stock/NOPE
assert_eq "$STATUS" 404
sapi GET "/v1/stock?limit=1"
assert_eq "$STATUS" 200
sapi GET "/v1/changes?after=0&limit=3"
assert_eq "$STATUS" 200
sapi GET /v1/health
assert_eq "$STATUS" 200
sapi_nokey GET /v1/health
assert_eq "$STATUS" 401
stop_serve
expect_rc 0 python3 "$STORE_VALIDATE_PY" api --every-operation "$STORE_RECORD"
assert_contains "$OUT" "7 of 7 operations seen"

# The check can fail. mutate N PYTHON: a copy of the record with line N (1-based) changed by
# PYTHON, in $T/bad.jsonl: it edits r (the record) and b (its body, parsed), or sets raw (the
# body's text as sent).
mutate() {
    python3 - "$STORE_RECORD" "$T/bad.jsonl" "$1" "$2" <<'PY'
import json, sys
src, dst, n, code = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
lines = [json.loads(l) for l in open(src) if l.strip()]
r = lines[n - 1]
before = json.dumps(r)
edit = {"r": r, "b": json.loads(r["body"])}
exec(code, edit)
r["body"] = edit["raw"] if "raw" in edit else json.dumps(edit["b"])
assert json.dumps(r) != before, "the mutation changed nothing"
open(dst, "w").write("".join(json.dumps(l) + "\n" for l in lines))
PY
}
refuses() { # refuses WHAT: the validator fails on $T/bad.jsonl and says WHAT
    expect_rc 1 python3 "$STORE_VALIDATE_PY" api "$T/bad.jsonl"
    assert_contains "$OUT$ERR" "$1"
}
mutate 1 'raw = r["body"].replace("\"available\":8", "\"available\":8.0", 1)'
refuses "lines/0/stock/available: 8.0 is not valid under any of the given schemas"
mutate 6 'b["price"] = 3'
refuses "'price' was unexpected"
mutate 10 'r["status"] = 418'
refuses "status 418 is not documented"
mutate 10 'r["path"] = "/v1/prices"'
refuses "not in the document, and not answered 404"
mutate 6 'raw = "<html>oops</html>"'
refuses "the body is not JSON"
mutate 2 'del b["error"]["code"]'
refuses "'code' is a required property"
head -n 1 "$STORE_RECORD" >"$T/one.jsonl"
expect_rc 1 python3 "$STORE_VALIDATE_PY" api --every-operation "$T/one.jsonl"
assert_contains "$OUT$ERR" "GET /v1/health: never answered"

# A broken document is found too (a copy of docs/ beside a copy of the validator).
mkdir -p "$T/copy/tests/tools"
cp -r "$KIVALS_SRC_DIR/docs" "$T/copy/docs"
cp "$STORE_VALIDATE_PY" "$T/copy/tests/tools/"
sed -i 's|schemas/stock.schema.json|schemas/no-such.schema.json|; s|^openapi: 3.1.0|openapi: 3.0.3|' "$T/copy/docs/store-api.yaml"
expect_rc 1 python3 "$T/copy/tests/tools/validate_store_api.py" doc
assert_contains "$OUT$ERR" "openapi must be 3.1.x"
assert_contains "$OUT$ERR" "no-such.schema.json does not resolve"
leak_check
pass
