# kivals-webhook behind a real lighttpd, as CGI and as FastCGI: every documented answer code,
# nothing stored unless 200, the secret kept out of every log, and no database needed.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
write_config
sed -i 's/^\[intake\]$/[intake]\nmax_body_bytes = 4096/' "$KIVALS_CONFIG"
expect_rc 0 "$KIVALS" init -q
secret=$(cat "$T/etc/webhook.secret")
# The intake must not need the database: move it away while deliveries arrive.
mv "$T/db/kivals.db" "$T/db/away.db"

spooled() { find "$T/spool/new" -type f | wc -l; }
big=$T/big.body
head -c $((100 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$big"

for mode in cgi fastcgi; do
    start_lighttpd "$mode"
    q="type=inventory.update&secret=$secret"
    before=$(spooled)
    good=$(inventory_body p1 o1 5 100)
    assert_eq "$(post_delivery "$q" "$good")" 200 "$mode: good delivery"
    assert_eq "$(post_delivery "type=product.update&secret=$secret" \
        "payload=%7B%22id%22%3A%22p1%22%2C%22version%22%3A3%7D")" 200 "$mode: product.update"
    assert_eq "$(post_delivery "$q" "$good" 'application/x-www-form-urlencoded; charset=UTF-8')" 200 \
        "$mode: charset parameter"
    assert_eq "$(spooled)" $((before + 3)) "$mode: three deliveries spooled"

    before=$(spooled)
    assert_eq "$(post_delivery "type=inventory.update" "$good")" 403 "$mode: missing secret"
    assert_eq "$(post_delivery "type=inventory.update&secret=wrong" "$good")" 403 "$mode: wrong secret"
    assert_eq "$(post_delivery "type=inventory.update&secret=${secret:0:12}" "$good")" 403 "$mode: truncated"
    assert_eq "$(post_delivery "type=inventory.update&secret=${secret}x" "$good")" 403 "$mode: longer"
    assert_eq "$(post_delivery "secret=$secret" "$good")" 400 "$mode: no type"
    assert_eq "$(post_delivery "type=sale.update&secret=$secret" "$good")" 400 "$mode: other type"
    assert_eq "$(post_delivery "$q" "")" 400 "$mode: 0 bytes"
    assert_eq "$(post_delivery "$q" "domain_prefix=x")" 400 "$mode: no payload"
    assert_eq "$(post_delivery "$q" "payload=%7Bnot")" 400 "$mode: bad JSON"
    deep="payload=$(head -c 100000 /dev/zero | tr '\0' '[')"
    assert_eq "$(post_delivery "$q" "$deep")" 413 "$mode: 100,000 deep is over the size limit"
    deep="payload=$(head -c 1000 /dev/zero | tr '\0' '[')"
    assert_eq "$(post_delivery "$q" "$deep")" 400 "$mode: 1,000 deep"
    assert_eq "$(post_delivery "$q" '{"payload":{}}' application/json)" 415 "$mode: JSON body"
    assert_eq "$(post_delivery "$q" "$good" text/plain)" 415 "$mode: text/plain"
    # The limit (4096) is accepted, the limit + 1 refused.
    pad=$((4096 - ${#good} - 3))
    at_limit="$good&x=$(head -c $pad /dev/zero | tr '\0' 'b')"
    assert_eq "${#at_limit}" 4096
    assert_eq "$(post_delivery "$q" "$at_limit")" 200 "$mode: exactly the limit"
    assert_eq "$(post_delivery "$q" "${at_limit}c")" 413 "$mode: the limit + 1"
    assert_eq "$(post_delivery "$q" "@$big")" 413 "$mode: 100 MiB"
    http_call GET "$WEB_URL?$q"
    assert_eq "$STATUS" 405 "$mode: GET"
    http_call PUT "$WEB_URL?$q" --data-binary "$good"
    assert_eq "$STATUS" 405 "$mode: PUT"
    assert_eq "$(spooled)" $((before + 1)) "$mode: only the at-limit delivery was stored"

    # No spool to write to: 503, so that Lightspeed retries.
    mv "$T/spool/new" "$T/spool/new.away"
    assert_eq "$(post_delivery "$q" "$good")" 503 "$mode: cannot store"
    mv "$T/spool/new.away" "$T/spool/new"
    [ -z "$(ls -A "$T/spool/tmp")" ] || fail "$mode: a failed store left a file in tmp/"
    stop_lighttpd

    for log in "$WEB_ACCESS_LOG" "$WEB_ERROR_LOG" "$WEB_STDERR"; do
        ! grep -qF -f "$T/etc/webhook.secret" "$log" || fail "$mode: the secret is in $(basename "$log")"
        ! grep -qF "${secret:0:12}" "$log" || fail "$mode: part of the secret is in $(basename "$log")"
    done
    grep -q 'POST /[a-z/-]*kivals-webhook HTTP' "$WEB_ACCESS_LOG" || fail "$mode: access log is empty"
    grep -q '403 wrong secret' "$WEB_ERROR_LOG" "$WEB_STDERR" || fail "$mode: no diagnostic for a 403"
    grep -q '503 cannot' "$WEB_ERROR_LOG" "$WEB_STDERR" || fail "$mode: no diagnostic for a 503"
done

# Every spooled file holds exactly what was posted.
for f in "$T"/spool/new/*; do
    head -1 "$f" | grep -q '^kivals-spool 1$' || fail "bad spool file $f"
done
mv "$T/db/away.db" "$T/db/kivals.db"
pass
