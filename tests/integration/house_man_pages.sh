# Every subcommand has a man page (Markdown source and generated roff) and is listed in
# kivals(1); every page carries the program's version in its footer; and the roff is what
# scripts/gen-man.sh makes of the source when pandoc is on the machine.
. "$(dirname "$0")/lib/common.sh"
man_dir="$KIVALS_SRC_DIR/man"
commands=$("$KIVALS" --help | awk '/^Subcommands:/{on=1; next} on && NF {print $1}')
[ -n "$commands" ] || fail "could not read the subcommands from kivals --help"
listed=$(sed -n '/^# COMMANDS/,/^# EXIT STATUS/p' "$man_dir/kivals.1.md")
for cmd in $commands; do
    page=$cmd
    [ "$cmd" = disable ] && page=enable
    [ -f "$man_dir/kivals-$page.1.md" ] || fail "no man/kivals-$page.1.md for '$cmd'"
    [ -f "$man_dir/kivals-$page.1" ] || fail "no generated man/kivals-$page.1 (run scripts/gen-man.sh)"
    grep -Eq "^\*\*([a-z|-]*\|)?$cmd[*| ]" <<<"$listed" || fail "kivals(1) does not list '$cmd' under COMMANDS"
done
version=$("$KIVALS" --version | awk '{print $2}')
[ -n "$version" ] || fail "kivals --version printed no version"
for src in "$man_dir"/*.md; do
    roff=${src%.md}
    [ -f "$roff" ] || fail "no generated roff for $(basename "$src")"
    grep -q "^\.TH \".*\" \"[0-9]\" \"\" \"kivals $version\" " "$roff" ||
        fail "$(basename "$roff") does not carry kivals $version: run scripts/gen-man.sh"
done
if command -v pandoc >/dev/null; then
    "$KIVALS_SRC_DIR/scripts/gen-man.sh" --check || fail "a man page is stale"
fi
pass
