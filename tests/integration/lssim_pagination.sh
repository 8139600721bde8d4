# kivals-lssim: a version-cursor walk (after exclusive, ascending, empty last page with null
# min/max) returns every record exactly once in both families; page_size is clamped.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 60 --outlets 3 --seed 5

# Walk 2.0 /inventory in pages of 37; one python per page checks it against the cursor:
# ascending, strictly above `after`, min/max matching the rows; it prints the next cursor.
after=0; pages=0; : >"$T/ids20"
while [ "$after" != END ]; do
    api GET "/api/2.0/inventory?after=$after&page_size=37"
    assert_eq "$STATUS" 200
    after=$(python3 - "$BODY" "$after" "$T/ids20" <<'PY'
import json, sys
j = json.loads(sys.argv[1]); after = int(sys.argv[2])
v = [r["version"] for r in j["data"]]
if not v:
    print("END" if j["version"] == {"min": None, "max": None} else "BAD-EMPTY-PAGE")
    sys.exit()
ok = (v == sorted(v) and len(set(v)) == len(v) and v[0] > after and len(v) <= 37
      and j["version"]["min"] == v[0] and j["version"]["max"] == v[-1])
with open(sys.argv[3], "a") as f:
    f.writelines(r["id"] + "\n" for r in j["data"])
print(j["version"]["max"] if ok else "BAD-PAGE")
PY
)
    case "$after" in BAD*) fail "$after: $BODY" ;; esac
    pages=$((pages + 1))
    [ $pages -lt 100 ] || fail "walk does not end"
done
[ $pages -ge 4 ] || fail "expected several pages, got $pages"
total=$(wc -l <"$T/ids20")
assert_eq "$(sort -u "$T/ids20" | wc -l)" "$total" "a record came twice"

# The same records in one clamped page, and through 2026-07 POST /inventory (asc).
api GET "/api/2.0/inventory?page_size=100000"
assert_eq "$STATUS" 200 "a huge page_size is clamped, not refused"
assert_eq "$(pyj 'len(j["data"])')" "$total" "one big page holds everything"
api POST /api/2026-07/inventory '{"size":100000,"sort_direction":"asc"}'
assert_eq "$STATUS" 200
assert_eq "$(pyj 'type(j).__name__')" list "2026-07 answers a bare array"
pyj '"\n".join(r["id"] for r in j)' | sort >"$T/ids26"
sort "$T/ids20" | cmp -s - "$T/ids26" || fail "2.0 and 2026-07 walks differ"

# 2026-07 defaults to descending order.
api POST /api/2026-07/inventory '{"size":5}'
assert_eq "$(pyj '[r["version"] for r in j] == sorted([r["version"] for r in j], reverse=True)')" True "desc default"
# before is an inclusive upper bound.
api GET "/api/2.0/inventory?page_size=5"
v3=$(pyj 'j["data"][2]["version"]')
api GET "/api/2.0/inventory?before=$v3"
assert_eq "$(pyj 'j["version"]["max"]')" "$v3" "before is inclusive"
api GET "/api/2.0/inventory?after=abc"
assert_eq "$STATUS" 400 "a non-numeric cursor is refused"

# Products: a walk with deleted=true sees every row; without it the deleted ones are left out.
api GET "/api/2.0/products?page_size=1000&deleted=true"
all=$(pyj 'len(j["data"])')
assert_eq "$all" 60
deleted=$(pyj 'sum(1 for p in j["data"] if p["deleted_at"])')
[ "$deleted" -ge 1 ] || fail "the catalogue has no deleted product"
api GET "/api/2.0/products?page_size=1000"
assert_eq "$(pyj 'len(j["data"])')" "$((all - deleted))" "deleted products hidden by default"
pass
