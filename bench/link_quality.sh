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

# What `link auto` would accept at a few bars: precision (share of accepted links that are
# true), also among products that have a twin, and coverage (share of products with a twin
# that got linked).
for bar in ${KIVALS_AUTO_BARS:-0.5 0.6 0.7 0.8}; do
    "$KIVALS" link auto --min-score "$bar" --dry-run --json 2>/dev/null >"$W/auto.json"
    python3 - "$SET/truth.csv" "$W/auto.json" "$bar" <<'PY'
import csv, json, sys
truth = {}
for r in csv.DictReader(open(sys.argv[1])):
    truth.setdefault(r["lightspeed_id"], set()).add(r["kiva_id"])
plan = json.load(open(sys.argv[2]))
linked = plan["linked"]
right = sum(1 for l in linked if l["kiva_id"] in truth.get(l["lightspeed_id"], ()))
# Products the truth gives a twin: here a wrong link is certainly wrong. (Among the others,
# many "wrong" links are the same product the benchmark's clusters missed.)
twinned = [l for l in linked if l["lightspeed_id"] in truth]
print(f"link_quality: auto --min-score {sys.argv[3]}: {len(linked)} linked, "
      f"precision {right / max(1, len(linked)):.3f} "
      f"({right / max(1, len(twinned)):.3f} on products with a twin), "
      f"coverage {right / len(truth):.3f}, {len(plan['contested'])} left for review")
PY
done
