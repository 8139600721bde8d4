# The scheduled jobs exist twice, on purpose: cron/kivals and one systemd .service + .timer
# per line (cmake/systemd.cmake). Both list the same commands; every cron line runs as
# kivals, stands aside while systemd runs, and is quiet about a held lock; every service
# counts exit 75 as success; the daemons (kivals serve, queue follow) follow the conventions
# of cmake/systemd.cmake. systemd-analyze verify runs on the installed units in the
# package test (it needs the programs at their installed paths).
. "$(dirname "$0")/lib/common.sh"
cron="$KIVALS_SRC_DIR/cron/kivals"
units="$KIVALS_BIN_DIR/systemd"
[ -d "$units" ] || fail "no generated units in $units"
guard='[ ! -d /run/systemd/system ] && command -v kivals >/dev/null && kivals --quiet-if-locked --if-configured '
cron_jobs=$(grep -E '^[0-9*]' "$cron" | while read -r m h dom mon dow user command; do
    [ "$user" = kivals ] || fail "a cron line runs as '$user': $command"
    case "$command" in "$guard"*) ;; *) fail "a cron line lacks the systemd guard or the quiet flags: $command" ;; esac
    echo "${command#"$guard"}"
done | sort)
[ -n "$cron_jobs" ] || fail "no cron lines"
unit_jobs=$(for service in "$units"/kivals-*.service; do
    [ "$(basename "$service")" = kivals-webhook.service ] && continue
    if grep -qx 'Type=simple' "$service"; then # a daemon: cmake/systemd.cmake's conventions
        for line in User=kivals Restart=on-failure LimitCORE=0 WantedBy=multi-user.target; do
            grep -qx "$line" "$service" || fail "$(basename "$service") lacks $line"
        done
        continue
    fi
    timer=${service%.service}.timer
    [ -f "$timer" ] || fail "$(basename "$service") has no timer"
    grep -qx 'SuccessExitStatus=75' "$service" || fail "$(basename "$service"): exit 75 would fail the unit"
    grep -qx 'User=kivals' "$service" || fail "$(basename "$service") does not run as kivals"
    grep -qx 'WantedBy=timers.target' "$timer" || fail "$(basename "$timer") is not installable"
    sed -n 's|^ExecStart=.*/kivals --if-configured ||p' "$service"
done | sort)
assert_eq "$unit_jobs" "$cron_jobs" "the timers' jobs and the cron lines"
for daemon in kivals-serve kivals-queue-follow; do
    [ -f "$units/$daemon.service" ] || fail "$daemon.service is not generated"
    [ ! -f "$units/$daemon.timer" ] || fail "$daemon is a daemon, not a timer's job"
done
pass
