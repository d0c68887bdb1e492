#!/usr/bin/env python3
"""Independent cross-check of `commitplan usage --format json` (rules.md §7).

Generates random fleets (calendar-year and anniversary terms, purchases,
fractional and exponent quotas, plans without a quota) and records folders
(months inside and outside the term, straddling months, unknown containers,
unknown meters, billedUnit differing from quantity, badly named files), runs
the program, and recomputes every figure with fractions.Fraction: licensed,
used, covered_days, projected, utilization, exhaustion_date,
recommended_units, and the skipped files and meters in their order.

usage: crosscheck.py PROGRAM [ROUNDS] [SEED]
"""
import datetime as dt
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction

METER_POOL = ["Speech.Hours", "Speech.Batch.Hours", "TTS.Characters", "Read.Pages"]
OTHER_METERS = ["Other.Units", "Custom.Hours", "Aaa.First"]


def add_years(d, k):
    try:
        return d.replace(year=d.year + k)
    except ValueError:  # February 29th in a year without one
        return d.replace(year=d.year + k, day=28)


def month_end(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def half_up(x, digits):
    scaled = x * 10 ** digits
    n = math.floor(scaled)
    if scaled - n >= Fraction(1, 2):
        n += 1
    return Fraction(n, 10 ** digits)


def ceil(x):
    return -((-x.numerator) // x.denominator)


def number_text(rng, value):
    """A JSON literal of the exact decimal `value` (a Fraction with a power-of-ten denominator)."""
    if value == 0:
        return rng.choice(["0", "0.0", "0e3"])
    s = decimal_text(value)
    if rng.random() < 0.2 and "." not in s and s.endswith("000"):
        k = len(s) - len(s.rstrip("0"))
        mant = s.rstrip("0")
        return f"{mant}e{k}" if rng.random() < 0.5 else f"{mant}.0E+{k}"
    if rng.random() < 0.15 and "." in s:
        whole, frac = s.split(".")
        digits = (whole + frac).lstrip("0") or "0"
        return f"{digits}e-{len(frac)}"
    return s


def decimal_text(value):
    den = value.denominator
    scale = 0
    while 10 ** scale % den:
        scale += 1
    n = value.numerator * (10 ** scale // den)
    if scale == 0:
        return str(n)
    s = str(n).rjust(scale + 1, "0")
    out = s[:-scale] + "." + s[-scale:]
    return out.rstrip("0").rstrip(".")


def random_quantity(rng):
    kind = rng.random()
    if kind < 0.1:
        return Fraction(0)
    if kind < 0.4:
        return Fraction(rng.randint(1, 10 ** rng.randint(1, 10)))
    if kind < 0.8:
        places = rng.randint(1, 6)
        return Fraction(rng.randint(1, 10 ** rng.randint(1, 12)), 10 ** places)
    return Fraction(rng.randint(1, 999), 1) * 10 ** rng.randint(3, 9)


def make_case(rng, root):
    anniversary = rng.random() < 0.5
    headroom = rng.choice([0, 10, 10, 25, 100, 1000])
    plans, containers = [], []
    n_plans = rng.randint(1, 5)
    for i in range(n_plans):
        if anniversary:
            start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 500))
            if rng.random() < 0.1:
                start = dt.date(2028, 2, 29)
            last = add_years(start, 1) - dt.timedelta(days=1)
        else:
            start = dt.date(rng.randint(2025, 2026), 1, 1)
            last = dt.date(start.year, 12, 31)
        units = rng.randint(1, 5)
        purchases = []
        for _ in range(rng.randint(0, 2)):
            d = start + dt.timedelta(days=rng.randint(0, (last - start).days))
            purchases.append({"date": d.isoformat(), "units": rng.randint(1, 3)})
        plan = {"id": f"plan-{i}", "subscription": "sub", "service": "speech-to-text",
                "term_start": start.isoformat(), "units": units, "unit_price": "1000.00",
                "auto_renew": True}
        if purchases:
            plan["purchases"] = purchases
        quota = None
        if rng.random() < 0.8:
            qv = rng.choice([Fraction(10000), Fraction(80000000), Fraction(5, 2),
                             Fraction(rng.randint(1, 10 ** 6)),
                             Fraction(rng.randint(1, 10 ** 6), 1000)])
            meters = rng.sample(METER_POOL, rng.randint(1, 2))
            quota = (qv, meters)
            plan["quota_per_unit"] = {"quantity": "@Q@", "unit": "units", "meters": meters}
        plans.append((plan, start, last, units + sum(p["units"] for p in purchases), quota))
        for k in range(rng.randint(0, 3)):
            containers.append({"id": f"c{i}-{k}", "plan": plan["id"],
                               "image": "mcr.microsoft.com/azure-cognitive-services/"
                                        "speechservices/speech-to-text",
                               "version": "1.0", "platform": "docker",
                               "mounts": {"license": "/l", "output": "/o"},
                               "license": {"downloaded_on": "2020-01-02", "image_version": "1.0"}})
    base = min(p[1] for p in plans)
    as_of = rng.choice(plans)[1] + dt.timedelta(days=rng.randint(-20, 500))
    policy = {"headroom_percent": headroom}
    if anniversary:
        policy["term_basis"] = "anniversary"
    inv = {"inventory": 1, "currency": "USD", "policy": policy,
           "subscriptions": [{"id": "sub", "access": {"status": "approved",
                                                       "requested_on": "2020-01-01"}}],
           "plans": [p[0] for p in plans], "containers": containers}
    text = json.dumps(inv, indent=1)
    for plan, _, _, _, quota in plans:
        if quota:
            text = text.replace('"@Q@"', number_text(rng, quota[0]), 1)
    with open(os.path.join(root, "inventory.json"), "w") as f:
        f.write(text)

    # records
    rec = os.path.join(root, "records")
    os.mkdir(rec)
    by_id = {p[0]["id"]: p for p in plans}
    folders = [(c["id"], by_id[c["plan"]]) for c in containers]
    folders += [(f"ghost-{j}", None) for j in range(rng.randint(0, 2))]
    files = []  # (relative path, container plan tuple or None, year, month, meters)
    for cid, plan in folders:
        os.mkdir(os.path.join(rec, cid))
        start = plan[1] if plan else base
        y, m = start.year, start.month
        m -= rng.randint(0, 3)
        while m < 1:
            y, m = y - 1, m + 12
        for _ in range(rng.randint(0, 16)):
            if rng.random() < 0.85:
                meters = []
                for _ in range(rng.randint(0, 3)):
                    pool = (plan[4][1] if plan and plan[4] else METER_POOL)
                    name = rng.choice(pool) if rng.random() < 0.75 else rng.choice(OTHER_METERS)
                    q = random_quantity(rng)
                    b = random_quantity(rng) if rng.random() < 0.35 else None
                    meters.append((name, q, b))
                files.append((f"{cid}/{y:04d}-{m:02d}.json", plan, y, m, meters))
                parts = []
                for name, q, b in meters:
                    s = f'{{"name": "{name}", "quantity": {number_text(rng, q)}'
                    if b is not None:
                        s += f', "billedUnit": {number_text(rng, b)}'
                    parts.append(s + "}")
                body = ('{"apiType": "speech", "serviceName": "SpeechServices", '
                        f'"meters": [{", ".join(parts)}]}}\n')
                with open(os.path.join(rec, cid, f"{y:04d}-{m:02d}.json"), "w") as f:
                    f.write(body)
            m += rng.randint(1, 2)
            while m > 12:
                y, m = y + 1, m - 12
        if rng.random() < 0.2:
            with open(os.path.join(rec, cid, "notes.txt"), "w") as f:
                f.write("not a report\n")
    if rng.random() < 0.3:
        with open(os.path.join(rec, "README"), "w") as f:
            f.write("usage reports\n")
    return plans, as_of, headroom, files


def expected(plans, as_of, headroom, files, root):
    rec = os.path.join(root, "records")
    want_plans = []
    used = {p[0]["id"]: Fraction(0) for p in plans}
    latest = {p[0]["id"]: None for p in plans}
    skipped = []
    for path, plan, y, m, meters in files:
        shown = "records/" + path
        if plan is None:
            skipped.append((shown, None))
            continue
        pid = plan[0]["id"]
        if not plan[4]:
            skipped.append((shown, None))
            continue
        first, end = dt.date(y, m, 1), month_end(y, m)
        if end < plan[1] or first > plan[2]:
            skipped.append((shown, None))
            continue
        if latest[pid] is None or end > latest[pid]:
            latest[pid] = end
        for name, q, b in meters:
            if name in plan[4][1]:
                used[pid] += b if b is not None else q
            else:
                skipped.append((shown, name))
    for entry in os.listdir(rec):
        full = os.path.join(rec, entry)
        if not os.path.isdir(full):
            skipped.append(("records/" + entry, None))
        elif os.path.exists(os.path.join(full, "notes.txt")):
            skipped.append((f"records/{entry}/notes.txt", None))
    # by file (bytewise), whole-file entries before the meters of the same file
    skipped.sort(key=lambda s: (s[0].encode(), s[1] is not None, (s[1] or "").encode()))
    for plan, start, last, units, quota in plans:
        if not quota:
            continue
        pid = plan["id"]
        q = quota[0]
        licensed = q * units
        u = used[pid]
        term_days = (last - start).days + 1
        covered = 0
        if latest[pid] is not None:
            e = min(latest[pid], as_of, last)
            covered = max(0, (e - start).days + 1)
        projected = u * term_days / covered if covered else u
        util = u / licensed
        exhaustion = None
        if u > 0 and covered > 0:
            x = licensed * covered / u
            if x <= term_days:
                exhaustion = (start + dt.timedelta(days=ceil(x) - 1)).isoformat()
        rec_units = max(1, ceil(projected * (100 + headroom) / 100 / q))
        want_plans.append({"id": pid, "licensed": licensed, "used": u, "covered_days": covered,
                           "projected": half_up(projected, 2), "utilization": half_up(util, 4),
                           "exhaustion_date": exhaustion, "recommended_units": rec_units})
    return want_plans, skipped


def check(program, rng, n):
    root = tempfile.mkdtemp(prefix="usage-cross.")
    try:
        plans, as_of, headroom, files = make_case(rng, root)
        want_plans, want_skipped = expected(plans, as_of, headroom, files, root)
        run = subprocess.run([program, "usage", "--records", "records", "--format", "json",
                              "--as-of", as_of.isoformat(), "inventory.json"], cwd=root,
                             capture_output=True, text=True)
        if run.returncode != 0:
            return f"case {n}: exit {run.returncode}: {run.stderr}"
        got = json.loads(run.stdout, parse_float=str, parse_int=str)
        if len(got["plans"]) != len(want_plans):
            return f"case {n}: {len(got['plans'])} plans, expected {len(want_plans)}"
        for g, w in zip(got["plans"], want_plans):
            if g["id"] != w["id"]:
                return f"case {n}: plan {g['id']}, expected {w['id']}"
            for key in ("licensed", "used", "projected", "utilization"):
                text = g[key]
                if "e" in text or "E" in text:
                    return f"case {n}: {w['id']}.{key} {text} has an exponent"
                if Fraction(text) != w[key]:
                    return (f"case {n}: {w['id']}.{key} = {text}, expected "
                            f"{decimal_text(w[key])} ({root})")
            for key in ("covered_days", "recommended_units"):
                if int(g[key]) != w[key]:
                    return f"case {n}: {w['id']}.{key} = {g[key]}, expected {w[key]}"
            if g["exhaustion_date"] != w["exhaustion_date"]:
                return (f"case {n}: {w['id']}.exhaustion_date = {g['exhaustion_date']}, "
                        f"expected {w['exhaustion_date']}")
        got_skipped = [(s["file"], s.get("meter")) for s in got["skipped"]]
        if got_skipped != want_skipped:
            return f"case {n}: skipped\n {got_skipped}\nexpected\n {want_skipped}"
        return None
    finally:
        if not os.environ.get("KEEP"):
            shutil.rmtree(root)


def main():
    program = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261203
    rng = random.Random(seed)
    failures = 0
    for n in range(rounds):
        err = check(program, rng, n)
        if err:
            print("FAIL", err)
            failures += 1
            if failures >= 5:
                break
    print(f"{rounds} random fleets checked, {failures} failed (seed {seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
