#!/usr/bin/env bash
# How kivals-lssim copes with a large catalogue: start-up time, memory, and the time for a
# full version-cursor walk of products and inventory with page_size=1000.
# Usage: bench/lssim_scale.sh [PRODUCTS] [OUTLETS]   (default 100000 x 2; CI smoke: 2000)
# Needs a built tree: KIVALS_BIN_DIR (default ./build).
set -euo pipefail
products=${1:-${LSSIM_BENCH_PRODUCTS:-100000}}
outlets=${2:-2}
bin="${KIVALS_BIN_DIR:-$(dirname "$0")/../build}/kivals-lssim"
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$tmp/token"
printf 'Authorization: Bearer %s\n' "$(cat "$tmp/token")" >"$tmp/auth"

t0=$(date +%s.%N)
"$bin" --port 0 --token-file "$tmp/token" --products "$products" --outlets "$outlets" \
    --rate-limit 1000000 >"$tmp/out" &
pid=$!
until grep -q '^listening on' "$tmp/out"; do sleep 0.01; done
t1=$(date +%s.%N)
base="http://127.0.0.1:$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/out")"
rss_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")

# walk PATH: follow the cursor to the empty page in one python process (urllib, keep the
# client cheap); print "rows pages seconds".
walk() {
    python3 - "$base$1" "$tmp/token" <<'PY'
import json, sys, time, urllib.request
url, token = sys.argv[1], open(sys.argv[2]).read().strip()
after, rows, pages, start = 0, 0, 0, time.time()
while True:
    req = urllib.request.Request(f"{url}?after={after}&page_size=1000",
                                 headers={"Authorization": f"Bearer {token}"})
    j = json.load(urllib.request.urlopen(req))
    pages += 1
    if not j["data"]:
        break
    rows += len(j["data"])
    after = j["version"]["max"]
print(rows, pages, round(time.time() - start, 2))
PY
}
read -r prows ppages psecs < <(walk /api/2.0/products)
read -r irows ipages isecs < <(walk /api/2.0/inventory)
rss_after_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")

printf 'products:              %d x %d outlets\n' "$products" "$outlets"
printf 'start-up:              %.2f s\n' "$(echo "$t1 - $t0" | bc)"
printf 'memory after start:    %d MiB\n' $((rss_kb / 1024))
printf 'memory after walks:    %d MiB\n' $((rss_after_kb / 1024))
printf 'product walk:          %d rows, %d pages, %.2f s\n' "$prows" "$ppages" "$psecs"
printf 'inventory walk:        %d rows, %d pages, %.2f s\n' "$irows" "$ipages" "$isecs"
