# Products and links straight into the test database, for tests that do not exercise
# fetch-products or the linker, and a pty driver for `link review`. Source after common.sh and
# `kivals init`.

# Insert a Lightspeed product into ls_products, standing in for `kivals fetch-products`:
# add_ls ID NAME [SKU] [BARCODE] [flags...]
# flags: untracked, composite, deleted, variant=PARENT:VARIANT_NAME
add_ls() {
    python3 - "$T/db/kivals.db" "$@" <<'PY'
import sqlite3, sys
db, pid, name = sys.argv[1], sys.argv[2], sys.argv[3]
sku = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
barcode = sys.argv[5] if len(sys.argv) > 5 and sys.argv[5] else None
flags = sys.argv[6:]
has_inventory = 0 if "untracked" in flags else 1
is_composite = 1 if "composite" in flags else 0
deleted = "2026-01-02T00:00:00Z" if "deleted" in flags else None
parent = variant = None
for f in flags:
    if f.startswith("variant="):
        parent, variant = f[len("variant="):].split(":", 1)
con = sqlite3.connect(db)
con.execute("INSERT INTO ls_products (id, name, variant_name, sku, barcode, variant_parent_id,"
            " has_inventory, is_composite, deleted_at, imported_at, updated_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,'2026-01-01T00:00:00Z','2026-01-01T00:00:00Z')",
            (pid, name, variant, sku, barcode, parent, has_inventory, is_composite, deleted))
con.commit()
PY
}

# Link a Lightspeed product to a Kiva product, both made up, with a stock row:
# link_product LIGHTSPEED_ID KIVA_ID [LS_COUNT [VERSION [RESERVED [SYNCED]]]] (whole units)
link_product() {
    local ls=$1 kiva=$2 count=${3:-0} version=${4:-0} reserved=${5:-0} synced=${6:-0}
    local now=2026-01-01T00:00:00Z
    sql "INSERT OR IGNORE INTO ls_products(id, name, sku, version, imported_at, updated_at)
           VALUES ('$ls', 'Product $ls', 'SKU-$ls', 1, '$now', '$now');
         INSERT INTO kiva_products(id, name, sku, imported_at, updated_at)
           VALUES ('$kiva', 'Kiva $kiva', 'SKU-$ls', '$now', '$now');
         INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES ('$ls', '$kiva', '$now');
         INSERT INTO stock(lightspeed_id, ls_count, ls_version, reserved, synced, updated_at)
           VALUES ('$ls', $count * 1000, $version, $reserved * 1000, $synced * 1000, '$now');"
}

# Run a command on a pseudo-terminal and drive it: drive ARGV... -- TEXT ANSWER [TEXT ANSWER...]
# waits for each TEXT, then types ANSWER and a newline ("-": types nothing). Exits with the
# command's status, or fails when a TEXT does not come within 20 s.
drive() {
    python3 - "$@" <<'PY'
import os, pty, select, sys, time
argv, steps = sys.argv[1:sys.argv.index("--")], sys.argv[sys.argv.index("--") + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(argv[0], argv)
seen = b""
def wait_for(text, timeout=20):
    global seen
    end = time.time() + timeout
    while text.encode() not in seen:
        left = end - time.time()
        if left <= 0:
            sys.exit(f"timed out waiting for {text!r}; got:\n{seen.decode(errors='replace')}")
        r, _, _ = select.select([fd], [], [], left)
        try:
            chunk = os.read(fd, 4096) if r else b""
        except OSError:
            chunk = b""
        if r and not chunk:
            sys.exit(f"ended before {text!r}; got:\n{seen.decode(errors='replace')}")
        seen += chunk
    seen = seen[seen.index(text.encode()) + len(text):]
for i in range(0, len(steps), 2):
    wait_for(steps[i])
    if steps[i + 1] != "-":
        os.write(fd, steps[i + 1].encode() + b"\n")
_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status))
PY
}
