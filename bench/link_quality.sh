#!/usr/bin/env bash
# Linking quality on the abt-buy benchmark, through the real `kivals` commands:
# Lightspeed side loaded into ls_products (bench/load_ls.py, standing in for
# `kivals fetch-products`), `kivals kiva import`, `kivals link suggest --csv --top 5`,
# then the benchmark's score.py. Prints accuracy@1 and recall@5.
#   bench/link_quality.sh [BENCH_DIR]       (default: the shared abt-buy set)
. "$(dirname "$0")/lib.sh"
SET=${1:-$DATASETS/abt-buy}
python3 "$BENCH_DIR/load_ls.py" "$W/kivals.db" "$SET/lightspeed.csv"
"$KIVALS" kiva import "$SET/kiva.csv" >&2
"$KIVALS" link suggest --csv --top 5 --min-score 0 >"$W/suggestions.csv"
echo "link_quality: $(basename "$SET"): $(python3 "$DATASETS/score.py" "$SET" "$W/suggestions.csv")"
