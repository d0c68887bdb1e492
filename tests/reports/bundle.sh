#!/bin/sh
# export procurement --bundle DIR: the four files are byte for byte the
# outputs of --format md, html, csv and json; nothing goes to standard output
# and no temporary file stays behind. All or none: when a file cannot be
# written (a missing folder; a file size limit that the HTML outgrows after
# the Markdown was written) the exit status is 4 and every file already in
# DIR is left as it was.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
src=$(cd "$srcdir" && pwd)
inv=$src/examples/fleet.json
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpbundle.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C
fail=0
formats="md html csv json"

mkdir "$tmp/b"
"$prog" export procurement --as-of 2026-12-03 --bundle "$tmp/b" "$inv" > "$tmp/out" 2> "$tmp/err"
st=$?
[ "$st" = 0 ] || { echo "FAIL: --bundle exit status $st"; cat "$tmp/err"; fail=1; }
[ -s "$tmp/out" ] && { echo "FAIL: --bundle wrote to standard output"; fail=1; }
for fmt in $formats; do
    "$prog" export procurement --as-of 2026-12-03 --format "$fmt" "$inv" > "$tmp/single.$fmt"
    cmp -s "$tmp/single.$fmt" "$tmp/b/procurement.$fmt" ||
        { echo "FAIL: procurement.$fmt differs from --format $fmt"; fail=1; }
done
[ "$(ls -A "$tmp/b" | wc -l)" = 4 ] || { echo "FAIL: not exactly four files:"; ls -A "$tmp/b"; fail=1; }

# a missing folder: exit 4, a message, nothing created
"$prog" export procurement --as-of 2026-12-03 --bundle "$tmp/missing/b" "$inv" > /dev/null 2> "$tmp/err"
st=$?
[ "$st" = 4 ] || { echo "FAIL: missing folder: exit status $st, expected 4"; fail=1; }
grep -q '^commitplan: .*procurement' "$tmp/err" || { echo "FAIL: missing folder: no message"; fail=1; }
[ -e "$tmp/missing" ] && { echo "FAIL: missing folder: something was created"; fail=1; }

# a file size limit of 8 blocks (4096 bytes): the Markdown fits, the HTML
# does not; the old four files must stay as they were, no temporary left.
mkdir "$tmp/old"
for fmt in $formats; do printf 'old %s\n' "$fmt" > "$tmp/old/procurement.$fmt"; done
cp -r "$tmp/old" "$tmp/before"
md=$(wc -c < "$tmp/single.md")
html=$(wc -c < "$tmp/single.html")
if [ "$md" -ge 4096 ] || [ "$html" -le 4096 ]; then
    echo "FAIL: the size-limit case needs the md under 4096 bytes and the html over ($md, $html)"
    fail=1
fi
sh -c 'trap "" XFSZ; ulimit -f 8 && exec "$@"' sh \
    "$prog" export procurement --as-of 2026-12-03 --bundle "$tmp/old" "$inv" > /dev/null 2> "$tmp/err"
st=$?
[ "$st" = 4 ] || { echo "FAIL: size limit: exit status $st, expected 4"; cat "$tmp/err"; fail=1; }
grep -q '^commitplan: .*procurement.html' "$tmp/err" ||
    { echo "FAIL: size limit: the message does not name procurement.html"; cat "$tmp/err"; fail=1; }
diff -r "$tmp/before" "$tmp/old" > /dev/null || { echo "FAIL: size limit: files were replaced"; fail=1; }
[ "$(ls -A "$tmp/old" | wc -l)" = 4 ] || { echo "FAIL: size limit: temporary files left:"; ls -A "$tmp/old"; fail=1; }

# --bundle with -o is a usage error
"$prog" export procurement --as-of 2026-12-03 --bundle "$tmp/b" -o "$tmp/x" "$inv" 2> /dev/null
st=$?
[ "$st" = 2 ] || { echo "FAIL: --bundle with -o: exit status $st, expected 2"; fail=1; }

[ "$fail" = 0 ] && echo "ok: --bundle writes all four files or none"
exit "$fail"
