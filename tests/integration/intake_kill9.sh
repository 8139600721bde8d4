# kill -9 of the intake at random moments (CGI processes and FastCGI servers, through lighttpd):
# every delivery answered 2xx is in the database exactly once after queue process.
# KIVALS_KILL_ITERATIONS sets the number of kills per mode (default 150; 1000 by hand).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
write_config
expect_rc 0 "$KIVALS" init -q
expect_rc 0 "$KIVALS" config set outlet_id o1
kills=${KIVALS_KILL_ITERATIONS:-150}
base=1000
for mode in cgi fastcgi; do
    # FastCGI: four servers, killed one at a time while at least three live, so that lighttpd
    # respawns them and traffic keeps flowing.
    WEB_FCGI_PROCS=4 start_lighttpd "$mode"
    count=$((kills * 4))
    min_children=0
    [ "$mode" = fastcgi ] && { kills=$(( (kills + 2) / 3 )); min_children=3; }
    python3 "$(dirname "$0")/lib/deliver.py" --url "$WEB_URL" --secret-file "$T/etc/webhook.secret" \
        --count "$count" --concurrency 4 --version-base "$base" --acked "$T/acked-$mode" \
        --kill-parent "$WEB_PID" --kills "$kills" --min-children "$min_children" --max-seconds 100 >"$T/figures-$mode"
    stop_lighttpd
    echo "$mode: $(cat "$T/figures-$mode")"
    done_kills=$(json_get "$(cat "$T/figures-$mode")" kills)
    [ "$done_kills" -ge $((kills / 2)) ] || fail "$mode: only $done_kills kills happened"
    ok=$(json_get "$(cat "$T/figures-$mode")" ok)
    [ "$ok" -gt 0 ] || fail "$mode: nothing was acknowledged"
    expect_rc 0 "$KIVALS" queue process
    # Each delivery i is product p-i at version base+i: acked ones must be there exactly once.
    sql "CREATE TABLE IF NOT EXISTS acked(i INTEGER PRIMARY KEY)"
    sql "DELETE FROM acked"
    sql ".import $T/acked-$mode acked"
    missing=$(sql "SELECT count(*) FROM acked a LEFT JOIN
                   (SELECT version, count(*) AS n FROM events GROUP BY version) e
                   ON e.version = $base + a.i WHERE coalesce(e.n, 0) != 1")
    assert_eq "$missing" 0 "$mode: acknowledged deliveries missing or duplicated"
    assert_eq "$(find "$T/spool/new" -type f | wc -l)" 0
    base=$((base + 1000000))
done
assert_eq "$(sql 'PRAGMA integrity_check')" ok
pass
