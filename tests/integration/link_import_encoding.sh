# Catalogue and link files from spreadsheets: a Latin-1 row is one error naming file:line (the
# rest is imported, and every --json view still works); a byte order mark before JSON lines
# is accepted; blanks inside a quoted name are kept.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init -q
add_ls L1 "Red Tee" S1
add_ls L2 "Blue Cap" S2
add_ls L3 "Green Mug" S3

# A spreadsheet saved as Latin-1: "Café Crème" is not UTF-8.
printf 'id,name,sku\nK1,Red Tee,S1\nK2,Caf\351 Cr\350me,S9\nK3,"  Green  Mug ",S3\nK4,  Blue Cap  ,S2\n' \
    >"$T/latin1.csv"
expect_rc 3 "$KIVALS" kiva import "$T/latin1.csv"
assert_contains "$ERR" "latin1.csv:3: name: byte 0xe9 at column 4 is not UTF-8 (row skipped)"
assert_contains "$OUT" "3 added"
assert_eq "$(sql "SELECT count(*) FROM kiva_products WHERE id = 'K2'")" 0 "the Latin-1 row is not stored"
assert_eq "$(sql "SELECT '[' || name || ']' FROM kiva_products WHERE id = 'K3'")" "[  Green  Mug ]" \
    "blanks inside quotes are data"
assert_eq "$(sql "SELECT '[' || name || ']' FROM kiva_products WHERE id = 'K4'")" "[Blue Cap]" \
    "blanks around an unquoted value are padding"

# JSON lines saved with a byte order mark.
printf '\357\273\277{"id":"K5","name":"Yellow Tee"}\n{"id":"K6","name":"Grey Tee"}\n' >"$T/bom.jsonl"
expect_rc 0 "$KIVALS" kiva import --json "$T/bom.jsonl"
assert_eq "$(json_get "$OUT" added)" 2
printf '{"id":"K7","name":"Bad \377"}\n' >"$T/bad.jsonl"
expect_rc 1 "$KIVALS" kiva import "$T/bad.jsonl"
assert_contains "$ERR" "bad.jsonl:1: byte 0xff at column 24 is not UTF-8"

# A links file with a Latin-1 id: that row is skipped, the others are applied.
printf 'lightspeed_id,kiva_id\nL1,K1\nL2,K\351\nL3,K3\n' >"$T/links.csv"
expect_rc 3 "$KIVALS" link import "$T/links.csv"
assert_contains "$ERR" "links.csv:3: byte 0xe9 at column 2 is not UTF-8 (row skipped)"
assert_contains "$OUT" "2 linked"

# Nothing stored breaks a JSON view.
for view in "link list --json" "link list --unlinked --json" "link suggest --json" "status --json"; do
    # shellcheck disable=SC2086
    expect_rc 0 "$KIVALS" $view
    assert_not_contains "$ERR" "internal error" "$view"
    python3 -c 'import json,sys; json.load(sys.stdin)' <<<"$OUT" || fail "$view: not JSON"
done
pass
