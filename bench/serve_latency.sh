#!/usr/bin/env bash
# The store API's latency, side by side with its floors in one run:
#   - reservations (POST /v1/orders/.../lines/1, each a new order line: one group-committed
#     write each) at 1 and 25 concurrent clients, over TCP and a unix socket;
#   - floors: a trivial handler on the same server library (bench/http_floor.cpp) and
#     GET /v1/health (the key checked, one read) on kivals serve itself;
#   - the change feed: from a commit by another process to the store's long-poll answering,
#     for a feed row written straight into the database (the floor), `kivals order reserve`
#     run from the shell, and a POS sale in the simulator that travels webhook -> lighttpd ->
#     kivals-webhook -> `kivals queue process` (run in a loop every 50 ms, standing in for
#     issue 17's queue follow).
# BENCH_REQUESTS requests per row (default 4000; CI smoke 200), BENCH_SALES sales (default 40;
# smoke 5). BUILD names the build dir (default build/).
#   bench/serve_latency.sh
if [ -n "${BUILD:-}" ]; then KIVALS_BIN_DIR=$(cd "$BUILD" && pwd); export KIVALS_BIN_DIR; fi
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOAD="$BIN_DIR/bench/kivals-http-load"
FLOOR="$BIN_DIR/bench/kivals-http-floor"
LSSIM="$BIN_DIR/kivals-lssim"
WEBHOOK="$BIN_DIR/kivals-webhook"
N=${BENCH_REQUESTS:-4000}
SALES=${BENCH_SALES:-40}
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$W"' EXIT

# listening LOGFILE PATTERN: wait for a "listening on ..." line and print the address.
listening() {
    local addr=""
    for _ in $(seq 1 200); do
        addr=$(sed -n "s/^$2//p" "$1" 2>/dev/null | head -n 1)
        [ -n "$addr" ] && break
        sleep 0.05
    done
    [ -n "$addr" ] || { echo "bench: nothing listens ($(cat "$1"))" >&2; exit 1; }
    echo "$addr"
}

# Ten linked products with a million units each: no reservation is refused.
{
    echo "BEGIN;"
    for i in $(seq 1 10); do
        echo "INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('p$i', 'P$i', 'x', 'x');"
        echo "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('K$i', 'P$i', 'x', 'x');"
        echo "INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES ('p$i', 'K$i', 'x');"
        echo "INSERT INTO stock(lightspeed_id, ls_count, updated_at) VALUES ('p$i', 1000000000, 'x');"
    done
    echo "COMMIT;"
} | sqlite3 -cmd ".timeout 5000" "$W/kivals.db"
"$KIVALS" config get store.key >"$W/store.key"
chmod 600 "$W/store.key"
KIVA=$(seq -s, -f 'K%g' 1 10)
mkdir -p "$W/run"
"$KIVALS" serve --listen 127.0.0.1:0 --no-push 2>"$W/serve.log" &
PIDS+=($!)
API="http://$(listening "$W/serve.log" 'kivals serve: listening on ')"
"$KIVALS" serve --listen "unix:$W/run/store.sock" --no-push 2>"$W/serve-unix.log" &
PIDS+=($!)
listening "$W/serve-unix.log" 'kivals serve: listening on ' >/dev/null
"$FLOOR" 64 >"$W/floor.log" &
PIDS+=($!)
FLOOR_URL="http://$(listening "$W/floor.log" 'listening on ')"

row() { # row LABEL CLIENTS ARGS...: one line of the table from kivals-http-load's JSON
    local label=$1 clients=$2
    shift 2
    "$LOAD" --clients "$clients" --requests "$N" "$@" >"$W/load.json" ||
        { echo "bench: $label: requests failed: $(cat "$W/load.json")" >&2; exit 1; }
    jq -r --arg l "$label" '"| \($l) | \(.clients) | \(.p50_ms * 100 | round / 100) ms | \(.p99_ms * 100 | round / 100) ms | \(.per_second) |"' "$W/load.json"
}

