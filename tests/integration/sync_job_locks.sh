# A push or pull-sync started while another holds its job lock exits 75 at once and changes
# nothing; an order recorded with --push while a push runs stays due (exit 0).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
"$KIVALS" init >/dev/null
"$KIVALS" config set store_url http://127.0.0.1:9
printf 'tok\n' | "$KIVALS" config set token
"$KIVALS" config set outlet_id outlet-1
link_product p1 K1 10 1
mkdir -p "$T/locks"
# Hold a job lock the way a running kivals does (flock on the lock file) until killed.
hold_lock() {
    rm -f "$T/held"
    start_bg python3 -c 'import fcntl, sys, time
f = open(sys.argv[1], "w")
fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(30)' "$T/locks/$1.lock" "$T/held" >/dev/null 2>&1
    local i
    for i in $(seq 1 100); do [ -e "$T/held" ] && return 0; sleep 0.1; done
    fail "could not hold the $1 lock"
}
for job in push pull-sync; do
    hold_lock "$job"
    expect_rc 75 "$KIVALS" "$job"
    assert_contains "$ERR" "another \`kivals $job\` is running"
    kill "$LAST_PID"
done
hold_lock push
expect_rc 0 "$KIVALS" order reserve A1 K1 2 --push
assert_contains "$ERR" "the push did not run"
expect_rc 0 "$KIVALS" stock K1 --json
assert_eq "$(json_get "$OUT" 0.pending_push)" 2
pass
