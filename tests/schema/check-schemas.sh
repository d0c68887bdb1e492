#!/bin/sh
# Validates the JSON output of check, plan, quote, remind and usage on the
# examples against docs/schema/<command>.schema.json with tests/tools/schemacheck.py,
# then proves the validator can fail: every document of tests/schema/bad/
# (named <command>-<what>.json) must be refused by its command's schema.
# A command that reports "not available in this version" is skipped.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$top_builddir/commitplan
schemas=$srcdir/docs/schema
check=$srcdir/tests/tools/schemacheck.py
ex=$srcdir/examples
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not found"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpschema.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0

# run NAME COMMAND ARGS...: runs commitplan with --format json and validates stdout.
run() {
    name=$1
    cmd=$2
    shift 2
    n=$((n + 1))
    TZ=UTC LC_ALL=C "$prog" "$cmd" --format json "$@" > "$tmp/$n.json" 2> "$tmp/$n.err"
    status=$?
    if grep -q "not available in this version" "$tmp/$n.err"; then
        echo "SKIP $name: $cmd is not available"
        return
    fi
    if [ "$status" -gt 1 ]; then
        echo "FAIL $name: exit status $status"; cat "$tmp/$n.err"; fail=1; return
    fi
    if python3 "$check" "$schemas/$cmd.schema.json" "$tmp/$n.json"; then
        echo "ok   $name"
    else
        echo "FAIL $name: the output does not match $cmd.schema.json"; fail=1
    fi
}

for as_of in 2026-06-01 2026-12-03; do
    for inv in fleet mistakes; do
        run "check $inv $as_of" check --as-of "$as_of" "$ex/$inv.json"
        run "plan $inv $as_of" plan --as-of "$as_of" "$ex/$inv.json"
        run "remind $inv $as_of" remind --as-of "$as_of" "$ex/$inv.json"
        run "remind --with-findings $inv $as_of" remind --with-findings --as-of "$as_of" "$ex/$inv.json"
    done
done
run "plan --horizon 3660" plan --horizon 3660 --as-of 2026-12-03 "$ex/fleet.json"
run "quote fleet" quote --plan stt-fleet --units 1 --on 2026-09-01 --as-of 2026-12-03 "$ex/fleet.json"
run "quote mistakes" quote --plan stt-rigs --units 3 --as-of 2026-12-03 "$ex/mistakes.json"
if [ -d "$ex/records" ]; then
    run "usage fleet" usage --records "$ex/records" --as-of 2026-12-03 "$ex/fleet.json"
else
    run "usage fleet (no records)" usage --records "$tmp" --as-of 2026-12-03 "$ex/fleet.json"
fi

bad=0
for doc in "$srcdir"/tests/schema/bad/*.json; do
    [ -f "$doc" ] || continue
    bad=$((bad + 1))
    cmd=$(basename "$doc" | sed 's/-.*//')
    python3 "$check" "$schemas/$cmd.schema.json" "$doc" 2> "$tmp/bad.err"
    status=$?
    if [ "$status" != 1 ]; then
        echo "FAIL $(basename "$doc"): schemacheck exit status $status, expected 1 (invalid)"
        cat "$tmp/bad.err"; fail=1
    fi
done
[ "$bad" -gt 0 ] || { echo "FAIL no negative documents in tests/schema/bad"; fail=1; }
[ "$fail" = 0 ] && echo "$n outputs valid; $bad wrong documents refused"
exit "$fail"
