# kivals-webhook, the webhook intake: a fresh process per delivery when the web server runs it
# as CGI, so its start-up is on every delivery's path (docs/PERFORMANCE.md, "Webhook intake").
#
# It links kivals_intake, the few modules it uses compiled a second time with fmt and toml++
# header-only, not kivals_core: it needs neither libcurl nor SQLite, and Debian 12 has no
# static fmt or toml++. The program is linked -static-pie (libstdc++, libfcgi and glibc from
# their static archives): no ld.so, no shared-library symbol lookups, and the address-space
# randomisation of a PIE kept for a program that reads hostile input.
# The linker warns that getpwnam and friends need glibc's shared NSS modules at run time: they
# come in with util/files.cpp's permission advice, which no path of the intake calls.
#
# Sanitizer builds cannot link statically (the sanitizers' runtimes are shared): there the
# intake links dynamically, and tests/integration/intake_static_link.sh skips.
set(KIVALS_INTAKE_SOURCES
    src/config/config.cpp
    src/core/clock.cpp
    src/core/error.cpp
    src/core/qty.cpp
    src/core/redact.cpp
    src/core/text.cpp
    src/core/utf8.cpp
    src/util/dirs.cpp
    src/util/files.cpp
    src/util/process.cpp
    src/webhook/intake.cpp
    src/webhook/payload.cpp
    src/webhook/spool.cpp)
list(TRANSFORM KIVALS_INTAKE_SOURCES PREPEND ${PROJECT_SOURCE_DIR}/)
add_library(kivals_intake STATIC ${KIVALS_INTAKE_SOURCES})
set_target_properties(kivals_intake PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_include_directories(kivals_intake PUBLIC ${PROJECT_SOURCE_DIR}/include)
target_compile_definitions(kivals_intake PUBLIC KIVALS_VERSION="${PROJECT_VERSION}"
                           PRIVATE TOML_HEADER_ONLY=1)
target_link_libraries(kivals_intake PUBLIC fmt::fmt-header-only PRIVATE kivals_warnings)

if(KIVALS_SANITIZE OR KIVALS_FUZZ OR KIVALS_TSAN)
  set(KIVALS_WEBHOOK_LINK dynamic)
else()
  set(KIVALS_WEBHOOK_LINK static-pie)
endif()

add_executable(kivals-webhook ${PROJECT_SOURCE_DIR}/cmd/kivals-webhook/main.cpp)
set_target_properties(kivals-webhook PROPERTIES POSITION_INDEPENDENT_CODE ON)
target_link_libraries(kivals-webhook PRIVATE kivals_intake kivals_warnings)
if(KIVALS_WEBHOOK_LINK STREQUAL "static-pie")
  # pkg-config names the shared libfcgi by its full path: name the archive instead.
  find_library(KIVALS_FCGI_ARCHIVE NAMES libfcgi.a HINTS ${FCGI_LIBRARY_DIRS} REQUIRED)
  target_link_libraries(kivals-webhook PRIVATE ${KIVALS_FCGI_ARCHIVE})
  target_link_options(kivals-webhook PRIVATE -static-pie)
else()
  target_link_libraries(kivals-webhook PRIVATE PkgConfig::FCGI)
endif()
