#!/bin/sh
# Every JSON output of report renewal (also with --records), report budget
# and export procurement, on several inventories, must validate against its
# schema in docs/schema/ (tests/tools/schemacheck.py) and have totals that
# equal the sum of their lines (tests/reports/totals.py, exact decimals).
# Both checkers must refuse a document with a wrong total or a missing key,
# and the renewal schema a usage fit it does not know.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
src=$(cd "$srcdir" && pwd)
command -v python3 > /dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
. "$src/tests/reports/lib.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpjson.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
reports_generate "$tmp" json
[ "$reports_failed" = 0 ] || fail=1
# report renewal --records: with usage objects, fits of every kind and a plan without a quota
records_run() {
    name=$1
    shift
    TZ=UTC LC_ALL=C "$prog" report renewal --format json --as-of 2026-12-03 "$@" \
        > "$tmp/$name.json" || { echo "FAIL $name: exit status $?"; fail=1; }
}
records_run renewal-records-fleet --records "$src/examples/records" "$src/examples/fleet.json"
records_run renewal-records-flags --records "$src/tests/data/reports/records/records" \
    "$src/tests/data/reports/records/inventory.json"
n=0
for f in "$tmp"/*.json; do
    n=$((n + 1))
    case $(basename "$f") in
        renewal-*) schema=report-renewal ;;
        budget-*) schema=report-budget ;;
        procurement-*) schema=export-procurement ;;
    esac
    python3 "$src/tests/tools/schemacheck.py" "$src/docs/schema/$schema.schema.json" "$f" ||
        { echo "FAIL $(basename "$f"): not valid against $schema.schema.json"; fail=1; }
    python3 "$src/tests/reports/totals.py" "$f" ||
        { echo "FAIL $(basename "$f"): totals"; fail=1; }
done
[ "$n" -ge 10 ] || { echo "FAIL: only $n JSON outputs"; fail=1; }
# the checks can fail: a changed total, a missing key
python3 - "$tmp/budget-fleet.json" "$tmp/bad-total.json" "$tmp/bad-key.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
doc["years"][0]["cost_centers"][0]["committed"] = "1.00"
json.dump(doc, open(sys.argv[2], "w"))
doc = json.load(open(sys.argv[1], encoding="utf-8"))
del doc["years"][0]["total"]
json.dump(doc, open(sys.argv[3], "w"))
PY
python3 "$src/tests/reports/totals.py" "$tmp/bad-total.json" 2> /dev/null &&
    { echo "FAIL: totals.py accepted a wrong total"; fail=1; }
python3 "$src/tests/tools/schemacheck.py" "$src/docs/schema/report-budget.schema.json" \
    "$tmp/bad-key.json" 2> /dev/null &&
    { echo "FAIL: the budget schema accepted a year without its total"; fail=1; }
python3 - "$tmp/renewal-records-flags.json" "$tmp/bad-fit.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
fits = [p["usage"]["fit"] for p in doc["plans"] if p["usage"]]
assert sorted(f or "" for f in fits) == ["", "above-twice-projection", "below-projection", "ok"], fits
doc["plans"][0]["usage"]["fit"] = "too-many"
json.dump(doc, open(sys.argv[2], "w"))
PY
[ $? = 0 ] || { echo "FAIL: renewal-records-flags lacks a fit of some kind"; fail=1; }
python3 "$src/tests/tools/schemacheck.py" "$src/docs/schema/report-renewal.schema.json" \
    "$tmp/bad-fit.json" 2> /dev/null &&
    { echo "FAIL: the renewal schema accepted an unknown usage fit"; fail=1; }
[ "$fail" = 0 ] && echo "ok: $n JSON outputs match their schemas and totals"
exit "$fail"
