#!/bin/sh
# The benchmark, in one invocation: generates inventories of N and 2N plans
# (bench/gen-inventory.py, cached under $BENCH_DIR), builds the cJSON baseline
# (bench/baseline.c) with the default allocator, then runs the baseline and
# commitplan alternately RUNS times and prints the median wall time and peak
# memory of each command, and their ratios to the baseline.
#
#   bench/run.sh [-n N] [-r RUNS] [-p PATH-TO-commitplan]
#
# Defaults: N=100000, RUNS=5, ./commitplan (run it from a build folder).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
n=100000
runs=5
prog=./commitplan
while getopts n:r:p: opt; do
    case $opt in
    n) n=$OPTARG ;;
    r) runs=$OPTARG ;;
    p) prog=$OPTARG ;;
    *) echo "usage: $0 [-n N] [-r RUNS] [-p commitplan]" >&2; exit 2 ;;
    esac
done
prog=$(cd "$(dirname "$prog")" && pwd)/$(basename "$prog")
[ -x "$prog" ] || { echo "$0: $prog: not found; build first or pass -p" >&2; exit 2; }
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/commitplan-bench}
mkdir -p "$dir"

n2=$((n * 2))
for k in "$n" "$n2"; do
    [ -s "$dir/inv-$k.json" ] || python3 "$here/gen-inventory.py" "$k" -o "$dir/inv-$k.json"
done
cc=${CC:-cc}
# shellcheck disable=SC2046
$cc -O2 -o "$dir/baseline" "$here/baseline.c" $(pkg-config --cflags --libs libcjson)

exec python3 - "$dir" "$n" "$n2" "$runs" "$prog" <<'PY'
import os, statistics, subprocess, sys, time
d, n, n2, runs, prog = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
inv, inv2 = "%s/inv-%s.json" % (d, n), "%s/inv-%s.json" % (d, n2)
asof = ["--as-of", "2026-12-03"]
cmds = [
    ("baseline", [d + "/baseline", inv], (0,)),
    ("check", [prog, "check", "--quiet"] + asof + [inv], (0, 1)),
    ("plan --format json", [prog, "plan", "--format", "json"] + asof + [inv], (0, 1)),
    ("baseline 2N", [d + "/baseline", inv2], (0,)),
    ("check 2N", [prog, "check", "--quiet"] + asof + [inv2], (0, 1)),
    ("plan --format json 2N", [prog, "plan", "--format", "json"] + asof + [inv2], (0, 1)),
]
env = dict(os.environ, TZ="UTC", LC_ALL="C")

def run(argv, ok):
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        p = subprocess.Popen(argv, stdout=null, stderr=subprocess.PIPE, env=env)
        err = p.stderr.read()
        _, status, ru = os.wait4(p.pid, 0)
        t = time.perf_counter() - t0
    rc = os.waitstatus_to_exitcode(status)
    if rc not in ok:
        sys.exit("%s: exit %d\n%s" % (" ".join(argv), rc, err.decode(errors="replace")[:2000]))
    return t, ru.ru_maxrss  # kB on Linux

res = {name: ([], []) for name, _, _ in cmds}
for i in range(runs):
    for name, argv, ok in cmds:  # alternate: one run of each per round
        t, m = run(argv, ok)
        res[name][0].append(t)
        res[name][1].append(m)
med = {k: (statistics.median(v[0]), statistics.median(v[1])) for k, v in res.items()}
print("inventory: %s (%.1f MB), %s (%.1f MB); %d runs each, alternating; medians"
      % (inv, os.path.getsize(inv) / 1e6, inv2, os.path.getsize(inv2) / 1e6, runs))
print("%-24s %9s %10s %8s %8s" % ("command", "wall s", "peak MB", "time x", "mem x"))
for name, _, _ in cmds:
    base = med["baseline 2N" if name.endswith("2N") else "baseline"]
    t, m = med[name]
    print("%-24s %9.3f %10.1f %8.2f %8.2f" % (name, t, m / 1024, t / base[0], m / base[1]))
print("doubling: check %.2fx, plan --format json %.2fx, baseline %.2fx the time of N"
      % (med["check 2N"][0] / med["check"][0],
         med["plan --format json 2N"][0] / med["plan --format json"][0],
         med["baseline 2N"][0] / med["baseline"][0]))
PY
