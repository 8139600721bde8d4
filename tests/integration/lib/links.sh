# Link products directly in the database (for tests that do not exercise the linker).
# Source after common.sh and `kivals init`.

# link_product LIGHTSPEED_ID KIVA_ID [LS_COUNT [VERSION [RESERVED [SYNCED]]]] (whole units)
link_product() {
    local ls=$1 kiva=$2 count=${3:-0} version=${4:-0} reserved=${5:-0} synced=${6:-0}
    sqlite3 "$T/db/kivals.db" <<SQL
INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('$ls', 'Product $ls', 'x', 'x');
INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('$kiva', 'Product $kiva', 'x', 'x');
INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES ('$ls', '$kiva', 'x');
INSERT INTO stock(lightspeed_id, ls_count, ls_version, reserved, synced, updated_at)
VALUES ('$ls', $count * 1000, $version, $reserved * 1000, $synced * 1000, 'x');
SQL
}

# db_value SQL: print the single value of a query.
db_value() {
    sqlite3 "$T/db/kivals.db" "$1"
}
