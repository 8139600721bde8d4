# Sync-test helpers on top of lib/lssim.sh: kivals pointed at the simulator, linked products,
# levels and POS sales. Source after common.sh and links.sh.
. "$(dirname "${BASH_SOURCE[0]}")/lssim.sh"

# configure_kivals_for_sim [API_VERSION]: store URL, token (from a file) and the first outlet.
configure_kivals_for_sim() {
    kivals_use_lssim
    "$KIVALS" config set api.version "${1:-2026-07}"
    api -f GET /api/2.0/outlets
    SIM_OUTLET=$(json_get "$BODY" data.0.id)
    "$KIVALS" config set outlet_id "$SIM_OUTLET"
}

# link_sim_products N: link the first N simulator products as K1..KN (stock all zero).
link_sim_products() {
    local n=$1 i=0 id
    api -f GET "/api/2.0/products?page_size=10000"
    mapfile -t SIM_IDS < <(python3 -c 'import json,sys; [print(p["id"]) for p in json.load(sys.stdin)["data"][:int(sys.argv[1])]]' "$n" <<<"$BODY")
    {
        echo "BEGIN;"
        for id in "${SIM_IDS[@]}"; do
            i=$((i + 1))
            echo "INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('$id', 'P$i', 'x', 'x');"
            echo "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('K$i', 'P$i', 'x', 'x');"
            echo "INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES ('$id', 'K$i', 'x');"
            echo "INSERT INTO stock(lightspeed_id, updated_at) VALUES ('$id', 'x');"
        done
        echo "COMMIT;"
    } | sql
}

# sim_level PRODUCT_ID: print Lightspeed's true level at our outlet.
sim_level() {
    ctl -f GET "/_sim/level?product_id=$1&outlet_id=$SIM_OUTLET"
    python3 -c 'import json,sys; v=json.load(sys.stdin)["level"]; print(int(v) if float(v).is_integer() else v)' <<<"$BODY"
}

# sim_sale PRODUCT_ID QTY: a POS sale at our outlet.
sim_sale() {
    ctl -f POST /_sim/sale "{\"product_id\":\"$1\",\"outlet_id\":\"$SIM_OUTLET\",\"quantity\":$2}"
}

# fresh_sim_store [LSSIM_FLAGS...]: a new kivals database and a new simulator started with the
# flags, kivals pointed at it (API 2026-07), for tests that run once per reality.
fresh_sim_store() {
    rm -rf "$T/db" "$T/locks"
    write_config
    "$KIVALS" init >/dev/null
    start_lssim "$@"
    configure_kivals_for_sim 2026-07
}
