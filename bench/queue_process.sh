#!/usr/bin/env bash
# `kivals queue process` over a large backlog: EVENTS inventory.update deliveries (default
# 100,000) for 1,000 linked products, in the spool as the intake writes them, out of order and
# with duplicates. Prints the time to take the spool into the database and the time to apply.
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
echo "queue_process: $EVENTS spooled events, $PRODUCTS linked products, $(nproc) CPUs, journal $(sqlite3 "$T/db/kivals.db" 'PRAGMA journal_mode')"
# Take the spool in with processing off, then apply: the two phases timed apart.
"$KIVALS" disable webhook-processing
t0=$(date +%s.%N)
"$KIVALS" queue process
t1=$(date +%s.%N)
"$KIVALS" enable webhook-processing
"$KIVALS" queue process --verbose
t2=$(date +%s.%N)
python3 - "$EVENTS" "$t0" "$t1" "$t2" <<'PY'
import sys
n, t0, t1, t2 = int(sys.argv[1]), *map(float, sys.argv[2:])
print(f"ingest (spool -> events): {t1 - t0:8.2f} s  {n / (t1 - t0):10.0f} events/s")
print(f"apply (events -> stock):  {t2 - t1:8.2f} s  {n / (t2 - t1):10.0f} events/s")
print(f"total:                    {t2 - t0:8.2f} s  {n / (t2 - t0):10.0f} events/s")
PY
sqlite3 "$T/db/kivals.db" "SELECT status || coalesce(':' || reason, ''), count(*) FROM events GROUP BY 1"
