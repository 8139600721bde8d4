# Real system users for permission tests (docs/PERMISSIONS.md). Source after common.sh.
#   need_root_and_setpriv          -> exit 77 (skip) unless root with setpriv
#   init_as_root_for_users         -> the above, www-data and kivals, a config and `kivals init`
#   ensure_system_user NAME        -> a system user and group NAME (created once, idempotent)
#   as_user NAME CMD...            -> run CMD as NAME with NAME's groups
#   as_admin CMD...                -> run CMD as an administrator: nobody, in group kivals
#   open_path_to_others            -> let other users traverse every directory down to $T
#   apply_package_layout           -> give $T the package's owners and modes
# A user made here is left in place when the test ends: tests running at the same time may
# use it, and it owns nothing once $T is gone (as after a package's postinst).
# The environment (KIVALS_CONFIG among it) is kept; nothing secret goes on a command line.

need_root_and_setpriv() {
    [ "$(id -u)" = 0 ] || { echo "SKIP: needs root to switch users"; exit 77; }
    command -v setpriv >/dev/null || { echo "SKIP: setpriv missing"; exit 77; }
    command -v useradd >/dev/null || { echo "SKIP: useradd missing"; exit 77; }
}

init_as_root_for_users() {
    need_root_and_setpriv
    getent passwd www-data >/dev/null || { echo "SKIP: no www-data user"; exit 77; }
    ensure_system_user kivals
    write_config
    expect_rc 0 "$KIVALS" init -q
}

ensure_system_user() {
    getent passwd "$1" >/dev/null && return 0
    # Two tests may get here at once: the first one creates it.
    flock /tmp/.kivals-test-users.lock sh -c \
        "getent passwd '$1' >/dev/null || useradd --system --user-group --no-create-home \
            --home-dir /nonexistent --shell /usr/sbin/nologin '$1'"
    getent passwd "$1" >/dev/null || fail "cannot create the system user $1"
}

as_user() {
    local user=$1
    shift
    setpriv --reuid="$user" --regid="$(id -gn "$user")" --init-groups "$@"
}

as_admin() { setpriv --reuid=nobody --regid=nogroup --groups=kivals "$@"; }

open_path_to_others() {
    local d=$T
    while [ "$d" != / ]; do
        chmod o+x "$d"
        d=$(dirname "$d")
    done
}

# Give $T the package's owners and modes (the table in docs/PERMISSIONS.md), for a tree that
# `kivals init` made as root with write_config's paths (web group www-data).
apply_package_layout() {
    open_path_to_others
    chown root:kivals "$KIVALS_CONFIG" && chmod 0644 "$KIVALS_CONFIG"
    chown -R kivals:kivals "$T/db" "$T/locks"
    chmod 2770 "$T/db" "$T/locks"
    find "$T/db" "$T/locks" -type f -exec chmod 0660 {} +
    chown kivals:www-data "$T/spool" && chmod 0750 "$T/spool"
    local sub
    for sub in tmp new; do
        chown kivals:www-data "$T/spool/$sub" && chmod 3770 "$T/spool/$sub"
    done
    if [ -d "$T/spool/quarantine" ]; then
        chown kivals:kivals "$T/spool/quarantine" && chmod 2770 "$T/spool/quarantine"
    fi
    chown kivals:www-data "$T/etc" "$T/etc/webhook.secret"
    chmod 2750 "$T/etc" && chmod 0640 "$T/etc/webhook.secret"
}
