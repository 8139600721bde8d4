#!/usr/bin/env bash
# Deliveries per second and latency percentiles through a real lighttpd on 127.0.0.1, side by
# side: kivals-webhook as CGI, as FastCGI, and a trivial CGI that only answers 200 (the floor
# of the web server and of fork+exec). Every kivals delivery is stored durably (fsync) first.
#   bench/intake_throughput.sh                 # 2000 deliveries, 16 clients per mode
#   COUNT=200 CONCURRENCY=4 bench/intake_throughput.sh   # smoke size
# Needs a build (KIVALS_BIN_DIR, default ./build), lighttpd, python3 and cc.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
export KIVALS_SRC_DIR=${KIVALS_SRC_DIR:-$here}
export KIVALS_BIN_DIR=${KIVALS_BIN_DIR:-$here/build}
export KIVALS_TEST_TMP=${KIVALS_TEST_TMP:-${TMPDIR:-/tmp}}
COUNT=${COUNT:-2000}
CONCURRENCY=${CONCURRENCY:-16}
. "$here/tests/integration/lib/common.sh"
. "$here/tests/integration/lib/lighttpd.sh"
command -v cc >/dev/null || { echo "intake_throughput: cc is needed for the trivial CGI" >&2; exit 1; }

write_config
"$KIVALS" init -q
cat >"$T/trivial.c" <<'C'
#include <stdio.h>
int main(void) { fputs("Status: 200 OK\r\nContent-Type: text/plain\r\n\r\nok\n", stdout); return 0; }
C
cc -O2 -o "$T/trivial-cgi" "$T/trivial.c"

run_mode() {
    local label=$1 mode=$2 program=${3:-$WEBHOOK}
    rm -f "$T"/spool/new/*
    start_lighttpd "$mode" "$program"
    # Warm up (FastCGI servers start, page cache), then measure.
    python3 "$here/tests/integration/lib/deliver.py" --url "$WEB_URL" --secret-file "$T/etc/webhook.secret" \
        --count 50 --concurrency 2 >/dev/null
    local figures
    figures=$(python3 "$here/tests/integration/lib/deliver.py" --url "$WEB_URL" \
        --secret-file "$T/etc/webhook.secret" --count "$COUNT" --concurrency "$CONCURRENCY" \
        --version-base 100000)
    stop_lighttpd
    python3 - "$label" "$figures" "$(find "$T/spool/new" -type f | wc -l)" <<'PY'
import json, sys
label, f, stored = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
print(f"{label:<22} {f['per_second']:>10} {f['p50_ms']:>8} {f['p95_ms']:>8} {f['p99_ms']:>8} "
      f"{f['ok']:>6} {f['non_2xx'] + f['errors']:>6} {stored:>7}")
PY
}

echo "intake_throughput: $COUNT deliveries, $CONCURRENCY concurrent clients, lighttpd $(lighttpd -v 2>/dev/null | head -1 | awk '{print $1}'), $(nproc) CPUs"
printf '%-22s %10s %8s %8s %8s %6s %6s %7s\n' mode "deliv/s" "p50 ms" "p95 ms" "p99 ms" ok failed spooled
run_mode "trivial CGI (floor)" cgi "$T/trivial-cgi"
run_mode "kivals-webhook CGI" cgi
WEB_FCGI_PROCS=${FCGI_PROCS:-4} run_mode "kivals-webhook FastCGI" fastcgi
