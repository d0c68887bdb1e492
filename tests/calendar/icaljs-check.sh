#!/bin/sh
# Validates the calendar feeds of the examples and tests/calendar/*.json with
# ical.js (tests/calendar/icaljs-check.mjs). Skipped (exit 77) when node or
# ical.js is missing; .ci/run installs ical.js into $ICALJS_PREFIX (default
# /tmp/icaljs) with `npm install --prefix /tmp/icaljs ical.js`.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$top_builddir/commitplan
command -v node >/dev/null 2>&1 || { echo "SKIP: node not found"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpicaljs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
for inv in "$srcdir"/examples/*.json "$srcdir"/tests/calendar/*.json; do
    [ -f "$inv" ] || continue
    n=$((n + 1))
    TZ=UTC LC_ALL=C "$prog" calendar --as-of 2026-12-03 "$inv" > "$tmp/$n.ics" 2>/dev/null ||
        { echo "FAIL calendar $inv"; exit 1; }
done
node "$srcdir/tests/calendar/icaljs-check.mjs" "$tmp"/*.ics
status=$?
[ "$status" = 0 ] && echo "$n feeds parse with ical.js"
exit "$status"
