# Helpers for queue tests: deliver through kivals-webhook run directly as CGI (no web server),
# and read what the queue made of it. Link products with links.sh.

# Deliver a form body as CGI: deliver_cgi TYPE BODY; prints the HTTP status.
deliver_cgi() {
    local type=$1 body=$2 secret
    secret=$(cat "$T/etc/webhook.secret")
    printf '%s' "$body" | REQUEST_METHOD=POST QUERY_STRING="type=$type&secret=$secret" \
        CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=${#body} \
        "$WEBHOOK" 2>>"$T/intake-stderr.log" | sed -n '1s/^Status: \([0-9]*\).*/\1/p'
}

# Deliver an inventory.update: deliver_inventory PRODUCT OUTLET COUNT VERSION
deliver_inventory() {
    deliver_cgi inventory.update "$(inventory_body "$@")"
}

# Deliver a product.update: deliver_product ID NAME SKU VERSION [deleted_at]
deliver_product() {
    local body
    body=$(python3 -c '
import json, sys, urllib.parse
i, name, sku, v = sys.argv[1:5]
deleted = sys.argv[5] if len(sys.argv) > 5 else None
p = {"id": i, "name": name, "base_name": name, "sku": sku, "handle": name.lower(), "active": deleted is None,
     "deleted_at": deleted, "variant_parent_id": None, "version": int(v), "inventory": []}
print(urllib.parse.urlencode({"payload": json.dumps(p)}), end="")' "$@")
    deliver_cgi product.update "$body"
}

# Print "L v" of a linked product (L in whole units when it is whole).
stock_of() {
    sql "SELECT (CASE WHEN ls_count % 1000 = 0 THEN ls_count / 1000 ELSE ls_count / 1000.0 END)
           || ' ' || ls_version FROM stock WHERE lightspeed_id = '$1'"
}

# Print the status (and reason) of every event of a product, in id order, space-separated.
events_of() {
    sql "SELECT group_concat(status || coalesce(':' || reason, ''), ' ')
           FROM (SELECT status, reason FROM events WHERE product_id = '$1' ORDER BY id)"
}

# Record what echoes prove on a store whose inventory.update versions are the API's own
# (queue/policy.hpp: VersionSpace::same): queue process then applies payloads directly,
# without reading Lightspeed. Without it every delivery rings a doorbell, read from Lightspeed.
webhook_versions_proven_same() {
    sql "INSERT INTO state(key, value, updated_at) VALUES ('webhook_versions', 'same', 'x')
         ON CONFLICT(key) DO UPDATE SET value = excluded.value" >/dev/null
}
