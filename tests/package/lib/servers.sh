# The web servers of the package test, each from Debian with its stock configuration, the
# kivals snippet installed as the snippet's own header says, and started by its own init
# script (no systemd here). The one change the test makes beyond the snippet: the listen
# directives, to a free port on 127.0.0.1 (lighttpd: server.port plus server.bind, and no
# IPv6 listener; nginx: the default site's listen lines; Apache: ports.conf's Listen and the
# default vhost's port). Each start_X sets WEB_URL, WEB_LOGS and WEB_ACCESS_LOG (the stock
# access log, none for lighttpd, whose stock configuration keeps none); stop_X stops it again.
# Source after system.sh.

# start_by_init_script SERVICE LOGDIR [ACCESS_LOG]: start SERVICE by its init script and wait
# until it answers on WEB_PORT; its logs are in /var/log/LOGDIR.
start_by_init_script() {
    /etc/init.d/"$1" start >/dev/null || fail "$1 did not start"
    wait_port "$WEB_PORT"
    WEB_URL="http://127.0.0.1:$WEB_PORT/kivals-webhook"
    WEB_LOGS=/var/log/$2
    WEB_ACCESS_LOG=${3:-}
}

start_lighttpd_stock() {
    WEB_PORT=$(free_port)
    keep_original /etc/lighttpd/lighttpd.conf
    sed -i -e "s/^server.port .*/server.port = $WEB_PORT\nserver.bind = \"127.0.0.1\"/" \
        -e '/use-ipv6.pl/d' /etc/lighttpd/lighttpd.conf
    # As 50-kivals-webhook.conf says (Debian's default logging: the error log).
    lighty-enable-mod kivals-webhook >"$T/lighty-enable.out" || fail "lighty-enable-mod: $(cat "$T/lighty-enable.out")"
    lighttpd -tt -f /etc/lighttpd/lighttpd.conf || fail "lighttpd refuses its configuration"
    start_by_init_script lighttpd lighttpd
}

stop_lighttpd_stock() {
    /etc/init.d/lighttpd stop >/dev/null || true
    wait_port_closed "$WEB_PORT"
    lighty-disable-mod kivals-webhook >/dev/null || true
    restore_originals
}

# start_nginx_stock fcgiwrap|fastcgi
start_nginx_stock() {
    local variant=$1 site=/etc/nginx/sites-available/default
    WEB_PORT=$(free_port)
    keep_original "$site"
    sed -i -e "s/^\(\s*\)listen 80 default_server;/\1listen 127.0.0.1:$WEB_PORT default_server;/" \
        -e '/listen \[::\]:80 default_server;/d' "$site"
    # As the snippet's header says: include it in the server { } block.
    sed -i "s|^\(\s*\)server_name _;|&\n\1include snippets/kivals-webhook-$variant.conf;|" "$site"
    grep -q "include snippets/kivals-webhook-$variant.conf;" "$site" || fail "cannot edit $site"
    if [ "$variant" = fcgiwrap ]; then
        /etc/init.d/fcgiwrap start >/dev/null || fail "fcgiwrap did not start"
    else
        # What the snippet's header says to run without systemd.
        spawn-fcgi -s /run/kivals-webhook.sock -u www-data -g www-data -U www-data -G www-data \
            -F 2 -- /usr/libexec/kivals/kivals-webhook >"$T/spawn-fcgi.out" ||
            fail "spawn-fcgi failed: $(cat "$T/spawn-fcgi.out")"
        SPAWNED_PIDS=$(sed -n 's/.*PID: \([0-9]*\).*/\1/p' "$T/spawn-fcgi.out")
        [ -n "$SPAWNED_PIDS" ] || fail "spawn-fcgi started no intake"
    fi
    nginx -t -q || fail "nginx refuses its configuration"
    start_by_init_script nginx nginx /var/log/nginx/access.log
    NGINX_VARIANT=$variant
}

stop_nginx_stock() {
    /etc/init.d/nginx stop >/dev/null || true
    wait_port_closed "$WEB_PORT"
    if [ "$NGINX_VARIANT" = fcgiwrap ]; then
        /etc/init.d/fcgiwrap stop >/dev/null || true
    else
        local pid
        for pid in $SPAWNED_PIDS; do kill "$pid" 2>/dev/null || true; done
        rm -f /run/kivals-webhook.sock
    fi
    restore_originals
}

# start_apache_stock cgi|fcgid
start_apache_stock() {
    local variant=$1
    WEB_PORT=$(free_port)
    keep_original /etc/apache2/ports.conf
    keep_original /etc/apache2/sites-available/000-default.conf
    sed -i "s/^Listen 80$/Listen 127.0.0.1:$WEB_PORT/" /etc/apache2/ports.conf
    sed -i "s/^<VirtualHost \*:80>/<VirtualHost *:$WEB_PORT>/" /etc/apache2/sites-available/000-default.conf
    # As the snippet's header says: the module enabled picks CGI or FastCGI
    # (libapache2-mod-fcgid enables fcgid when installed: the CGI round turns it off, as an
    # administrator choosing CGI would).
    if [ "$variant" = cgi ]; then
        a2dismod -q fcgid >/dev/null 2>&1 || true
        a2enmod -q cgid >/dev/null
    else
        a2dismod -q cgid >/dev/null 2>&1 || true
        a2enmod -q fcgid >/dev/null
    fi
    a2enconf -q kivals >/dev/null
    apache2ctl -t 2>"$T/apache-configtest.log" || fail "apache2 refuses its configuration: $(cat "$T/apache-configtest.log")"
    start_by_init_script apache2 apache2 /var/log/apache2/access.log
    APACHE_VARIANT=$variant
}

stop_apache_stock() {
    /etc/init.d/apache2 stop >/dev/null || true
    wait_port_closed "$WEB_PORT"
    a2disconf -q kivals >/dev/null || true
    restore_originals
}

# The stock access log (when the server keeps one) recorded the deliveries, path only: the
# search for the secret in it is not a search of an empty file.
assert_deliveries_logged() {
    [ -n "$WEB_ACCESS_LOG" ] || return 0
    grep -q '"POST /kivals-webhook HTTP/1.1" 403 ' "$WEB_ACCESS_LOG" ||
        fail "$1: $WEB_ACCESS_LOG recorded no refused delivery"
    grep -q '"POST /kivals-webhook HTTP/1.1" 200 ' "$WEB_ACCESS_LOG" ||
        fail "$1: $WEB_ACCESS_LOG recorded no delivery"
}
