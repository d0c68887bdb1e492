#!/bin/sh
# Runs each libFuzzer target built by `make fuzz` for SECONDS (default 60),
# starting from a seed corpus made of the examples and the test data (files
# up to 64 kB), with the JSON dictionary. Anything found (crash, leak,
# undefined behaviour, a run over 10 s, over 2 GB) fails and is left in OUT as
# crash-*, leak-*, timeout-* or oom-*: fix it and add a regression test.
#
#   run.sh SRCDIR OUT [SECONDS] [TARGET...]
set -eu
srcdir=$(cd "$1" && pwd) out=$(cd "$2" && pwd)
secs=${3:-60}
shift 2
[ $# -gt 0 ] && shift
targets=${*:-fuzz_policy fuzz_inventory fuzz_usage}

# seed FOLDER FILE...: copies the readable files up to 64 kB into FOLDER
seed() {
    dst=$1
    shift
    mkdir -p "$dst"
    for f in "$@"; do
        [ -f "$f" ] && [ "$(wc -c < "$f")" -le 65536 ] || continue
        cp "$f" "$dst/$(printf '%s' "$f" | cksum | cut -d' ' -f1).json"
    done
}
cd "$srcdir"
seed "$out/seed/fuzz_inventory" examples/*.json tests/data/inventory/*.json tests/data/plan/*.json \
    tests/data/bad/*.json $(find tests/data/usage tests/data/remind tests/cli -maxdepth 1 -name '*.json' 2>/dev/null)
seed "$out/seed/fuzz_policy" policies/default.json tests/data/policy/*.json
seed "$out/seed/fuzz_usage" $(find tests/data/usage -mindepth 2 -name '20*.json')

status=0
for t in $targets; do
    mkdir -p "$out/corpus/$t"
    echo "=== $t: ${secs}s"
    ( cd "$out" && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        TZ=UTC LC_ALL=C "./$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -dict="$srcdir/tests/fuzz/json.dict" \
        "corpus/$t" "seed/$t" ) > "$out/$t.log" 2>&1 || {
        status=1
        echo "FAIL $t (log: $out/$t.log)"
        grep -A40 'ERROR\|runtime error\|==ERROR' "$out/$t.log" | head -60
    }
    grep -E 'stat::number_of_executed_units|stat::peak_rss_mb' "$out/$t.log" || true
done
exit $status
