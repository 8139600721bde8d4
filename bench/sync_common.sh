# Shared set-up for bench/pull_sync.sh and bench/push.sh: a simulator with N products at one
# outlet, a kivals database with all of them linked. Source it; BUILD names the build dir
# (default: build/ of this checkout).
# The scratch kivals home (W, KIVALS_CONFIG, an initialised database) comes from lib.sh.
if [ -n "${BUILD:-}" ]; then KIVALS_BIN_DIR=$(cd "$BUILD" && pwd); export KIVALS_BIN_DIR; fi
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LSSIM="$BIN_DIR/kivals-lssim"
TOKEN="bench-token-0123456789abcdef"
SIM_PID=
trap '[ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -rf "$W"' EXIT

# start_bench_sim N: start kivals-lssim with N products, one outlet, no rate limit.
start_bench_sim() {
    printf '%s\n' "$TOKEN" >"$W/token"
    printf 'Authorization: Bearer %s\n' "$TOKEN" >"$W/auth" # curl reads it: not in argv
    : >"$W/sim.out" # exists before the simulator's shell opens it, for the sed below
    "$LSSIM" --port 0 --token-file "$W/token" --products "$1" --outlets 1 --seed 1 \
        --rate-limit 100000000 >"$W/sim.out" 2>/dev/null &
    SIM_PID=$!
    for _ in $(seq 1 200); do
        PORT=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$W/sim.out")
        [ -n "$PORT" ] && break
        sleep 0.05
    done
    URL="http://127.0.0.1:$PORT"
}

# link_all: kivals init, settings, and every simulator product linked (ids via the API).
link_all() {
    "$KIVALS" init >/dev/null
    "$KIVALS" config set store_url "$URL"
    printf '%s\n' "$TOKEN" | "$KIVALS" config set token
    OUTLET=$(curl -sf -H @"$W/auth" "$URL/api/2.0/outlets" | jq -r '.data[0].id')
    "$KIVALS" config set outlet_id "$OUTLET"
    after=0
    : >"$W/ids"
    while :; do
        page=$(curl -sf -H @"$W/auth" "$URL/api/2.0/products?after=$after&page_size=1000")
        n=$(printf '%s' "$page" | jq '.data | length')
        [ "$n" -gt 0 ] || break
        printf '%s' "$page" | jq -r '.data[].id' >>"$W/ids"
        after=$(printf '%s' "$page" | jq '.version.max')
    done
    awk '{printf "INSERT INTO ls_products(id,name,imported_at,updated_at) VALUES(\x27%s\x27,\x27P%d\x27,\x27x\x27,\x27x\x27);\nINSERT INTO kiva_products(id,name,imported_at,updated_at) VALUES(\x27K%d\x27,\x27P%d\x27,\x27x\x27,\x27x\x27);\nINSERT INTO links VALUES(\x27%s\x27,\x27K%d\x27,\x27x\x27);\nINSERT INTO stock(lightspeed_id,updated_at) VALUES(\x27%s\x27,\x27x\x27);\n", $1, NR, NR, NR, $1, NR, $1}' "$W/ids" |
        { echo "BEGIN;"; cat; echo "COMMIT;"; } | sqlite3 "$W/kivals.db"
    LINKED=$(wc -l <"$W/ids")
}

# curl_inventory_walk: fetch every 2026-07 inventory page with curl alone, CURL_PAGE_SIZE
# records a request (default 1000); prints the number of requests.
curl_inventory_walk() {
    after=0
    requests=0
    while :; do
        curl -sf $([ "${CURL_ENCODING:-identity}" = gzip ] && echo --compressed) \
            -H @"$W/auth" -H 'Content-Type: application/json' \
            -d "{\"after\":$after,\"size\":${CURL_PAGE_SIZE:-1000},\"sort_direction\":\"asc\"}" \
            "$URL/api/2026-07/inventory" >"$W/page"
        requests=$((requests + 1))
        last=$(grep -o '"version":[0-9]*' "$W/page" | tail -1 | cut -d: -f2)
        [ -n "$last" ] || break
        after=$last
    done
    echo "$requests"
}

# measure LABEL CMD...: run CMD under /usr/bin/time; prints wall seconds and peak RSS (KiB).
measure() {
    label=$1
    shift
    /usr/bin/time -f "%e %M" -o "$W/time" "$@" >"$W/out"
    read -r wall rss <"$W/time"
    printf '%-28s wall %7ss  peak RSS %7s KiB\n' "$label" "$wall" "$rss"
}
