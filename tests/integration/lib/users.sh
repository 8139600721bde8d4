# Real system users for permission tests. Source after common.sh.
#   need_root_and_setpriv          -> exit 77 (skip) unless root with setpriv
#   ensure_system_user NAME        -> a system user and group NAME (created once, idempotent)
#   as_user NAME CMD...            -> run CMD as NAME with NAME's groups
#   open_path_to_others            -> let other users traverse every directory down to $T
# A user made here is left in place when the test ends: tests running at the same time may
# use it, and it owns nothing once $T is gone (as after a package's postinst).

need_root_and_setpriv() {
    [ "$(id -u)" = 0 ] || { echo "SKIP: needs root to switch users"; exit 77; }
    command -v setpriv >/dev/null || { echo "SKIP: setpriv missing"; exit 77; }
    command -v useradd >/dev/null || { echo "SKIP: useradd missing"; exit 77; }
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

open_path_to_others() {
    local d=$T
    while [ "$d" != / ]; do
        chmod o+x "$d"
        d=$(dirname "$d")
    done
}
