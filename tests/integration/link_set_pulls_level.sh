# kivals link set reads the product's level from Lightspeed (the simulator) at once, so its
# numbers are right before any sync; when Lightspeed cannot be reached, the link is still
# made, with a warning that says to run a full pull-sync.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
[ -x "$LSSIM" ] || { echo "SKIP: no kivals-lssim"; exit 77; }
write_config
expect_rc 0 "$KIVALS" init
port=$(free_port)
printf 'sim-token-%s\n' "$$" >"$T/token"
start_bg "$LSSIM" --host 127.0.0.1 --port "$port" --token-file "$T/token" --products 0 --outlets 1
sim_pid=$LAST_PID
wait_port "$port"
cat >"$T/products.jsonl" <<'JSONL'
{"name": "Red enamel mug", "sku": "MUG-R", "level": 17}
{"name": "Blue enamel mug", "sku": "MUG-B", "level": 4}
JSONL
http_call -f POST "http://127.0.0.1:$port/_sim/products/load?replace=1" \
    --data-binary @"$T/products.jsonl"
expect_rc 0 "$KIVALS" config set store_url "http://127.0.0.1:$port"
expect_rc 0 "$KIVALS" config set token <"$T/token"
expect_rc 0 "$KIVALS" outlet detect
expect_rc 0 "$KIVALS" fetch-products
red=$(sql "SELECT id FROM ls_products WHERE sku = 'MUG-R'")
blue=$(sql "SELECT id FROM ls_products WHERE sku = 'MUG-B'")
[ -n "$red" ] && [ -n "$blue" ] || fail "fetch-products did not import the mugs"
printf 'id,name,sku\nK1,Mug red,MUG-R\nK2,Mug blue,MUG-B\n' >"$T/store.csv"
expect_rc 0 "$KIVALS" kiva import "$T/store.csv"

expect_rc 0 "$KIVALS" link set "$red" K1
assert_not_contains "$ERR" "warning"
assert_contains "$OUT" "Linked $red to K1; levels read: 1"
assert_eq "$(sql "SELECT ls_count FROM stock WHERE lightspeed_id = '$red'")" 17000 "L after the pull"
assert_eq "$(sql "SELECT ls_version > 0 FROM stock WHERE lightspeed_id = '$red'")" 1 "v after the pull"
assert_eq "$(sql "SELECT source, after FROM ledger WHERE lightspeed_id = '$red' AND field = 'L'")" \
    "link|17000" "the pull is in the ledger"

# Lightspeed gone: the link is made all the same, and says its level is not read; L stays 0
# until a sync.
kill "$sim_pid"
wait "$sim_pid" 2>/dev/null || true
expect_rc 0 "$KIVALS" link set "$blue" K2
assert_contains "$OUT" "Linked $blue to K2; levels read: 0; 1 not read: Lightspeed could not be read"
assert_contains "$OUT" "\`kivals pull-sync --full\` reads them"
assert_eq "$(sql "SELECT kiva_id FROM links WHERE lightspeed_id = '$blue'")" K2
assert_eq "$(sql "SELECT ls_count, ls_version FROM stock WHERE lightspeed_id = '$blue'")" "0|0"
pass
