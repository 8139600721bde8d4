# System helpers for the package test (tests/package/package_install.sh): packages from apt,
# files changed for the test and put back, services stopped and left disabled.
# Source after tests/integration/lib/common.sh.

_restore_files=()
_policy_rc_made=0

# Install Debian packages that are missing (idempotent). While apt runs, a policy-rc.d stops
# the packages' maintainer scripts from starting a service (apache2 and nginx would listen on
# port 80 of every address); one that is already there is left as it is.
apt_ensure() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    deny_service_starts
    echo "package test: installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >"$T/apt-install.log" 2>&1 || { tail -20 "$T/apt-install.log" >&2; fail "apt-get install failed"; }
}

deny_service_starts() {
    [ -e /usr/sbin/policy-rc.d ] && return 0
    printf '#!/bin/sh\n# kivals package test: no service starts while it installs packages.\nexit 101\n' \
        >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    _policy_rc_made=1
}

# Keep a copy of FILE to put back when the test ends (also when it fails).
keep_original() {
    local f=$1 copy
    copy="$T/originals/$(printf '%s' "$f" | tr / _)"
    mkdir -p "$T/originals"
    [ -e "$copy" ] && return 0
    cp -a "$f" "$copy"
    _restore_files+=("$f")
}

restore_originals() {
    local f
    for f in "${_restore_files[@]:-}"; do
        [ -n "$f" ] && cp -a "$T/originals/$(printf '%s' "$f" | tr / _)" "$f"
    done
}

# Leave SERVICE... disabled at boot, whether systemd or sysvinit would start it.
leave_disabled() {
    local s
    for s in "$@"; do
        [ -e "/etc/init.d/$s" ] && update-rc.d "$s" disable >/dev/null 2>&1 || true
        systemctl disable "$s.service" >/dev/null 2>&1 || true
        [ "$s" = fcgiwrap ] && systemctl disable fcgiwrap.socket >/dev/null 2>&1 || true
    done
}

put_system_back() {
    if [ $_policy_rc_made = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
    restore_originals
}

# Wait until nothing answers on 127.0.0.1:PORT any more (a stopped server).
wait_port_closed() {
    local i
    for i in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || return 0
        sleep 0.1
    done
    fail "something still listens on port $1"
}

# Fail unless every listening TCP socket of the machine that a web server of this test owns
# is on loopback.
assert_loopback_only() {
    local bad
    bad=$(ss -Hltnp | grep -E '"(lighttpd|nginx|apache2|kivals-webhook|fcgiwrap)"' |
        awk '{print $4}' | grep -vE '^(127\.[0-9.]+|\[::1\]):[0-9]+$' || true)
    [ -z "$bad" ] || fail "a web server listens beyond loopback: $bad"
}

# Debian's cron daemon, reading the installed /etc/cron.d/kivals and nothing else: it runs in
# a private mount namespace where /etc/cron.d holds only that file (copied with its owner and
# mode: cron skips a file bind-mounted there) and /etc/crontab and the users' crontabs are
# empty, so none of the machine's own jobs can run. Sets CRON_PID.
start_cron_daemon() {
    local dir=$T/cron-ns
    [ -e /run/crond.pid ] || _crond_pid_made=1
    mkdir -p "$dir/cron.d" "$dir/crontabs"
    cp -a /etc/cron.d/kivals "$dir/cron.d/kivals" && : >"$dir/crontab"
    chmod 755 "$dir" "$dir/cron.d" && chmod 644 "$dir/crontab"
    chown root:crontab "$dir/crontabs" && chmod 1730 "$dir/crontabs"
    unshare --mount --propagation private sh -c '
        mount --bind "$1/cron.d" /etc/cron.d &&
        mount --bind "$1/crontab" /etc/crontab &&
        mount --bind "$1/crontabs" /var/spool/cron/crontabs &&
        exec cron -f' _ "$dir" >"$T/cron-daemon.log" 2>&1 &
    CRON_PID=$!
}

stop_cron_daemon() {
    [ -n "${CRON_PID:-}" ] || return 0
    kill "$CRON_PID" 2>/dev/null || true
    wait "$CRON_PID" 2>/dev/null || true
    CRON_PID=
    # cron leaves its pid file behind.
    [ "${_crond_pid_made:-0}" = 0 ] || rm -f /run/crond.pid
}

# repack_as_version DEB VERSION: the same package as VERSION, for the upgrade (dpkg runs the
# maintainer scripts as for any upgrade; only the control file's Version differs, so the
# test needs one build, not two). Prints the new .deb's path.
repack_as_version() {
    local dir out
    dir=$T/repack/$(dpkg-deb -f "$1" Package)
    out=$T/repack/$(dpkg-deb -f "$1" Package)_$2_$(dpkg-deb -f "$1" Architecture).deb
    rm -rf "$dir" && mkdir -p "$dir"
    dpkg-deb -R "$1" "$dir"
    sed -i "s/^Version: .*/Version: $2/" "$dir/DEBIAN/control"
    dpkg-deb --root-owner-group -b "$dir" "$out" >/dev/null || fail "cannot repack $1 as $2"
    echo "$out"
}
