#!/usr/bin/env bash
# `kivals queue process` over a large backlog: EVENTS inventory.update deliveries (default
# 100,000) for 1,000 linked products, in the spool as the intake writes them, out of order and
# with duplicates. Prints the time to take the spool into the database and the time to apply,
# beside two floors on a copy of the same files, no database: reading them all (cat), and
# removing them one after another (find -delete, then sync), which kivals overlaps (16 at once).
#   bench/queue_process.sh                 # 100,000 events
#   EVENTS=2000 bench/queue_process.sh     # smoke size
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
export KIVALS_SRC_DIR=${KIVALS_SRC_DIR:-$here}
export KIVALS_BIN_DIR=${KIVALS_BIN_DIR:-$here/build}
export KIVALS_TEST_TMP=${KIVALS_TEST_TMP:-${TMPDIR:-/tmp}}
EVENTS=${EVENTS:-100000}
PRODUCTS=${PRODUCTS:-1000}
. "$here/tests/integration/lib/common.sh"
. "$here/tests/integration/lib/lighttpd.sh"
. "$here/tests/integration/lib/queue.sh"

write_config
"$KIVALS" init -q
"$KIVALS" config set outlet_id o1
# A store where echoes proved the webhook's versions the API's (queue/policy.hpp): payloads
# are applied directly. Elsewhere each run reads its rung products once, together (one walk
# from the pull cursor), which this bench, having no Lightspeed, does not charge.
webhook_versions_proven_same
python3 - "$T/db/kivals.db" "$PRODUCTS" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
now = "2026-01-01T00:00:00Z"
with db:
    for i in range(int(sys.argv[2])):
        p = f"p-{i}"
        db.execute("INSERT INTO ls_products(id, name, version, imported_at, updated_at) VALUES (?,?,1,?,?)", (p, p, now, now))
        db.execute("INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES (?,?,?,?)", ("k-" + p, p, now, now))
        db.execute("INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES (?,?,?)", (p, "k-" + p, now))
        db.execute("INSERT INTO stock(lightspeed_id, updated_at) VALUES (?,?)", (p, now))
PY
python3 - "$T/spool/new" "$EVENTS" "$PRODUCTS" <<'PY'
import json, os, random, sys, urllib.parse
spool, n, products = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(1)
for k in range(n):
    version = 1000 + k if rng.random() > 0.1 else 1000 + max(0, k - rng.randrange(50))  # some late/duplicate
    body = urllib.parse.urlencode({"payload": json.dumps({"product_id": f"p-{rng.randrange(products)}",
        "outlet_id": "o1" if rng.random() > 0.05 else "o2", "count": version % 500, "version": version})})
    with open(os.path.join(spool, f"{k:016d}.1.{k}.00000000"), "w") as f:
        f.write(f"kivals-spool 1\ntype: inventory.update\nreceived: 2026-01-01T00:00:00Z\nlength: {len(body)}\n\n{body}")
PY
echo "queue_process: $EVENTS spooled events, $PRODUCTS linked products, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
cp -a "$T/spool/new" "$T/floor"
cp -a "$T/spool/new" "$T/again"
cp "$T/db/kivals.db" "$T/linked.db"
# The intake fsyncs every file before answering; do the same for the generated ones so that
# their write-back is not charged to queue process.
sync
now() { date +%s.%N; }
f0=$(now)
find "$T/floor" -type f -exec cat {} + >/dev/null
f1=$(now)
(cd "$T/floor" && ls | xargs -P 16 -n 100 rm -f)
sync -f "$T"
f2=$(now)
# As cron runs it: one `queue process` takes the spool in and applies (removals overlap apply).
t0=$(now)
"$KIVALS" queue process
t1=$(now)
sqlite3 "$T/db/kivals.db" "SELECT status || coalesce(':' || reason, ''), count(*) FROM events GROUP BY 1"
# The same backlog again, the two phases timed apart: taken in with processing off, then applied.
cp "$T/linked.db" "$T/db/kivals.db"
rm -f "$T/db/kivals.db-journal"
rmdir "$T/spool/new" && mv "$T/again" "$T/spool/new" && sync
"$KIVALS" disable webhook-processing
t2=$(now)
${QP_WRAP:-} "$KIVALS" queue process
t3=$(now)
"$KIVALS" enable webhook-processing
"$KIVALS" queue process --verbose
t4=$(now)
python3 - "$EVENTS" "$f0" "$f1" "$f2" "$t0" "$t1" "$t2" "$t3" "$t4" <<'PY'
import sys
n, f0, f1, f2, t0, t1, t2, t3, t4 = int(sys.argv[1]), *map(float, sys.argv[2:])
def row(what, s): print(f"{what:34} {s:8.2f} s  {n / s:10.0f} events/s")
row("floor: read the files (cat)", f1 - f0)
row("floor: remove them, 16 at once", f2 - f1)
row("queue process (one run)", t1 - t0)
row("  ingest only (processing off)", t3 - t2)
row("  then apply", t4 - t3)
PY
