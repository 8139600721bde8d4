# The Debian package on a real machine, as an administrator would use it: build it
# (scripts/package.sh: lintian 0 errors), install it, check the user, the layout and the
# units (systemd-analyze verify), set kivals up as the documented users against the simulator,
# deliver webhooks through each real web server from Debian with its snippet installed as
# the snippet says (lighttpd; nginx + fcgiwrap; nginx + a FastCGI socket; Apache CGI; Apache
# FastCGI), run every cron line as its user, let Debian's cron daemon run the installed cron
# file, upgrade to a newer version (the same package repacked: database, settings and a
# changed conffile kept), purge; then search every log of every server for the secret. Slow
# (a package build, lintian, a minute of cron): CTest label "package", run by .ci/run. Needs
# root; installs what it needs with apt; leaves the web servers stopped and disabled.
. "$(dirname "$0")/../integration/lib/common.sh"
. "$KIVALS_SRC_DIR/tests/integration/lib/lssim.sh"
. "$KIVALS_SRC_DIR/tests/integration/lib/users.sh"
. "$(dirname "$0")/lib/system.sh"
. "$(dirname "$0")/lib/servers.sh"
need_root_and_setpriv
command -v apt-get >/dev/null || { echo "SKIP: not a Debian machine" >&2; exit 77; }
if dpkg-query -W -f='${Status}' kivals 2>/dev/null | grep -q "ok installed"; then
    fail "kivals is installed on this machine and this test would purge it: dpkg --purge kivals first"
