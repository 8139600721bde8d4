# On a terminal every long command shows how far it is and every wait says what it waits
# for and how long; without a terminal (cron, pipes) the same commands print no progress.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/pty.sh"
write_config
"$KIVALS" init >/dev/null
start_lssim --products 60 --outlets 1 --seed 3 --rate-limit 3 --rate-window-s 2
configure_kivals_for_sim 2026-07

# fetch-products: pages counted, and the rate limit's wait named with its length.
on_pty "$KIVALS" fetch-products --page-size 10
assert_eq "$PTY_RC" 0 "fetch-products on a terminal: $PTY_OUT"
assert_contains "$PTY_OUT" "Fetching products: 10 products (10 new), page 1"
grep -Eq "waiting [0-9.]+ s: Lightspeed's rate limit" <<<"$PTY_OUT" || fail "no rate-limit wait shown: $PTY_OUT"
assert_contains "$PTY_OUT" "Fetched 60 products"
expect_rc 0 "$KIVALS" fetch-products --full --page-size 10
assert_eq "$ERR" "" "no progress without a terminal"
assert_contains "$OUT" "Fetched 60 products"

# pull-sync --full: records read and linked products seen. Link 40 of the products fetched.
sleep 2 # a new rate-limit window
mapfile -t SIM_IDS < <(sql "SELECT id FROM ls_products WHERE has_inventory = 1 AND is_composite = 0 AND deleted_at IS NULL ORDER BY id LIMIT 40")
sql "INSERT INTO kiva_products(id, name, imported_at, updated_at) SELECT 'K' || id, name, 'x', 'x' FROM ls_products WHERE id IN ($(printf "'%s'," "${SIM_IDS[@]}" | sed 's/,$//'));
          INSERT INTO links(lightspeed_id, kiva_id, linked_at) SELECT id, 'K' || id, 'x' FROM ls_products WHERE id IN ($(printf "'%s'," "${SIM_IDS[@]}" | sed 's/,$//'));
          INSERT INTO stock(lightspeed_id, updated_at) SELECT lightspeed_id, 'x' FROM links;"
linked=${#SIM_IDS[@]}
on_pty "$KIVALS" pull-sync --full
assert_eq "$PTY_RC" 0 "pull-sync on a terminal: $PTY_OUT"
assert_contains "$PTY_OUT" "Pull-sync: "
assert_contains "$PTY_OUT" "inventory records read"
assert_contains "$PTY_OUT" "$linked first level(s) read, 0 corrected"
expect_rc 0 "$KIVALS" pull-sync --full
assert_eq "$ERR$OUT" "" "silent without a terminal"

# push: products counted.
for id in "${SIM_IDS[@]:0:5}"; do expect_rc 0 "$KIVALS" order reserve "o-$id" "K$id" 1 --allow-oversell; done
sleep 2 # a new rate-limit window
on_pty "$KIVALS" push
assert_eq "$PTY_RC" 0 "push on a terminal: $PTY_OUT"
assert_contains "$PTY_OUT" "Pushing: 5 of 5 products"
for id in "${SIM_IDS[@]:5:3}"; do expect_rc 0 "$KIVALS" order reserve "o-$id" "K$id" 1 --allow-oversell; done
expect_rc 0 "$KIVALS" push
assert_not_contains "$ERR" "Pushing" "no progress without a terminal"

# link suggest: products counted.
for i in $(seq 1 80); do printf 'k%d,Kiva product %d\n' "$i" "$i"; done | sed '1i id,name' >"$T/kiva.csv"
expect_rc 0 "$KIVALS" kiva import "$T/kiva.csv"
on_pty "$KIVALS" link suggest
assert_eq "$PTY_RC" 0 "link suggest on a terminal"
grep -Eq "Suggesting: [0-9]+ of [0-9]+ products" <<<"$PTY_OUT" || fail "no suggestion progress: $PTY_OUT"
expect_rc 0 "$KIVALS" link suggest
assert_not_contains "$ERR" "Suggesting"

# queue process with a backlog of more than one batch.
for i in $(seq 1 130); do
    [ "$(deliver_inventory "${SIM_IDS[0]}" "$SIM_OUTLET" "$i" "$((1000 + i))")" = 200 ] || fail "delivery $i"
done
on_pty "$KIVALS" queue process
assert_eq "$PTY_RC" 0 "queue process on a terminal: $PTY_OUT"
assert_contains "$PTY_OUT" "Applying events: 100 of 130 events"
assert_contains "$PTY_OUT" "Took 130 deliveries from the spool"

# The store down: each retry says so, with the attempt and the wait.
"$KIVALS" config set store_url "http://127.0.0.1:$(free_port)"
on_pty "$KIVALS" pull-sync
assert_eq "$PTY_RC" 75 "pull-sync against a dead port: $PTY_OUT"
assert_contains "$PTY_OUT" "store unreachable, attempt 1 of 4, next in"
assert_contains "$PTY_OUT" "store unreachable, attempt 3 of 4, next in"
assert_contains "$PTY_OUT" "gave up after 4 attempts"
expect_rc 75 "$KIVALS" pull-sync
assert_not_contains "$ERR" "attempt 1 of 4" "without a terminal only the error is printed"
assert_eq "$(printf '%s\n' "$ERR" | wc -l)" 1 "one line: $ERR"
pass
