# kivals-webhook is one static-pie file: no shared library and no dynamic loader to run before
# each CGI delivery (cmake/intake.cmake; docs/PERFORMANCE.md, "Webhook intake"). Linked
# dynamically it loaded libstdc++, libfmt, libtomlplusplus and libfcgi and spent half its CPU
# in ld.so. The static file still answers (the other intake tests run it through lighttpd).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
command -v readelf >/dev/null || { echo "SKIP: readelf (binutils) missing"; exit 77; }
if grep -Eq '^KIVALS_(SANITIZE|FUZZ|TSAN):BOOL=ON$' "$KIVALS_BIN_DIR/CMakeCache.txt" 2>/dev/null; then
    echo "SKIP: a sanitizer build links the intake dynamically (the sanitizers' runtimes are shared)"
    exit 77
fi

headers=$(readelf --file-header --program-headers --dynamic "$WEBHOOK")
assert_contains "$headers" "DYN (Position-Independent Executable file)" "a PIE, randomised"
assert_not_contains "$headers" "INTERP" "no dynamic loader"
assert_not_contains "$headers" "(NEEDED)" "no shared library"

write_config
expect_rc 0 "$KIVALS" init -q
secret=$(cat "$T/etc/webhook.secret")
body=$(inventory_body p1 o1 5 100)
# The CGI variables go through the environment, never a command line: the query holds the secret.
status=$(printf '%s' "$body" | (export REQUEST_METHOD=POST CONTENT_TYPE=application/x-www-form-urlencoded \
    QUERY_STRING="type=inventory.update&secret=$secret" CONTENT_LENGTH=${#body} KIVALS_CONFIG
    "$WEBHOOK") 2>"$T/err" | sed -n '1s/^Status: \([0-9]*\).*/\1/p')
assert_eq "$status" 200 "the static intake stores a delivery ($(cat "$T/err"))"
assert_eq "$(find "$T/spool/new" -type f | wc -l)" 1 "one file spooled"
pass
