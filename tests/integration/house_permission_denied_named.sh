# A user who may not open the database is told "permission denied", with the file, its group
# and what to do, never "does not exist, run kivals init". Real users: www-data (the web
# server's, which must never read the token) and kivals (the jobs' user, who may).
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/users.sh"
init_as_root_for_users
printf 'lsxs_pt_PERMISSIONTESTTOKEN\n' | "$KIVALS" config set token
# The layout of the permission model: the database directory is kivals:kivals, mode 2770.
chown -R kivals:kivals "$T/db"
chmod 2770 "$T/db"
chmod 660 "$T/db/kivals.db"
open_path_to_others
chmod 644 "$KIVALS_CONFIG"

expect_rc 78 as_user www-data "$KIVALS" config get token
assert_contains "$ERR" "permission denied"
assert_contains "$ERR" "$T/db/kivals.db"
assert_contains "$ERR" "$T/db is kivals:kivals, mode 2770"
assert_contains "$ERR" "run as user kivals, or join group kivals"
assert_not_contains "$ERR" "does not exist"
assert_not_contains "$ERR" "PERMISSIONTESTTOKEN"
assert_eq "$OUT" "" "nothing on stdout"

expect_rc 0 as_user kivals "$KIVALS" config get token
assert_eq "$OUT" "lsxs_pt_PERMISSIONTESTTOKEN" "the jobs' user may read it"
pass