# The floor of a write: one SQLite commit as kivals makes them (rollback journal,
# synchronous=FULL), a row each, on the same disk, one writer.
commit_floor() {
    python3 - "$W/floor.db" "$N" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA journal_mode=DELETE")
db.execute("PRAGMA synchronous=FULL")
db.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, v TEXT)")
times = []
for n in range(min(int(sys.argv[2]), 500)):
    t0 = time.monotonic()
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO t (v) VALUES ('x')")
    db.execute("COMMIT")
    times.append((time.monotonic() - t0) * 1000)
times.sort()
p = lambda q: times[min(len(times) - 1, int(q * (len(times) - 1) + 0.5))]
print(f"| floor: one SQLite commit (journal, synchronous=FULL), no HTTP | 1 | {p(0.5):.2f} ms | {p(0.99):.2f} ms | {1000 / (sum(times) / len(times)):.0f} |")
PY
}

# The same reservation without HTTP: `kivals order apply`, one transaction per line, in one
# process (its start-up spread over the lines).
apply_floor() {
    local lines=$((N < 500 ? N : 500))
    seq 1 "$lines" | awk '{printf "{\"action\":\"reserve\",\"order_id\":\"F%d\",\"kiva_id\":\"K1\",\"qty\":1}\n", $1}' >"$W/apply.jsonl"
    local start end
    start=$(date +%s%N)
    "$KIVALS" order apply "$W/apply.jsonl" >/dev/null
    end=$(date +%s%N)
    awk -v n="$lines" -v ns=$((end - start)) 'BEGIN { printf "| floor: the same reservation by `kivals order apply`, no HTTP (mean) | 1 | %.2f ms | - | %.0f |\n", ns / n / 1e6, n / (ns / 1e9) }'
}

echo "store API latency: $N requests per row; machine: $(nproc) cores, $(uname -r)"
echo
echo "| request | clients | p50 | p99 | per second |"
echo "|---|---:|---:|---:|---:|"
commit_floor
apply_floor
for c in 1 25; do
    row "floor: trivial handler, same library (TCP)" "$c" --url "$FLOOR_URL" --get /v1/health
    row "floor: GET /v1/health (TCP)" "$c" --url "$API" --key-file "$W/store.key" --get /v1/health
    row "reserve (TCP)" "$c" --url "$API" --key-file "$W/store.key" --reserve "$KIVA" --prefix "T$c-"
    row "reserve (unix socket)" "$c" --unix "$W/run/store.sock" --key-file "$W/store.key" --reserve "$KIVA" --prefix "U$c-"
done
lines=$(sqlite3 -cmd ".timeout 5000" "$W/kivals.db" "SELECT count(*) FROM order_lines")
applied=$(wc -l <"$W/apply.jsonl")
[ "$lines" = $((4 * N + applied)) ] || { echo "bench: $lines order lines, not $((4 * N + applied))" >&2; exit 1; }
echo
echo "order lines written: $lines (4 rows of $N reservations, $applied by order apply), each answered 200"

# The feed: a simulator with webhooks through lighttpd's CGI, queue process in a loop.
printf 'bench-token-0123456789abcdef\n' >"$W/token"
"$LSSIM" --port 0 --token-file "$W/token" --products 10 --outlets 1 --seed 1 \
    --rate-limit 100000000 --delivery-delay-ms 0 >"$W/sim.log" 2>&1 &
