#!/bin/sh
# Runs killed with SIGKILL at random moments: the state stays readable, and no
# due reminder is lost (every key due on a date has been reported by the end
# of that date's runs). A clean sequence reports every key exactly once.
. "${srcdir:-.}/tests/remind/common.sh"

# A fleet large enough that a run takes a few milliseconds: 300 plans with a
# container each, terms ending over the next years.
big=$tmp/big.json
{
    printf '{"inventory": 1, "currency": "USD", "subscriptions": [{"id": "s", "access": '
    printf '{"status": "approved", "requested_on": "2025-01-02", "decided_on": "2025-01-09"}}],\n'
    printf '"plans": [\n'
    i=0
    while [ $i -lt 300 ]; do
        [ $i -gt 0 ] && printf ',\n'
        year=$((2026 + i % 3))
        renew=true
        [ $((i % 4)) = 0 ] && renew=false
        printf '{"id": "p%d", "subscription": "s", "service": "translator", "term_start": "%d-01-01", ' $i $year
        printf '"units": %d, "unit_price": "1000.00", "auto_renew": %s}' $((1 + i % 5)) $renew
        i=$((i + 1))
    done
    printf '],\n"containers": [\n'
    i=0
    while [ $i -lt 300 ]; do
        [ $i -gt 0 ] && printf ',\n'
        printf '{"id": "c%d", "plan": "p%d", "image": "mcr.microsoft.com/azure-cognitive-services/translator/text-translation", ' $i $i
        printf '"version": "1.0", "platform": "docker", "mounts": {"license": "/l", "output": "/o"}, '
        printf '"license": {"downloaded_on": "2026-01-02", "image_version": "1.0", "expires_on": "2027-%02d-%02d"}, ' $((1 + i % 12)) $((1 + i % 28))
        printf '"upgrades": [{"version": "2.%d", "on": "2027-%02d-15"}]}' $i $((1 + (i * 7) % 12))
        i=$((i + 1))
    done
    printf ']}\n'
} > "$big"
"$prog" check --as-of 2026-10-01 "$big" > /dev/null 2>&1
[ $? -le 1 ] || { fail "the generated inventory is not valid"; finish; }

# random number 0..n-1
rnd() {
    od -An -N2 -tu2 /dev/urandom | awk -v n="$1" '{ print $1 % n }'
}

# day i of the sequence: 2026-10-01 plus 9*i days
day_of() {
    date -u -d "2026-10-01 + $((9 * $1)) days" +%Y-%m-%d
}

# runs the sequence of 25 dates; $1 = kill or clean; keys reported go to $tmp/$1.reported
sequence() {
    mode=$1
    state=$tmp/$mode.state
    : > "$tmp/$mode.reported"
    n=0
    while [ $n -lt 25 ]; do
        d=$(day_of $n)
        "$prog" remind --format json --as-of "$d" "$big" 2>/dev/null | keys | sort > "$tmp/due"
        if [ "$mode" = kill ]; then
            "$prog" remind --format json --as-of "$d" --state "$state" "$big" \
                > "$tmp/killed.$n" 2>/dev/null &
            pid=$!
            sleep "0.0$(rnd 3)$(rnd 10)"
            kill -9 $pid 2>/dev/null
            wait $pid 2>/dev/null
            keys "$tmp/killed.$n" >> "$tmp/$mode.reported"
        fi
        "$prog" remind --format json --as-of "$d" --state "$state" "$big" > "$tmp/run.$n" 2> "$tmp/err"
        st=$?
        [ $st -le 1 ] || fail "$mode: run on $d after the previous one: exit $st: $(cat "$tmp/err")"
        keys "$tmp/run.$n" >> "$tmp/$mode.reported"
        sort -u "$tmp/$mode.reported" > "$tmp/so-far"
        lost=$(comm -23 "$tmp/due" "$tmp/so-far" | head -3)
        [ -z "$lost" ] || fail "$mode: due on $d and never reported: $lost"
        n=$((n + 1))
    done
}

sequence kill
sequence clean
dups=$(sort "$tmp/clean.reported" | uniq -d | head -3)
[ -z "$dups" ] || fail "clean sequence: reported more than once: $dups"
[ -s "$tmp/clean.reported" ] || fail "clean sequence: nothing reported"
finish
