# Shared setup of the remind shell tests: the program, the fixture, a scratch
# folder removed on exit, and helpers. Sourced by each test.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
here=$(cd "$srcdir/tests/remind" && pwd)
fleet=$here/fleet.json
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpremind.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
export TZ=UTC LC_ALL=C NO_COLOR=1
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# The keys of JSON remind output (complete lines only), one a line.
keys() {
    sed -n 's/^ *"key": "\([^"]*\)",$/\1/p' "$@"
}

# remind with JSON output; extra arguments go before the inventory.
remind() {
    "$prog" remind --format json "$@" "$fleet"
}

finish() {
    if [ "$failures" -gt 0 ]; then
        echo "$failures failure(s)"
        exit 1
    fi
    echo "ok"
    exit 0
}
