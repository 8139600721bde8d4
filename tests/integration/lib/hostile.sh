# The permission model with real users, for the hostile-neighbour tests. Source after
# common.sh, lighttpd.sh, queue.sh, links.sh and users.sh, then call hostile_setup:
#   - the kivals user (created when missing) owns the database, the locks and the spool;
#   - the spool's group is www-data; a real lighttpd runs as www-data with the intake as CGI;
#   - linked products p1..p$1 at outlet o1, stock 0 at version 1;
#   - $T/private, kivals' own (0700), holding old-file, three hours old.
# as_web CMD... runs CMD as www-data, as_kivals CMD... as kivals (the jobs' user).

as_web() { as_user www-data "$@"; }
as_kivals() { as_user kivals "$@"; }

hostile_setup() {
    local products=${1:-4} i
    need_root_and_setpriv
    getent passwd www-data >/dev/null || { echo "SKIP: no www-data user"; exit 77; }
    ensure_system_user kivals
    write_config
    open_path_to_others
    chmod 644 "$KIVALS_CONFIG"
    # What a package's postinst does: the directories for kivals, init once as root...
    mkdir -p "$T/spool" "$T/etc"
    chown kivals "$T/spool"
    chown kivals:www-data "$T/etc"
    chmod 2750 "$T/etc"
    expect_rc 0 "$KIVALS" init -q
    chown -R kivals:kivals "$T/db" "$T/locks"
    # ... and from then on every job, init included, runs as kivals.
    expect_rc 0 as_kivals "$KIVALS" init -q
    expect_rc 0 as_kivals "$KIVALS" config set outlet_id o1
    for i in $(seq 1 "$products"); do link_product "p$i" "k-p$i" 0 1; done
    # No Lightspeed here: deliveries are applied directly (lib/queue.sh), as where proven.
    webhook_versions_proven_same
    # A private directory of kivals' with a file older than an hour (what tmp/ cleaning removes).
    mkdir -m 700 "$T/private"
    printf 'keep me\n' >"$T/private/old-file"
    touch -d '3 hours ago' "$T/private/old-file"
    chown -R kivals:kivals "$T/private"
    WEB_USER=www-data start_lighttpd cgi
    secret=$(cat "$T/etc/webhook.secret")
}

# Deliver through lighttpd: web_deliver PRODUCT COUNT VERSION; fails unless the answer is 200.
web_deliver() {
    local status
    status=$(post_delivery "type=inventory.update&secret=$secret" "$(inventory_body "$1" o1 "$2" "$3")")
    assert_eq "$status" 200 "delivery of $1 through lighttpd"
}

# Print what kivals keeps outside the spool and must never lose: which files exist, their
# type, owner and mode, and the contents of the secret and of the private sentinel files.
private_fingerprint() {
    (cd "$T" && find db locks etc private -printf '%p %y %U:%G %m\n' 2>/dev/null |
        grep -vE 'kivals.db-journal|\.lock |\.gate ' | sort && sha256sum etc/webhook.secret private/*)
}

# Fail unless the database is a sound SQLite file that still holds the linked products.
assert_database_intact() {
    [ -f "$T/db/kivals.db" ] && [ ! -L "$T/db/kivals.db" ] || fail "the database is gone"
    assert_eq "$(sql "PRAGMA integrity_check")" ok "database integrity"
    assert_eq "$(sql "SELECT count(*) FROM links")" "$1" "links in the database"
}
