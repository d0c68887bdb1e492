#!/bin/sh
# Runs the independent Python cross-check of remind (rules.md section 6) on a
# few hundred random inventories. Skipped (exit 77) without python3.
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
command -v python3 > /dev/null 2>&1 || { echo "python3 not found: skipped"; exit 77; }
exec python3 "$srcdir/tests/remind/crosscheck.py" "$(cd "$top_builddir" && pwd)/commitplan" 300
