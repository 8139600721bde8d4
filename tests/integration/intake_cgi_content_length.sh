# kivals-webhook run directly as CGI: missing or bad CONTENT_LENGTH, a body shorter than it,
# and never a byte read past it.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
write_config
expect_rc 0 "$KIVALS" init -q
secret=$(cat "$T/etc/webhook.secret")
export REQUEST_METHOD=POST QUERY_STRING="type=inventory.update&secret=$secret"
export CONTENT_TYPE=application/x-www-form-urlencoded REMOTE_ADDR=127.0.0.1
body=$(inventory_body p1 o1 5 100)
printf '%s' "$body" >"$T/body"
printf '%sEXTRA-BYTES-NOT-MINE' "$body" >"$T/body+extra"

status_of() { sed -n '1s/^Status: \([0-9]*\).*/\1/p' "$T/out"; }
cgi() { "$WEBHOOK" >"$T/out" 2>"$T/err"; }

unset CONTENT_LENGTH
cgi <"$T/body"; assert_eq "$(status_of)" 400 "missing CONTENT_LENGTH"
for bad in "" "abc" "-5" "12 " "+12" "0x10"; do
    CONTENT_LENGTH=$bad cgi <"$T/body"
    assert_eq "$(status_of)" 400 "CONTENT_LENGTH='$bad'"
done
# A length too long for a 64-bit integer is a body too large, not a malformed header.
for huge in 99999999999999999999 18446744073709551616 9223372036854775808; do
    CONTENT_LENGTH=$huge cgi <"$T/body"
    assert_eq "$(status_of)" 413 "CONTENT_LENGTH=$huge"
done
CONTENT_LENGTH=$((${#body} + 10)) cgi <"$T/body"; assert_eq "$(status_of)" 400 "body shorter than CONTENT_LENGTH"
CONTENT_LENGTH=0 cgi </dev/null; assert_eq "$(status_of)" 400 "0 bytes"
CONTENT_LENGTH=104857600 cgi </dev/null; assert_eq "$(status_of)" 413 "100 MiB announced"
assert_eq "$(find "$T/spool/new" -type f | wc -l)" 0 "nothing stored so far"

# The intake reads exactly CONTENT_LENGTH bytes: what follows is left for the next reader.
rest=$( (CONTENT_LENGTH=${#body} "$WEBHOOK" >"$T/out" 2>"$T/err"; cat) <"$T/body+extra")
assert_eq "$(status_of)" 200 "exact body"
assert_eq "$rest" "EXTRA-BYTES-NOT-MINE" "bytes after CONTENT_LENGTH were read"
f=$(find "$T/spool/new" -type f)
assert_eq "$(tail -c ${#body} "$f")" "$body" "the spool holds the body byte for byte"
assert_contains "$(cat "$f")" "length: ${#body}"
# Spool files are 0644: kivals, owner of new/, reads them as "other"; nobody else gets there.
assert_eq "$(stat -c %a "$f")" 644

# Without a readable secret file the intake cannot check anything: 503, nothing stored.
mv "$T/etc/webhook.secret" "$T/etc/away"
CONTENT_LENGTH=${#body} cgi <"$T/body"; assert_eq "$(status_of)" 503 "no secret file"
mv "$T/etc/away" "$T/etc/webhook.secret"
# A config file that does not exist: 503 with a diagnostic.
KIVALS_CONFIG=$T/none.toml CONTENT_LENGTH=${#body} cgi <"$T/body"
assert_eq "$(status_of)" 503 "no config"
assert_contains "$(cat "$T/err")" "503 config"
assert_eq "$(find "$T/spool/new" -type f | wc -l)" 1 "failed requests stored nothing"
pass
