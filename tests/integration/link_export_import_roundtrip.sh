# kivals link export/import: the links survive a round trip through a CSV file (as a
# spreadsheet would keep it) into a fresh database; import reports bad rows by line,
# moves a product to the Kiva product the file names, and unlinks on an empty kiva_id.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"

setup() {
    expect_rc 0 "$KIVALS" init
    add_ls L1 "Red, \"special\" tee" S1
    add_ls L2 "Blue tee" S2
    add_ls L3 "Green tee" S3
    add_ls C1 "Gift box" GB "" composite
    printf 'id,name\nK1,"Red tee, special"\nK2,Blue tee\nK3,Green tee\nK4,Box\n' >"$T/store.csv"
    expect_rc 0 "$KIVALS" kiva import "$T/store.csv"
}

write_config
setup
expect_rc 0 "$KIVALS" link set L1 K1
expect_rc 0 "$KIVALS" link set L2 K2
expect_rc 0 "$KIVALS" link export "$T/links.csv"
assert_eq "$(head -1 "$T/links.csv")" "lightspeed_id,lightspeed_sku,lightspeed_name,kiva_id,kiva_name,linked_at"
assert_contains "$(cat "$T/links.csv")" 'L1,S1,"Red, ""special"" tee",K1,"Red tee, special",'
expect_rc 0 "$KIVALS" link export -
assert_eq "$OUT" "$(cat "$T/links.csv")" "export to stdout"
before=$(sql "SELECT lightspeed_id, kiva_id FROM links ORDER BY 1")

# A fresh database gets the same links from the file.
mv "$T/db" "$T/db.first"
setup
expect_rc 0 "$KIVALS" link import "$T/links.csv"
assert_contains "$OUT" "2 linked, 0 unlinked, 0 unchanged, 0 rows skipped"
assert_eq "$(sql "SELECT lightspeed_id, kiva_id FROM links ORDER BY 1")" "$before"
assert_eq "$(sql "SELECT count(*) FROM stock")" 2
expect_rc 0 "$KIVALS" link import "$T/links.csv"
assert_contains "$OUT" "0 linked, 0 unlinked, 2 unchanged"

# Edits made in a spreadsheet: move L2 to K3, unlink L1, plus rows that break the rules.
cat >"$T/edited.csv" <<'CSV'
kiva_id,lightspeed_id,note
K3,L2,moved
,L1,unlink
K2,C1,composite
K9,L3,unknown kiva
K3,L3,taken by L2 above
CSV
expect_rc 3 "$KIVALS" link import "$T/edited.csv"
assert_contains "$OUT" "1 linked, 1 unlinked, 0 unchanged, 3 rows skipped"
assert_contains "$ERR" "edited.csv:4: cannot link: Lightspeed product C1 is a composite"
assert_contains "$ERR" "edited.csv:5: no Kiva product K9"
assert_contains "$ERR" "edited.csv:6: Kiva product K3 is already linked to Lightspeed product L2"
assert_eq "$(sql "SELECT lightspeed_id || '>' || kiva_id FROM links ORDER BY 1" | tr '\n' ' ')" "L2>K3 "

# A refused move leaves the old link in place (the row is undone as a whole).
printf 'lightspeed_id,kiva_id\nL2,K9\n' >"$T/refused.csv"
expect_rc 3 "$KIVALS" link import "$T/refused.csv"
assert_eq "$(sql "SELECT kiva_id FROM links WHERE lightspeed_id = 'L2'")" K3
printf 'lightspeed_id\nL2\n' >"$T/nohdr.csv"
expect_rc 1 "$KIVALS" link import "$T/nohdr.csv"
assert_contains "$ERR" "needs lightspeed_id and kiva_id"
pass
