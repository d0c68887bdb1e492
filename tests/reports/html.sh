#!/bin/sh
# Every HTML output of report renewal, report budget and export procurement
# must be a self-contained HTML5 document: tidy -q -e reports no error or
# warning, and there is no script and no external resource. Skipped (exit 77)
# when tidy (the apt package tidy) is not installed.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
src=$(cd "$srcdir" && pwd)
command -v tidy > /dev/null || { echo "SKIP: tidy is not installed (apt install tidy)"; exit 77; }
. "$src/tests/reports/lib.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cphtml.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
reports_generate "$tmp" html
[ "$reports_failed" = 0 ] || fail=1
n=0
for f in "$tmp"/*.html; do
    n=$((n + 1))
    tidy -q -e "$f" 2> "$tmp/tidy.err" ||
        { echo "FAIL $(basename "$f"): tidy"; cat "$tmp/tidy.err"; fail=1; }
    if grep -Eiq '<script|<link|<img|<iframe|src=|url\(|@import' "$f"; then
        echo "FAIL $(basename "$f"): a script or an external resource"; fail=1
    fi
    head -1 "$f" | grep -q '^<!DOCTYPE html>$' || { echo "FAIL $(basename "$f"): no doctype"; fail=1; }
    grep -q '@media print' "$f" || { echo "FAIL $(basename "$f"): no print stylesheet"; fail=1; }
done
[ "$n" -ge 10 ] || { echo "FAIL: only $n HTML outputs"; fail=1; }
# tidy can fail on what the writer must never produce
printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>x</title></head><body><p>a & b <c></p></body></html>\n' > "$tmp/bad.html"
tidy -q -e "$tmp/bad.html" 2> /dev/null && { echo "FAIL: tidy accepted unescaped text"; fail=1; }
[ "$fail" = 0 ] && echo "ok: $n HTML outputs pass tidy"
exit "$fail"