fi
# A cron daemon already running would run the package's jobs while the test checks them.
! ps -C cron -o stat= | grep -qv '^Z' || fail "a cron daemon runs on this machine: stop it for this test"
unset KIVALS_CONFIG KIVALS_DB
started=$(date +%s)
step() { echo "== $(($(date +%s) - started))s: $*"; }
package_cleanup() {
    /etc/init.d/lighttpd stop >/dev/null 2>&1 || true
    /etc/init.d/nginx stop >/dev/null 2>&1 || true
    /etc/init.d/apache2 stop >/dev/null 2>&1 || true
    /etc/init.d/fcgiwrap stop >/dev/null 2>&1 || true
    for pid in ${SPAWNED_PIDS:-}; do kill "$pid" 2>/dev/null || true; done
    stop_cron_daemon
    leave_disabled lighttpd nginx apache2 fcgiwrap
    lighty-disable-mod kivals-webhook >/dev/null 2>&1 || true
    [ "$fastcgi_was_enabled" = 1 ] || lighty-disable-mod fastcgi >/dev/null 2>&1 || true
    a2disconf -q kivals >/dev/null 2>&1 || true
    dpkg-query -W -f='${Status}' kivals 2>/dev/null | grep -q installed &&
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq kivals kivals-lssim >/dev/null 2>&1
    put_system_back
    # Every log of every server is searched for the secret by leak_check.
    local d
    for d in lighttpd nginx apache2; do
        mkdir -p "$T/server-logs/$d"
        for f in /var/log/$d/*; do [ -f "$f" ] && cp "$f" "$T/server-logs/$d/$(basename "$f").log"; done
    done
}
trap 'rc=$?; package_cleanup; (exit $rc); cleanup' EXIT

fastcgi_was_enabled=0
[ -e /etc/lighttpd/conf-enabled/10-fastcgi.conf ] && fastcgi_was_enabled=1
step "install what the test needs"
apt_ensure lighttpd nginx fcgiwrap spawn-fcgi apache2 libapache2-mod-fcgid systemd cron curl \
    sqlite3 python3 iproute2 psmisc
leave_disabled lighttpd nginx apache2 fcgiwrap

step "build the package (lintian: 0 errors), and the same as a newer version for the upgrade"
"$KIVALS_SRC_DIR/scripts/package.sh" --out "$T/deb" >"$T/package.out" 2>"$T/package.err" ||
    { cat "$T/package.err" >&2; fail "scripts/package.sh failed"; }
grep '^package: lintian' "$T/package.err"
deb=$(sed -n 1p "$T/package.out") lssim_deb=$(sed -n 2p "$T/package.out")
version=$(dpkg-deb -f "$deb" Version)
deb2=$(repack_as_version "$deb" "$version+test1")
lssim_deb2=$(repack_as_version "$lssim_deb" "$version+test1")

step "install"
# A kivals user left by the integration tests (ensure_system_user) owns nothing; the package
# makes its own, with its home in /var/lib/kivals.
if getent passwd kivals >/dev/null; then userdel kivals; fi
if getent group kivals >/dev/null; then groupdel kivals; fi
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" "$lssim_deb" >"$T/install.log" 2>&1 ||
    { cat "$T/install.log" >&2; fail "the package does not install"; }
KIVALS=/usr/bin/kivals LSSIM=/usr/bin/kivals-lssim
"$KIVALS" --version | grep -qx "kivals ${version%%[+~]*}" || fail "kivals --version"
/usr/libexec/kivals/kivals-webhook --version | grep -q "^kivals-webhook " || fail "kivals-webhook --version"
"$LSSIM" --version | grep -q "^kivals-lssim " || fail "kivals-lssim --version"
assert_eq "$(getent passwd kivals | cut -d: -f6,7)" "/var/lib/kivals:/usr/sbin/nologin" "the system user"
[ "$(id -u kivals)" -lt 1000 ] || fail "kivals is not a system user"
mode() { stat -c '%U:%G %a' "$1"; }
assert_eq "$(mode /var/lib/kivals)" "kivals:kivals 2770"
assert_eq "$(mode /var/lib/kivals/locks)" "kivals:kivals 2770"
assert_eq "$(mode /var/spool/kivals)" "kivals:www-data 750"
assert_eq "$(mode /var/spool/kivals/new)" "kivals:www-data 3770"
assert_eq "$(mode /var/spool/kivals/tmp)" "kivals:www-data 3770"
assert_eq "$(mode /etc/kivals/kivals.toml)" "root:kivals 644"
assert_eq "$(mode /etc/kivals/intake)" "kivals:www-data 2750"
assert_eq "$(mode /etc/kivals/intake/webhook.secret)" "kivals:www-data 640"
assert_eq "$(stat -c '%U:%G' /var/lib/kivals/kivals.db)" "kivals:kivals"
dpkg-query -W -f='${Conffiles}\n' kivals | grep -q ' /etc/kivals/kivals.toml ' || fail "kivals.toml is not a conffile"
dpkg-query -W -f='${Conffiles}\n' kivals | grep -q ' /etc/cron.d/kivals ' || fail "the cron file is not a conffile"
[ -s /usr/share/bash-completion/completions/kivals ] || fail "no bash completion"
man -w kivals-admin >/dev/null 2>&1 || [ -f /usr/share/man/man8/kivals-admin.8.gz ] || fail "no kivals-admin(8)"
mkdir -p "$T/etc"
cp /etc/kivals/intake/webhook.secret "$T/etc/webhook.secret" # for leak_check
chmod 600 "$T/etc/webhook.secret"
secret=$(cat "$T/etc/webhook.secret")

step "systemd-analyze verify on every unit"
units=$(ls /lib/systemd/system/kivals-*)
# Five jobs (a service and a timer each), the intake's socket and service, and the two daemons
# left disabled: kivals serve and kivals queue follow.
[ "$(wc -w <<<"$units")" = 14 ] || fail "expected 14 units, got: $units"
for daemon in kivals-serve.service kivals-queue-follow.service; do
    [ -f "/lib/systemd/system/$daemon" ] || fail "$daemon is not installed"
    ! compgen -G "/etc/systemd/system/*.wants/$daemon" >/dev/null || fail "$daemon was enabled by the package"
done
# shellcheck disable=SC2086
systemd-analyze verify $units >"$T/verify.log" 2>&1 || { cat "$T/verify.log" >&2; fail "systemd-analyze verify failed"; }
[ ! -s "$T/verify.log" ] || { cat "$T/verify.log" >&2; fail "systemd-analyze verify is not clean"; }
grep -q '^SuccessExitStatus=75$' /lib/systemd/system/kivals-queue.service || fail "a held lock would fail the unit"

. "$(dirname "$0")/lib/flow.sh"
run_setup_as_documented
for server in lighttpd nginx-fcgiwrap nginx-fastcgi apache-cgi apache-fcgid; do
    step "deliveries through $server"
    case $server in
    lighttpd) start_lighttpd_stock ;;
    nginx-*) start_nginx_stock "${server#nginx-}" ;;
    apache-*) start_apache_stock "${server#apache-}" ;;
    esac
    assert_loopback_only
    deliver_round "$server"
    case $server in
    lighttpd) stop_lighttpd_stock ;;
    nginx-*) stop_nginx_stock ;;
    apache-*) stop_apache_stock ;;
    esac
    assert_deliveries_logged "$server"
    ! grep -rqF -f "$T/etc/webhook.secret" "$WEB_LOGS" || fail "$server: the secret is in a log of $WEB_LOGS"
done

step "every cron line, as its user"
run_every_cron_line
step "the cron daemon runs /etc/cron.d/kivals"
check_cron_daemon_runs_the_file
step "permission denied, as www-data and as an administrator"
check_permissions_as_users
step "upgrade to $version+test1"
check_upgrade "$deb2" "$lssim_deb2" "$version+test1"
step "purge"
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq kivals kivals-lssim >"$T/purge.log" 2>&1 ||
    { cat "$T/purge.log" >&2; fail "purge failed"; }
case "$(dpkg-query -W -f='${db:Status-Abbrev}' kivals 2>/dev/null)" in
"" | "un "*) ;;
*) fail "kivals is not purged: $(dpkg-query -W -f='${db:Status-Abbrev}' kivals)" ;;
esac
! getent passwd kivals >/dev/null || fail "purge left the user kivals"
! getent group kivals >/dev/null || fail "purge left the group kivals"
for p in /var/lib/kivals /var/spool/kivals /etc/kivals /etc/cron.d/kivals /usr/bin/kivals; do
    [ ! -e "$p" ] || fail "purge left $p"
done
step "done"
pass
