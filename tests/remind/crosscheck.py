#!/usr/bin/env python3
"""Independent cross-check of `commitplan remind` against rules.md section 6.

Generates random inventories with random policies (term basis, weekend,
holidays, margins, reminder rules with random anchors, lead times and match
filters), runs `commitplan remind --format json` on random dates across a
year, and compares every reminder (key, rule, subject, anchor, anchor date,
lead time, fires_on, severity) and their order with its own implementation of
the rules, written from the spec alone. Standard library only.

usage: crosscheck.py PROGRAM [COUNT] [SEED]
"""

import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile

SERVICES = ["speech-to-text", "translator", "language-sentiment", "vision-read"]
COST_CENTERS = ["CC-1", "CC-2", "CC-3"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
ANCHORS = ["decision_deadline", "last_day", "next_term_start", "license_expiry", "upgrade",
           "approval_due"]
SEVERITIES = ["info", "warning", "critical"]

DEFAULT_RULES = [
    {"id": "renewal-decision", "anchor": "decision_deadline",
     "days_before": [90, 60, 30, 14, 7, 3, 1, 0], "match": {"auto_renew": True},
     "severity": "warning"},
    {"id": "plan-expiry", "anchor": "last_day", "days_before": [90, 60, 30, 14, 7, 1, 0],
     "match": {"auto_renew": False}, "severity": "critical"},
    {"id": "renewal-charge", "anchor": "next_term_start", "days_before": [30, 7],
     "severity": "info"},
    {"id": "license-expiry", "anchor": "license_expiry", "days_before": [60, 30, 14, 7, 1, 0],
     "severity": "critical"},
    {"id": "license-before-upgrade", "anchor": "upgrade", "days_before": [30, 14, 7, 1, 0],
     "severity": "warning"},
    {"id": "approval-follow-up", "anchor": "approval_due", "days_before": [0],
     "severity": "info"},
]


def iso(d):
    return d.isoformat()


def add_years(d, k):
    try:
        return d.replace(year=d.year + k)
    except ValueError:  # February 29th in a common year
        return d.replace(year=d.year + k, day=28)


def micros(s):
    whole, _, frac = s.partition(".")
    return int(whole) * 1000000 + int((frac + "000000")[:6])


class Busdays:
    def __init__(self, weekend, holidays):
        self.weekend = {WEEKDAYS.index(w) for w in weekend}
        self.holidays = set(holidays)

    def is_busday(self, d):
        return d.weekday() not in self.weekend and d not in self.holidays

    def offset(self, d, n, roll):
        """numpy.busday_offset(d, n, roll) with roll 'forward' or 'backward'."""
        step = 1 if roll == "forward" else -1
        while not self.is_busday(d):
            d += dt.timedelta(days=step)
        step = 1 if n > 0 else -1
        for _ in range(abs(n)):
            d += dt.timedelta(days=step)
            while not self.is_busday(d):
                d += dt.timedelta(days=step)
        return d


def rand_date(rng, start, days):
    return start + dt.timedelta(days=rng.randrange(days))


def random_money(rng):
    return "%d.%02d" % (rng.randrange(1, 200000), rng.randrange(100))


def random_rule(rng, rid):
    anchor = rng.choice(ANCHORS)
    rule = {"id": rid, "anchor": anchor,
            "days_before": rng.sample(range(0, 121), rng.randrange(1, 6)),
            "severity": rng.choice(SEVERITIES)}
    match = {}
    if rng.random() < 0.5:
        if rng.random() < 0.4:
            match["auto_renew"] = rng.random() < 0.5
        if rng.random() < 0.3:
            match["service"] = rng.sample(SERVICES, rng.randrange(1, 3))
        if rng.random() < 0.3:
            match["cost_center"] = rng.sample(COST_CENTERS, rng.randrange(1, 3))
        if rng.random() < 0.3:
            match["platform"] = rng.sample(["docker", "kubernetes"], rng.randrange(1, 3))
        if rng.random() < 0.3:
            match["min_annual_cost"] = random_money(rng)
    if match or rng.random() < 0.2:
        rule["match"] = match
    if not match:
        rule.pop("match", None)
    return rule


def random_case(rng):
    basis = rng.choice(["calendar-year", "anniversary"])
    weekend = rng.choice([["sat", "sun"], ["fri", "sat"], ["sun"], []])
    holidays = sorted({rand_date(rng, dt.date(2025, 6, 1), 900) for _ in range(rng.randrange(6))})
    policy = {"term_basis": basis, "weekend": weekend, "holidays": [iso(h) for h in holidays],
              "decision_margin_business_days": rng.randrange(0, 12),
              "approval_review_business_days": rng.randrange(0, 15)}
    rules = []
    for r in DEFAULT_RULES:
        if rng.random() < 0.3:
            rules.append({"id": r["id"], "enabled": False})
    for i in range(rng.randrange(0, 4)):
        rules.append(random_rule(rng, "r%d" % i))
    if rng.random() < 0.2:  # replace a default rule by id
        rules = [r for r in rules if r["id"] != "renewal-charge"]
        rules.append(random_rule(rng, "renewal-charge"))
    if rules:
        policy["rules_layer"] = rules

    subs = [{"id": "sub-ok", "access": {"status": "approved", "requested_on": "2024-01-02",
                                        "decided_on": "2024-01-09"}}]
    for i in range(rng.randrange(0, 3)):
        subs.append({"id": "sub-p%d" % i,
                     "access": {"status": "pending",
                                "requested_on": iso(rand_date(rng, dt.date(2025, 12, 1), 420))}})
    plans = []
    for i in range(rng.randrange(1, 6)):
        if basis == "calendar-year":
            start = dt.date(rng.choice([2025, 2026, 2026, 2027]), 1, 1)
        else:
            start = rand_date(rng, dt.date(2025, 3, 1), 700)
            if rng.random() < 0.1:
                start = dt.date(2024, 2, 29)
        last = (dt.date(start.year, 12, 31) if basis == "calendar-year"
                else add_years(start, 1) - dt.timedelta(days=1))
        plan = {"id": "plan-%d" % i, "subscription": "sub-ok", "service": rng.choice(SERVICES),
                "term_start": iso(start), "units": rng.randrange(1, 6),
                "unit_price": random_money(rng), "auto_renew": rng.random() < 0.6}
        purchases = []
        for _ in range(rng.randrange(0, 3)):
            purchases.append({"date": iso(rand_date(rng, start, (last - start).days + 1)),
                              "units": rng.randrange(1, 4)})
        if purchases:
            plan["purchases"] = purchases
        if rng.random() < 0.7:
            plan["cost_center"] = rng.choice(COST_CENTERS)
        if plan["auto_renew"] and rng.random() < 0.3:
            plan["renewal"] = {"units": rng.randrange(1, 9)}
        plans.append(plan)
    containers = []
    for i in range(rng.randrange(0, 6)):
        c = {"id": "box-%d" % i, "plan": rng.choice(plans)["id"],
             "image": "mcr.microsoft.com/azure-cognitive-services/translator/text-translation",
             "version": "1.%d" % i, "platform": rng.choice(["docker", "kubernetes"]),
             "mounts": {"license": "/license", "output": "/output"}}
        if rng.random() < 0.8:
            c["license"] = {"downloaded_on": "2025-01-02", "image_version": c["version"]}
            if rng.random() < 0.8:
                c["license"]["expires_on"] = iso(rand_date(rng, dt.date(2025, 12, 1), 500))
        ups = []
        for u in range(rng.randrange(0, 3)):
            ups.append({"version": "2.%d" % rng.randrange(3),
                        "on": iso(rand_date(rng, dt.date(2025, 12, 1), 500))})
        if ups:
            c["upgrades"] = ups
        containers.append(c)
    inv = {"inventory": 1, "currency": "USD", "subscriptions": subs, "plans": plans,
           "containers": containers}
    layer = dict(policy)
    layer.pop("rules_layer", None)
    if "rules_layer" in policy:
        layer["reminders"] = policy["rules_layer"]
    inv["policy"] = layer
    return inv


def merged_rules(layer):
    rules = [dict(r) for r in DEFAULT_RULES]
    for r in layer.get("reminders", []):
        idx = next((i for i, x in enumerate(rules) if x["id"] == r["id"]), None)
        if r.get("enabled") is False:
            if idx is not None:
                rules.pop(idx)
        elif idx is not None:
            rules[idx] = r
        else:
            rules.append(r)
    return rules


def expected(inv, as_of):
    """The reminders of rules.md section 6 as of as_of, in output order."""
    pol = inv["policy"]
    bd = Busdays(pol["weekend"], [dt.date.fromisoformat(h) for h in pol["holidays"]])
    basis = pol["term_basis"]
    plans = {}
    for p in inv["plans"]:
        start = dt.date.fromisoformat(p["term_start"])
        last = (dt.date(start.year, 12, 31) if basis == "calendar-year"
                else add_years(start, 1) - dt.timedelta(days=1))
        units_end = p["units"] + sum(x["units"] for x in p.get("purchases", []))
        plans[p["id"]] = {
            "p": p, "last": last,
            "deadline": bd.offset(last, -pol["decision_margin_business_days"], "backward"),
            "next": add_years(start, 1),
            "annual": units_end * micros(p["unit_price"]),
        }

    def match(rule, plan_id, container):
        m = rule.get("match", {})
        if not m:
            return True
        if plan_id is None:
            return False
        info = plans[plan_id]
        p = info["p"]
        if "auto_renew" in m and m["auto_renew"] != p["auto_renew"]:
            return False
        if "service" in m and p["service"] not in m["service"]:
            return False
        if "cost_center" in m and p.get("cost_center") not in m["cost_center"]:
            return False
        if "platform" in m and (container is None or container["platform"] not in m["platform"]):
            return False
        if "min_annual_cost" in m and info["annual"] < micros(m["min_annual_cost"]):
            return False
        return True

    subjects = []  # (anchor, subject, date, plan id or None, container or None)
    for pid, info in plans.items():
        subjects.append(("decision_deadline", pid, info["deadline"], pid, None))
        subjects.append(("last_day", pid, info["last"], pid, None))
        if info["p"]["auto_renew"]:
            subjects.append(("next_term_start", pid, info["next"], pid, None))
    for c in inv["containers"]:
        exp = c.get("license", {}).get("expires_on")
        if exp:
            subjects.append(("license_expiry", c["id"], dt.date.fromisoformat(exp), c["plan"], c))
        for u in c.get("upgrades", []):
            subjects.append(("upgrade", "%s@%s" % (c["id"], u["version"]),
                             dt.date.fromisoformat(u["on"]), c["plan"], c))
    for s in inv["subscriptions"]:
        if s["access"]["status"] == "pending":
            req = dt.date.fromisoformat(s["access"]["requested_on"])
            due = bd.offset(req, pol["approval_review_business_days"], "forward")
            subjects.append(("approval_due", s["id"], due, None, None))

    out = {}
    for rule in merged_rules(pol):
        for anchor, subject, date, plan_id, container in subjects:
            if anchor != rule["anchor"]:
                continue
            fired = [k for k in rule["days_before"]
                     if date - dt.timedelta(days=k) <= as_of <= date]
            if not fired or not match(rule, plan_id, container):
                continue
            k = min(fired)
            key = "%s:%s:%s:%d" % (rule["id"], subject, iso(date), k)
            out.setdefault(key, {
                "key": key, "rule": rule["id"], "subject": subject, "anchor": anchor,
                "anchor_date": iso(date), "days_before": k,
                "fires_on": iso(date - dt.timedelta(days=k)), "severity": rule["severity"]})
    return sorted(out.values(), key=lambda r: (r["anchor_date"], r["key"].encode()))


FIELDS = ["key", "rule", "subject", "anchor", "anchor_date", "days_before", "fires_on",
          "severity"]


def main():
    prog = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 20261123
    rng = random.Random(seed)
    failures = 0
    compared = 0
    reminders = 0
    env = dict(os.environ, TZ="UTC", LC_ALL="C", NO_COLOR="1")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "inventory.json")
        for case in range(count):
            inv = random_case(rng)
            with open(path, "w") as f:
                json.dump(inv, f, indent=1)
            for _ in range(3):
                as_of = rand_date(rng, dt.date(2026, 1, 1), 365)
                proc = subprocess.run([prog, "remind", "--format", "json", "--as-of", iso(as_of),
                                       path], capture_output=True, text=True, env=env)
                want = expected(inv, as_of)
                if proc.returncode not in (0, 1):
                    failures += 1
                    print("case %d as of %s: exit %d\n%s" % (case, as_of, proc.returncode,
                                                             proc.stderr))
                    continue
                got = json.loads(proc.stdout)["reminders"]
                got = [{k: r[k] for k in FIELDS} for r in got]
                compared += 1
                reminders += len(want)
                status_ok = proc.returncode == (1 if want else 0)
                if got != want or not status_ok:
                    failures += 1
                    if failures <= 5:
                        print("case %d as of %s: exit %d" % (case, as_of, proc.returncode))
                        print("  policy: %s" % json.dumps(inv["policy"]))
                        for r in want:
                            if r not in got:
                                print("  missing: %s" % json.dumps(r))
                        for r in got:
                            if r not in want:
                                print("  unexpected: %s" % json.dumps(r))
                        if sorted(got, key=str) == sorted(want, key=str):
                            print("  same reminders, different order")
                        if failures == 1:
                            print("  inventory: %s" % json.dumps(inv))
    print("%d runs compared, %d reminders expected, %d mismatches" % (compared, reminders,
                                                                      failures))
    return 1 if failures or compared == 0 or reminders == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
