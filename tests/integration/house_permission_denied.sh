# A user who lacks a permission is told "permission denied", with the file or directory in
# the way, its owner and group, and the group to join; never "does not exist" (docs/
# PERMISSIONS.md). Run as the real users: www-data (the web server) and an administrator in
# group kivals, against the package layout (kivals:kivals 2770 database directory).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/users.sh"
init_as_root_for_users
expect_rc 0 "$KIVALS" config set store_url http://127.0.0.1:9
printf 'lsxs_pt_permission-test-token\n' >"$T/api.token"
chmod 600 "$T/api.token"
expect_rc 0 "$KIVALS" config set token --from-file "$T/api.token"
expect_rc 0 "$KIVALS" config set outlet_id outlet-1
apply_package_layout

# The web server's user: the database holds the API token, so it is out of reach.
for command in status "config get token" "queue process"; do
    # shellcheck disable=SC2086
    expect_rc 78 as_user www-data "$KIVALS" $command
    assert_contains "$ERR" "permission denied: cannot open the database $T/db/kivals.db: $T/db is kivals:kivals, mode 2770: run as user kivals, or join group kivals" \
        "www-data: kivals $command"
    assert_not_contains "$ERR" "does not exist"
done

# A config file the user may not read names the file and the group.
chmod 0640 "$KIVALS_CONFIG"
expect_rc 78 as_user www-data "$KIVALS" status
assert_contains "$ERR" "config file $KIVALS_CONFIG cannot be read: permission denied: $KIVALS_CONFIG is root:kivals, mode 640: run as user root, or join group kivals"
chmod 0644 "$KIVALS_CONFIG"

# An administrator in group kivals runs commands. The spool is the kivals user's alone: the
# queue job says whom to run as, and status says it cannot see the spool (not "0 pending").
rm -f "$T/locks/queue.lock"
expect_rc 78 as_admin "$KIVALS" queue process
assert_contains "$ERR" "cannot take the spool in: permission denied: $T/spool is kivals:www-data, mode 750: run as user kivals or root"
assert_eq "$(stat -c '%G' "$T/locks/queue.lock")" kivals "a lock file keeps group kivals"
echo x >"$T/spool/new/0000000000000001.1.1.00000000"
chown www-data:www-data "$T/spool/new/0000000000000001.1.1.00000000"
expect_rc 0 as_admin "$KIVALS" status
assert_contains "$OUT" "is not readable by you (only user kivals may list it"
expect_rc 0 as_user kivals "$KIVALS" status --json
assert_eq "$(json_get "$OUT" pending_webhooks)" 1
expect_rc 0 as_user kivals "$KIVALS" queue process
# A lock file an administrator created is shared with the kivals user's jobs.
rm -f "$T/locks/push.lock"
expect_rc 0 as_admin "$KIVALS" push --json
assert_eq "$(stat -c '%U:%G' "$T/locks/push.lock")" nobody:kivals
expect_rc 0 as_user kivals "$KIVALS" push --json
pass
