# The admin page's panels and buttons do what their CLI commands do, through the same code:
# Settings saves (validated as `config set`, the token write-only), the Status toggles
# (`enable`/`disable`), Fetch Products 1 / All, Pull Full Sync and Push Inventory as actions
# whose result the page shows, each under the CLI's job lock (a run of the same kind held by
# another process makes the action fail and changes nothing); no action runs without the
# session's CSRF token; the Status panel shows what `kivals status` shows.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/serve.sh"
. "$(dirname "$0")/lib/admin.sh"
write_config
expect_rc 0 "$KIVALS" init -q
start_lssim --products 12 --outlets 1 --seed 5
set_admin_password
start_serve --no-push
sapi GET /v1/health
admin_login

# Settings: the same validation as `kivals config set`; the token only goes in.
admin_call POST /admin/actions/settings --data-urlencode "csrf=$CSRF" --data-urlencode key=store_url \
    --data-urlencode "value=ftp://example.com"
assert_eq "$STATUS" 400 "a store URL that config set refuses"
assert_contains "$BODY" "store_url: must start with https://"
admin_call POST /admin/actions/settings --data-urlencode "csrf=$CSRF" --data-urlencode key=webhook.secret \
    --data-urlencode "value=chosen-by-an-attacker"
assert_eq "$STATUS" 400 "a setting kivals manages"
admin_call POST /admin/actions/settings --data-urlencode "csrf=$CSRF" --data-urlencode key=store_url \
    --data-urlencode "value=$LSSIM_URL/"
assert_eq "$STATUS" 200
assert_contains "$BODY" "Saved store_url"
assert_eq "$("$KIVALS" config get store_url)" "$LSSIM_URL" "saved as config set saves it (no trailing slash)"
admin_call POST /admin/actions/settings --data-urlencode "csrf=$CSRF" --data-urlencode key=token \
    --data-urlencode "value@$LSSIM_TOKEN_FILE"
assert_eq "$STATUS" 200
"$KIVALS" config get token >"$T/.stored-token"
cmp -s "$T/.stored-token" "$LSSIM_TOKEN_FILE" || fail "the token saved on the page is not the one typed"
assert_contains "$BODY" 'type="password" id="setting-token" name="value" value=""' "the token field is empty"
api -f GET /api/2.0/outlets
outlet=$(json_get "$BODY" data.0.id)
SIM_OUTLET=$outlet
admin_call POST /admin/actions/settings --data-urlencode "csrf=$CSRF" --data-urlencode key=outlet_id \
    --data-urlencode "value=$outlet"
assert_eq "$STATUS" 200

# The Status toggles are `kivals enable|disable`.
admin_call POST /admin/actions/disable --data-urlencode "csrf=$CSRF" --data-urlencode what=webhook-processing
assert_eq "$STATUS" 303
expect_rc 0 "$KIVALS" status --json
assert_eq "$(json_get "$OUT" webhook_processing)" false
admin_call POST /admin/actions/enable --data-urlencode "csrf=$CSRF" --data-urlencode what=webhook-processing
expect_rc 0 "$KIVALS" status --json
assert_eq "$(json_get "$OUT" webhook_processing)" true

# No action without the session's CSRF token: nothing runs.
admin_call POST /admin/actions/fetch-products --data-urlencode limit=1
assert_eq "$STATUS" 403
admin_call GET /admin/jobs -H "Accept: application/json"
assert_eq "$BODY" "[]" "a refused action started nothing"
assert_eq "$(sql 'SELECT count(*) FROM ls_products')" 0

# Fetch Products 1, then All: `kivals fetch-products --limit 1`, then without a limit.
admin_action fetch-products --data-urlencode limit=1
assert_eq "$JOB_PHASE" succeeded "$JOB_RESULT"
assert_contains "$JOB_RESULT" "Fetched 1 products: 1 new"
assert_eq "$(sql 'SELECT count(*) FROM ls_products')" 1
admin_action fetch-products --data-urlencode limit=all
assert_eq "$JOB_PHASE" succeeded "$JOB_RESULT"
assert_contains "$JOB_RESULT" "Fetched 11 products: 11 new"
admin_call GET /admin/
assert_contains "$BODY" "Fetched 11 products" "the page shows the last result"

# Link two products, then Pull Full Sync: their levels arrive, as `kivals pull-sync --full`.
mapfile -t ids < <(sql "SELECT id FROM ls_products WHERE has_inventory = 1 AND is_composite = 0 ORDER BY id LIMIT 2")
sql "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('K1', 'One', 'x', 'x'), ('K2', 'Two', 'x', 'x')"
expect_rc 0 "$KIVALS" link set "${ids[0]}" K1
expect_rc 0 "$KIVALS" link set "${ids[1]}" K2
sim_sale "${ids[0]}" 1
admin_action pull-sync
assert_eq "$JOB_PHASE" succeeded "$JOB_RESULT"
assert_contains "$JOB_RESULT" "2 linked product(s) seen"
expect_rc 0 "$KIVALS" stock K1 --json
assert_eq "$(json_get "$OUT" 0.lightspeed_count)" "$(sim_level "${ids[0]}")" "the pull read Lightspeed's level"
expect_rc 0 "$KIVALS" status --json
[ "$(json_get "$OUT" last_full_sync)" != null ] || fail "the page's pull is not recorded as a full sync"

# Push Inventory: an order reserved on the CLI goes to Lightspeed from the page.
before=$(sim_level "${ids[0]}")
expect_rc 0 "$KIVALS" order reserve W1 K1 1
admin_action push
assert_eq "$JOB_PHASE" succeeded "$JOB_RESULT"
assert_contains "$JOB_RESULT" "Pushed 1 product(s), 0 failed"
assert_eq "$(sim_level "${ids[0]}")" $((before - 1)) "the push reached Lightspeed"

# The job lock: while another process holds pull-sync's, the page's pull fails and says why.
mkdir -p "$T/locks"
start_bg flock "$T/locks/pull-sync.lock" sleep 30
holder=$LAST_PID
for _ in $(seq 1 100); do
    flock -n "$T/locks/pull-sync.lock" true 2>/dev/null || break
    sleep 0.05
done
expect_rc 75 "$KIVALS" pull-sync --full # the CLI is refused the same way
runs=$(sql "SELECT count(*) FROM sync_runs")
admin_action pull-sync
assert_eq "$JOB_PHASE" failed
assert_contains "$JOB_RESULT" 'another `kivals pull-sync` is running'
assert_eq "$(sql "SELECT count(*) FROM sync_runs")" "$runs" "a refused pull records no run"
kill "$holder"

# The Status panel shows what `kivals status` shows.
expect_rc 0 "$KIVALS" status --json
status_json=$OUT
admin_call GET /admin/
for field in linked_products unlinked_products pending_webhooks; do
    case $field in
    linked_products) label="Linked Products" ;;
    unlinked_products) label="Unlinked Products" ;;
    pending_webhooks) label="Pending Webhooks" ;;
    esac
    assert_contains "$BODY" "<dt>$label</dt><dd>$(json_get "$status_json" "$field")</dd>" "$label"
done
assert_contains "$BODY" "<dt>Last Full Sync</dt><dd>$(json_get "$status_json" last_full_sync)</dd>"

stop_serve
pass
