# systemd units, generated from systemd/*.in with the install paths.
#
# The convention, for every unit kivals ships:
#   - a periodic job is kivals_systemd_job(NAME ...): kivals-NAME.service (oneshot, user
#     kivals, exit 75 counts as success) and kivals-NAME.timer, the same job as a line of
#     cron/kivals (a test checks that both list the same commands);
#   - a long-running daemon (kivals serve, kivals queue follow) is kivals_systemd_unit(FILE)
#     over its own systemd/kivals-NAME.service.in: User=kivals, Restart=on-failure,
#     LimitCORE=0 and the same sandboxing lines as systemd/kivals-job.service.in, with
#     [Install] WantedBy=multi-user.target;
#   - units are installed into KIVALS_SYSTEMD_UNIT_DIR; debian/rules enables the timers and
#     leaves sockets and daemons to the administrator.
set(KIVALS_SYSTEMD_UNIT_DIR "${CMAKE_INSTALL_PREFIX}/lib/systemd/system"
    CACHE PATH "Where the systemd units are installed (Debian 12: /lib/systemd/system)")
set(KIVALS_FULL_BINDIR "${CMAKE_INSTALL_FULL_BINDIR}")
set(KIVALS_FULL_LIBEXECDIR "${CMAKE_INSTALL_FULL_LIBEXECDIR}")
set(KIVALS_FULL_SYSCONFDIR "${CMAKE_INSTALL_FULL_SYSCONFDIR}")
set(KIVALS_UNIT_BUILD_DIR "${PROJECT_BINARY_DIR}/systemd")

# Configure one unit file from systemd/FILE.in and install it.
function(kivals_systemd_unit file)
  configure_file("${PROJECT_SOURCE_DIR}/systemd/${file}.in" "${KIVALS_UNIT_BUILD_DIR}/${file}" @ONLY)
  install(FILES "${KIVALS_UNIT_BUILD_DIR}/${file}" DESTINATION "${KIVALS_SYSTEMD_UNIT_DIR}"
          COMPONENT kivals)
endfunction()

# A periodic job: kivals_systemd_job(NAME DESCRIPTION text COMMAND "args of kivals"
#   CALENDAR "OnCalendar spec" SCHEDULE "in words" [PERSISTENT]).
function(kivals_systemd_job name)
  cmake_parse_arguments(JOB "PERSISTENT" "DESCRIPTION;COMMAND;CALENDAR;SCHEDULE" "" ${ARGN})
  set(KIVALS_UNIT_NAME "kivals-${name}")
  set(KIVALS_JOB_DESCRIPTION "${JOB_DESCRIPTION}")
  set(KIVALS_JOB_COMMAND "${JOB_COMMAND}")
  set(KIVALS_JOB_CALENDAR "${JOB_CALENDAR}")
  set(KIVALS_JOB_SCHEDULE "${JOB_SCHEDULE}")
  if(JOB_PERSISTENT)
    set(KIVALS_JOB_PERSISTENT true)
  else()
    set(KIVALS_JOB_PERSISTENT false)
  endif()
  foreach(kind service timer)
    configure_file("${PROJECT_SOURCE_DIR}/systemd/kivals-job.${kind}.in"
                   "${KIVALS_UNIT_BUILD_DIR}/kivals-${name}.${kind}" @ONLY)
    install(FILES "${KIVALS_UNIT_BUILD_DIR}/kivals-${name}.${kind}"
            DESTINATION "${KIVALS_SYSTEMD_UNIT_DIR}" COMPONENT kivals)
  endforeach()
endfunction()

# The jobs of cron/kivals, one for one.
kivals_systemd_job(queue DESCRIPTION "apply webhook deliveries from the spool"
                   COMMAND "queue process" CALENDAR "*-*-* *:*:00" SCHEDULE "every minute")
kivals_systemd_job(push DESCRIPTION "push what online orders reserved"
                   COMMAND "push" CALENDAR "*-*-* *:*:00" SCHEDULE "every minute")
kivals_systemd_job(pull-sync DESCRIPTION "incremental pull-sync from Lightspeed"
                   COMMAND "pull-sync" CALENDAR "*-*-* *:00/5:00" SCHEDULE "every 5 minutes")
kivals_systemd_job(pull-sync-full DESCRIPTION "full pull-sync, the hourly safety net"
                   COMMAND "pull-sync --full" CALENDAR "*-*-* *:17:00" SCHEDULE "hourly"
                   PERSISTENT)
kivals_systemd_job(queue-purge DESCRIPTION "purge old applied and ignored webhook events"
                   COMMAND "queue purge" CALENDAR "*-*-* 04:27:00" SCHEDULE "daily"
                   PERSISTENT)
# The intake as a socket-activated FastCGI server (for nginx without fcgiwrap).
kivals_systemd_unit(kivals-webhook.socket)
kivals_systemd_unit(kivals-webhook.service)
# The long-running daemons: the store API and the queue's follower (both left disabled).
kivals_systemd_unit(kivals-serve.service)
kivals_systemd_unit(kivals-queue-follow.service)
