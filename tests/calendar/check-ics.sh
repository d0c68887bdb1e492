#!/bin/sh
# Runs `commitplan calendar` on the examples and on tests/calendar/*.json and
# checks every feed with the strict RFC 5545 checker (tests/tools/icscheck.py);
# then makes sure the checker refuses the broken feeds of tests/calendar/bad/.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$top_builddir/commitplan
check=$srcdir/tests/tools/icscheck.py
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpics.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0
for inv in "$srcdir"/examples/*.json "$srcdir"/tests/calendar/*.json; do
    [ -f "$inv" ] || continue
    for as_of in 2026-06-01 2026-12-03; do
        n=$((n + 1))
        out=$tmp/$n.ics
        TZ=UTC LC_ALL=C "$prog" calendar --format ics --as-of "$as_of" "$inv" > "$out" 2> "$tmp/err"
        status=$?
        if [ "$status" != 0 ]; then
            echo "FAIL calendar $inv: exit status $status"; cat "$tmp/err"; fail=1; continue
        fi
        if ! python3 "$check" "$out"; then
            echo "FAIL icscheck on the feed of $inv as of $as_of"; fail=1
        fi
    done
done
for bad in "$srcdir"/tests/calendar/bad/*.ics; do
    if python3 "$check" "$bad" 2> "$tmp/err"; then
        echo "FAIL icscheck accepted $bad"; fail=1
    fi
done
[ "$fail" = 0 ] && echo "$n feeds pass; every broken feed refused"
exit "$fail"
