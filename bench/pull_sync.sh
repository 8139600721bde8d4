#!/usr/bin/env bash
# Pull-sync of N linked products against kivals-lssim, beside fetching the same pages with
# curl alone (the transfer floor). N = $BENCH_PRODUCTS (default 100000; CI smoke: 500).
#   BUILD=build bench/pull_sync.sh
. "$(dirname "$0")/sync_common.sh"
N=${BENCH_PRODUCTS:-100000}
start_bench_sim "$N"
link_all
echo "pull-sync bench: $LINKED linked products, API 2026-07, page size 1000"
# kivals accepts gzip like any client; the floor is measured both ways.
for enc in identity gzip; do
    start=$(date +%s.%N)
    curl_requests=$(CURL_ENCODING=$enc curl_inventory_walk)
    end=$(date +%s.%N)
    printf '%-28s wall %7.2fs  requests %s\n' "curl pages ($enc)" "$(echo "$end - $start" | bc)" "$curl_requests"
done
measure "kivals pull-sync --full" "$KIVALS" pull-sync --full --json
printf '%-28s requests %s  corrected %s\n' "" "$(jq .requests "$W/out")" "$(jq .corrected "$W/out")"
measure "kivals pull-sync (nothing new)" "$KIVALS" pull-sync --json
printf '%-28s requests %s\n' "" "$(jq .requests "$W/out")"
