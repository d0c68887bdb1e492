#!/bin/sh
# The command-line contract of cli.md checked for every command at once:
# help and formats, exit statuses of usage errors, invalid input that writes
# nothing (not even to -o), outputs that cannot be written (exit 4, old file
# intact), standard input, the stderr line about error findings, colour only on
# a terminal without NO_COLOR and never in -o files, the same bytes whatever
# TZ and locale of the machine, and a 20,000-plan inventory in seconds.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
src=$(cd "$srcdir" && pwd)
ex=$src/examples
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpcontract.XXXXXX") || exit 1
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C NO_COLOR=1
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
asof="--as-of 2026-12-03"

# Each command with the options it needs, one a line: NAME|OPTIONS|FORMATS
commands="check||text json
plan||text json csv
quote|--plan stt-fleet --units 1|text json
remind||text json
report renewal||text json csv md html
report budget||text json csv md html
export procurement||md html csv json
calendar||ics
usage|--records $ex/records|text json csv"

# run NAME ARGS...: runs the program, sets $st, stdout in $tmp/out, stderr in $tmp/err
run() { "$prog" "$@" > "$tmp/out" 2> "$tmp/err"; st=$?; }

# 1. the program itself
run
[ $st = 2 ] || fail "commitplan alone: exit $st, expected 2"
run --version
[ $st = 0 ] && grep -q '^commitplan [0-9]' "$tmp/out" || fail "--version: exit $st"
for args in "--help" "help" "--version" "help plan" "plan --help" "help report renewal"; do
    # shellcheck disable=SC2086
    "$prog" $args > /dev/full 2> "$tmp/err"
    st=$?
    [ $st = 4 ] && grep -q '^commitplan: standard output: cannot write' "$tmp/err" \
        || fail "$args > /dev/full: exit $st, $(cat "$tmp/err")"
done
run report
[ $st = 2 ] || fail "report alone: exit $st"
run help report
[ $st = 2 ] || fail "help report: exit $st"

while IFS='|' read -r name opts formats <&3; do
    # shellcheck disable=SC2086
    set -- $name
    # 2. help COMMAND and COMMAND --help: exit 0, the same text, every format listed
    run help "$@"
    [ $st = 0 ] || fail "help $name: exit $st"
    cp "$tmp/out" "$tmp/help1"
    run "$@" --help
    [ $st = 0 ] || fail "$name --help: exit $st"
    cmp -s "$tmp/out" "$tmp/help1" || fail "$name: help COMMAND and COMMAND --help differ"
    fl=$(grep '^Formats: ' "$tmp/help1" | sed 's/^Formats: //; s/ (default.*//')
    [ "$fl" = "$formats" ] || fail "$name --help lists formats '$fl', expected '$formats'"

    # 3. usage errors: exit 2, nothing on stdout, a message on stderr
    for bad in "--bogus" "--as-of 2026-13-01" "--horizon 0" "--horizon 3661" "--locale xx_YY" \
        "--format xml" "--units 0" "--year 1969" "--as-of"; do
        # shellcheck disable=SC2086
        run "$@" $opts $bad "$ex/fleet.json"
        [ $st = 2 ] && [ ! -s "$tmp/out" ] && grep -q '^commitplan: ' "$tmp/err" \
            || fail "$name $bad: exit $st, expected 2"
    done

    # 4. invalid input: exit 3, nothing on stdout, the old -o file untouched
    printf 'the old output\n' > "$tmp/old.txt"
    printf '{"plans": [\n' > "$tmp/bad.json"
    # shellcheck disable=SC2086
    run "$@" $opts $asof -o "$tmp/old.txt" "$tmp/bad.json"
    [ $st = 3 ] && [ ! -s "$tmp/out" ] || fail "$name on invalid input: exit $st, expected 3"
    [ "$(cat "$tmp/old.txt")" = "the old output" ] || fail "$name on invalid input: -o file changed"
    # shellcheck disable=SC2086
    run "$@" $opts $asof - < "$tmp/bad.json"
    [ $st = 3 ] && grep -q '^commitplan: <stdin>:2:1: ' "$tmp/err" \
        || fail "$name - on invalid input: exit $st, $(head -1 "$tmp/err")"
    # shellcheck disable=SC2086
    run "$@" $opts $asof - < "$tmp"
    [ $st = 3 ] && grep -q '^commitplan: <stdin>: ' "$tmp/err" \
        || fail "$name - from a folder: exit $st, $(head -1 "$tmp/err")"

    # 5. outputs that cannot be written: exit 4, nothing left behind
    mkdir -p "$tmp/dir"
    for out in /dev/full "$tmp/dir" "$tmp/missing/x.txt"; do
        # shellcheck disable=SC2086
        run "$@" $opts $asof -o "$out" "$ex/fleet.json"
        [ $st = 4 ] && grep -qF "commitplan: $out" "$tmp/err" || fail "$name -o $out: exit $st"
    done
    # shellcheck disable=SC2012
    [ "$(ls -a "$tmp" | grep -c '\.tmp-')" = 0 ] || fail "$name: a temporary file was left"

    # 6. standard input gives what the file gives (check names the input "<stdin>")
    # shellcheck disable=SC2086
    (cd "$ex" && "$prog" "$@" $opts $asof fleet.json > "$tmp/file.out" 2>&1)
    # shellcheck disable=SC2086
    (cd "$ex" && "$prog" "$@" $opts $asof - < fleet.json 2>&1 | sed 's/^<stdin>:/fleet.json:/' \
        > "$tmp/stdin.out")
    cmp -s "$tmp/file.out" "$tmp/stdin.out" || fail "$name: standard input gives other output"

    # 7. the error-findings line on stderr, for every command but check
    # shellcheck disable=SC2086
    run "$@" $opts $asof "$ex/mistakes.json"
    if [ "$name" = check ]; then
        [ ! -s "$tmp/err" ] || fail "check: wrote to stderr: $(cat "$tmp/err")"
    else
        grep -qx 'commitplan: 11 errors in the inventory; run "commitplan check"' "$tmp/err" \
            || fail "$name: no error-findings line on stderr"
    fi

    # 8. every format: the same bytes whatever the machine's TZ and locale, no colour in -o
    loc=$(locale -a 2>/dev/null | grep -i -m1 '^de_DE\.utf' || echo C.UTF-8)
    for f in $formats; do
        # shellcheck disable=SC2086
        "$prog" "$@" $opts $asof --format "$f" "$ex/fleet.json" > "$tmp/a" 2>&1
        # shellcheck disable=SC2086
        env TZ=Pacific/Kiritimati LC_ALL="$loc" LANG="$loc" \
            "$prog" "$@" $opts $asof --format "$f" "$ex/fleet.json" > "$tmp/b" 2>&1
        cmp -s "$tmp/a" "$tmp/b" || fail "$name --format $f depends on TZ or the locale"
        # shellcheck disable=SC2086
        env -u NO_COLOR "$prog" "$@" $opts $asof --format "$f" -o "$tmp/c" "$ex/mistakes.json" \
            2>/dev/null
        if grep -q "$(printf '\033')" "$tmp/c"; then fail "$name --format $f: colour in -o"; fi
    done
