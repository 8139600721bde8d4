# Start a real lighttpd on loopback that runs kivals-webhook as CGI or FastCGI.
#   start_lighttpd cgi|fastcgi [program]
# Sets WEB_PORT, WEB_URL (the intake's URL without query), WEB_PID (lighttpd's pid), and the
# logs WEB_ACCESS_LOG, WEB_ERROR_LOG, WEB_STDERR. The access log records the path only (%U),
# never the query string, so the webhook secret stays out of it (as in etc/lighttpd-kivals.conf).
# Needs $T and $KIVALS_CONFIG (from common.sh's write_config). With WEB_USER set (root only),
# lighttpd drops to that user and its group, so the intake runs as the real web server's user.

start_lighttpd() {
    local mode=$1 program=${2:-$WEBHOOK}
    command -v lighttpd >/dev/null || { echo "SKIP: lighttpd is not installed" >&2; exit 77; }
    local dir="$T/web-$mode"
    mkdir -p "$dir/www/cgi-bin" "$dir/upload"
    WEB_PORT=$(free_port)
    WEB_ACCESS_LOG="$dir/access.log"
    WEB_ERROR_LOG="$dir/error.log"
    WEB_STDERR="$dir/stderr.log"
    local handler
    if [ "$mode" = cgi ]; then
        ln -sf "$program" "$dir/www/cgi-bin/kivals-webhook"
        handler=$(cat <<CONF
server.modules += ("mod_cgi", "mod_setenv")
\$HTTP["url"] =~ "^/cgi-bin/" {
    cgi.assign = ("" => "")
    setenv.add-environment = ("KIVALS_CONFIG" => "$KIVALS_CONFIG")
}
CONF
)
        WEB_URL="http://127.0.0.1:$WEB_PORT/cgi-bin/kivals-webhook"
    else
        handler=$(cat <<CONF
server.modules += ("mod_fastcgi")
fastcgi.server = ("/fcgi/kivals-webhook" => ((
    "bin-path" => "$program",
    "socket" => "$dir/fcgi.sock",
    "max-procs" => ${WEB_FCGI_PROCS:-2},
    "bin-environment" => ("KIVALS_CONFIG" => "$KIVALS_CONFIG"),
    "check-local" => "disable"
)))
CONF
)
        WEB_URL="http://127.0.0.1:$WEB_PORT/fcgi/kivals-webhook"
    fi
    local drop=""
    if [ -n "${WEB_USER:-}" ]; then
        drop="server.username = \"$WEB_USER\"
server.groupname = \"$(id -gn "$WEB_USER")\""
        chown -R "$WEB_USER" "$dir" # its logs and uploads, as /var/log/lighttpd on Debian
    fi
    cat >"$dir/lighttpd.conf" <<CONF
$drop
server.document-root = "$dir/www"
server.bind = "127.0.0.1"
server.port = $WEB_PORT
server.upload-dirs = ("$dir/upload")
# lighttpd names the full request URI (query included) when a backend dies: the error log
# goes through a filter that blanks the secret, as etc/lighttpd-kivals.conf does.
server.errorlog = "|exec sed -u -e 's/secret=[^&[:space:]]*/secret=REDACTED/g' >>$WEB_ERROR_LOG"
server.max-connections = 1024
server.modules = ("mod_accesslog")
accesslog.filename = "$WEB_ACCESS_LOG"
accesslog.format = "%h %t \"%m %U %H\" %s %b"
$handler
CONF
    start_bg lighttpd -D -f "$dir/lighttpd.conf" 2>"$WEB_STDERR"
    WEB_PID=$LAST_PID
    wait_port "$WEB_PORT"
}

# Stop the lighttpd started last (and, through it, its FastCGI children).
stop_lighttpd() {
    kill "$WEB_PID" 2>/dev/null || true
    wait "$WEB_PID" 2>/dev/null || true
}

# POST a delivery: post_delivery URL-QUERY BODY [content-type]; prints the HTTP status.
post_delivery() {
    local query=$1 body=$2 ctype=${3:-application/x-www-form-urlencoded}
    http_call POST "$WEB_URL?$query" -H "Content-Type: $ctype" --data-binary "$body"
    echo "$STATUS"
}

# Build a form body carrying an inventory.update payload: inventory_body PRODUCT OUTLET COUNT VERSION
inventory_body() {
    python3 -c '
import json, sys, urllib.parse
p, o, c, v = sys.argv[1:5]
payload = {"id": "inv-" + p, "product_id": p, "outlet_id": o, "count": float(c) if "." in c else int(c),
           "version": int(v), "attributed_cost": "1.00", "reorder_point": "0"}
print(urllib.parse.urlencode({"payload": json.dumps(payload), "domain_prefix": "test"}), end="")
' "$@"
}
