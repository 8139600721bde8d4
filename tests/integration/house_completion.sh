# The bash completion (`kivals completion bash`, installed as
# /usr/share/bash-completion/completions/kivals) offers every subcommand and every option of
# every command, as `--help` lists them, and the choices of options and arguments that have
# them. The expected words come from CLI11's help text, not from the generator's own walk.
. "$(dirname "$0")/lib/common.sh"
"$KIVALS" completion bash >"$T/kivals.bash"
bash -n "$T/kivals.bash" || fail "the completion script is not valid bash"

# complete WORD... : what bash would offer after `kivals WORD...` (the last word is the one
# being completed, often empty).
complete_words() {
    bash -c '. "$1"; shift; COMP_WORDS=(kivals "$@"); COMP_CWORD=$#; _kivals; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$T/kivals.bash" "$@"
}

# Subcommands and option spellings of one command, read from its --help.
help_subcommands() { awk '/^Subcommands:/{on=1; next} /^[A-Z]/{on=0} on && /^  [a-z]/ {print $1}'; }
help_options() {
    awk '/^Options:/{on=1; next} /^[A-Z]/{on=0} on && /^  -/ {print $1}' | tr ',' '\n' | grep '^-'
}

checked_commands=0 checked_words=0
check_command() {
    local help
    help=$("$KIVALS" "$@" --help)
    local offered_subs offered_opts sub opt
    offered_subs=$(complete_words "$@" "")
    offered_opts=$(complete_words "$@" -)
    for sub in $(help_subcommands <<<"$help"); do
        grep -qx -- "$sub" <<<"$offered_subs" || fail "kivals $* <TAB> does not offer '$sub'"
        checked_words=$((checked_words + 1))
        check_command "$@" "$sub"
    done
    for opt in $(help_options <<<"$help"); do
        grep -qx -- "$opt" <<<"$offered_opts" || fail "kivals $* -<TAB> does not offer '$opt'"
        checked_words=$((checked_words + 1))
    done
    checked_commands=$((checked_commands + 1))
}
check_command
[ "$checked_commands" -ge 40 ] || fail "only $checked_commands commands were walked"

# Values: choices where the command has them, after global options too; files elsewhere.
assert_eq "$(complete_words queue list --status a | tr '\n' ' ')" "applied "
assert_eq "$(complete_words --config x.toml queue list --status f | tr '\n' ' ')" "failed "
assert_eq "$(complete_words enable w | tr '\n' ' ')" "webhook-processing "
assert_eq "$(complete_words queue pro | tr '\n' ' ')" "process "
assert_eq "$(complete_words --debug http que | tr '\n' ' ')" "queue "
touch "$T/orders.jsonl"
assert_eq "$(cd "$T" && complete_words kiva import ord | tr '\n' ' ')" "orders.jsonl "
# The hidden command itself is not offered.
assert_not_contains "$(complete_words "")" completion
echo "checked $checked_words words in $checked_commands commands"
pass
