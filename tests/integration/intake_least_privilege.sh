# The web server's user can enqueue but can read neither the database nor the API token:
# kivals-webhook runs as nobody with only the group intake.web_group, and still answers 200.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root to switch to nobody"; exit 77; }
command -v setpriv >/dev/null || { echo "SKIP: setpriv missing"; exit 77; }
getent group nogroup >/dev/null || { echo "SKIP: no group nogroup"; exit 77; }
write_config
sed -i 's/^\[intake\]$/[intake]\nweb_group = "nogroup"/' "$KIVALS_CONFIG"
expect_rc 0 "$KIVALS" init -q
printf 'lsxs_pt_the-api-token\n' | "$KIVALS" config set token
# Let nobody reach the config file (world-readable, as /etc/kivals/kivals.toml would be).
d=$T
while [ "$d" != / ]; do chmod o+x "$d"; d=$(dirname "$d"); done
chmod 644 "$KIVALS_CONFIG"
as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }

assert_eq "$(stat -c '%G %a' "$T/spool")" "nogroup 750" "the web user passes through spool/"
assert_eq "$(stat -c '%G %a' "$T/spool/new")" "nogroup 3770" "and adds files to new/"
body=$(inventory_body p1 o1 5 100)
secret=$(cat "$T/etc/webhook.secret")
# The CGI variables go through the environment (exported), never a command line: the query
# string holds the secret.
status=$(printf '%s' "$body" | (export REQUEST_METHOD=POST CONTENT_TYPE=application/x-www-form-urlencoded \
    QUERY_STRING="type=inventory.update&secret=$secret" CONTENT_LENGTH=${#body} KIVALS_CONFIG
    as_nobody "$WEBHOOK") 2>"$T/err" | sed -n '1s/^Status: \([0-9]*\).*/\1/p')
assert_eq "$status" 200 "nobody:nogroup can enqueue ($(cat "$T/err"))"
f=$(find "$T/spool/new" -type f)
assert_eq "$(stat -c '%U %G %a' "$f")" "nobody nogroup 644"
# ... and kivals (root here; in production the owner of new/, who reads the 0644 file as
# "other" without being in the web server's group) takes it in.
expect_rc 0 "$KIVALS" config set outlet_id o1
expect_rc 0 "$KIVALS" queue process
assert_eq "$(sql "SELECT count(*) FROM events")" 1
# The web server's user cannot read the database (where the token lives).
! as_nobody cat "$T/db/kivals.db" >/dev/null 2>&1 || fail "nobody can read the database"
! as_nobody sqlite3 "$T/db/kivals.db" "SELECT value FROM settings" >/dev/null 2>&1 || fail "nobody can query the database"
# It can neither list nor change other files of kivals: the lock dir is private too.
! as_nobody touch "$T/locks/x" 2>/dev/null || fail "nobody can write the lock dir"
pass
