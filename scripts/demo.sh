#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run kivals' main job end
# to end. With no real store configured (no $KIVALS_CONFIG whose database has a store URL),
# it runs against the bundled simulator in a scratch folder: the simulator, lighttpd running
# the intake, webhooks registered, products fetched, imported and linked, a pull-sync, then
# the seed's story (a POS sale, an online order, a cancel) with the numbers after each step.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build} scripts/build.sh >/dev/null
BIN="$ROOT/${BUILD_DIR:-build}"
KIVALS="$BIN/kivals"

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }

# A real store: run the jobs once, in the order cron runs them, and show where things stand.
if [ -n "${KIVALS_CONFIG:-}" ] && "$KIVALS" config get store_url >/dev/null 2>&1; then
    say "Real store configured in $KIVALS_CONFIG"
    "$KIVALS" queue process --verbose
    "$KIVALS" pull-sync
    "$KIVALS" push
    "$KIVALS" status
    "$KIVALS" doctor || true
    exit 0
fi

DEMO=${KIVALS_DEMO_DIR:-$(mktemp -d /tmp/kivals-demo.XXXXXX)}
mkdir -p "$DEMO"
pids=()
stop_all() {
    local pid
    for pid in "${pids[@]:-}"; do [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]:-}"; do [ -n "$pid" ] && wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT

export KIVALS_CONFIG="$DEMO/kivals.toml"
cat >"$KIVALS_CONFIG" <<TOML
[database]
path = "$DEMO/kivals.db"
[intake]
spool_dir = "$DEMO/spool"
secret_file = "$DEMO/webhook.secret"
[locks]
dir = "$DEMO/locks"
TOML

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

say "Start the Lightspeed simulator (kivals-lssim) on loopback"
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | sed 's/^/lsxs_pt_/' >"$DEMO/token"
chmod 600 "$DEMO/token"
"$BIN/kivals-lssim" --port 0 --token-file "$DEMO/token" --products 30 --outlets 1 --seed 7 \
    --retry-base-ms 200 >"$DEMO/lssim.log" 2>&1 &
pids+=("$!")
for _ in $(seq 1 100); do
    SIM_PORT=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$DEMO/lssim.log")
    [ -n "$SIM_PORT" ] && break
    sleep 0.1
done
[ -n "${SIM_PORT:-}" ] || { cat "$DEMO/lssim.log" >&2; exit 1; }
SIM="http://127.0.0.1:$SIM_PORT"
echo "Simulated store at $SIM (token in $DEMO/token, never on a command line)"

say "kivals init; store URL and token"
"$KIVALS" init
"$KIVALS" config set store_url "$SIM"
"$KIVALS" config set token --from-file "$DEMO/token"

say "Start lighttpd running kivals-webhook (FastCGI) on loopback"
WEB_PORT=$(free_port)
mkdir -p "$DEMO/www" "$DEMO/upload"
cat >"$DEMO/lighttpd.conf" <<CONF
server.document-root = "$DEMO/www"
server.bind = "127.0.0.1"
server.port = $WEB_PORT
server.upload-dirs = ("$DEMO/upload")
server.errorlog = "|exec sed -u -e 's/secret=[^&[:space:]]*/secret=REDACTED/g' >>$DEMO/lighttpd-error.log"
server.modules = ("mod_accesslog", "mod_fastcgi")
accesslog.filename = "$DEMO/lighttpd-access.log"
accesslog.format = "%h %t \"%m %U %H\" %>s %b"
fastcgi.server = ("/kivals-webhook" => ((
    "bin-path" => "$BIN/kivals-webhook",
    "socket" => "$DEMO/kivals-webhook.sock",
    "max-procs" => 2,
    "bin-environment" => ("KIVALS_CONFIG" => "$KIVALS_CONFIG"),
    "check-local" => "disable"
)))
CONF
lighttpd -D -f "$DEMO/lighttpd.conf" &
pids+=("$!")
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$WEB_PORT") 2>/dev/null && break; sleep 0.1; done
"$KIVALS" config set webhook.base_url "http://127.0.0.1:$WEB_PORT/kivals-webhook"
echo "Intake at http://127.0.0.1:$WEB_PORT/kivals-webhook (access log without the query string)"

