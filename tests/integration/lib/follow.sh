# Helpers for the tests of `kivals queue follow`: a store on the simulator whose webhooks
# reach the spool through a real lighttpd (FastCGI), and waiting with a bound. Source after
# common.sh, links.sh, sim.sh, lighttpd.sh and queue.sh.

# follow_store [LSSIM_FLAGS...]: kivals initialised, lighttpd running the intake, the simulator
# started with the flags, two products linked (K1, K2; SIM_IDS), pulled, webhooks created.
follow_store() {
    write_config
    "$KIVALS" init >/dev/null
    start_lighttpd fastcgi
    start_lssim --products 4 --outlets 1 "$@"
    configure_kivals_for_sim 2026-07
    link_sim_products 2
    expect_rc 0 "$KIVALS" pull-sync --full
    expect_rc 0 "$KIVALS" config set webhook.base_url "$WEB_URL"
    expect_rc 0 "$KIVALS" webhooks create
}

# within SECONDS WHAT CMD...: wait until CMD succeeds, at most SECONDS; fail naming WHAT.
within() {
    local limit=$1 what=$2 i
    shift 2
    for i in $(seq 1 $((limit * 20))); do
        "$@" && return 0
        sleep 0.05
    done
    fail "$what: not within ${limit} s"
}

# Print Lightspeed Count of a Kiva product as `kivals stock` shows it: ls_count_of KIVA_ID
ls_count_of() {
    "$KIVALS" stock "$1" --csv | awk -F, 'NR == 2 {print $3}'
}

# Succeed when K1's Lightspeed Count in kivals is the simulator's level of SIM_IDS[0].
k1_is_sim() {
    [ "$(ls_count_of K1)" = "$(sim_level "${SIM_IDS[0]}")" ]
}
