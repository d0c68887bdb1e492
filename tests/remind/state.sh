#!/bin/sh
# remind --state: sent once, newer lead times only, pruning, findings,
# corrupt state, and failed output leaving nothing recorded.
. "${srcdir:-.}/tests/remind/common.sh"
state=$tmp/state

# 1. the first run reports, the second run with the same date reports nothing
remind --as-of 2026-11-01 --state "$state" > "$tmp/r1" 2>/dev/null
st=$?
[ $st = 1 ] || fail "first run: exit $st, expected 1"
keys "$tmp/r1" > "$tmp/k1"
[ -s "$tmp/k1" ] || fail "first run reported nothing"
remind --as-of 2026-11-01 > "$tmp/r1s" 2>/dev/null
keys "$tmp/r1s" | cmp -s - "$tmp/k1" || fail "first run differs from a run without state"
remind --as-of 2026-11-01 --state "$state" > "$tmp/r2" 2>/dev/null
st=$?
[ $st = 0 ] || fail "second run: exit $st, expected 0"
[ -z "$(keys "$tmp/r2")" ] || fail "second run reported again: $(keys "$tmp/r2")"
grep -q '"reminders": \[\]' "$tmp/r2" || fail "second run: no empty reminders array"

# 2. a later date reports only the newer lead times, never a key already sent
remind --as-of 2026-12-10 > "$tmp/r3s" 2>/dev/null
keys "$tmp/r3s" | sort > "$tmp/due3"
remind --as-of 2026-12-10 --state "$state" > "$tmp/r3" 2>/dev/null
keys "$tmp/r3" | sort > "$tmp/k3"
sort "$tmp/k1" > "$tmp/k1s"
comm -23 "$tmp/due3" "$tmp/k1s" | cmp -s - "$tmp/k3" \
    || fail "later date: expected the due keys not yet sent"
[ -z "$(comm -12 "$tmp/k3" "$tmp/k1s")" ] || fail "later date resent a key"
grep -q 'renewal-decision:stt:2026-12-23:14' "$tmp/k3" || fail "later date: no 14-day reminder"

# 3. -q with nothing new: no output at all, exit 0
out=$("$prog" remind -q --as-of 2026-12-10 --state "$state" "$fleet" 2>/dev/null)
st=$?
[ $st = 0 ] && [ -z "$out" ] || fail "quiet second run: exit $st, output '$out'"

# 4. keys whose anchor date has passed are pruned
remind --as-of 2027-01-10 --state "$state" > /dev/null 2>&1
grep -q ':2026-12-23:' "$state" && fail "passed anchor dates were not pruned"
head -n 1 "$state" | grep -q '^commitplan-remind-state 1$' || fail "state header missing"

# 5. a corrupt state file: exit 4, the message names it, nothing printed, file untouched
printf 'commitplan-remind-state 1\nR 2026-12-23 a:b:2026-12-23:1\n' > "$tmp/bad"
cp "$tmp/bad" "$tmp/bad.orig"
remind --as-of 2026-11-01 --state "$tmp/bad" > "$tmp/out5" 2> "$tmp/err5"
st=$?
[ $st = 4 ] || fail "corrupt state: exit $st, expected 4"
grep -q "$tmp/bad" "$tmp/err5" || fail "corrupt state: the message does not name the file"
[ -s "$tmp/out5" ] && fail "corrupt state: something was printed"
cmp -s "$tmp/bad" "$tmp/bad.orig" || fail "corrupt state: the file was changed"
printf 'not a state\n' > "$tmp/bad2"
remind --as-of 2026-11-01 --state "$tmp/bad2" > /dev/null 2>&1
[ $? = 4 ] || fail "a file that is no state file: exit 4 expected"

# 6. an unwritable -o or a failing stdout: exit 4 and nothing recorded
cp "$state" "$tmp/state.before"
remind --as-of 2027-01-20 --state "$state" -o "$tmp/no/such/dir/out.json" > /dev/null 2>&1
st=$?
[ $st = 4 ] || fail "unwritable -o: exit $st, expected 4"
cmp -s "$state" "$tmp/state.before" || fail "unwritable -o: the state changed"
remind --as-of 2027-01-20 --state "$state" > /dev/full 2>/dev/null
st=$?
[ $st = 4 ] || fail "stdout to /dev/full: exit $st, expected 4"
cmp -s "$state" "$tmp/state.before" || fail "stdout to /dev/full: the state changed"
remind --as-of 2027-01-20 --state "$state" -o "$tmp/out6.json" > /dev/null 2>&1
[ $? = 1 ] || fail "-o: expected exit 1"
keys "$tmp/out6.json" | grep -q 'license-expiry:ship-stt:2027-01-31:14' \
    || fail "-o: the reminder held back by the failures was not reported"
remind --as-of 2027-01-20 --state "$state" > "$tmp/r6" 2>/dev/null
[ -z "$(keys "$tmp/r6")" ] || fail "-o: keys were not recorded after the rename"

# 7. a state file in a missing folder: exit 4 before anything is printed
remind --as-of 2026-11-01 --state "$tmp/missing/state" > "$tmp/out7" 2>/dev/null
[ $? = 4 ] || fail "state in a missing folder: exit 4 expected"
[ -s "$tmp/out7" ] && fail "state in a missing folder: something was printed"

# 8. --with-findings: reported once, kept while the finding lasts, pruned when it is gone
fs=$tmp/fstate
remind --with-findings --as-of 2026-12-01 --state "$fs" > "$tmp/f1" 2>/dev/null
keys "$tmp/f1" | grep -q '^finding:license-missing:hq-tr$' || fail "findings: not reported"
grep -q '"anchor": "finding"' "$tmp/f1" || fail "findings: anchor is not \"finding\""
remind --with-findings --as-of 2026-12-02 --state "$fs" > "$tmp/f2" 2>/dev/null
keys "$tmp/f2" | grep -q '^finding:' && fail "findings: reported again the next day"
grep -q '^F .* finding:license-missing:hq-tr$' "$fs" || fail "findings: key not kept"
sed 's|"version": "1.0.0", "platform": "docker",$|&  "license": {"downloaded_on": "2026-03-20", "image_version": "1.0.0"},|' \
    "$fleet" > "$tmp/fixed.json"
"$prog" remind --with-findings --format json --as-of 2026-12-03 --state "$fs" "$tmp/fixed.json" \
    > /dev/null 2>&1
st=$?
[ $st -le 1 ] || fail "findings: the fixed inventory gave exit $st"
grep -q 'finding:license-missing:hq-tr' "$fs" && fail "findings: key kept after the fix"

finish
