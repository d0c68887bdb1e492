#!/bin/sh
# 30 runs started at once on one state file with the same date: each due key
# is reported exactly once in total, and the state ends up holding all of them.
. "${srcdir:-.}/tests/remind/common.sh"
state=$tmp/state
as_of=2026-12-01

remind --as-of $as_of --with-findings > "$tmp/expected" 2>/dev/null
keys "$tmp/expected" | sort > "$tmp/due"
[ -s "$tmp/due" ] || fail "nothing due on $as_of: the test would prove nothing"

i=0
pids=
while [ $i -lt 30 ]; do
    remind --as-of $as_of --with-findings --state "$state" > "$tmp/out.$i" 2> "$tmp/err.$i" &
    pids="$pids $!"
    i=$((i + 1))
done
i=0
for pid in $pids; do
    wait "$pid"
    st=$?
    [ $st -le 1 ] || fail "run $i: exit $st: $(cat "$tmp/err.$i")"
    i=$((i + 1))
done
keys "$tmp"/out.* | sort > "$tmp/reported"
cmp -s "$tmp/reported" "$tmp/due" || {
    fail "the keys reported by the 30 runs are not the due keys, each once"
    diff "$tmp/due" "$tmp/reported" | head -20
}
sed -n 's/^[RF] [0-9-]* //p' "$state" | sort > "$tmp/recorded"
cmp -s "$tmp/recorded" "$tmp/due" || fail "the state does not hold exactly the due keys"
finish
