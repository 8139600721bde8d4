#!/usr/bin/env bash
# Benchmark `kivals fetch-products` against kivals-lssim, side by side with the floor: the
# same pages fetched by plain curl in a loop (no parsing, no database).
#   BENCH_SIZE=N        products in the simulated store (default 100000; CI smoke: 2000)
#   BENCH_PAGE_SIZE=N   products per request (default 1000)
#   KIVALS_BIN_DIR=DIR  where kivals and kivals-lssim are (default ./build)
# Prints: requests made, wall time, peak RSS of kivals; wall time of the curl floor.
set -euo pipefail
N=${BENCH_SIZE:-100000}
PAGE=${BENCH_PAGE_SIZE:-1000}
BIN=${KIVALS_BIN_DIR:-$(cd "$(dirname "$0")/.." && pwd)/build}
[ -x "$BIN/kivals" ] && [ -x "$BIN/kivals-lssim" ] || { echo "build first: $BIN/kivals, $BIN/kivals-lssim" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/bench-fetch.XXXXXX")
SIM_PID=
cleanup() { [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT

head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$T/token"
chmod 600 "$T/token"
printf 'Authorization: Bearer %s\n' "$(cat "$T/token")" >"$T/auth"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
sim_start=$(date +%s%N)
"$BIN/kivals-lssim" --port "$port" --token-file "$T/token" --products "$N" --outlets 1 \
    --rate-limit 100000000 >"$T/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 600); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
echo "simulator: $N products, ready in $(( ($(date +%s%N) - sim_start) / 1000000 )) ms"
URL="http://127.0.0.1:$port"

export KIVALS_CONFIG="$T/kivals.toml"
cat >"$KIVALS_CONFIG" <<TOML
[database]
path = "$T/kivals.db"
[intake]
spool_dir = "$T/spool"
secret_file = "$T/webhook.secret"
[locks]
dir = "$T/locks"
TOML
"$BIN/kivals" init >/dev/null
"$BIN/kivals" config set store_url "$URL"
"$BIN/kivals" config set token <"$T/token"

/usr/bin/time -v -o "$T/time.txt" "$BIN/kivals" fetch-products --page-size "$PAGE" --json >"$T/out.json"
wall=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$T/time.txt")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$T/time.txt")
cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$T/time.txt")
requests=$(jq -r .requests "$T/out.json")
fetched=$(jq -r .fetched "$T/out.json")
db_kb=$(( $(stat -c %s "$T/kivals.db") / 1024 ))

# The floor: the same pages with curl, one process per page, cursor read with jq.
floor_start=$(date +%s%N)
after=0
pages=0
while :; do
    curl -sf -H @"$T/auth" -o "$T/page.json" "$URL/api/2026-07/products?after=$after&page_size=$PAGE&deleted=true"
    pages=$((pages + 1))
    next=$(jq -r '.version.max // empty' "$T/page.json")
    [ -z "$next" ] && break
    after=$next
done
floor_ms=$(( ($(date +%s%N) - floor_start) / 1000000 ))

# A second, incremental run: nothing changed, so one request and nothing written.
inc_start=$(date +%s%N)
"$BIN/kivals" fetch-products --json >"$T/inc.json"
inc_ms=$(( ($(date +%s%N) - inc_start) / 1000000 ))

printf '%-32s %s\n' "products fetched" "$fetched"
printf '%-32s %s\n' "kivals requests" "$requests"
printf '%-32s %s\n' "kivals wall time (m:ss)" "$wall"
printf '%-32s %s\n' "kivals CPU user+sys (s)" "$cpu"
printf '%-32s %s\n' "kivals peak RSS (KiB)" "$rss"
printf '%-32s %s\n' "database size (KiB)" "$db_kb"
printf '%-32s %s\n' "curl floor requests" "$pages"
printf '%-32s %s\n' "curl floor wall time (ms)" "$floor_ms"
printf '%-32s %s\n' "incremental rerun (ms, requests)" "$inc_ms, $(jq -r .requests "$T/inc.json")"
