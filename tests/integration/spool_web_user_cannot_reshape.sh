# The web server's user cannot reshape the spool (issue #10, finding 1). As the real www-data,
# against the real intake (lighttpd) and `kivals queue process` run as kivals:
# - in the layout `kivals init` makes, renaming or replacing spool/new or spool/tmp fails, and
#   the deliveries it made are applied;
# - in the layout older kivals made (spool/ writable by the group), the swap succeeds, but
#   queue process follows no link: the database, the private directory and the files in it
#   survive, the link is quarantined, and `kivals init` refuses to follow it too.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/users.sh"
. "$(dirname "$0")/lib/hostile.sh"
hostile_setup 4
printf 'sentinel\n' >"$T/db/sentinel"
chown kivals:kivals "$T/db/sentinel"
before=$(private_fingerprint)
assert_eq "$(stat -c '%U:%G %a' "$T/spool")" "kivals:www-data 750"
assert_eq "$(stat -c '%U:%G %a' "$T/spool/new")" "kivals:www-data 3770"
assert_eq "$(stat -c '%U:%G %a' "$T/spool/tmp")" "kivals:www-data 3770"

web_deliver p1 5 100
web_deliver p2 6 100

# Every way to reshape the spool is refused to www-data.
for attack in "mv $T/spool/new $T/spool/new.old" "mv $T/spool/tmp $T/spool/tmp.old" \
    "ln -s $T/db $T/spool/new2" "mkdir $T/spool/quarantine/x" "mkdir $T/spool/new3" \
    "ln -sfT $T/db $T/spool/new" "chmod 777 $T/spool/new"; do
    if as_web sh -c "$attack" 2>/dev/null; then fail "www-data could: $attack"; fi
done
assert_eq "$(stat -c %F "$T/spool/new")" directory
expect_rc 0 as_kivals "$KIVALS" queue process
assert_eq "$(stock_of p1)" "5 100"
assert_eq "$(stock_of p2)" "6 100"
assert_eq "$(private_fingerprint)" "$before" "nothing outside the spool changed"
assert_database_intact 4

# The layout of older versions: spool/ writable by the web server's group.
chmod 2770 "$T/spool"
web_deliver p3 7 100
as_web sh -c "mv $T/spool/tmp $T/spool/tmp.old && ln -s $T/private $T/spool/tmp" ||
    fail "the old layout should let www-data swap tmp/"
expect_rc 3 as_kivals "$KIVALS" queue process
assert_contains "$ERR" "spool entry tmp is a symbolic link in place of the directory"
assert_eq "$(stock_of p3)" "7 100" "the delivery in new/ is applied all the same"
assert_eq "$(cat "$T/private/old-file")" "keep me" "no file was deleted through the link"
assert_eq "$(private_fingerprint)" "$before" "nothing outside the spool changed"

assert_eq "$(post_delivery "type=inventory.update&secret=$secret" "$(inventory_body p4 o1 8 100)")" \
    503 "tmp/ is a link to a directory www-data cannot write: no 2xx until init"
as_web sh -c "mv $T/spool/new $T/spool/new.old && ln -s $T/db $T/spool/new" ||
    fail "the old layout should let www-data swap new/"
# init never follows a link it did not make: it refuses, and hands nothing to www-data.
expect_rc 78 as_kivals "$KIVALS" init -q
assert_contains "$ERR" "never follows a link it did not make"
assert_eq "$(stat -c '%U:%G %a' "$T/db")" "kivals:kivals 700" "the database directory is untouched"
expect_rc 78 as_kivals "$KIVALS" queue process
assert_contains "$ERR" "was a symbolic link, not a directory: it was moved to quarantine"
assert_eq "$(private_fingerprint)" "$before" "the database directory was not read or emptied"
assert_database_intact 4
assert_eq "$(stat -c %F "$T/db")" directory

# Root lays the spool out again; the admin puts the hidden deliveries back; all are applied.
expect_rc 0 "$KIVALS" init -q
assert_eq "$(stat -c '%U:%G %a' "$T/spool")" "kivals:www-data 750"
assert_eq "$(stat -c '%U:%G %a' "$T/spool/new")" "kivals:www-data 3770"
mv "$T/spool/new.old"/* "$T/spool/new/" 2>/dev/null || true
web_deliver p4 8 100
expect_rc 0 as_kivals "$KIVALS" queue process
assert_eq "$(stock_of p4)" "8 100"
expect_rc 0 as_kivals "$KIVALS" queue quarantine --json
assert_eq "$(json_get "$OUT" 0.from)" tmp
assert_eq "$(json_get "$OUT" 1.from)" new
assert_database_intact 4
pass