PIDS+=($!)
SIM="http://$(listening "$W/sim.log" 'listening on ')"
"$KIVALS" config set store_url "$SIM"
"$KIVALS" config set token <"$W/token"
OUTLET=$(curl -sf -H "@"<(printf 'Authorization: Bearer %s\n' "$(cat "$W/token")") "$SIM/api/2.0/outlets" | jq -r '.data[0].id')
"$KIVALS" config set outlet_id "$OUTLET"
curl -sf -X POST -H 'Content-Type: application/json' --data '{"id":"sale-1","name":"Sold","sku":"S1","level":100000}' "$SIM/_sim/products" >/dev/null
"$KIVALS" fetch-products >/dev/null
sqlite3 -cmd ".timeout 5000" "$W/kivals.db" "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('KS', 'Sold', 'x', 'x')"
"$KIVALS" link set sale-1 KS >/dev/null
WEB_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$W/www/cgi-bin" "$W/upload"
ln -s "$WEBHOOK" "$W/www/cgi-bin/kivals-webhook"
cat >"$W/lighttpd.conf" <<CONF
server.document-root = "$W/www"
server.port = $WEB_PORT
server.bind = "127.0.0.1"
server.upload-dirs = ("$W/upload")
server.errorlog = "$W/lighttpd-error.log"
server.modules += ("mod_cgi", "mod_setenv")
\$HTTP["url"] =~ "^/cgi-bin/" {
    cgi.assign = ("" => "")
    setenv.add-environment = ("KIVALS_CONFIG" => "$KIVALS_CONFIG")
}
CONF
lighttpd -D -f "$W/lighttpd.conf" &
PIDS+=($!)
sleep 0.3
"$KIVALS" config set webhook.base_url "http://127.0.0.1:$WEB_PORT/cgi-bin/kivals-webhook"
"$KIVALS" webhooks create >/dev/null
touch "$W/queue.running"
(while [ -f "$W/queue.running" ]; do "$KIVALS" queue process; sleep 0.05; done) &
PIDS+=($!)

python3 - "$API" "$W" "$SIM" "$OUTLET" "$SALES" "$KIVALS" <<'PY'
import json, random, sqlite3, subprocess, sys, threading, time, urllib.request
api, w, sim, outlet, sales, kivals = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6]
key = open(f"{w}/store.key").read().strip()

def get(path):
    req = urllib.request.Request(api + path, headers={"Authorization": "Bearer " + key})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read())

def measure(label, make_change):
    times = []
    for n in range(sales):
        head = get("/v1/health")["cursor"]
        box = {}
        def poll():
            box["answer"] = get(f"/v1/changes?after={head}&wait=30")
            box["t1"] = time.monotonic()
        t = threading.Thread(target=poll)
        t.start()
        # The long-poll is waiting; a random pause so that the change does not fall at the
        # same point of the queue loop every time.
        time.sleep(0.05 + random.uniform(0, 0.1))
        t0 = time.monotonic()
        make_change(n)
        t.join()
        assert box["answer"]["changes"], label
        times.append((box["t1"] - t0) * 1000)
    times.sort()
    p = lambda q: times[min(len(times) - 1, int(q * (len(times) - 1) + 0.5))]
    print(f"| {label} | {len(times)} | {p(0.5):.1f} ms | {p(0.99):.1f} ms | {times[-1]:.1f} ms |")

def feed_row(n):
    db = sqlite3.connect(f"{w}/kivals.db", timeout=10)
    db.execute("INSERT INTO stock_changes(kiva_id, lightspeed_id, linked, ls_count, reserved, synced, source, at)"
               " VALUES ('K1', 'p1', 1, 0, 0, 0, 'link', 'x')")
    db.commit()
    db.close()

def cli_order(n):
    subprocess.run([kivals, "order", "reserve", f"CLI{n}", "K1", "1"], check=True, stdout=subprocess.DEVNULL)

def pos_sale(n):
    body = json.dumps({"product_id": "sale-1", "outlet_id": outlet, "quantity": 1}).encode()
    req = urllib.request.Request(sim + "/_sim/sale", data=body, headers={"Content-Type": "application/json"})
    urllib.request.urlopen(req, timeout=10).read()

print()
print("| change made | samples | p50 | p99 | max |")
print("|---|---:|---:|---:|---:|")
measure("floor: a feed row committed by another process", feed_row)
measure("`kivals order reserve` from the shell", cli_order)
measure("POS sale: webhook, intake (CGI), queue process every 50 ms", pos_sale)
PY
rm -f "$W/queue.running"
