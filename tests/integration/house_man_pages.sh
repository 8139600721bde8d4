# Every subcommand has a man page (Markdown source and generated roff), and the roff is
# what pandoc makes of the source when pandoc is on the machine (with scripts/gen-man.sh's flags).
. "$(dirname "$0")/lib/common.sh"
man_dir="$KIVALS_SRC_DIR/man"
commands=$("$KIVALS" --help | awk '/^Subcommands:/{on=1; next} on && NF {print $1}')
[ -n "$commands" ] || fail "could not read the subcommands from kivals --help"
for cmd in $commands; do
    page=$cmd
    [ "$cmd" = disable ] && page=enable
    [ -f "$man_dir/kivals-$page.1.md" ] || fail "no man/kivals-$page.1.md for '$cmd'"
    [ -f "$man_dir/kivals-$page.1" ] || fail "no generated man/kivals-$page.1 (run scripts/gen-man.sh)"
done
for src in "$man_dir"/*.md; do
    [ -f "${src%.md}" ] || fail "no generated roff for $(basename "$src")"
    if command -v pandoc >/dev/null; then
        pandoc -s -f markdown-smart -t man "$src" | cmp -s - "${src%.md}" || fail "$(basename "${src%.md}") is stale: run scripts/gen-man.sh"
    fi
done
pass
