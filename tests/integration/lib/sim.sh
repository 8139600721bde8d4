# Run kivals-lssim for a test and point kivals at it. Source after common.sh and links.sh.

SIM_TOKEN="sim-token-0123456789abcdef"

# start_sim [kivals-lssim options...]: start the simulator on a free port; sets SIM_URL.
start_sim() {
    printf '%s\n' "$SIM_TOKEN" >"$T/sim.token"
    printf 'Authorization: Bearer %s\n' "$SIM_TOKEN" >"$T/sim.auth"
    chmod 600 "$T/sim.token" "$T/sim.auth"
    start_bg "$LSSIM" --port 0 --token-file "$T/sim.token" "$@" >"$T/sim.out" 2>"$T/sim.err"
    SIM_PID=$LAST_PID
    local i
    for i in $(seq 1 100); do
        SIM_PORT=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$T/sim.out")
        [ -n "$SIM_PORT" ] && break
        sleep 0.05
    done
    [ -n "$SIM_PORT" ] || fail "kivals-lssim did not start: $(cat "$T/sim.err")"
    SIM_URL="http://127.0.0.1:$SIM_PORT"
}

# sim_get PATH: GET an API or control path with the token.
sim_get() {
    curl -sf -H @"$T/sim.auth" "$SIM_URL$1"
}

# sim_post PATH JSON: POST to a control path.
sim_post() {
    curl -sf -X POST -H 'Content-Type: application/json' -d "$2" "$SIM_URL$1"
}

# configure_kivals_for_sim [API_VERSION]: store URL, token (stdin) and the first outlet.
configure_kivals_for_sim() {
    "$KIVALS" config set store_url "$SIM_URL"
    printf '%s\n' "$SIM_TOKEN" | "$KIVALS" config set token
    "$KIVALS" config set api.version "${1:-2026-07}"
    SIM_OUTLET=$(sim_get /api/2.0/outlets | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')
    "$KIVALS" config set outlet_id "$SIM_OUTLET"
}

# sim_product_ids: print the simulator's product ids, one a line, in catalogue order.
sim_product_ids() {
    sim_get "/api/2.0/products?page_size=10000" |
        python3 -c 'import json,sys; [print(p["id"]) for p in json.load(sys.stdin)["data"]]'
}

# link_sim_products N: link the first N simulator products as K1..KN (stock all zero).
link_sim_products() {
    local n=$1 i=0 id
    mapfile -t SIM_IDS < <(sim_product_ids | head -n "$n")
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
    } | sqlite3 "$T/db/kivals.db"
}

# sim_level PRODUCT_ID: print Lightspeed's true level at our outlet.
sim_level() {
    curl -sf "$SIM_URL/_sim/level?product_id=$1&outlet_id=$SIM_OUTLET" |
        python3 -c 'import json,sys; v=json.load(sys.stdin)["level"]; print(int(v) if float(v).is_integer() else v)'
}

# sim_sale PRODUCT_ID QTY: a POS sale at our outlet.
sim_sale() {
    sim_post /_sim/sale "{\"product_id\":\"$1\",\"outlet_id\":\"$SIM_OUTLET\",\"quantity\":$2}" >/dev/null
}