done 3<<EOF
$commands
EOF

# 9. colour: on a terminal without NO_COLOR only (needs script(1))
if command -v script > /dev/null 2>&1 && script -qc true /dev/null > /dev/null 2>&1; then
    esc=$(printf '\033')
    cmd="$prog check $asof $ex/mistakes.json"
    env -u NO_COLOR script -qc "$cmd" /dev/null > "$tmp/tty" 2>&1
    grep -q "$esc" "$tmp/tty" || fail "check on a terminal: no colour"
    env NO_COLOR=1 script -qc "$cmd" /dev/null > "$tmp/tty" 2>&1
    if grep -q "$esc" "$tmp/tty"; then fail "check on a terminal with NO_COLOR: colour"; fi
    env NO_COLOR= script -qc "$cmd" /dev/null > "$tmp/tty" 2>&1
    if grep -q "$esc" "$tmp/tty"; then fail "check on a terminal with NO_COLOR set but empty: colour"; fi
    env -u NO_COLOR "$prog" check $asof "$ex/mistakes.json" > "$tmp/pipe" 2>&1
    if grep -q "$esc" "$tmp/pipe"; then fail "check into a pipe: colour"; fi
else
    echo "skip: colour on a terminal (no script(1))"
fi

# 10. -q with nothing to act on: nothing on stdout, and -o leaves an empty file
for args in "check" "plan --horizon 1" "remind --state $tmp/state"; do
    # shellcheck disable=SC2086
    "$prog" $args $asof "$ex/fleet.json" > /dev/null 2>&1 # the state file now holds what is due
    printf 'the old output\n' > "$tmp/quiet.txt"
    # shellcheck disable=SC2086
    run $args $asof -q -o "$tmp/quiet.txt" "$ex/fleet.json"
    [ $st = 0 ] && [ ! -s "$tmp/out" ] && [ -f "$tmp/quiet.txt" ] && [ ! -s "$tmp/quiet.txt" ] \
        || fail "$args -q -o: exit $st, $(wc -c < "$tmp/quiet.txt") bytes in the file"
done

# 11. an output that would replace an input is a usage error, and the input stays
cp "$ex/fleet.json" "$tmp/inv.json"
ln -s "$tmp/inv.json" "$tmp/link.json"
printf '{}\n' > "$tmp/policy.json"
for args in "plan -o $tmp/inv.json" "plan -o $tmp/link.json" "remind --state $tmp/inv.json" \
    "plan --policy $tmp/policy.json -o $tmp/policy.json" "remind --state $tmp/s -o $tmp/s"; do
    # shellcheck disable=SC2086
    run $args $asof "$tmp/inv.json"
    [ $st = 2 ] && [ ! -s "$tmp/out" ] || fail "$args: exit $st, expected 2"
    cmp -s "$tmp/inv.json" "$ex/fleet.json" || fail "$args: the inventory changed"
    [ "$(cat "$tmp/policy.json")" = "{}" ] || fail "$args: the policy changed"
    [ ! -e "$tmp/s" ] || fail "$args: wrote $tmp/s"
done

# 12. a 20,000-plan inventory: plan --format json in seconds
if python3 "$src/bench/gen-inventory.py" 20000 -o "$tmp/big.json" 2>/dev/null; then
    start=$(date +%s)
    "$prog" plan --format json $asof "$tmp/big.json" > "$tmp/big.out" 2>&1
    st=$?
    secs=$(($(date +%s) - start))
    [ $st = 0 ] || fail "plan on 20,000 plans: exit $st"
    [ "$secs" -le 20 ] || fail "plan on 20,000 plans took $secs s"
    rm -f "$tmp/big.json" "$tmp/big.out"
else
    echo "skip: 20,000 plans (no python3)"
fi

[ $fails = 0 ] && echo "contract: all passed"
exit $((fails > 0))
