#!/usr/bin/env bash
# Linking quality, through the real `kivals` commands: for each set, the Lightspeed side is
# loaded into ls_products (bench/load_ls.py, standing in for `kivals fetch-products`), then
# `kivals kiva import`, `kivals link suggest --csv --top 5`, and the benchmark's score.py.
# Beside it, in the same run: the plain TF-IDF over character 3-grams (baseline_tfidf.py)
# and, with KIVALS_BEFORE_BIN_DIR, an older build's kivals. Then what `link auto --dry-run`
# would do at its default bar (and at each bar in KIVALS_AUTO_BARS).
#   bench/link_quality.sh [SET_DIR ...]
# Default sets: the shared abt-buy set and the generated ones in bench/data/linking/.
. "$(dirname "$0")/lib.sh"
if [ $# -eq 0 ]; then
    set -- "$DATASETS/abt-buy" "$BENCH_DIR"/data/linking/*/
fi

# Run one kivals build's `link suggest` over SET in a fresh home; print score.py's figures.
suggest_score() {
    local bin=$1 set=$2 home=$3
    new_home "$home" "$bin"
    python3 "$BENCH_DIR/load_ls.py" "$home/kivals.db" "$set/lightspeed.csv" 2>/dev/null
    "$bin/kivals" kiva import "$set/kiva.csv" >/dev/null
    "$bin/kivals" link suggest --csv --top 5 --min-score 0 2>/dev/null >"$home/suggestions.csv"
    python3 "$DATASETS/score.py" "$set" "$home/suggestions.csv"
}

for set in "$@"; do
    set=${set%/}
    name=$(basename "$set")
    python3 "$BENCH_DIR/baseline_tfidf.py" "$set" >"$W/baseline.csv"
    line="tf-idf 3-grams $(python3 "$DATASETS/score.py" "$set" "$W/baseline.csv")"
    if [ -n "${KIVALS_BEFORE_BIN_DIR:-}" ]; then
        line+=" | before $(suggest_score "$KIVALS_BEFORE_BIN_DIR" "$set" "$W/before-$name")"
    fi
    line+=" | kivals $(suggest_score "$BIN_DIR" "$set" "$W/$name")"
    echo "link_quality: $name: $line"
    export KIVALS_CONFIG="$W/$name/kivals.toml"
    "$KIVALS" link auto --dry-run --json 2>/dev/null >"$W/auto.json"
    python3 "$BENCH_DIR/auto_precision.py" "$set" "$W/auto.json" \
        "link_quality: $name: auto at the default bar"
    for bar in ${KIVALS_AUTO_BARS:-}; do
        "$KIVALS" link auto --min-score "$bar" --dry-run --json 2>/dev/null >"$W/auto.json"
        python3 "$BENCH_DIR/auto_precision.py" "$set" "$W/auto.json" \
            "link_quality: $name: auto --min-score $bar"
    done
done
