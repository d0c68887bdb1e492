#!/bin/sh
# Every CSV output of report renewal, report budget and export procurement,
# on several inventories, must be strict RFC 4180 (tests/tools/csvcheck.py:
# CRLF everywhere, a header, the same number of fields in every row, quotes
# only where needed and doubled inside). The checker itself must refuse a
# bare LF, a needless quote and a short row.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
src=$(cd "$srcdir" && pwd)
command -v python3 > /dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
. "$src/tests/reports/lib.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpcsv.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
reports_generate "$tmp" csv
[ "$reports_failed" = 0 ] || fail=1
n=0
for f in "$tmp"/*.csv; do
    n=$((n + 1))
    python3 "$src/tests/tools/csvcheck.py" "$f" || { echo "FAIL $(basename "$f")"; fail=1; }
done
[ "$n" -ge 10 ] || { echo "FAIL: only $n CSV outputs"; fail=1; }
# the checker can fail
printf 'a,b\n1,2\n' > "$tmp/bad-lf"
printf 'a,b\r\n"1",2\r\n' > "$tmp/bad-quote"
printf 'a,b\r\n1\r\n' > "$tmp/bad-short"
printf 'a,b\r\n"x"y",2\r\n' > "$tmp/bad-undoubled"
for f in bad-lf bad-quote bad-short bad-undoubled; do
    if python3 "$src/tests/tools/csvcheck.py" "$tmp/$f" 2> /dev/null; then
        echo "FAIL: csvcheck.py accepted $f"; fail=1
    fi
done
[ "$fail" = 0 ] && echo "ok: $n CSV outputs are RFC 4180"
exit "$fail"
