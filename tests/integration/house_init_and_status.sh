# kivals init creates the database, secret file and spool; is idempotent; status reports them.
. "$(dirname "$0")/lib/common.sh"
write_config

expect_rc 0 "$KIVALS" init
assert_contains "$OUT" "Created database"
[ -f "$T/db/kivals.db" ] || fail "no database file"
[ "$(stat -c %a "$T/db/kivals.db")" = 600 ] || fail "database must be private (0600)"
[ "$(stat -c %a "$T/etc/webhook.secret")" = 640 ] || fail "secret file must be 0640"
[ -d "$T/spool/new" ] && [ -d "$T/spool/tmp" ] || fail "spool not laid out"
secret=$(cat "$T/etc/webhook.secret")
[ ${#secret} -ge 22 ] || fail "secret shorter than 128 bits"

expect_rc 0 "$KIVALS" init
assert_contains "$OUT" "up to date"
assert_eq "$(cat "$T/etc/webhook.secret")" "$secret" "init must keep the secret"

expect_rc 0 "$KIVALS" status --json
assert_eq "$(json_get "$OUT" feature)" true
assert_eq "$(json_get "$OUT" webhook_processing)" true
assert_eq "$(json_get "$OUT" pending_webhooks)" 0
assert_eq "$(json_get "$OUT" last_full_sync)" null
assert_eq "$(json_get "$OUT" webhook_secret_set)" true
assert_eq "$(json_get "$OUT" linked_products)" 0
assert_not_contains "$OUT" "$secret" "status must not print the secret"

expect_rc 0 "$KIVALS" disable webhook-processing
expect_rc 0 "$KIVALS" status --json
assert_eq "$(json_get "$OUT" webhook_processing)" false
expect_rc 0 "$KIVALS" status
assert_contains "$OUT" "Webhook Processing:  disabled"
assert_not_contains "$OUT" "$secret"

# A spooled delivery counts as pending.
echo 'payload=x' >"$T/spool/new/1.delivery"
expect_rc 0 "$KIVALS" status --json
assert_eq "$(json_get "$OUT" pending_webhooks)" 1
pass
