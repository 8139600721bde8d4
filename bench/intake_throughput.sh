#!/usr/bin/env bash
# Deliveries per second and latency percentiles through a real lighttpd on 127.0.0.1, side by
# side in each round: a trivial C CGI that only answers 200 (the floor of the web server and of
# fork+exec; it stores nothing), a durable trivial C CGI (the same plus the spool's write, two
# fsyncs and a rename: the floor on this disk), kivals-webhook as CGI and as FastCGI. Every
# kivals delivery is checked and stored durably (fsync of the file and of new/) first. Then the
# medians over the rounds and the ratios the intake is held to: CGI / trivial CGI (target
# >= 0.8), FastCGI / CGI (>= 3), FastCGI p99 (< 50 ms). Figures only: nothing fails on them.
#   bench/intake_throughput.sh                                  # 2000 deliveries, 25 clients, 3 rounds
#   COUNT=200 CONCURRENCY=4 ROUNDS=1 bench/intake_throughput.sh # smoke size
#   COMPARE_WEBHOOK=/path/to/other/kivals-webhook bench/intake_throughput.sh  # another build beside
# Needs a build (KIVALS_BIN_DIR, default ./build), lighttpd, python3 and cc. The client
# (tests/integration/lib/deliver.py, Python threads) shares the CPUs: its CPU per request is shown.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
export KIVALS_SRC_DIR=${KIVALS_SRC_DIR:-$here}
export KIVALS_BIN_DIR=${KIVALS_BIN_DIR:-$here/build}
export KIVALS_TEST_TMP=${KIVALS_TEST_TMP:-${TMPDIR:-/tmp}}
COUNT=${COUNT:-2000}
CONCURRENCY=${CONCURRENCY:-25}
ROUNDS=${ROUNDS:-3}
FCGI_PROCS=${FCGI_PROCS:-4}
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
# The floor of a durable intake on this disk: the body into tmp/, fsync, rename into new/,
# fsync of new/ (what kivals-webhook does, and nothing else: no check, no config).
mkdir -p "$T/floor/tmp" "$T/floor/new"
cat >"$T/durable.c" <<C
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
int main(void) {
    char body[65536], tmp[256], final[256];
    const char* length = getenv("CONTENT_LENGTH");
    long want = length ? atol(length) : 0, got = 0;
    while (got < want && got < (long)sizeof body) {
        ssize_t n = read(0, body + got, sizeof body - (size_t)got);
        if (n <= 0) break;
        got += n;
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    snprintf(tmp, sizeof tmp, "$T/floor/tmp/%ld.%ld.%d", now.tv_sec, now.tv_nsec, getpid());
    snprintf(final, sizeof final, "$T/floor/new/%ld.%ld.%d", now.tv_sec, now.tv_nsec, getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0640), dir = open("$T/floor/new", O_RDONLY);
    int ok = fd >= 0 && dir >= 0 && write(fd, body, (size_t)got) == got && fsync(fd) == 0 &&
             rename(tmp, final) == 0 && fsync(dir) == 0;
    fputs(ok ? "Status: 200 OK\r\n\r\nok\n" : "Status: 503 Service Unavailable\r\n\r\n", stdout);
    return 0;
}
C
cc -O2 -o "$T/durable-cgi" "$T/durable.c"
results="$T/results.jsonl"
load() { cut -d' ' -f1-3 /proc/loadavg; }

# run_mode LABEL cgi|fastcgi [PROGRAM]: one measured run; prints its row, keeps its figures.
run_mode() {
    local label=$1 mode=$2 program=${3:-$WEBHOOK}
    rm -f "$T"/spool/new/* "$T"/floor/new/*
    start_lighttpd "$mode" "$program"
    # Warm up (FastCGI servers start, page cache), then measure.
    python3 "$here/tests/integration/lib/deliver.py" --url "$WEB_URL" --secret-file "$T/etc/webhook.secret" \
        --count 50 --concurrency 2 >/dev/null
    local figures
    figures=$(python3 "$here/tests/integration/lib/deliver.py" --url "$WEB_URL" \
        --secret-file "$T/etc/webhook.secret" --count "$COUNT" --concurrency "$CONCURRENCY" \
        --version-base 100000)
    stop_lighttpd
    local stored
    stored=$(find "$T/spool/new" "$T/floor/new" -type f | wc -l)
    python3 - "$label" "$figures" "$stored" "$results" <<'PY'
import json, sys
label, f, stored, results = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4]
client_ms = 1000 * f["client_cpu_s"] / max(f["sent"], 1)
print(f"{label:<24} {f['per_second']:>8} {f['p50_ms']:>7} {f['p95_ms']:>7} {f['p99_ms']:>7} "
      f"{f['ok']:>6} {f['non_2xx'] + f['errors']:>6} {stored:>7} {client_ms:>9.2f}")
with open(results, "a") as out:
    out.write(json.dumps({"label": label, **f}) + "\n")
PY
}

echo "intake_throughput: $COUNT deliveries, $CONCURRENCY concurrent clients, $ROUNDS rounds," \
    "lighttpd $(lighttpd -v 2>/dev/null | head -1 | awk '{print $1}'), $(nproc) CPUs"
printf '%-24s %8s %7s %7s %7s %6s %6s %7s %9s\n' mode "deliv/s" "p50 ms" "p95 ms" "p99 ms" ok \
    failed spooled "client ms"
for round in $(seq 1 "$ROUNDS"); do
    echo "-- round $round, load average $(load)"
    run_mode "trivial CGI (floor)" cgi "$T/trivial-cgi"
    run_mode "durable trivial CGI" cgi "$T/durable-cgi"
    run_mode "kivals-webhook CGI" cgi
    if [ -n "${COMPARE_WEBHOOK:-}" ]; then run_mode "compared build, CGI" cgi "$COMPARE_WEBHOOK"; fi
    WEB_FCGI_PROCS=$FCGI_PROCS run_mode "kivals-webhook FastCGI" fastcgi
done
echo "-- medians of $ROUNDS rounds, load average $(load) at the end"
python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
labels = list(dict.fromkeys(r["label"] for r in rows))
def median(label, key):
    return round(statistics.median(r[key] for r in rows if r["label"] == label), 2)
for label in labels:
    print(f"{label:<24} {median(label, 'per_second'):>8} {median(label, 'p50_ms'):>7} "
          f"{median(label, 'p95_ms'):>7} {median(label, 'p99_ms'):>7}")
rate = lambda label: median(label, "per_second")
floor, cgi, fcgi = "trivial CGI (floor)", "kivals-webhook CGI", "kivals-webhook FastCGI"
print(f"ratio CGI / trivial CGI       {rate(cgi) / rate(floor):.2f}  (target >= 0.8)")
print(f"ratio CGI / durable trivial   {rate(cgi) / rate('durable trivial CGI'):.2f}  "
      f"(the disk's share: durable / trivial {rate('durable trivial CGI') / rate(floor):.2f})")
if "compared build, CGI" in labels:
    print(f"ratio compared / trivial CGI  {rate('compared build, CGI') / rate(floor):.2f}")
print(f"ratio FastCGI / CGI           {rate(fcgi) / rate(cgi):.2f}  (target >= 3)")
print(f"FastCGI p99                   {median(fcgi, 'p99_ms')} ms  (target < 50 ms)")
PY
