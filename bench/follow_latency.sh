#!/usr/bin/env bash
# Real time with `kivals queue follow`: from the intake's 2xx to the stock change being
# visible, and from a reservation to its push landing at Lightspeed, p50/p95/p99, in one run.
#   - Deliveries: a POS sale in the simulator, then its inventory.update POSTed to the real
#     intake (lighttpd, FastCGI) at RATES deliveries/s (default 1 10 100) for SECONDS each
#     (default 10), each for a product with no delivery in flight. From the 2xx until the new
#     level shows in the store API (GET /v1/stock/{id} of `kivals serve`, polled every 2 ms)
#     and in `kivals stock ID --csv` (run in a loop, for one delivery in RATE per second).
#     Each delivery is a doorbell: follow reads the product from the simulator, as in a store
#     whose webhook versions are not proven the API's.
#   - Floor, in the same run: the delivery answered by the intake alone (the 2xx itself),
#     and one `kivals stock` call (what polling it costs).
#   - Reservations: `kivals order reserve` (RESERVATIONS of them, default 20, one at a time)
#     until the simulator's level moved by it: follow's background pusher, woken by the commit.
#   bench/follow_latency.sh
#   RATES="1 10" SECONDS_PER_RATE=3 RESERVATIONS=3 bench/follow_latency.sh   # CI smoke
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
export KIVALS_SRC_DIR=${KIVALS_SRC_DIR:-$here}
export KIVALS_BIN_DIR=${KIVALS_BIN_DIR:-$here/build}
export KIVALS_TEST_TMP=${KIVALS_TEST_TMP:-${TMPDIR:-/tmp}}
export KIVALS_ARGV_WATCH=0
RATES=${RATES:-1 10 100}
SECONDS_PER_RATE=${SECONDS_PER_RATE:-10}
RESERVATIONS=${RESERVATIONS:-20}
PRODUCTS=${PRODUCTS:-300}
. "$here/tests/integration/lib/common.sh"
. "$here/tests/integration/lib/links.sh"
. "$here/tests/integration/lib/sim.sh"
. "$here/tests/integration/lib/lighttpd.sh"
. "$here/tests/integration/lib/serve.sh"

write_config
"$KIVALS" init >/dev/null
WEB_FCGI_PROCS=4 start_lighttpd fastcgi
start_lssim --products "$PRODUCTS" --outlets 1 --seed 3 --rate-limit 100000000
configure_kivals_for_sim 2026-07
link_sim_products "$PRODUCTS"
"$KIVALS" pull-sync --full >/dev/null
start_serve --no-push
start_bg "$KIVALS" queue follow 2>"$T/follow.log"
echo "follow_latency: $PRODUCTS linked products, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%s\n' "${SIM_IDS[@]}" >"$T/products"
python3 - "$T" "$KIVALS" "$WEB_URL" "$LSSIM_URL" "$SERVE_ADDR" "$SIM_OUTLET" "$SECONDS_PER_RATE" \
    "$RESERVATIONS" $RATES <<'PY'
import json, subprocess, sys, threading, time, urllib.parse, urllib.request
t, kivals, intake, sim, api, outlet, seconds, reservations = sys.argv[1:9]
seconds, reservations = float(seconds), int(reservations)
rates = [int(r) for r in sys.argv[9:]]
products = open(f"{t}/products").read().split()
secret = open(f"{t}/etc/webhook.secret").read().strip()
store_key = open(f"{t}/store.token").read().strip()
kiva = {p: f"K{i + 1}" for i, p in enumerate(products)}

