# The setup story of Kiva Logic's documentation on the admin page, in Debian's headless
# Chromium driven over WebDriver (tests/tools/webdriver.py): log in (a wrong password first),
# set the store URL, token, outlet and webhook base URL, Create Webhooks (through a real
# lighttpd and the intake, with the probe), Fetch All Products, link, Pull Full Sync, and a POS
# sale arriving in the Status panel. Screenshots of each page at a desktop's and a phone's
# width are kept in the build tree (browser-screenshots/admin_setup_story/).
. "$(dirname "$0")/../integration/lib/common.sh"
. "$(dirname "$0")/../integration/lib/lssim.sh"
. "$(dirname "$0")/../integration/lib/lighttpd.sh"
. "$(dirname "$0")/../integration/lib/serve.sh"
. "$(dirname "$0")/../integration/lib/admin.sh"
bash "$KIVALS_SRC_DIR/tests/browser/install_chromium.sh"
write_config
expect_rc 0 "$KIVALS" init -q
start_lssim --products 12 --outlets 1 --seed 3 --retry-base-ms 50 --retry-max 6
api -f GET /api/2.0/outlets
outlet=$(json_get "$BODY" data.0.id)
start_lighttpd fastcgi
set_admin_password
start_serve --no-push
sapi GET /v1/health
printf 'id,name\nK1,Kiva One\nK2,Kiva Two\n' >"$T/kiva.csv"

SHOTS="$KIVALS_BIN_DIR/browser-screenshots/admin_setup_story"
rm -rf "$SHOTS"
start=$(date +%s)
SHOTS=$SHOTS SERVE_ADDR=$SERVE_ADDR KIVALS=$KIVALS T=$T LSSIM_URL=$LSSIM_URL \
    LSSIM_TOKEN_FILE=$LSSIM_TOKEN_FILE ADMIN_PASSWORD_FILE=$ADMIN_PASSWORD_FILE \
    OUTLET=$outlet WEB_URL=$WEB_URL KIVA_CSV=$T/kiva.csv \
    python3 "$KIVALS_SRC_DIR/tests/browser/admin_story.py" || fail "the story failed (see $SHOTS)"
echo "the story took $(($(date +%s) - start)) s" >&2
[ "$(find "$SHOTS" -name '*.png' | wc -l)" -ge 10 ] || fail "screenshots are missing"
stop_serve
pass
