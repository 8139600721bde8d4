# kiva import and link import read the files spreadsheets write: headers in any case and
# spacing, comma, semicolon or tab separators (found from the header, or --delimiter), a byte
# order mark and CRLF; a header that still lacks a column names the columns it has.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init

printf 'ID,Name,SKU\nK1,Red Tee,S1\n' >"$T/upper.csv"
expect_rc 0 "$KIVALS" kiva import "$T/upper.csv"
assert_contains "$OUT" "1 added"

printf '\xEF\xBB\xBF Id ; Name ; Barcode \r\nK2;Blue Tee, large;222\r\nK3;Green Tee;333\r\n' >"$T/semicolon.csv"
expect_rc 0 "$KIVALS" kiva import "$T/semicolon.csv"
assert_contains "$OUT" "2 added"
assert_eq "$(sql "SELECT name || '|' || barcode FROM kiva_products WHERE id = 'K2'")" "Blue Tee, large|222"

printf 'id\tname\nK4\tYellow Tee\n' >"$T/tab.csv"
expect_rc 0 "$KIVALS" kiva import "$T/tab.csv"
assert_contains "$OUT" "1 added"

# A separator given wins: the header's commas are then part of the names.
printf 'id;name;note, with, commas\nK5;Grey Tee;x\n' >"$T/given.csv"
expect_rc 0 "$KIVALS" kiva import --delimiter ';' "$T/given.csv"
assert_eq "$(sql "SELECT name FROM kiva_products WHERE id = 'K5'")" "Grey Tee"
expect_rc 2 "$KIVALS" kiva import --delimiter '|' "$T/given.csv"
assert_contains "$ERR" "must be , ; or tab"

printf 'ref|title\nK9|x\n' >"$T/bad.csv"
expect_rc 1 "$KIVALS" kiva import "$T/bad.csv"
assert_contains "$ERR" "bad.csv:1: the header has no 'id' column (it has 'ref|title')"

# link import: "Lightspeed ID;Kiva ID" as a spreadsheet in a comma-decimal locale writes it.
add_ls L1 "Red Tee"
add_ls L2 "Blue Tee"
printf 'Lightspeed ID;Kiva ID\r\nL1;K1\r\nL2;K2\r\n' >"$T/links.csv"
expect_rc 0 "$KIVALS" link import "$T/links.csv"
assert_contains "$OUT" "2 linked"
assert_eq "$(sql "SELECT group_concat(lightspeed_id || '=' || kiva_id, ' ') FROM (SELECT * FROM links ORDER BY lightspeed_id)")" "L1=K1 L2=K2"
pass
