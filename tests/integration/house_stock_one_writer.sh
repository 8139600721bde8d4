# StockStore (src/sync/stock_store.cpp) is the only code that writes the `stock` table, so that
# no change of a linked product's numbers can miss the change feed or the ledger: every other
# INSERT, UPDATE, DELETE or REPLACE of `stock` in src/ and cmd/ is a finding. The one exception
# is the schema's upkeep of `stock.ledger_last` (the ledger chain's pointer, no number the feed
# or the ledger carries): its migration and the relink trigger in src/db/schema.cpp.
. "$(dirname "$0")/lib/common.sh"
cd "$KIVALS_SRC_DIR"
found=$(grep -rnEi --include='*.cpp' --include='*.hpp' \
    '(insert( or [a-z]+)? into|update|delete from|replace into)[[:space:]]+stock([^_a-z]|$)' src cmd |
    grep -v '^src/sync/stock_store.cpp:' |
    grep -vE '^src/db/schema.cpp:[0-9]+:[[:space:]]*UPDATE stock SET ledger_last = ' || true)
[ -z "$found" ] || fail "the stock table is written outside StockStore: $found"
# The check itself finds a write where there is one.
printf 'db.exec("UPDATE stock SET reserved = 0");\n' >"$T/probe.cpp"
grep -qEi '(insert( or [a-z]+)? into|update|delete from|replace into)[[:space:]]+stock([^_a-z]|$)' "$T/probe.cpp" ||
    fail "the pattern misses a write"
pass
