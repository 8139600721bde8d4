# Long-polls cannot take the service: at most a quarter of its threads wait at once (the next
# one is answered 503 temporary with Retry-After at once), reservations go on while they wait,
# a long-poll ends at its `wait`, and SIGTERM answers the waiting ones and stops in moments.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/serve.sh"
write_config "[serve]" "threads = 8" # 2 long-polls may wait
expect_rc 0 "$KIVALS" init -q
link_product p1 K1 10 1
start_serve --no-push
sapi GET /v1/health
head=$(pyj 'j["cursor"]')
poll() { # poll NAME WAIT: a long-poll in the background, its answer in $T/NAME.json
    python3 "$STORE_API_PY" wait-change "$SERVE_ADDR" --key-file "$STORE_KEY_FILE" \
        --record "$STORE_RECORD" --after "$head" --wait "$2" >"$T/$1.json" &
}
status_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$T/$1.json"; }
waiting() { # waiting N: until N long-polls wait (health says so), at most 20 s
    local i
    for i in $(seq 1 200); do
        sapi GET /v1/health
        [ "$(pyj 'j["long_polls_waiting"]')" = "$1" ] && return 0
        sleep 0.1
    done
    fail "$1 long-polls never waited"
}
poll a 10
pa=$!
poll b 20
pb=$!
waiting 2
sapi GET "/v1/changes?after=$head&wait=20"
assert_eq "$STATUS" 503 "a third long-poll"
assert_eq "$(pyj 'j["error"]["code"]')" temporary
# Reservations are not held up by the waiting polls.
start=$(date +%s%N)
sapi POST /v1/orders/A1/lines/1 '{"kiva_id": "K1", "qty": 1}'
assert_eq "$STATUS" 200
[ $((($(date +%s%N) - start) / 1000000)) -lt 2000 ] || fail "a reservation waited behind the long-polls"
# ... and that reservation answers both polls at once.
wait $pa
assert_eq "$(status_of a)" 200
assert_eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["answer"]["changes"]))' "$T/a.json")" 1
wait $pb
# A poll with nothing to see ends at its wait with an empty page and the same cursor.
sapi GET /v1/health
head=$(pyj 'j["cursor"]')
poll c 1
pc=$!
wait $pc
assert_eq "$(python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(j["status"], j["answer"]["changes"], j["answer"]["cursor"], round(j["seconds"]))' "$T/c.json")" "200 [] $head 1"
# SIGTERM while polls wait: they are answered, and the service stops well before their wait.
poll d 30
pd=$!
poll e 30
pe=$!
waiting 2
start=$(date +%s%N)
stop_serve
[ $((($(date +%s%N) - start) / 1000000)) -lt 5000 ] || fail "the service took long to stop with polls waiting"
wait $pd $pe || true
for p in d e; do
    assert_eq "$(status_of "$p")" 200 "long-poll $p answered at the stop"
done
pass
