# Order lines over HTTP: an oversell is refused with the numbers (409 oversell), retries answer
# 200 and change nothing, a different reservation for the same line is refused, and a line
# reserved over HTTP is the same line as the CLI's (cancelled by `kivals order`, and the other
# way round); fulfil one line or the whole order.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/serve.sh"
write_config
expect_rc 0 "$KIVALS" init -q
link_product p1 K1 3 1
link_product p2 K2 10 1
start_serve --no-push
ledger() { sql "SELECT count(*) FROM ledger"; }
# (line, state, changed) of each line in the last answer.
lines_answered() { pyj '[(l["line"], l["state"], l["changed"]) for l in j["lines"]]'; }
# retried PATH BODY LINES: the same close once more answers 200 with LINES and writes nothing.
retried() {
    local rows
    rows=$(ledger)
    sapi POST "$1" "$2"
    assert_eq "$STATUS" 200 "$1 $2 retried"
    assert_eq "$(lines_answered)" "$3"
    assert_eq "$(ledger)" "$rows" "$1 $2 retried writes no ledger rows"
}

sapi POST /v1/orders/A1/lines/1 '{"kiva_id": "K1", "qty": 2}'
assert_eq "$STATUS" 200
assert_eq "$(pyj 'j["lines"][0]["changed"]')" True
assert_eq "$(pyj 'j["lines"][0]["stock"]["available"]')" 1
rows=$(ledger)
# The store retries (a timeout on its side): 200 again, nothing changes.
for i in 1 2 3; do
    sapi POST /v1/orders/A1/lines/1 '{"kiva_id": "K1", "qty": 2}'
    assert_eq "$STATUS" 200
    assert_eq "$(pyj 'j["lines"][0]["changed"]')" False
    assert_eq "$(pyj 'j["lines"][0]["stock"]["reserved"]')" 2
done
assert_eq "$(ledger)" "$rows" "retries write no ledger rows"
assert_eq "$(sql "SELECT count(*) FROM order_lines")" 1
# 2.0 is 2 units (JSON encoders of other languages write whole floats so): the same line.
sapi POST /v1/orders/A1/lines/1 '{"kiva_id": "K1", "qty": 2.0}'
assert_eq "$STATUS" 200
assert_eq "$(pyj 'j["lines"][0]["changed"]')" False

# Oversell: 1 available, 2 requested.
sapi POST /v1/orders/A2/lines/1 '{"kiva_id": "K1", "qty": 2}'
assert_eq "$STATUS" 409
assert_eq "$(pyj 'j["error"]["code"]')" oversell
assert_eq "$(pyj 'j["error"]["available"]')" 1
assert_eq "$(pyj 'j["error"]["requested"]')" 2
assert_contains "$(pyj 'j["error"]["message"]')" "only 1 of Kiva product 'K1' available, 2 requested"
assert_eq "$(sql "SELECT count(*) FROM order_lines WHERE order_id = 'A2'")" 0 "nothing reserved"
# Another product or quantity on a reserved line.
sapi POST /v1/orders/A1/lines/1 '{"kiva_id": "K1", "qty": 1}'
assert_eq "$STATUS" 409
assert_eq "$(pyj 'j["error"]["code"]')" line_conflict
sapi POST /v1/orders/A1/lines/1 '{"kiva_id": "K2", "qty": 2}'
assert_eq "$(pyj 'j["error"]["code"]')" line_conflict

# One line, two faces: reserved over HTTP, cancelled with the CLI ...
expect_rc 0 "$KIVALS" order cancel A1 --json
assert_eq "$(json_get "$OUT" lines.0.changed)" true
validate_cli order
sapi POST /v1/orders/A1/cancel
assert_eq "$STATUS" 200
assert_eq "$(pyj 'j["lines"][0]["changed"]')" False "already cancelled by the CLI"
assert_eq "$(pyj 'j["lines"][0]["state"]')" cancelled
sapi POST /v1/orders/A1/lines/1 '{"kiva_id": "K1", "qty": 2}'
assert_eq "$STATUS" 409
assert_eq "$(pyj 'j["error"]["code"]')" line_closed
# ... and reserved with the CLI, seen and fulfilled over HTTP, one line at a time.
expect_rc 0 "$KIVALS" order reserve B1 K2 4 --line 1
expect_rc 0 "$KIVALS" order reserve B1 K1 1 --line 2
sapi POST /v1/orders/B1/lines/1 '{"kiva_id": "K2", "qty": 4}'
assert_eq "$(pyj 'j["lines"][0]["changed"]')" False "the CLI's line, retried over HTTP"
sapi POST /v1/orders/B1/fulfill '{"line": 2}'
assert_eq "$STATUS" 200
assert_eq "$(lines_answered)" "[(2, 'fulfilled', True)]"
retried /v1/orders/B1/fulfill '{"line": 2}' "[(2, 'fulfilled', False)]"
sapi POST /v1/orders/B1/cancel '{}'
assert_eq "$(lines_answered)" "[(1, 'cancelled', True)]" \
    "a whole-order cancel skips the fulfilled line"
retried /v1/orders/B1/cancel '{"line": 1}' "[(1, 'cancelled', False)]"
sapi POST /v1/orders/B1/cancel '{"line": 2}'
assert_eq "$STATUS" 409
assert_eq "$(pyj 'j["error"]["code"]')" line_closed
expect_rc 0 "$KIVALS" stock --json
validate_cli stock-list
assert_eq "$(json_get "$OUT" 0.reserved)" 0
assert_eq "$(json_get "$OUT" 1.reserved)" 0
# R is the sum of the open lines, and the ledger explains every step.
assert_eq "$(sql "SELECT count(*) FROM order_lines WHERE state = 'reserved'")" 0
expect_rc 0 "$KIVALS" history K2 --json
assert_contains "$OUT" '"source_ref":"B1:1"'
stop_serve
pass
