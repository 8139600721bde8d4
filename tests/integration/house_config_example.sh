# The shipped example config documents every key and parses as it is.
. "$(dirname "$0")/lib/common.sh"
example="$KIVALS_SRC_DIR/etc/kivals.toml.example"
sed -e "s|/var/lib/kivals/kivals.db|$T/db/kivals.db|" -e "s|/var/spool/kivals|$T/spool|" \
    -e "s|/etc/kivals/intake/webhook.secret|$T/secret|" -e "s|/var/lib/kivals/locks|$T/locks|" \
    "$example" >"$T/k.toml"
export KIVALS_CONFIG="$T/k.toml"
expect_rc 0 "$KIVALS" init -q
expect_rc 0 "$KIVALS" config list --json
keys=$(python3 -c 'import json,sys; print("\n".join(sorted(json.load(sys.stdin)["config"])))' <<<"$OUT")
for key in $keys; do
    section=${key%%.*}
    name=${key#*.}
    grep -q "^\[$section\]" "$example" || fail "example lacks section [$section]"
    grep -q "^$name = " "$example" || fail "example does not document $key"
done
# Every key's origin is the example file, not a default.
defaults=$(python3 -c 'import json,sys; d=json.load(sys.stdin)["config"]; print(sum(1 for v in d.values() if v["origin"]=="default"))' <<<"$OUT")
assert_eq "$defaults" 0 "every key should be set by the example"
pass
