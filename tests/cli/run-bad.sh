#!/bin/sh
# The bad-input corpus: every tests/data/bad/NAME.json must be refused by
# `commitplan check` with exit 3, nothing on stdout, and exactly the error
# messages of NAME.err (file, line, column, JSON path, message, hint).
# UPDATE_GOLDEN=1 rewrites the .err files from the current output.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
dir=$(cd "$srcdir/tests/data/bad" && pwd) || exit 1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpbad.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
cd "$dir" || exit 1
for f in *.json; do
    name=${f%.json}
    env TZ=UTC LC_ALL=C timeout 60 "$prog" check --as-of 2026-12-03 "$f" > "$tmp/out" 2> "$tmp/err" < /dev/null
    status=$?
    [ "${UPDATE_GOLDEN:-}" = 1 ] && cp "$tmp/err" "$name.err"
    ok=1
    if [ "$status" != 3 ]; then echo "FAIL $name: exit status $status, expected 3"; ok=0; fi
    if [ -s "$tmp/out" ]; then echo "FAIL $name: wrote to stdout"; ok=0; fi
    if ! grep -q "^commitplan: $f" "$tmp/err"; then echo "FAIL $name: no message naming the file"; ok=0; fi
    if ! cmp -s "$tmp/err" "$name.err"; then
        echo "FAIL $name: stderr differs"; diff -u "$name.err" "$tmp/err" | head -20; ok=0
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
