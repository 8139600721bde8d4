#!/usr/bin/env bash
# `kivals pull-sync --full` beside its floor, curl alone fetching the same pages (same page size,
# identity encoding: kivals asks a loopback store for no compression), at several catalogue sizes
# in one run, so that the cost per record can be compared across sizes. Each size gets its own
# simulator and database; kivals and curl alternate BENCH_RUNS times and the medians are shown.
#   bench/pull_sync.sh                                    # 10,000, 30,000 and 100,000 products
#   BENCH_SIZES=500 BENCH_RUNS=1 bench/pull_sync.sh       # CI smoke
#   BENCH_PAGE_SIZE=1000 BUILD=build bench/pull_sync.sh   # another page size, another build
. "$(dirname "$0")/sync_common.sh"
SIZES=${BENCH_SIZES:-10000 30000 100000}
RUNS=${BENCH_RUNS:-3}
PAGE=${BENCH_PAGE_SIZE:-5000}

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
now() { date +%s.%N; }

echo "pull-sync bench: API 2026-07, page size $PAGE, $RUNS runs each (medians), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%9s %9s %8s %10s %10s %7s %12s %12s %10s\n' products records requests "curl s" "kivals s" ratio "curl us/rec" "kivals us/rec" "peak RSS"
for N in $SIZES; do
    if [ -n "$SIM_PID" ]; then kill "$SIM_PID"; wait "$SIM_PID" 2>/dev/null || true; fi
    rm -f "$W"/kivals.db*
    start_bench_sim "$N"
    link_all
    cp "$W/kivals.db" "$W/linked.db"
    : >"$W/curl.times"
    : >"$W/kivals.times"
    for _ in $(seq 1 "$RUNS"); do
        t0=$(now)
        curl_requests=$(CURL_PAGE_SIZE=$PAGE curl_inventory_walk)
        t1=$(now)
        echo "$t1 - $t0" | bc >>"$W/curl.times"
        cp "$W/linked.db" "$W/kivals.db"
        rm -f "$W/kivals.db-journal"
        # PS_WRAP: a profiler in front of kivals, e.g. PS_WRAP="perf record -g -o /tmp/ps.data --".
        /usr/bin/time -f "%e %M" -o "$W/time" ${PS_WRAP:-} "$KIVALS" pull-sync --full --page-size "$PAGE" --json >"$W/out"
        cat "$W/time" >>"$W/kivals.times"
    done
    curl_s=$(median <"$W/curl.times")
    kivals_s=$(cut -d' ' -f1 "$W/kivals.times" | median)
    rss=$(cut -d' ' -f2 "$W/kivals.times" | sort -n | tail -1)
    records=$(jq .seen "$W/out")
    [ "$(jq .requests "$W/out")" = "$curl_requests" ] || echo "  (kivals sent $(jq .requests "$W/out") requests, curl $curl_requests)"
    awk -v n="$LINKED" -v r="$records" -v q="$curl_requests" -v c="$curl_s" -v k="$kivals_s" -v m="$rss" 'BEGIN {
        printf "%9d %9d %8d %10.2f %10.2f %6.2fx %12.1f %12.1f %7.1f MiB\n", n, r, q, c, k, k / c, c / r * 1e6, k / r * 1e6, m / 1024 }'
done
measure "kivals pull-sync (nothing new)" "$KIVALS" pull-sync --json
printf '%-28s requests %s\n' "" "$(jq .requests "$W/out")"
