# 50 store clients reserve at once (1,000 order lines, every fifth retried, some cancelled)
# while POS sales arrive by webhook and `queue process`, `pull-sync --full` and `push` run in a
# loop beside the service's own background push. Bounded: 1,000 lines, 120 s. Afterwards:
# every request was answered (200, or 409 oversell), no line granted is lost, none that was
# refused exists, Reserved is the sum of the open lines, nothing was oversold, and once the
# pushes settle Lightspeed holds exactly its starting level minus the open reservations.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/serve.sh"
write_config
expect_rc 0 "$KIVALS" init -q
start_lssim --products 3000 --outlets 1 --seed 5 --delivery-delay-ms 0
configure_kivals_for_sim 2026-07
# Five products the store sells online (150 each: fewer units than the clients ask for), and
# twenty that only sell at the till (their webhooks keep the queue busy).
link_sim_products 20
hot=()
for i in 1 2 3 4 5; do
    ctl -f POST /_sim/products "{\"id\": \"hot-$i\", \"name\": \"Hot $i\", \"sku\": \"H$i\", \"level\": 150}"
    sqlite3 "$T/db/kivals.db" "INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('hot-$i', 'Hot $i', 'x', 'x');
        INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('H$i', 'Hot $i', 'x', 'x');
        INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES ('hot-$i', 'H$i', 'x');
        INSERT INTO stock(lightspeed_id, updated_at) VALUES ('hot-$i', 'x');"
    hot+=("H$i")
done
expect_rc 0 "$KIVALS" pull-sync --full --force
start_lighttpd cgi
expect_rc 0 "$KIVALS" config set webhook.base_url "$WEB_URL"
expect_rc 0 "$KIVALS" webhooks create
start_serve

# The till and cron, for as long as the store clients run.
touch "$T/running"
(
    while [ -f "$T/running" ]; do
        sim_sale "${SIM_IDS[$((RANDOM % 20))]}" 1 || true
        sleep 0.02
    done
) &
sales=$!
# each_job_ran: every job has run to the end (exit 0) at least once.
each_job_ran() {
    local job
    for job in "queue process" "pull-sync --full" "push"; do
        grep -q "^$job 0$" "$T/jobs.txt" 2>/dev/null || return 1
    done
}
(
    # On a quiet machine the load can end in half a second, while the service's own push holds
    # the push lock (exit 75): the loop goes on after the load until each job has run, 60 s at most.
    deadline=$((SECONDS + 60))
    while [ -f "$T/running" ] || { ! each_job_ran && [ "$SECONDS" -lt "$deadline" ]; }; do
        for job in "queue process" "pull-sync --full" "push"; do
            rc=0
            "$KIVALS" $job >>"$T/jobs-stdout.log" 2>>"$T/jobs-stderr.log" || rc=$?
            echo "$job $rc" >>"$T/jobs.txt"
        done
    done
) &
jobs=$!
python3 "$STORE_API_PY" load "$SERVE_ADDR" --key-file "$STORE_KEY_FILE" --record "$STORE_RECORD" \
    --clients 50 --orders 20 --kiva "$(IFS=,; echo "${hot[*]}")" --timeout 120 >"$T/load.json" ||
    fail "the load client failed"
rm -f "$T/running"
wait $sales $jobs || true
python3 -c "import json,sys; j=json.load(open(sys.argv[1])); [j.pop(k) for k in ('reserved', 'cancelled')]; print(json.dumps(j))" "$T/load.json" >&2
load() { python3 -c "import json,sys; j=json.load(open(sys.argv[1])); print($1)" "$T/load.json"; }

assert_eq "$(load 'j["errors"]')" 0 "every connection answered"
assert_eq "$(load 'j["requests"]')" "$(load 'j["by_status"].get("200", 0) + j["by_status"].get("409", 0)')" \
    "every answer 200 or 409: $(load 'j["by_status"]')"
assert_eq "$(load 'sorted(j["by_code"])')" "['oversell']" "the only refusals are oversells"
[ "$(load 'len(j["reserved"])')" -gt 0 ] || fail "nothing was reserved"
[ "$(load 'j["by_code"].get("oversell", 0)')" -gt 0 ] || fail "the clients never ran out of stock"
# The jobs really ran beside the load (exit 75: the other side held the push lock).
for job in "queue process" "pull-sync --full" "push"; do
    grep -q "^$job 0$" "$T/jobs.txt" || fail "$job never ran during the load"
done
! grep -v ' 0$' "$T/jobs.txt" | grep -v '^push 75$' | grep -q . || fail "a job failed: $(grep -v ' 0$' "$T/jobs.txt" | head -3)"

# No line lost, none invented: the database holds exactly the lines the clients were granted.
python3 - "$T/load.json" "$T/db/kivals.db" <<'PY' || fail "order lines and answers disagree"
import json, sqlite3, sys
j = json.load(open(sys.argv[1]))
db = sqlite3.connect(sys.argv[2])
granted = {o: k for o, k in j["reserved"]}
cancelled = set(j["cancelled"])
rows = {o: (k, s) for o, k, s in db.execute("SELECT order_id, kiva_id, state FROM order_lines WHERE order_id LIKE 'L%'")}
assert set(rows) == set(granted), f"{len(rows)} lines in the database, {len(granted)} granted"
for o, (k, s) in rows.items():
    assert k == granted[o], o
    assert s == ("cancelled" if o in cancelled else "reserved"), (o, s)
for k, r, open_sum, avail in db.execute(
        "SELECT l.kiva_id, s.reserved, (SELECT coalesce(sum(qty), 0) FROM order_lines o WHERE o.kiva_id = l.kiva_id AND o.state = 'reserved'),"
        " s.ls_count - (s.reserved - s.synced) FROM links l JOIN stock s USING (lightspeed_id) WHERE l.kiva_id LIKE 'H%'"):
    assert r == open_sum, f"{k}: R {r} but the open lines hold {open_sum}"
    assert avail >= 0, f"{k}: oversold, Available {avail / 1000}"
    assert open_sum <= 150000, f"{k}: {open_sum / 1000} reserved of 150"
print(f"{len(rows)} lines granted and stored, {len(cancelled)} cancelled")
PY

# The pushes settle: Lightspeed has each product's 150 minus its open reservations, once.
for i in $(seq 1 100); do
    [ "$(sql "SELECT count(*) FROM stock WHERE reserved != synced")" = 0 ] && break
    sleep 0.1
done
for i in 1 2 3 4 5; do
    open=$(sql "SELECT coalesce(sum(qty), 0) / 1000 FROM order_lines WHERE kiva_id = 'H$i' AND state = 'reserved'")
    assert_eq "$(sim_level "hot-$i")" $((150 - open)) "Lightspeed's level of hot-$i"
done
assert_eq "$(sql "PRAGMA integrity_check")" ok
stop_serve
pass
