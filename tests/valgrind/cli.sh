#!/bin/sh
# A few commitplan commands under valgrind (memcheck, full leak checking):
# any invalid access, use of an uninitialised value or definite/indirect leak
# makes valgrind exit 99 and fails the test; each command must also end with
# its documented exit status. Run by `make check` after --enable-valgrind.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
src=$(cd "$srcdir" && pwd)
command -v valgrind > /dev/null || { echo "skip: no valgrind"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpvg.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C
fails=0

# vg STATUS CMD-ARGS...: runs commitplan under valgrind, wants exit STATUS
vg() {
    want=$1
    shift
    valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        "$prog" "$@" > "$tmp/out" 2> "$tmp/err" < /dev/null
    st=$?
    if [ "$st" = "$want" ]; then
        echo "ok: $* (exit $st)"
    else
        echo "FAIL: $*: exit $st, expected $want"
        head -40 "$tmp/err"
        fails=$((fails + 1))
    fi
}

cd "$src" || exit 1
vg 0 check --as-of 2026-12-03 examples/fleet.json
vg 1 check --format json --as-of 2026-12-03 examples/mistakes.json
vg 0 plan --as-of 2026-12-03 examples/fleet.json
vg 0 plan --format json --as-of 2026-12-03 --locale de_DE -o "$tmp/plan.json" examples/fleet.json
vg 3 check --as-of 2026-12-03 tests/data/bad/duplicate-key.json
vg 3 check --as-of 2026-12-03 tests/data/bad/syntax-lone-surrogate.json
vg 3 check --as-of 2026-12-03 tests/data/bad/policy-unknown-key.json
vg 1 remind --as-of 2026-11-01 --state "$tmp/state" tests/remind/fleet.json
vg 0 remind --as-of 2026-11-01 --state "$tmp/state" tests/remind/fleet.json
vg 0 usage --as-of 2026-12-03 --records tests/data/usage/exact tests/data/usage/calendar.json
vg 2 frobnicate

[ $fails = 0 ] || { echo "$fails failed"; exit 1; }
echo "all passed"
