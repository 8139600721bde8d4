# kivals link review on a pseudo-terminal: shows one product at a time with numbered
# candidates and takes 1-9, s(kip), u(nlink), q(uit); refuses to run without a terminal.
. "$(dirname "$0")/lib/common.sh"
. "$(dirname "$0")/lib/links.sh"
write_config
expect_rc 0 "$KIVALS" init
add_ls L1 "Sony Bravia KDL-40V4100 LCD TV"
add_ls L2 "Nikon Coolpix P6000 camera"
add_ls L3 "Red enamel mug"
printf 'id,name\nK1,Sony 40in LCD TV KDL40V4100\nK2,Nikon COOLPIX P6000\nK3,Enamel mug red\nK4,Blue mug\n' \
    >"$T/store.csv"
expect_rc 0 "$KIVALS" kiva import "$T/store.csv"

expect_rc 2 "$KIVALS" link review </dev/null
assert_contains "$ERR" "link review is interactive"

drive "$KIVALS" link review -- \
    "[1/3] L1" - "1) " - "K1" - "q(uit)? " 1 "linked L1 to K1" - \
    "[2/3] L2" - "q(uit)? " x "please answer" - "q(uit)? " s \
    "[3/3] L3" - "1) " - "K3" - "q(uit)? " u "L3 is not linked" - "q(uit)? " 1 \
    "linked L3 to K3" - "Reviewed 3 of 3 products: 2 linked, 0 unlinked, 1 skipped" - \
    || fail "first review session"
assert_eq "$(sql "SELECT lightspeed_id || '>' || kiva_id FROM links ORDER BY 1" | tr '\n' ' ')" \
    "L1>K1 L3>K3 "

# With --all, linked products are shown with their link; u unlinks, q quits at once.
drive "$KIVALS" link review --all -- \
    "[1/3] L1" - "linked to K1" - "q(uit)? " u "unlinked L1 from K1" - "q(uit)? " q \
    "Reviewed 1 of 3 products: 0 linked, 1 unlinked, 0 skipped" - \
    || fail "second review session"
assert_eq "$(sql "SELECT lightspeed_id || '>' || kiva_id FROM links ORDER BY 1" | tr '\n' ' ')" "L3>K3 "
pass
