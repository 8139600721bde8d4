# kivals link suggest and link review flag near-identical candidates (within link auto's
# margin of each other) with the words that tell them apart, mark the one-to-one assignment,
# and link auto leaves such a product for a person.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init
add_ls L1 "PhotoDirector 12 Windows"
add_ls L2 "Heinz Baked Beans 415g"
cat >"$T/store.csv" <<'CSV'
id,name
K1,Corel PhotoDirector 12 Professional - Windows
K2,Corel PhotoDirector 12 Standard - Windows
K3,Heinz Baked Beans 415g
K4,Heinz Baked Beans 415g (Pack of 4)
CSV
expect_rc 0 "$KIVALS" kiva import "$T/store.csv"

expect_rc 0 "$KIVALS" link suggest
# PhotoDirector's edition is unsaid: Standard and Professional are a coin toss.
assert_contains "$OUT" "K2  Corel PhotoDirector 12 Standard - Windows  [assigned]  (near-identical to 2: standard vs professional)"
assert_contains "$OUT" "K1  Corel PhotoDirector 12 Professional - Windows  (near-identical to 1: professional vs standard)"
assert_contains "$(grep -A1 '^L2 ' <<<"$OUT")" "K3  Heinz Baked Beans 415g  [assigned]"
assert_not_contains "$(grep -A2 '^L2 ' <<<"$OUT")" "near-identical"

expect_rc 0 "$KIVALS" link suggest --json
python3 - "$OUT" <<'PY' || fail "JSON flags"
import json, sys
rows = {r["lightspeed_id"]: r["candidates"] for r in json.loads(sys.argv[1])}
first, second = rows["L1"][0], rows["L1"][1]
assert first["near_identical_to"] == 2 and second["near_identical_to"] == 1, rows["L1"]
assert "standard vs professional" in first["note"], first
assert rows["L2"][0]["assigned"] is True and "near_identical_to" not in rows["L2"][0], rows["L2"]
PY

expect_rc 0 "$KIVALS" link suggest --csv
assert_contains "$OUT" "L1,,K2,1,"
assert_eq "$(grep '^L1,' <<<"$OUT" | head -2 | cut -d, -f8 | tr '\n' ' ')" "2 1 "

# link review shows the same notes, one product at a time.
drive "$KIVALS" link review -- \
    "[1/2] L1" - "(near-identical to 2: standard vs professional)" - \
    "(near-identical to 1: professional vs standard)" - "q(uit)? " q || fail "review session"

expect_rc 0 "$KIVALS" link auto --dry-run --json
assert_contains "$(json_get "$OUT" contested)" '"why": "close"'
assert_contains "$(json_get "$OUT" linked)" '"lightspeed_id": "L2"'
leak_check
pass
