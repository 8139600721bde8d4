# Start kivals-lssim for a test and point kivals at it. Source after common.sh.
#   start_lssim [lssim options...]   -> LSSIM_PORT, LSSIM_URL; token passed by file, never argv
#   kivals_use_lssim                 -> store_url and token set in the test database
#   sim_get PATH / sim_send METHOD PATH JSON -> control endpoints (/_sim/...)
LSSIM_TOKEN="lsxs_pt_$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' | head -c 32)"

start_lssim() {
    printf '%s\n' "$LSSIM_TOKEN" >"$T/lssim.token"
    chmod 600 "$T/lssim.token"
    printf 'Authorization: Bearer %s\n' "$LSSIM_TOKEN" >"$T/lssim.auth"
    chmod 600 "$T/lssim.auth"
    LSSIM_PORT=$(free_port)
    start_bg "$LSSIM" --port "$LSSIM_PORT" --token-file "$T/lssim.token" "$@" >"$T/lssim.log" 2>&1
    LSSIM_PID=$LAST_PID
    wait_port "$LSSIM_PORT"
    LSSIM_URL="http://127.0.0.1:$LSSIM_PORT"
}

kivals_use_lssim() {
    "$KIVALS" config set store_url "$LSSIM_URL"
    "$KIVALS" config set token <"$T/lssim.token"
}

# Call the simulated API itself (the token goes in a header file, not argv): sim_api PATH
sim_api() {
    curl -sf -H @"$T/lssim.auth" "$LSSIM_URL$1"
}

sim_get() {
    curl -sf "$LSSIM_URL$1"
}

sim_send() {
    curl -sf -X "$1" -H 'Content-Type: application/json' --data "$3" "$LSSIM_URL$2"
}

# Count rows of ls_products matching a WHERE clause (sqlite3 CLI if present, else python).
db_count() {
    python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("SELECT count(*) FROM ls_products WHERE " + sys.argv[2]).fetchone()[0])
' "$T/db/kivals.db" "$1"
}
