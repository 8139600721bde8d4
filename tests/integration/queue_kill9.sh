# kill -9 of `queue process` at random points: no event is lost or taken twice, every event ends
# applied or ignored with a reason, and a rerun finishes the work with the newest level applied.
# KIVALS_QUEUE_KILLS sets the number of kills (default 30).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init -q
expect_rc 0 "$KIVALS" config set outlet_id o1
# No Lightspeed here: the rules of payloads applied directly, as on a store where echoes
# proved the webhook's counter the API's (queue_webhook_version_spaces.sh reads Lightspeed).
webhook_versions_proven_same
products=20
for p in $(seq 0 $((products - 1))); do link_product "p-$p" "k-p-$p" 0 1; done
kills=${KIVALS_QUEUE_KILLS:-30}
rng=$RANDOM
total=0
for round in $(seq 1 "$kills"); do
    # New deliveries arrive between runs, out of order, some twice (spool files as the intake
    # writes them).
    python3 - "$T/spool/new" "$round" "$products" <<'PY'
import json, os, random, sys, urllib.parse
spool, rnd, products = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(rnd)
items = [(rng.randrange(products), rnd * 1000 + k) for k in range(150)]
items += rng.sample(items, 30)  # duplicates
rng.shuffle(items)
for n, (p, version) in enumerate(items):
    body = urllib.parse.urlencode({"payload": json.dumps(
        {"product_id": f"p-{p}", "outlet_id": "o1", "count": version % 1000, "version": version})})
    name = f"{rnd:010d}{n:06d}.1.{n}.{rng.getrandbits(32):08x}"
    with open(os.path.join(spool, name), "w") as f:
        f.write(f"kivals-spool 1\ntype: inventory.update\nreceived: 2026-01-01T00:00:00Z\n"
                f"length: {len(body)}\n\n{body}")
PY
    total=$((total + 180))
    "$KIVALS" queue process >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf '%03d' $(( (RANDOM + rng) % 250 )))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
done
expect_rc 0 "$KIVALS" queue process
assert_eq "$(find "$T/spool/new" -type f | wc -l)" 0 "the spool is empty"
assert_eq "$(sql "SELECT count(*) FROM events")" "$total" "every spooled delivery is in the queue exactly once"
assert_eq "$(sql "SELECT count(*) FROM events WHERE status NOT IN ('applied', 'ignored') OR
                  (status = 'ignored' AND reason IS NULL)")" 0 "every event ended with a reason"
# Every product holds the count of its newest version.
wrong=$(sql "SELECT count(*) FROM stock s WHERE s.ls_version != (SELECT max(version) FROM events e
             WHERE e.product_id = s.lightspeed_id) OR s.ls_count != (s.ls_version % 1000) * 1000")
assert_eq "$wrong" 0 "a product does not hold its newest version"
# One applied event per version that moved a product, and versions never went backwards.
assert_eq "$(sql "SELECT count(*) FROM ledger l1 JOIN ledger l2 ON l1.lightspeed_id = l2.lightspeed_id
                  AND l1.field = 'v' AND l2.field = 'v' AND l2.id > l1.id AND l2.after <= l1.after")" 0
assert_eq "$(sql 'PRAGMA integrity_check')" ok
pass