def call(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read()

def sim_ctl(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    return json.loads(call(sim + path, data, {"Content-Type": "application/json"}, method)[1] or b"{}")

def level(p):
    value = sim_ctl("GET", f"/_sim/level?product_id={p}&outlet_id={outlet}")["level"]
    return None if value is None else float(value)

def store_level(p):
    status, body = call(f"{api}/v1/stock/{kiva[p]}", headers={"Authorization": "Bearer " + store_key})
    return float(json.loads(body)["lightspeed_count"])

def cli_level(p):
    out = subprocess.run([kivals, "stock", kiva[p], "--csv"], capture_output=True, text=True).stdout
    return float(out.splitlines()[1].split(",")[2])

version = [10**6]
def deliver(p, count):
    version[0] += 1
    payload = {"id": "inv-" + p, "product_id": p, "outlet_id": outlet, "count": count,
               "version": version[0], "attributed_cost": "1.00", "reorder_point": "0"}
    body = urllib.parse.urlencode({"payload": json.dumps(payload), "domain_prefix": "bench"}).encode()
    query = urllib.parse.urlencode({"type": "inventory.update", "secret": secret})
    t0 = time.monotonic()
    status, _ = call(f"{intake}?{query}", body, {"Content-Type": "application/x-www-form-urlencoded"})
    t1 = time.monotonic()
    assert status == 200, status
    return t0, t1

def wait_for(read, p, want, since, limit=30):
    while time.monotonic() - since < limit:
        if abs(read(p) - want) < 1e-9:
            return time.monotonic() - since
        time.sleep(0.002)
    raise SystemExit(f"bench: {p} did not show {want} within {limit} s")

def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * (len(xs) - 1) + 0.5))] * 1000

def row(label, n, xs):
    print(f"| {label} | {n} | {pct(xs, .5):.0f} ms | {pct(xs, .95):.0f} ms | {pct(xs, .99):.0f} ms |")

products = [p for p in products if level(p) is not None]  # tracked at the outlet
print("\n| from the intake's 2xx to visible | deliveries | p50 | p95 | p99 |\n|---|---:|---:|---:|---:|")
free = list(products)
lock = threading.Lock()
for rate in rates:
    api_times, cli_times, intake_times, threads = [], [], [], []
    n = max(1, int(rate * seconds))
    def one(p, sampled):
        sim_ctl("POST", "/_sim/sale", {"product_id": p, "outlet_id": outlet, "quantity": 1})
        want = level(p)
        t0, t1 = deliver(p, want)
        intake_times.append(t1 - t0)
        if sampled:
            cli_times.append(wait_for(cli_level, p, want, t1))
        api_times.append(wait_for(store_level, p, want, t1))
        with lock:
            free.append(p)
    start = time.monotonic()
    for k in range(n):
        time.sleep(max(0, start + k / rate - time.monotonic()))
        with lock:
            p = free.pop(0)
        th = threading.Thread(target=one, args=(p, k % max(1, rate) == 0))
        th.start()
        threads.append(th)
    for th in threads:
        th.join()
    took = time.monotonic() - start
    row(f"{rate}/s ({n / took:.0f}/s sent): GET /v1/stock/{{id}}", n, api_times)
    row(f"{rate}/s: `kivals stock` (one in {max(1, rate)})", len(cli_times), cli_times)
    row(f"{rate}/s floor: the intake's answer itself (POST to 2xx)", n, intake_times)
costs = []
for _ in range(10):
    t0 = time.monotonic()
    cli_level(products[0])
    costs.append(time.monotonic() - t0)
row("floor: one `kivals stock` call (polling granularity)", len(costs), costs)

print("\n| from `kivals order reserve` to the push landed | reservations | p50 | p95 | p99 |\n|---|---:|---:|---:|---:|")
push_times = []
for k in range(reservations):
    p = products[k % len(products)]
    before = level(p)
    subprocess.run([kivals, "order", "reserve", f"B{k}", kiva[p], "1", "--allow-oversell"],
                   check=True, capture_output=True)
    t1 = time.monotonic()
    push_times.append(wait_for(level, p, before - 1, t1))
    time.sleep(0.2)
row("reserved -> pushed by follow (serve.push_delay_ms 300)", reservations, push_times)
PY
