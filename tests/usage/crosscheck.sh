#!/bin/sh
# Runs the independent Python cross-check of `usage --format json` (rules.md §7)
# on random fleets and records folders. Skipped (77) without python3.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
command -v python3 >/dev/null 2>&1 || { echo "python3 not found: skipped"; exit 77; }
[ -x "$top_builddir/commitplan" ] || { echo "$top_builddir/commitplan not built"; exit 1; }
exec python3 "$srcdir/tests/usage/crosscheck.py" "$top_builddir/commitplan" "${USAGE_ROUNDS:-150}"
