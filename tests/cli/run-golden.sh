#!/bin/sh
# CLI golden tests. Each folder tests/cli/cases/NAME holds:
#   args             the arguments, one per line (no shell quoting)
#   expected.out     the exact standard output
#   expected.status  the exit status
#   expected.err     (optional) the exact standard error
#   env              (optional) extra VAR=value lines, e.g. TZ=Asia/Tokyo
#   stdin            (optional) fed to standard input (else /dev/null)
# The program runs in the case folder with TZ=UTC LC_ALL=C NO_COLOR=1 unless env says otherwise.
# UPDATE_GOLDEN=1 rewrites the expected files from the current output (review the diff!).
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
cases=$(cd "$srcdir/tests/cli/cases" 2>/dev/null && pwd) || { echo "no cases"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpgolden.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
for dir in "$cases"/*/; do
    name=$(basename "$dir")
    [ -f "$dir/args" ] || continue
    set --
    while IFS= read -r line || [ -n "$line" ]; do
        line=$(printf '%s' "$line" | sed "s|@TMP@|$tmp|g")
        set -- "$@" "$line"
    done < "$dir/args"
    input=/dev/null
    [ -f "$dir/stdin" ] && input="$dir/stdin"
    envs="TZ=UTC LC_ALL=C NO_COLOR=1"
    [ -f "$dir/env" ] && envs="$envs $(tr '\n' ' ' < "$dir/env")"
    # shellcheck disable=SC2086
    (cd "$dir" && env $envs "$prog" "$@" < "$input" > "$tmp/out" 2> "$tmp/err")
    status=$?
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$tmp/out" "$dir/expected.out"
        echo "$status" > "$dir/expected.status"
        if [ -s "$tmp/err" ] || [ -f "$dir/expected.err" ]; then cp "$tmp/err" "$dir/expected.err"; fi
    fi
    ok=1
    want=$(cat "$dir/expected.status" 2>/dev/null || echo missing)
    if [ "$status" != "$want" ]; then
        echo "FAIL $name: exit status $status, expected $want"; ok=0
    fi
    if ! cmp -s "$tmp/out" "$dir/expected.out"; then
        echo "FAIL $name: stdout differs"; diff -u "$dir/expected.out" "$tmp/out" | head -40; ok=0
    fi
    if [ -f "$dir/expected.err" ] && ! cmp -s "$tmp/err" "$dir/expected.err"; then
        echo "FAIL $name: stderr differs"; diff -u "$dir/expected.err" "$tmp/err" | head -40; ok=0
    fi
    # same input, same bytes: a second run must match the first
    (cd "$dir" && env $envs "$prog" "$@" < "$input" > "$tmp/out2" 2>/dev/null)
    if ! cmp -s "$tmp/out" "$tmp/out2"; then
        echo "FAIL $name: output differs between two runs"; ok=0
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
