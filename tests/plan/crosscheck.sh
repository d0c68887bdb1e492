#!/bin/sh
# Runs the independent Python cross-check of plan and quote (rules.md sections 1-4
# and 8) on a few hundred random inventories with a fixed seed. Skipped (exit 77)
# without python3 or its zoneinfo module.
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
command -v python3 > /dev/null 2>&1 || { echo "python3 not found: skipped"; exit 77; }
python3 -c 'import zoneinfo; zoneinfo.ZoneInfo("Asia/Tokyo")' > /dev/null 2>&1 ||
    { echo "python3 zoneinfo or the system zone database missing: skipped"; exit 77; }
exec python3 "$srcdir/tests/plan/crosscheck.py" --count 300 --seed 20260101 \
    --prog "$(cd "$top_builddir" && pwd)/commitplan"