say "kivals outlet detect"
"$KIVALS" outlet detect

say "kivals webhooks create; kivals webhooks list"
"$KIVALS" webhooks create
"$KIVALS" webhooks list

say "kivals fetch-products"
"$KIVALS" fetch-products

say "kivals kiva import: the store's catalogue (names as the store spells them)"
sqlite3 -csv "$DEMO/kivals.db" \
    "SELECT 'K-' || rowid, lower(name) || coalesce(' - ' || variant_name, ''), sku FROM ls_products
     WHERE deleted_at IS NULL AND has_inventory = 1 AND is_composite = 0 ORDER BY rowid" |
    { echo "id,name,sku"; cat; } >"$DEMO/kiva.csv"
"$KIVALS" kiva import "$DEMO/kiva.csv"

say "kivals link suggest --top 1 (first five) and kivals link auto --min-score 0.9"
"$KIVALS" link suggest --top 1 --csv | head -6
"$KIVALS" link auto --min-score 0.9

say "kivals pull-sync --full"
"$KIVALS" pull-sync --full
"$KIVALS" status

# The seed's story on the first linked product.
read -r KIVA LS < <(sqlite3 -separator ' ' "$DEMO/kivals.db" \
    "SELECT kiva_id, lightspeed_id FROM links ORDER BY kiva_id LIMIT 1")
OUTLET=$("$KIVALS" config get outlet_id)
numbers() {
    "$KIVALS" stock "$KIVA" --json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
r = rows[0] if isinstance(rows, list) else rows
r = {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in r.items()}
print("   Lightspeed Count {lightspeed_count:>5}   In Stock {in_stock:>5}   Reserved {reserved:>4}"
      "   (Available online {available})".format(**r))'
}
true_level() {
    curl -sf "$SIM/_sim/level?product_id=$LS&outlet_id=$OUTLET" |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("level", d.get("count", d)))'
}
settle() { # wait for the simulator's deliveries, then apply what the intake stored
    curl -sf -X POST "$SIM/_sim/quiesce" >/dev/null || true
    "$KIVALS" queue process
}

say "The story, on $KIVA (Lightspeed product $LS)"
echo "Start: an earlier online order of 5 is pushed, so Lightspeed shows 5 fewer."
"$KIVALS" order reserve A1000 "$KIVA" 5 --push >/dev/null
settle
numbers

say "1. A POS sale of 1 at the till (webhook -> lighttpd -> intake -> queue process)"
curl -sf -X POST "$SIM/_sim/sale" -H 'Content-Type: application/json' \
    -d "{\"product_id\":\"$LS\",\"outlet_id\":\"$OUTLET\",\"quantity\":1}" >/dev/null
settle
numbers

say "2. An online order of 3, pushed to Lightspeed"
"$KIVALS" order reserve A1001 "$KIVA" 3 --push >/dev/null
settle
numbers
echo "   Lightspeed itself now says $(true_level)."

say "3. That order is cancelled; the units go back to Lightspeed"
"$KIVALS" order cancel A1001 --push >/dev/null
settle
numbers
echo "   Lightspeed itself now says $(true_level)."

say "4. The echoes of kivals' own pushes came back as webhooks and were ignored"
"$KIVALS" queue list --status ignored | tail -5

say "kivals history $KIVA"
"$KIVALS" history "$KIVA" | tail -12

say "kivals status; kivals doctor"
"$KIVALS" status
"$KIVALS" doctor || true
echo
echo "Demo files are in $DEMO (KIVALS_CONFIG=$KIVALS_CONFIG)."
