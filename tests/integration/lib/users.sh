# The real users of the permission model (docs/PERMISSIONS.md), for tests run as root:
#   as_kivals CMD...  the kivals system user (cron jobs, timers)
#   as_web CMD...     the web server's user, www-data (kivals-webhook)
#   as_admin CMD...   an administrator: nobody with the supplementary group kivals
# The environment (KIVALS_CONFIG among it) is kept; nothing secret goes on a command line.

# Skip unless root; create the kivals system user and group if this machine has none (as the
# package does), and check that www-data exists (Debian's base-passwd has it).
require_system_users() {
    [ "$(id -u)" = 0 ] || { echo "SKIP: needs root to switch users" >&2; exit 77; }
    command -v setpriv >/dev/null || { echo "SKIP: setpriv missing" >&2; exit 77; }
    getent passwd www-data >/dev/null || fail "no www-data user on this machine"
    if ! getent passwd kivals >/dev/null; then
        adduser --system --group --home /var/lib/kivals --no-create-home \
            --gecos "kivals inventory sync" kivals >/dev/null 2>&1 ||
            useradd --system --user-group --home-dir /var/lib/kivals --no-create-home \
                --shell /usr/sbin/nologin kivals
    fi
    getent group kivals >/dev/null || fail "could not create the kivals group"
}

as_kivals() { setpriv --reuid=kivals --regid=kivals --init-groups "$@"; }
as_web() { setpriv --reuid=www-data --regid=www-data --init-groups "$@"; }
as_admin() { setpriv --reuid=nobody --regid=nogroup --groups=kivals "$@"; }

# Give $T the package's owners and modes (the table in docs/PERMISSIONS.md), for a tree that
# `kivals init` made as root with write_config's paths. Every directory above $T becomes
# searchable, as /var/lib and /var/spool are.
apply_package_layout() {
    local d=$T
    while [ "$d" != / ]; do chmod o+x "$d"; d=$(dirname "$d"); done
    chown root:kivals "$KIVALS_CONFIG" && chmod 0644 "$KIVALS_CONFIG"
    chown -R kivals:kivals "$T/db" "$T/locks"
    chmod 2770 "$T/db" "$T/locks"
    find "$T/db" "$T/locks" -type f -exec chmod 0660 {} +
    chown kivals:www-data "$T/spool" && chmod 0750 "$T/spool"
    local sub
    for sub in tmp new; do
        chown kivals:www-data "$T/spool/$sub" && chmod 3730 "$T/spool/$sub"
    done
    chown kivals:www-data "$T/etc" "$T/etc/webhook.secret"
    chmod 2750 "$T/etc" && chmod 0640 "$T/etc/webhook.secret"
}
