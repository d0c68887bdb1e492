#!/bin/sh
# The benchmark, in one invocation: generates inventories of N and 2N plans
# (bench/gen-inventory.py, cached under $BENCH_DIR), builds the cJSON baseline
# (bench/baseline.c) with the default allocator, then runs the baseline and
# commitplan alternately RUNS times and prints the median wall time and peak
# memory of each command, and their ratios to the baseline. CPU time (user +
# system) is shown too: on a loaded machine it is steadier than wall time.
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
    return t, ru.ru_maxrss, ru.ru_utime + ru.ru_stime  # maxrss in kB on Linux

res = {name: ([], [], []) for name, _, _ in cmds}
for i in range(runs):
    for name, argv, ok in cmds:  # alternate: one run of each per round
        for k, v in enumerate(run(argv, ok)):
            res[name][k].append(v)
med = {k: tuple(statistics.median(x) for x in v) for k, v in res.items()}
print("inventory: %s (%.1f MB), %s (%.1f MB); %d runs each, alternating; medians"
      % (inv, os.path.getsize(inv) / 1e6, inv2, os.path.getsize(inv2) / 1e6, runs))
print("%-24s %8s %8s %9s %8s %8s %8s" % ("command", "wall s", "cpu s", "peak MB",
                                         "time x", "cpu x", "mem x"))
for name, _, _ in cmds:
    base = med["baseline 2N" if name.endswith("2N") else "baseline"]
    t, m, c = med[name]
    print("%-24s %8.3f %8.3f %9.1f %8.2f %8.2f %8.2f"
          % (name, t, c, m / 1024, t / base[0], c / base[2], m / base[1]))
for k, what in ((0, "wall"), (2, "cpu")):
    print("doubling (%s): check %.2fx, plan --format json %.2fx, baseline %.2fx the time of N"
          % (what, med["check 2N"][k] / med["check"][k],
             med["plan --format json 2N"][k] / med["plan --format json"][k],
             med["baseline 2N"][k] / med["baseline"][k]))
PY
