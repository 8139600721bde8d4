# A webhook's version is never ordered against the API's unless echoes prove them one counter
# (issue #13, point 1). The simulator's inventory.update payloads carry versions from the
# counter of its reads, or from a larger, a smaller or an unrelated one (--webhook-versions).
# In every reality: a POS sale's webhook brings Lightspeed Count to the till's level, a sale
# whose webhook is lost is corrected by pull-sync, and the echoes of pushes plan no push.
# What the echoes prove is kept: one counter only where it is one, and only there are later
# deliveries applied without reading Lightspeed.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
command -v lighttpd >/dev/null || { echo "SKIP: lighttpd is not installed" >&2; exit 77; }
write_config
"$KIVALS" init >/dev/null
start_lighttpd fastcgi

count_of() { sql "SELECT ls_count / 1000 FROM stock WHERE lightspeed_id = '$1'"; }

for space in same larger smaller unrelated; do
    fresh_sim_store --products 4 --outlets 1 --seed 5 --webhook-versions "$space" --retry-base-ms 50
    link_sim_products 2
    p1=${SIM_IDS[0]}
    expect_rc 0 "$KIVALS" pull-sync --full
    expect_rc 0 "$KIVALS" config set webhook.base_url "$WEB_URL"
    expect_rc 0 "$KIVALS" webhooks create

    sim_sale "$p1" 1
    quiesce
    expect_rc 0 "$KIVALS" queue process
    assert_eq "$(count_of "$p1")" "$(sim_level "$p1")" "$space: a POS sale's webhook"

    ctl -f PUT /_sim/faults '{"drop_rate":1}'
    sim_sale "$p1" 2
    quiesce
    ctl -f PUT /_sim/faults '{"drop_rate":0}'
    expect_rc 0 "$KIVALS" pull-sync
    assert_eq "$(count_of "$p1")" "$(sim_level "$p1")" "$space: pull-sync after a lost webhook"

    for i in 1 2 3; do
        expect_rc 0 "$KIVALS" order reserve "W$i" K1 1 --allow-oversell
        expect_rc 0 "$KIVALS" push
        quiesce
        expect_rc 0 "$KIVALS" queue process
    done
    assert_eq "$(events_of "$p1" | awk '{print $(NF-2), $(NF-1), $NF}')" \
        "ignored:echo ignored:echo ignored:echo" "$space: the pushes' echoes"
    assert_eq "$(count_of "$p1")" "$(sim_level "$p1")" "$space: after the echoes"
    expect_rc 0 "$KIVALS" push --json
    assert_eq "$(json_get "$OUT" pushed)" 0 "$space: echoes plan no push"
    proven=separate
    [ "$space" = same ] && proven=same
    assert_eq "$(sql "SELECT value FROM state WHERE key = 'webhook_versions'")" "$proven" \
        "$space: what the echoes proved"

    sim_sale "$p1" 1
    quiesce
    expect_rc 0 "$KIVALS" queue process -v
    assert_eq "$(count_of "$p1")" "$(sim_level "$p1")" "$space: a sale after the proof"
    reads=1
    [ "$space" = same ] && reads=0
    assert_contains "$OUT" "Read $reads product(s) from Lightspeed"
    expect_rc 0 "$KIVALS" webhooks delete --all
    stop_lssim
done
pass
