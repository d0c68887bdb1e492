#!/bin/sh
# Output files and the reminder state file on a full disk and in folders that
# cannot be written: every case must exit 4 with a message naming the file,
# keep the old file byte for byte, and leave no temporary file behind.
#   - `-o /dev/full` and stdout on /dev/full (any user);
#   - a file size limit (ulimit -f, SIGXFSZ ignored: write() fails with EFBIG
#     as on a full disk) for -o and for remind --state (any user);
#   - a folder without write permission (skipped as root, who may write it);
#   - as root where mount works: a full 64 kB tmpfs and a read-only tmpfs.
set -u
srcdir=${srcdir:-.}
top_builddir=${top_builddir:-.}
prog=$(cd "$top_builddir" && pwd)/commitplan
src=$(cd "$srcdir" && pwd)
inv=$src/examples/fleet.json
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cpout.XXXXXX") || exit 1
mnt=""
cleanup() {
    [ -n "$mnt" ] && umount "$mnt" 2>/dev/null
    chmod -R u+w "$tmp" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
export TZ=UTC LC_ALL=C
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

# expect4 NAME OLDFILE CMD...: runs CMD, wants exit 4, a message on stderr,
# nothing on stdout, OLDFILE unchanged and no temporary file beside it.
expect4() {
    name=$1 old=$2
    shift 2
    [ -n "$old" ] && cp "$old" "$tmp/before"
    "$@" > "$tmp/out" 2> "$tmp/err"
    st=$?
    bad=0
    [ "$st" = 4 ] || { fail "$name: exit $st, expected 4"; bad=1; }
    grep -q '^commitplan: ' "$tmp/err" || { fail "$name: no error message"; bad=1; }
    if [ -n "$old" ]; then
        grep -qF "commitplan: $old" "$tmp/err" || { fail "$name: no message naming $old"; bad=1; }
        cmp -s "$old" "$tmp/before" || { fail "$name: the old file changed"; bad=1; }
        # shellcheck disable=SC2012
        [ "$(ls -a "$(dirname "$old")" | grep -c '\.tmp')" = 0 ] \
            || { fail "$name: a temporary file was left: $(ls "$(dirname "$old")")"; bad=1; }
    fi
    [ $bad = 0 ] && ok "$name: exit 4, $(grep -F "${old:-/dev/full}" "$tmp/err" | head -1)"
}

# 1. /dev/full as -o, and as stdout
expect4 "check -o /dev/full" "" "$prog" check --as-of 2026-12-03 -o /dev/full "$inv"
expect4 "plan -o /dev/full" "" "$prog" plan --format json --as-of 2026-12-03 -o /dev/full "$inv"
"$prog" plan --as-of 2026-12-03 "$inv" > /dev/full 2> "$tmp/err"
st=$?
[ $st = 4 ] && grep -q 'standard output' "$tmp/err" && ok "plan > /dev/full: exit 4" \
    || fail "plan > /dev/full: exit $st, $(cat "$tmp/err")"

# 2. a file size limit of 1 block (512 bytes): writes past it fail with EFBIG
# like a full disk (stdout goes to /dev/null, the messages fit in the limit).
# The remind inventory has 20 plans, so that the state file outgrows the limit.
limited() { sh -c 'trap "" XFSZ; ulimit -f 1 && exec "$@" > /dev/null' sh "$@"; }
mkdir -p "$tmp/lim"
printf 'the old report\n' > "$tmp/lim/report.json"
expect4 "plan -o, file size limit" "$tmp/lim/report.json" \
    limited "$prog" plan --format json --as-of 2026-12-03 -o "$tmp/lim/report.json" "$inv"
rinv=$tmp/remind.json
python3 "$src/bench/gen-inventory.py" 20 -o "$rinv" || fail "cannot generate an inventory"
"$prog" remind --as-of 2026-11-01 --state "$tmp/lim/state" "$rinv" > /dev/null 2>&1
[ "$(wc -c < "$tmp/lim/state")" -gt 1024 ] || fail "remind --state: the state file is too small"
expect4 "remind --state, file size limit" "$tmp/lim/state" \
    limited "$prog" remind --as-of 2026-12-10 --state "$tmp/lim/state" "$rinv"

# 3. a folder without write permission
mkdir -p "$tmp/ro"
printf 'the old report\n' > "$tmp/ro/report.json"
cp "$tmp/lim/state" "$tmp/ro/state"
chmod a-w "$tmp/ro"
if touch "$tmp/ro/probe" 2>/dev/null; then
    rm -f "$tmp/ro/probe"
    echo "skip: unwritable folder (this user can write any folder)"
else
    expect4 "check -o, unwritable folder" "$tmp/ro/report.json" \
        "$prog" check --format json --as-of 2026-12-03 -o "$tmp/ro/report.json" "$inv"
    expect4 "remind --state, unwritable folder" "$tmp/ro/state" \
        "$prog" remind --as-of 2026-12-10 --state "$tmp/ro/state" "$rinv"
fi
chmod u+w "$tmp/ro"

# 4. as root: a real full file system, and a read-only one
mkdir -p "$tmp/mnt"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64k tmpfs "$tmp/mnt" 2>/dev/null; then
    mnt=$tmp/mnt
    printf 'the old report\n' > "$mnt/report.json"
    cp "$tmp/lim/state" "$mnt/state"
    dd if=/dev/zero of="$mnt/filler" bs=4k count=64 2>/dev/null
    expect4 "plan -o, full tmpfs" "$mnt/report.json" \
        "$prog" plan --format json --as-of 2026-12-03 -o "$mnt/report.json" "$inv"
    expect4 "remind --state, full tmpfs" "$mnt/state" \
        "$prog" remind --as-of 2026-12-10 --state "$mnt/state" "$rinv"
    rm -f "$mnt/filler"
    if mount -o remount,ro "$mnt" 2>/dev/null; then
        expect4 "check -o, read-only file system" "$mnt/report.json" \
            "$prog" check --format json --as-of 2026-12-03 -o "$mnt/report.json" "$inv"
        expect4 "remind --state, read-only file system" "$mnt/state" \
            "$prog" remind --as-of 2026-12-10 --state "$mnt/state" "$rinv"
    fi
else
    echo "skip: full and read-only tmpfs (needs root and mount)"
fi

[ $fails = 0 ] || { echo "$fails failed"; exit 1; }
echo "all passed"
