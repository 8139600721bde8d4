#!/usr/bin/env bash
# Linking quality on the abt-buy benchmark, end to end as the issue describes it: the
# benchmark's Lightspeed side is loaded into the simulator (kivals-lssim) with its ids as
# SKUs, `kivals fetch-products` reads it over HTTP, `kivals kiva import` loads the store
# side, `kivals link suggest --csv` suggests, and the SKUs are mapped back to the
# benchmark's ids for score.py.
#   bench/link_quality_sim.sh [BENCH_DIR]
# Needs kivals-lssim and `kivals fetch-products`; exits 77 (skipped) when either is missing.
. "$(dirname "$0")/lib.sh"
SET=${1:-$DATASETS/abt-buy}
LSSIM="$BIN_DIR/kivals-lssim"
if [ ! -x "$LSSIM" ] || ! "$KIVALS" fetch-products --help >/dev/null 2>&1; then
    echo "link_quality_sim: skipped: needs kivals-lssim and \`kivals fetch-products\`" \
         "(use bench/link_quality.sh meanwhile)" >&2
    exit 77
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
token=bench-token-$$
printf '%s\n' "$token" >"$W/token"
"$LSSIM" --host 127.0.0.1 --port "$port" --token-file "$W/token" --products 0 >"$W/lssim.log" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null; wait $sim 2>/dev/null; rm -rf "$W"' EXIT
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

python3 - "$SET/lightspeed.csv" >"$W/products.jsonl" <<'PY'
import csv, json, sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    print(json.dumps({"name": r["name"], "sku": r["id"], "has_inventory": True}))
PY
curl -fsS -X POST --data-binary @"$W/products.jsonl" -H 'Content-Type: application/x-ndjson' \
    "http://127.0.0.1:$port/_sim/products/load?replace=1" >/dev/null
"$KIVALS" config set store_url "http://127.0.0.1:$port"
"$KIVALS" config set token <"$W/token"
"$KIVALS" fetch-products >&2
"$KIVALS" kiva import "$SET/kiva.csv" >&2
"$KIVALS" link suggest --csv --top 5 --min-score 0 >"$W/suggestions.csv"
# The benchmark's ids travelled as SKUs: put them back in the lightspeed_id column.
python3 - "$W/suggestions.csv" >"$W/mapped.csv" <<'PY'
import csv, sys
rows = csv.DictReader(open(sys.argv[1], newline=""))
out = csv.writer(sys.stdout)
out.writerow(["lightspeed_id", "kiva_id", "rank", "score"])
for r in rows:
    out.writerow([r["lightspeed_sku"], r["kiva_id"], r["rank"], r["score"]])
PY
echo "link_quality_sim: $(basename "$SET"): $(python3 "$DATASETS/score.py" "$SET" "$W/mapped.csv")"
