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

W=$(mktemp -d "${TMPDIR:-/tmp}/kivals-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
export KIVALS_CONFIG="$W/kivals.toml"
cat >"$KIVALS_CONFIG" <<TOML
[database]
path = "$W/kivals.db"
[intake]
spool_dir = "$W/spool"
secret_file = "$W/webhook.secret"
[locks]
dir = "$W/locks"
TOML
"$KIVALS" init >/dev/null
