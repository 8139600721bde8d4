# Odd entries the web server's user puts in the spool cannot stop the queue (issue #10,
# finding 2). As the real www-data, next to deliveries made through lighttpd: a FIFO, a
# directory, an unreadable file, links to /dev/zero and to the database, a 4 GiB sparse file,
# a file that is not UTF-8 and names the intake never writes; in tmp/, an old FIFO and an old
# link to a private directory. `kivals queue process`, as kivals, finishes at once, applies
# every valid delivery, quarantines each odd entry with its reason, and follows nothing.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
. "$(dirname "$0")/lib/queue.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/users.sh"
. "$(dirname "$0")/lib/hostile.sh"
hostile_setup 4
before=$(private_fingerprint)

web_deliver p1 5 100
web_deliver p2 6 100
N=$T/spool/new
as_web sh -e -c "
    mkfifo '$N/0000-fifo'
    mkdir '$N/0001-directory'
    echo 'payload=%7B%7D' >'$N/0002-unreadable' && chmod 000 '$N/0002-unreadable'
    ln -s /dev/zero '$N/0003-dev-zero'
    ln -s '$T/db/kivals.db' '$N/0004-database'
    truncate -s 4G '$N/0005-huge'
    printf 'kivals-spool 1\ntype: inventory.update\nreceived: 2026-01-01T00:00:00Z\nlength: 3\n\n\377\376x' >'$N/0006-latin1'
    echo x >'$N/.hidden'
    echo x >'$N/bad name'
    mkfifo '$T/spool/tmp/old-fifo' && touch -d '2 hours ago' '$T/spool/tmp/old-fifo'
    ln -s '$T/private' '$T/spool/tmp/old-link' && touch -h -d '2 hours ago' '$T/spool/tmp/old-link'
"
web_deliver p3 7 100
web_deliver p4 8 100

started=$(date +%s.%N)
expect_rc 3 as_kivals timeout 60 "$KIVALS" queue process
elapsed=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$started" "$(date +%s.%N)")
assert_contains "$ERR" "spool entry new/0000-fifo is a FIFO, not a regular file: moved to quarantine/"
assert_eq "$(grep -c 'kivals: spool entry' <<<"$ERR")" 11 "one line per odd entry"
for p in "p1 5" "p2 6" "p3 7" "p4 8"; do
    assert_eq "$(stock_of "${p% *}")" "${p#* } 100" "delivery for ${p% *} applied"
done
assert_database_intact 4
assert_eq "$(private_fingerprint)" "$before" "nothing outside the spool was read, changed or removed"

# Each odd entry was moved aside, once, with its reason; stderr says so (cron mails it).
expect_rc 0 as_kivals "$KIVALS" queue quarantine --json
reason_of() {
    python3 -c '
import json, sys
rows = [r for r in json.load(sys.stdin) if r["from"] == sys.argv[1]]
print(rows[0]["reason"] if len(rows) == 1 else f"{len(rows)} entries")' "$1" <<<"$OUT"
}
assert_contains "$(reason_of new/0000-fifo)" "a FIFO, not a regular file"
assert_contains "$(reason_of new/0001-directory)" "a directory, not a regular file"
assert_contains "$(reason_of new/0002-unreadable)" "unreadable (Permission denied)"
assert_contains "$(reason_of new/0003-dev-zero)" "a symbolic link, not a regular file"
assert_contains "$(reason_of new/0004-database)" "a symbolic link, not a regular file"
assert_contains "$(reason_of new/0005-huge)" "4294967296 bytes, more than the"
assert_contains "$(reason_of new/0006-latin1)" "byte 0xff at column 1 is not UTF-8"
assert_contains "$(reason_of new/.hidden)" "whose name the intake does not write"
assert_contains "$(reason_of 'new/bad name')" "whose name the intake does not write"
assert_contains "$(reason_of tmp/old-fifo)" "a FIFO"
assert_contains "$(reason_of tmp/old-link)" "a symbolic link"
assert_eq "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$OUT")" 11
# www-data's directory cannot change parents for kivals (not its owner): it is renamed in place
# to a name nothing reads, and its note says so.
assert_contains "$(reason_of new/0001-directory)" "remove it as root"
assert_eq "$(find "$N" -maxdepth 1 -name '.kivals-stuck.*' -type d | wc -l)" 1
assert_eq "$(find "$N" -mindepth 1 -maxdepth 1 ! -name '.kivals-stuck.*' | wc -l)" 0 "new/ is empty"

# The next run has nothing odd left: silent, exit 0; doctor names the quarantine.
web_deliver p1 9 101
expect_rc 0 as_kivals "$KIVALS" queue process
assert_eq "$(stock_of p1)" "9 101"
assert_eq "$ERR" ""
expect_rc 1 as_kivals "$KIVALS" doctor --json
assert_contains "$OUT" '"id":"spool.quarantined","message":"11 spool entries were not deliveries'
expect_rc 0 as_kivals "$KIVALS" queue list --json
expect_rc 0 as_kivals "$KIVALS" queue show 1 --json
echo "odd entries in new/ and tmp/: queue process finished in $elapsed s, 4 valid deliveries applied, 11 entries quarantined" >&2
pass
