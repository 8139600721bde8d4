# kivals finds its own webhooks by URL whatever the list shows (issue #13, point 4): old Vend
# documents say GET /webhooks shows only those the calling application made. A webhook for
# kivals' URL made by hand, inactive, is repaired where the list shows it; where it does not
# (--webhooks-scoped), `webhooks create` never makes a second one (Lightspeed answers 409),
# says it cannot see it, and exits 3.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
. "$(dirname "$0")/lib/sim.sh"
. "$(dirname "$0")/lib/lighttpd.sh"
command -v lighttpd >/dev/null || { echo "SKIP: lighttpd is not installed" >&2; exit 77; }

result_of() { # result_of TYPE: the result `webhooks create --json` gave that type
    python3 -c 'import json,sys; print(next(s["result"] for s in json.load(sys.stdin) if s["type"] == sys.argv[1]))' "$1" <<<"$OUT"
}
hooks() { ctl -f GET /_sim/state; json_get "$BODY" webhooks; }

for scope in all scoped; do
    flags=()
    [ "$scope" = scoped ] && flags=(--webhooks-scoped)
    fresh_sim_store --products 3 --outlets 1 --seed 2 "${flags[@]}"
    start_lighttpd fastcgi # webhooks create sends a probe down the URL it registers
    expect_rc 0 "$KIVALS" config set webhook.base_url "$WEB_URL"
    expect_rc 0 "$KIVALS" webhooks url --reveal
    # The URL holds the secret: from stdin to a file, never through argv.
    python3 -c '
import json, re, sys
url = re.search(r"http\S*type=inventory\.update\S*", sys.stdin.read()).group(0)
print(json.dumps({"type": "inventory.update", "url": url, "active": False}))' <<<"$OUT" >"$T/hook.json"
    http_call -f POST "$LSSIM_URL/_sim/webhooks" --data-binary @"$T/hook.json"
    assert_eq "$(hooks)" 1

    if [ "$scope" = all ]; then
        expect_rc 0 "$KIVALS" webhooks create --json
        assert_eq "$(result_of inventory.update)" repaired "the hand-made webhook is repaired"
    else
        expect_rc 3 "$KIVALS" webhooks create --json
        assert_eq "$(result_of inventory.update)" "exists, not listed" "$scope: said, not claimed created"
        assert_contains "$ERR" "this token cannot list"
    fi
    assert_eq "$(result_of product.update)" created
    assert_eq "$(hooks)" 2 "$scope: never a second inventory.update webhook"
    "$KIVALS" webhooks create >/dev/null 2>&1 || true
    assert_eq "$(hooks)" 2 "$scope: nor on a second run"
    stop_lssim
    stop_lighttpd
done
pass
