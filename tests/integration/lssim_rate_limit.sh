# kivals-lssim: a fixed-window quota per token; past it, 429 with the documented body and a
# Retry-After that is an RFC 1123 date; the next window serves again.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/lssim.sh"
start_lssim --products 5 --rate-limit 5 --rate-window-s 2

for i in 1 2 3 4 5; do
    api GET /api/2.0/outlets
    assert_eq "$STATUS" 200 "request $i"
    assert_eq "$(header X-RateLimit-Limit)" 5
    assert_eq "$(header X-RateLimit-Remaining)" $((5 - i))
done
api GET /api/2.0/outlets
assert_eq "$STATUS" 429 "over quota"
assert_eq "$BODY" '{"error":"Too Many Requests","message":"Rate limiting enforced"}'
assert_eq "$(header X-RateLimit-Remaining)" 0
ra=$(header Retry-After)
python3 - "$ra" <<'PY' || fail "Retry-After is not a near-future HTTP date: $ra"
import sys, time
from email.utils import parsedate_to_datetime
v = sys.argv[1]
assert v.endswith(" GMT") and "," in v, v
t = parsedate_to_datetime(v).timestamp()
assert time.time() - 1 <= t <= time.time() + 4, (t, time.time())
PY
ctl GET /_sim/state
assert_eq "$STATUS" 200 "control endpoints are not rate limited"

sleep 2.2
api GET /api/2.0/outlets
assert_eq "$STATUS" 200 "a new window"
assert_eq "$(header X-RateLimit-Remaining)" 4

# The default quota follows the registers: 300 x 3 + 50.
start_lssim --products 5 --registers 3
api GET /api/2.0/outlets
assert_eq "$(header X-RateLimit-Limit)" 950
pass
