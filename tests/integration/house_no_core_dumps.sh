# Processes that hold the API token or the webhook secret write no core dump: kivals (here a
# pull-sync stopped at a crash point, the token in memory), kivals-webhook (waiting for a body,
# the secret in memory) and kivals-lssim (its token). Each is killed with SIGSEGV under
# `ulimit -c unlimited`; a plain `sleep` beside them shows that this machine does write cores.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/queue.sh"
# In a sanitizer build the sanitizer would take the deliberate SIGSEGVs below for crashes
# and report them; the signal is the test here, so it is left to the process.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0"
write_config
"$KIVALS" init >/dev/null
start_lssim --products 3 --outlets 1 --seed 3
configure_kivals_for_sim 2026-07
link_sim_products 3
ulimit -c unlimited 2>/dev/null || ulimit -c "$(ulimit -H -c)"
[ "$(ulimit -c)" != 0 ] || { echo "SKIP: the hard core size limit is 0 here"; exit 77; }

stopped() { [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = T ]; }
core_limit() { awk '/^Max core file size/ {print $5 "/" $6}' "/proc/$1/limits"; }
# segv_leaves_core DIR PID: kill PID with SIGSEGV, wait for it, and say whether DIR got a core.
segv_leaves_core() {
    kill -SEGV "$2"
    kill -CONT "$2" 2>/dev/null || true
    wait "$2" 2>/dev/null || true
    [ -n "$(find "$1" -maxdepth 1 -name 'core*' -print -quit)" ]
}

# The control: can this machine write a core into the working directory at all?
mkdir -p "$T/cores/control" "$T/cores/kivals" "$T/cores/webhook" "$T/cores/lssim"
(cd "$T/cores/control" && exec sleep 30) &
control=$!
sleep 0.2
[ "$(core_limit "$control")" != 0/0 ] || fail "the control cannot dump: $(core_limit "$control")"
machine_dumps=0
segv_leaves_core "$T/cores/control" "$control" && machine_dumps=1
[ "$machine_dumps" = 1 ] || echo "note: core_pattern '$(cat /proc/sys/kernel/core_pattern)' writes no core here; checking the limits only" >&2

# kivals, with the API token loaded, stopped after its first page.
(cd "$T/cores/kivals" && KIVALS_STOP_AT=pull.fetched exec "$KIVALS" pull-sync --full) \
    >"$T/pull.out" 2>"$T/pull.stderr" &
pull=$!
for _ in $(seq 1 100); do stopped "$pull" && break; sleep 0.05; done
stopped "$pull" || fail "pull-sync did not stop at pull.fetched: $(cat "$T/pull.stderr")"
assert_eq "$(core_limit "$pull")" "0/0" "kivals: core size limit"
if segv_leaves_core "$T/cores/kivals" "$pull"; then fail "kivals wrote a core dump"; fi

# kivals-webhook as CGI, the secret read, waiting for a body that never comes.
mkfifo "$T/body.fifo"
exec 7<>"$T/body.fifo" # held open: the intake's read blocks instead of seeing the end
secret=$(cat "$T/etc/webhook.secret")
(cd "$T/cores/webhook" && export REQUEST_METHOD=POST CONTENT_TYPE=application/x-www-form-urlencoded \
    QUERY_STRING="type=inventory.update&secret=$secret" CONTENT_LENGTH=100 &&
    exec "$WEBHOOK" <"$T/body.fifo" >"$T/webhook.out" 2>"$T/webhook.stderr") &
webhook=$!
sleep 0.3
kill -0 "$webhook" 2>/dev/null || fail "kivals-webhook did not wait for its body"
assert_eq "$(core_limit "$webhook")" "0/0" "kivals-webhook: core size limit"
if segv_leaves_core "$T/cores/webhook" "$webhook"; then fail "kivals-webhook wrote a core dump"; fi
exec 7>&-

# kivals-lssim, with its token.
stop_lssim
(cd "$T/cores/lssim" && exec "$LSSIM" --port 0 --token-file "$LSSIM_TOKEN_FILE") >"$T/lssim2.log" 2>&1 &
lssim=$!
for _ in $(seq 1 100); do grep -q listening "$T/lssim2.log" && break; sleep 0.05; done
assert_eq "$(core_limit "$lssim")" "0/0" "kivals-lssim: core size limit"
if segv_leaves_core "$T/cores/lssim" "$lssim"; then fail "kivals-lssim wrote a core dump"; fi

# Not dumpable also means that another process of the same user cannot read its memory:
# /proc hands the process's files to root. Seen as www-data, the user the intake runs as.
if getent passwd www-data >/dev/null && command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
    d=$T
    while [ "$d" != / ]; do chmod o+x "$d"; d=$(dirname "$d"); done
    chmod 644 "$KIVALS_CONFIG"
    exec 7<>"$T/body.fifo"
    (export REQUEST_METHOD=POST CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=100 \
        QUERY_STRING="type=inventory.update&secret=$secret"
        exec setpriv --reuid=www-data --regid=www-data --init-groups "$WEBHOOK" \
            <"$T/body.fifo" >"$T/held.out" 2>"$T/held.stderr") &
    held=$!
    sleep 0.3
    kill -0 "$held" 2>/dev/null || fail "the intake as www-data did not wait: $(cat "$T/held.out")"
    assert_eq "$(awk '/^Uid:/ {print $2}' "/proc/$held/status")" "$(id -u www-data)" "runs as www-data"
    assert_eq "$(stat -c %U "/proc/$held/mem")" root "its memory is not www-data's to read"
    kill -KILL "$held" # libfcgi takes SIGTERM for "finish the request", even as CGI
    wait "$held" 2>/dev/null || true
    exec 7>&-
fi
echo "machine writes cores: $machine_dumps; none from kivals, kivals-webhook, kivals-lssim" >&2
pass
