#!/usr/bin/env bash
# Linking speed: two generated catalogues of N products each (default 50,000; seed 42),
# loaded into a kivals database, then `kivals link suggest --csv --top 5` timed with
# /usr/bin/time -v (wall time, CPU time, peak RSS). Also scores the suggestions against
# the generator's truth.
#   bench/link_speed.sh [N] [SEED]          (smoke size for CI: KIVALS_BENCH_N=2000)
. "$(dirname "$0")/lib.sh"
N=${1:-${KIVALS_BENCH_N:-50000}}
SEED=${2:-42}
[ -x /usr/bin/time ] || { echo "link_speed: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }
python3 "$BENCH_DIR/gen_catalogues.py" "$N" "$W/cat" "$SEED"
python3 "$BENCH_DIR/load_ls.py" "$W/kivals.db" "$W/cat/lightspeed.csv"
"$KIVALS" kiva import "$W/cat/kiva.csv" >/dev/null
/usr/bin/time -v -o "$W/time.txt" "$KIVALS" link suggest --csv --top 5 --min-score 0 \
    >"$W/suggestions.csv" 2>"$W/stderr.txt" || { cat "$W/stderr.txt" >&2; exit 1; }
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$W/time.txt")
user=$(sed -n 's/.*User time (seconds): //p' "$W/time.txt")
sys=$(sed -n 's/.*System time (seconds): //p' "$W/time.txt")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$W/time.txt")
ls_n=$(($(wc -l <"$W/cat/lightspeed.csv") - 1))
kiva_n=$(($(wc -l <"$W/cat/kiva.csv") - 1))
echo "link_speed: $ls_n x $kiva_n products, $(nproc) cores (load average $(cut -d" " -f1 /proc/loadavg)): wall $wall, cpu ${user}s user + ${sys}s sys, peak RSS $((rss / 1024)) MiB"
echo "link_speed: quality on the generated set: $(python3 "$DATASETS/score.py" "$W/cat" "$W/suggestions.csv")"
