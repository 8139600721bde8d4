# 500 events each delivered 1-5 times, shuffled, through lighttpd (CGI): each is applied at
# most once, and every product ends at its newest version's count.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init -q
expect_rc 0 "$KIVALS" config set outlet_id o1
# No Lightspeed here: the rules of payloads applied directly, as on a store where echoes
# proved the webhook's counter the API's (queue_webhook_version_spaces.sh reads Lightspeed).
webhook_versions_proven_same
count=${KIVALS_DUP_COUNT:-500}
products=50
for p in $(seq 0 $((products - 1))); do link_product "p-$p" "k-p-$p" 0 1; done
start_lighttpd cgi
python3 "$(dirname "$0")/lib/deliver.py" --url "$WEB_URL" --secret-file "$T/etc/webhook.secret" \
    --count "$count" --repeat 5 --products "$products" --concurrency 8 --acked "$T/acked" >"$T/figures"
stop_lighttpd
echo "figures: $(cat "$T/figures")"
sent=$(json_get "$(cat "$T/figures")" sent)
[ "$sent" -gt "$count" ] || fail "no duplicates were sent"
assert_eq "$(json_get "$(cat "$T/figures")" ok)" "$sent"
expect_rc 0 "$KIVALS" queue process
assert_eq "$(sql "SELECT count(*) FROM events")" "$sent" "every delivery is kept"
# No version was applied twice: one 'v' ledger row per applied event, versions only increase.
assert_eq "$(sql "SELECT count(*) FROM (SELECT version FROM events WHERE status = 'applied'
                  GROUP BY product_id, version HAVING count(*) > 1)")" 0 "a version was applied twice"
assert_eq "$(sql "SELECT count(*) FROM ledger WHERE field = 'v'")" \
    "$(sql "SELECT count(*) FROM events WHERE status = 'applied'")"
# Delivery i is product p-(i % 50) at version 1000 + i with count i % 97.
wrong=$(sql "SELECT count(*) FROM stock s WHERE s.ls_version != (SELECT max(version) FROM events e
             WHERE e.product_id = s.lightspeed_id) OR s.ls_count != ((s.ls_version - 1000) % 97) * 1000")
assert_eq "$wrong" 0 "a product does not hold its newest version"
pass
