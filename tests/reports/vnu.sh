#!/bin/sh
# Every HTML output of report renewal (also with --records), report budget and
# export procurement must pass the W3C Nu HTML checker with no error and no
# warning (--Werror). The checker is the jar of the npm package vnu-jar: found
# through $VNU_JAR, else /tmp/vnu/node_modules/vnu-jar/build/dist/vnu.jar
# (`npm install --prefix /tmp/vnu vnu-jar`, as .ci/run does). Skipped (exit 77)
# without java or the jar.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
src=$(cd "$srcdir" && pwd)
jar=${VNU_JAR:-/tmp/vnu/node_modules/vnu-jar/build/dist/vnu.jar}
command -v java > /dev/null || { echo "SKIP: java is not installed"; exit 77; }
[ -f "$jar" ] || { echo "SKIP: no Nu HTML checker at $jar (npm install --prefix /tmp/vnu vnu-jar)"; exit 77; }
java -jar "$jar" --version > /dev/null 2>&1 || { echo "SKIP: java cannot run $jar"; exit 77; }
. "$src/tests/reports/lib.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpvnu.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
reports_generate "$tmp" html
[ "$reports_failed" = 0 ] || fail=1
records=$src/tests/data/reports/records
if [ -d "$records/records" ]; then
    TZ=UTC LC_ALL=C NO_COLOR=1 "$prog" report renewal --records "$records/records" \
        --as-of 2026-12-03 --format html "$records/inventory.json" > "$tmp/renewal-records.html" ||
        { echo "FAIL renewal --records --format html"; fail=1; }
fi
n=$(ls "$tmp"/*.html | wc -l)
[ "$n" -ge 10 ] || { echo "FAIL: only $n HTML outputs"; fail=1; }
# one run for all files: the JVM starts once
java -jar "$jar" --Werror "$tmp"/*.html > "$tmp/vnu.out" 2>&1 ||
    { echo "FAIL: the Nu HTML checker reports:"; sed "s|file:$tmp/||" "$tmp/vnu.out"; fail=1; }
# the checker must fail on what the writer must never produce
printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>x</title></head><body><dl><dt>a</dt><dd>1</dd><dt>a</dt><dd>2</dd></dl><table><tr><td>x</table></body></html>\n' > "$tmp/bad.htm"
java -jar "$jar" --Werror "$tmp/bad.htm" > /dev/null 2>&1 &&
    { echo "FAIL: the checker accepted a duplicate dt and an unclosed cell"; fail=1; }
[ "$fail" = 0 ] && echo "ok: $n HTML outputs pass the Nu HTML checker"
exit "$fail"
