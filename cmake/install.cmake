# Install rules (GNUInstallDirs). Components: "kivals" (the default: the tool, the intake,
# man pages, bash completion, units, examples) and "lssim" (the simulator, for tests and
# demos: `cmake --install build --component lssim`; never installed by default).
#
# KIVALS_INSTALL_ETC=ON (packagers) also installs the system files into SYSCONFDIR: the
# config file, the cron file and the web-server snippets in the places Debian's lighttpd,
# nginx and Apache read them from (not enabled). Without it they go to the examples.
include(GNUInstallDirs)
option(KIVALS_INSTALL_ETC "Install the config, cron file and web-server snippets into SYSCONFDIR" OFF)

install(TARGETS kivals RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kivals)
install(TARGETS kivals-webhook RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/kivals
        COMPONENT kivals)
install(TARGETS kivals-lssim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT lssim
        EXCLUDE_FROM_ALL)

# Man pages, gzipped at build time (gzip -n: no name or time stamp, so builds reproduce).
find_program(GZIP_PROGRAM gzip REQUIRED)
file(GLOB KIVALS_MAN_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.[158])
set(KIVALS_MAN_GZ)
foreach(page ${KIVALS_MAN_PAGES})
  get_filename_component(name ${page} NAME)
  string(REGEX REPLACE ".*\\.([158])$" "\\1" section ${name})
  set(gz ${PROJECT_BINARY_DIR}/man/${name}.gz)
  add_custom_command(OUTPUT ${gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${GZIP_PROGRAM} -n -9 -c ${page} > ${gz}
    DEPENDS ${page} VERBATIM)
  list(APPEND KIVALS_MAN_GZ ${gz})
  if(name STREQUAL "kivals-lssim.1")
    install(FILES ${gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT lssim
            EXCLUDE_FROM_ALL)
  else()
    install(FILES ${gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section} COMPONENT kivals)
  endif()
endforeach()
add_custom_target(kivals_man ALL DEPENDS ${KIVALS_MAN_GZ})

# Bash completion, generated from the program's own command tree (kivals completion bash).
set(KIVALS_COMPLETION ${PROJECT_BINARY_DIR}/completion/kivals)
add_custom_command(OUTPUT ${KIVALS_COMPLETION}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/completion
  COMMAND $<TARGET_FILE:kivals> completion bash > ${KIVALS_COMPLETION}
  DEPENDS kivals VERBATIM)
add_custom_target(kivals_completion ALL DEPENDS ${KIVALS_COMPLETION})
install(FILES ${KIVALS_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        COMPONENT kivals)

# The web-server snippets, configured with the install paths.
set(KIVALS_FULL_LIBEXECDIR "${CMAKE_INSTALL_FULL_LIBEXECDIR}")
set(KIVALS_FULL_SYSCONFDIR "${CMAKE_INSTALL_FULL_SYSCONFDIR}")
set(KIVALS_WEB_BUILD_DIR ${PROJECT_BINARY_DIR}/web)
configure_file(etc/web/50-kivals-webhook.conf.in ${KIVALS_WEB_BUILD_DIR}/lighttpd/50-kivals-webhook.conf @ONLY)
configure_file(etc/web/kivals-webhook-log.conf.in ${KIVALS_WEB_BUILD_DIR}/nginx/kivals-webhook-log.conf @ONLY)
foreach(variant fcgiwrap fastcgi)
  configure_file(etc/web/kivals-webhook-${variant}.conf.in
                 ${KIVALS_WEB_BUILD_DIR}/nginx/kivals-webhook-${variant}.conf @ONLY)
endforeach()
# Apache: FastCGI (mod_fcgid) or CGI (mod_cgid), whichever module is enabled.
set(KIVALS_WEBHOOK_PROGRAM "${KIVALS_FULL_LIBEXECDIR}/kivals/kivals-webhook")
configure_file(etc/web/apache-kivals.conf.in ${KIVALS_WEB_BUILD_DIR}/apache2/kivals.conf @ONLY)

# Where the system files go: their real homes (packagers), else the examples.
set(KIVALS_EXAMPLES ${CMAKE_INSTALL_DOCDIR}/examples)
if(KIVALS_INSTALL_ETC)
  set(etc ${CMAKE_INSTALL_SYSCONFDIR})
  install(FILES etc/kivals.toml.example DESTINATION ${etc}/kivals RENAME kivals.toml COMPONENT kivals)
  install(FILES cron/kivals DESTINATION ${etc}/cron.d COMPONENT kivals)
  install(FILES ${KIVALS_WEB_BUILD_DIR}/lighttpd/50-kivals-webhook.conf
          DESTINATION ${etc}/lighttpd/conf-available COMPONENT kivals)
  install(FILES ${KIVALS_WEB_BUILD_DIR}/nginx/kivals-webhook-log.conf
          DESTINATION ${etc}/nginx/conf.d COMPONENT kivals)
  install(FILES ${KIVALS_WEB_BUILD_DIR}/nginx/kivals-webhook-fcgiwrap.conf
                ${KIVALS_WEB_BUILD_DIR}/nginx/kivals-webhook-fastcgi.conf
          DESTINATION ${etc}/nginx/snippets COMPONENT kivals)
  install(FILES ${KIVALS_WEB_BUILD_DIR}/apache2/kivals.conf
          DESTINATION ${etc}/apache2/conf-available COMPONENT kivals)
else()
  install(FILES cron/kivals DESTINATION ${KIVALS_EXAMPLES}/cron.d COMPONENT kivals)
  install(DIRECTORY ${KIVALS_WEB_BUILD_DIR}/ DESTINATION ${KIVALS_EXAMPLES}/web COMPONENT kivals)
endif()
install(FILES etc/kivals.toml.example DESTINATION ${KIVALS_EXAMPLES} COMPONENT kivals)
install(FILES README.md docs/PERMISSIONS.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT kivals)

include(cmake/systemd.cmake)
