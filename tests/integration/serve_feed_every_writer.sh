# GET /v1/changes sees every writer of a linked product's numbers, each a process of its own,
# and a long-poll wakes for each: `link set`, a webhook applied by `queue process`, `pull-sync`,
# `order reserve` and `kivals push` from the CLI, `link unset` and `kiva import --replace`. The
# cursor survives a restart of the service, after=0 starts from the beginning, and a store that
# reads GET /v1/stock and follows its cursor ends with the numbers the database holds.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/serve.sh"
write_config
expect_rc 0 "$KIVALS" init -q
start_lssim --products 4 --outlets 1 --seed 9 --delivery-delay-ms 0
configure_kivals_for_sim 2026-07
ids=(fp-1 fp-2)
ctl -f POST /_sim/products '{"id": "fp-1", "name": "Balm", "sku": "B1", "level": 20}'
ctl -f POST /_sim/products '{"id": "fp-2", "name": "Soap", "sku": "S1", "level": 30}'
expect_rc 0 "$KIVALS" fetch-products
printf 'id,name\nK1,Balm\nK2,Soap\n' >"$T/store.csv"
expect_rc 0 "$KIVALS" kiva import "$T/store.csv"
start_serve --no-push
sapi GET /v1/changes
assert_eq "$(pyj 'j["changes"]')" "[]" "an empty feed"
cursor=0

# follow WHAT CMD...: start a long-poll from the cursor, run CMD (another process), and check
# that the poll wakes with changes whose sources are WHAT; the cursor moves on.
follow() {
    local want=$1
    shift
    python3 "$STORE_API_PY" wait-change "$SERVE_ADDR" --key-file "$STORE_KEY_FILE" \
        --record "$STORE_RECORD" --after "$cursor" --wait 20 >"$T/poll.json" &
    local poll=$!
    sleep 0.3
    "$@" >>"$T/writers.log" 2>&1 || fail "$* failed: $(tail -3 "$T/writers.log")"
    wait $poll || fail "the long-poll failed"
    BODY=$(python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1]))["answer"]))' "$T/poll.json")
    # A burst may wake the poll before its last commit: read the rest of it.
    sapi GET "/v1/changes?after=$cursor"
    assert_eq "$(pyj '" ".join(c["source"] + ("" if c["linked"] else "-unlinked") for c in j["changes"])')" \
        "$want" "after: $*"
    local waited
    waited=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$T/poll.json")
    python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) < 10 else 1)' "$waited" ||
        fail "the long-poll did not wake for: $* ($waited s)"
    cursor=$(pyj 'j["cursor"]')
}

follow "link link" "$KIVALS" link set "${ids[0]}" K1 # links, then reads the level
level=$(sim_level "${ids[0]}")
sapi GET /v1/stock/K1
assert_eq "$(pyj 'j["lightspeed_count"]')" "$level"
start_lighttpd cgi
expect_rc 0 "$KIVALS" config set webhook.base_url "$WEB_URL"
expect_rc 0 "$KIVALS" webhooks create
sim_sale "${ids[0]}" 1
quiesce
follow webhook "$KIVALS" queue process
sim_sale "${ids[0]}" 1
follow pull-sync "$KIVALS" pull-sync
follow order "$KIVALS" order reserve O1 K1 1
follow push "$KIVALS" push
follow order "$KIVALS" order cancel O1
follow "push" "$KIVALS" push
follow "link-unlinked" "$KIVALS" link unset K1
follow "link link" "$KIVALS" link set "${ids[1]}" K2
printf 'id,name\nK1,Balm\n' >"$T/store2.csv"
follow "link-unlinked" "$KIVALS" kiva import --replace "$T/store2.csv"

# The cursor survives a restart; after=0 is the whole history, oldest first.
sapi GET "/v1/changes?after=0"
history=$(pyj '[(c["cursor"], c["kiva_id"], c["source"]) for c in j["changes"]]')
stop_serve
start_serve --no-push
sapi GET "/v1/changes?after=0"
assert_eq "$(pyj '[(c["cursor"], c["kiva_id"], c["source"]) for c in j["changes"]]')" "$history" "after a restart"
sapi GET "/v1/changes?after=$cursor"
assert_eq "$(pyj 'j["changes"]')" "[]"
follow "link link" "$KIVALS" link set "${ids[0]}" K1
[ "$(pyj 'j["changes"][0]["cursor"]')" -gt "$(python3 -c 'import sys; print(eval(sys.argv[1])[-1][0])' "$history")" ] ||
    fail "a cursor after the restart is not beyond the ones before"

# A store that snapshots then follows ends where the database is.
sapi GET "/v1/stock?limit=1"
assert_eq "$(pyj 'len(j["stock"])')" 1
assert_eq "$(pyj 'j["next_after"]')" None "one linked product: one page"
sapi GET "/v1/changes?after=0&limit=2"
assert_eq "$(pyj 'j["more"]')" True "a page of 2 of a longer feed"
assert_eq "$(pyj 'len(j["changes"])')" 2
# What the jobs print under --json, against their schemas.
expect_rc 0 "$KIVALS" pull-sync --json
validate_cli pull-sync
expect_rc 0 "$KIVALS" order reserve O9 K1 1
expect_rc 0 "$KIVALS" push --dry-run --json
validate_cli push
assert_eq "$(json_get "$OUT" planned.0.change)" -1
expect_rc 0 "$KIVALS" push --json
validate_cli push
stop_serve
pass
