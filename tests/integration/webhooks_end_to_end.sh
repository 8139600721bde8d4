# End to end: `kivals webhooks create` registers two URLs with the simulator, which delivers
# its webhooks to a real lighttpd running kivals-webhook (FastCGI, then CGI); `kivals queue
# process` applies them: Lightspeed Count follows the POS through duplicates and reordering,
# other outlets are ignored, product edits refresh the import and new products arrive unlinked.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
start_lssim --products 20 --outlets 2 --seed 11 --retry-base-ms 50 --retry-max 6
write_config
expect_rc 0 "$KIVALS" init -q
secret=$(cat "$T/etc/webhook.secret")

# Clear errors before anything is configured.
expect_rc 78 "$KIVALS" webhooks list
assert_contains "$ERR" "no store URL or token"
"$KIVALS" config set token <"$LSSIM_TOKEN_FILE"
expect_rc 0 "$KIVALS" config set store_url "$LSSIM_URL"
expect_rc 0 "$KIVALS" webhooks list
assert_contains "$OUT" "No Webhooks Found"
expect_rc 78 "$KIVALS" webhooks create
assert_contains "$ERR" "webhook.base_url is not set"
expect_rc 0 "$KIVALS" outlet list --json
outlet=$(json_get "$OUT" 0.id)
other=$(json_get "$OUT" 1.id)
expect_rc 0 "$KIVALS" config set outlet_id "$outlet"
expect_rc 0 "$KIVALS" fetch-products

# Link five tracked products, Lightspeed Count unknown (version 0) so the first webhook sets it.
api GET "/api/2.0/products?page_size=100"
products=$(pyj '" ".join([p["id"] for p in j["data"] if p["has_inventory"] and not p["is_composite"] and not p["deleted_at"]][:5])')
now=2026-01-01T00:00:00Z
for p in $products; do
    sql "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('k-$p', 'K', '$now', '$now');
         INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES ('$p', 'k-$p', '$now');
         INSERT INTO stock(lightspeed_id, updated_at) VALUES ('$p', '$now');"
done

level_of() {
    ctl GET "/_sim/level?product_id=$1&outlet_id=$outlet"
    pyj 'j.get("level", j)'
}
check_levels() {
    local p want got
    for p in $products; do
        want=$(level_of "$p")
        got=$(sql "SELECT ls_count / 1000 FROM stock WHERE lightspeed_id = '$p'")
        assert_eq "$got" "${want%.0}" "$1: Lightspeed Count of $p"
    done
}

round=0
for mode in fastcgi cgi; do
    round=$((round + 1))
    start_lighttpd "$mode"
    expect_rc 0 "$KIVALS" config set webhook.base_url "$WEB_URL"
    expect_rc 0 "$KIVALS" webhooks url
    assert_contains "$OUT" "$WEB_URL?type=inventory.update&secret=****"
    assert_not_contains "$OUT" "$secret"
    expect_rc 0 "$KIVALS" webhooks url --reveal
    assert_contains "$OUT" "$WEB_URL?type=product.update&secret=$secret"

    # Register; a second run creates nothing; a disabled webhook is repaired.
    expect_rc 0 "$KIVALS" webhooks create --json
    if [ $round = 1 ]; then
        assert_eq "$(json_get "$OUT" 0.result) $(json_get "$OUT" 1.result)" "created created"
    else
        assert_eq "$(json_get "$OUT" 0.result) $(json_get "$OUT" 1.result)" "repaired repaired" \
            "a new base URL repairs the registrations"
    fi
    expect_rc 0 "$KIVALS" webhooks create --json
    assert_eq "$(json_get "$OUT" 0.result) $(json_get "$OUT" 1.result)" "ok ok"
    expect_rc 0 "$KIVALS" webhooks list --json
    assert_eq "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$OUT")" 2
    assert_not_contains "$OUT" "$secret" "webhooks list masks the secret"
    inv_id=$(python3 -c 'import json,sys; print(next(w["id"] for w in json.load(sys.stdin) if w["type"] == "inventory.update"))' <<<"$OUT")
    expect_rc 0 "$KIVALS" webhooks disable "$inv_id"
    expect_rc 0 "$KIVALS" webhooks list
    assert_contains "$OUT" "no "
    expect_rc 0 "$KIVALS" webhooks create
    assert_contains "$OUT" "repaired"
    expect_rc 0 "$KIVALS" webhooks list --json
    assert_eq "$(python3 -c 'import json,sys; print(all(w["active"] for w in json.load(sys.stdin)))' <<<"$OUT")" True

    # POS sales at our outlet and at the other one.
    for p in $products; do
        ctl POST /_sim/sale "{\"product_id\":\"$p\",\"outlet_id\":\"$outlet\",\"quantity\":1}"
        ctl POST /_sim/sale "{\"product_id\":\"$p\",\"outlet_id\":\"$other\",\"quantity\":2}"
    done
    quiesce
    expect_rc 0 "$KIVALS" queue process
    check_levels "$mode sales"
    assert_eq "$(sql "SELECT count(*) > 0 FROM events WHERE reason = 'other-outlet'")" 1

    # Duplicates and reordering: Lightspeed Count still ends at the POS level.
    ctl PUT /_sim/faults '{"duplicate_rate":0.5,"reorder_window_ms":150}'
    for i in 1 2 3; do
        for p in $products; do
            ctl POST /_sim/sale "{\"product_id\":\"$p\",\"outlet_id\":\"$outlet\",\"quantity\":1}"
        done
    done
    quiesce 20000
    ctl PUT /_sim/faults '{"duplicate_rate":0,"reorder_window_ms":0}'
    expect_rc 0 "$KIVALS" queue process
    check_levels "$mode duplicates and reordering"
    assert_eq "$(sql "SELECT count(*) > 0 FROM events WHERE reason = 'stale'")" 1 "duplicates were seen"

    # A product edit refreshes the import; a new product arrives unlinked.
    first=${products%% *}
    ctl PUT "/_sim/products/$first" "{\"name\":\"Renamed $mode\"}"
    ctl POST /_sim/products "{\"name\":\"Brand New $mode\",\"sku\":\"NEW-$mode\"}"
    quiesce
    expect_rc 0 "$KIVALS" queue process
    assert_eq "$(sql "SELECT name FROM ls_products WHERE id = '$first'")" "Renamed $mode"
    assert_eq "$(sql "SELECT count(*) FROM ls_products p WHERE sku = 'NEW-$mode' AND NOT EXISTS
                      (SELECT 1 FROM links l WHERE l.lightspeed_id = p.id)")" 1

    # Every delivery was answered 200 by the intake.
    ctl GET /_sim/deliveries
    assert_eq "$(pyj 'sorted(set(d["status"] for d in (j["data"] if isinstance(j, dict) else j)))')" "[200]"
    ctl DELETE /_sim/deliveries
    stop_lighttpd
    for log in "$WEB_ACCESS_LOG" "$WEB_ERROR_LOG" "$WEB_STDERR"; do
        ! grep -qF -f "$T/etc/webhook.secret" "$log" || fail "$mode: the secret is in $(basename "$log")"
    done
done

assert_eq "$(sql "SELECT count(*) FROM events WHERE status NOT IN ('applied', 'ignored')")" 0
expect_rc 0 "$KIVALS" webhooks delete --all
expect_rc 0 "$KIVALS" webhooks list
assert_contains "$OUT" "No Webhooks Found"
pass
