# Every kivals command that kivals' messages, doctor's fixes, the README, docs/ and the man
# pages advise is one kivals has: each is followed through the subcommands and parsed by
# kivals itself (KIVALS_PARSE_ONLY=1 runs nothing). tests/tools/advised_commands.py says how
# they are found.
. "$(dirname "$0")/lib/common.sh"
expect_rc 0 python3 "$KIVALS_SRC_DIR/tests/tools/advised_commands.py" --check "$KIVALS" "$KIVALS_SRC_DIR"
echo "$OUT"

# The parse-only switch parses for real: a usage error is still one.
expect_rc 2 env KIVALS_PARSE_ONLY=1 "$KIVALS" -v push
expect_rc 2 env KIVALS_PARSE_ONLY=1 "$KIVALS" webhooks rotate-secret
expect_rc 0 env KIVALS_PARSE_ONLY=1 "$KIVALS" config rotate-secret
expect_rc 0 env KIVALS_PARSE_ONLY=1 "$KIVALS" --debug=http push

# A typo is answered with the command it most likely meant.
expect_rc 2 "$KIVALS" stauts
assert_contains "$ERR" "did you mean \`kivals status\`?"
expect_rc 2 "$KIVALS" --db "$T/x.db" webhoks list
assert_contains "$ERR" "did you mean \`kivals webhooks\`?"
expect_rc 2 "$KIVALS" webhooks craete
assert_contains "$ERR" "did you mean \`kivals webhooks create\`?"
expect_rc 2 "$KIVALS" frobnicate
assert_not_contains "$ERR" "did you mean"
pass
