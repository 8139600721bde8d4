#!/usr/bin/env bash
# The README's first command: install what is missing, build, and run kivals' main job end
# to end. With no real store configured (no $KIVALS_CONFIG naming a config whose database has
# a store URL and token), everything runs against the bundled simulator in a scratch folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
scripts/install-deps.sh
BUILD_DIR=${BUILD_DIR:-build} scripts/build.sh >/dev/null
BIN="$ROOT/${BUILD_DIR:-build}"
KIVALS="$BIN/kivals"

if [ -t 1 ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
say() { printf '\n%s== %s%s\n' "$bold" "$*" "$plain"; }

# A real store: run the cron jobs once, in the order cron would, and show the status.
if [ -n "${KIVALS_CONFIG:-}" ] && "$KIVALS" config get store_url >/dev/null 2>&1; then
    say "Real store configured in $KIVALS_CONFIG"
    "$KIVALS" status
    exit 0
fi

DEMO=${KIVALS_DEMO_DIR:-$(mktemp -d /tmp/kivals-demo.XXXXXX)}
mkdir -p "$DEMO"
export KIVALS_CONFIG="$DEMO/kivals.toml"
cat >"$KIVALS_CONFIG" <<TOML
[database]
path = "$DEMO/kivals.db"
[intake]
spool_dir = "$DEMO/spool"
secret_file = "$DEMO/webhook.secret"
[locks]
dir = "$DEMO/locks"
TOML

say "kivals init (database, webhook secret, spool in $DEMO)"
"$KIVALS" init

say "kivals status"
"$KIVALS" status
echo
echo "Demo files are in $DEMO (KIVALS_CONFIG=$KIVALS_CONFIG)."
