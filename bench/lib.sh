# Shared by the bench/ scripts: find the binaries and make a throwaway kivals home.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC_DIR=$(dirname "$BENCH_DIR")
BIN_DIR=${KIVALS_BIN_DIR:-$SRC_DIR/build}
KIVALS="$BIN_DIR/kivals"
[ -x "$KIVALS" ] || { echo "bench: build first ($KIVALS missing)" >&2; exit 1; }
# shared/ sits beside the checkout (as in CI), or beside the folder holding it (a worktree).
DATASETS=${KIVALS_DATASETS:-$SRC_DIR/../shared/datasets/linking}
[ -d "$DATASETS" ] || DATASETS=$SRC_DIR/../../shared/datasets/linking

# Make a kivals home in DIR (config, initialised database) with the build in BIN_DIR (default
# this checkout's), and point KIVALS_CONFIG at it.
new_home() {
    local dir=$1 bin=${2:-$BIN_DIR}
    mkdir -p "$dir"
    export KIVALS_CONFIG="$dir/kivals.toml"
    cat >"$KIVALS_CONFIG" <<TOML
[database]
path = "$dir/kivals.db"
[intake]
spool_dir = "$dir/spool"
secret_file = "$dir/webhook.secret"
[locks]
dir = "$dir/locks"
TOML
    "$bin/kivals" init >/dev/null
}

W=$(mktemp -d "${TMPDIR:-/tmp}/kivals-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
new_home "$W"
