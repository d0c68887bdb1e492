#!/usr/bin/env python3
"""Independent cross-check of `commitplan plan` and `commitplan quote` (JSON).

Generates random valid inventories (docs: /work/shared/spec inventory.md, policy.md),
computes terms, charges, cutoffs, decision deadlines, approval dates and the
horizon-bounded events of rules.md sections 1-4 and 8 with exact rationals and the
system's zoneinfo, and compares them field by field with the program's JSON output.

usage: crosscheck.py [--count N] [--seed S] [--prog PATH] [--show K]
Prints "N passed, M failed"; exits 1 on any difference (the failing inventories
are kept in temporary files whose names are printed).
"""
import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
from fractions import Fraction
from zoneinfo import ZoneInfo

DAY = dt.timedelta(days=1)
MAX_DATE = dt.date(9999, 12, 31)
CURRENCIES = {"USD": 2, "JPY": 0, "KRW": 0, "BHD": 3, "EUR": 2}
ZONES = ["America/Los_Angeles", "Asia/Tokyo", "Asia/Almaty", "Australia/Lord_Howe",
         "Asia/Kathmandu", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London", "UTC"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKENDS = [["sat", "sun"], ["fri", "sat"], ["sun"], [], ["mon", "tue", "wed", "thu", "fri", "sat"],
            ["thu", "fri"], ["sat"], ["sun", "mon", "tue", "wed", "thu", "fri"]]
ROUNDINGS = ["half-up", "half-even", "up", "down"]
PLAN_IDS = ["p1", "p2", "Alpha", "alpha", "b-2", "B.1", "z_9", "0x", "stt-fleet", "A", "a.b-c_d"]
CONTAINER_IDS = ["c1", "C-2", "box.3", "a"]
SUB_IDS = ["sub-a", "Sub-B", "s.1"]
LIMIT = Fraction(10) ** 15

# --------------------------------------------------------------------------------------------
# rules.md: dates, terms, business days, money


def iso(d):
    return d.isoformat()


def parse_date(s):
    return dt.date.fromisoformat(s)


def add_years(d, k):
    """Same month and day k years later; Feb 29 becomes Feb 28 in a common year."""
    if d.year + k > 9999:
        raise OutOfRange("after", "a term in year %d" % (d.year + k))
    try:
        return d.replace(year=d.year + k)
    except ValueError:
        return d.replace(year=d.year + k, day=28)


def term_of(ts, basis, k=0):
    """(start, last_day) of term k after the current one (k = 0 is the current one)."""
    start = add_years(ts, k)
    if basis == "calendar-year":
        return start, dt.date(start.year, 12, 31)
    if ts.year + k + 1 == 10000 and (ts.month, ts.day) == (1, 1):
        return start, MAX_DATE  # the day before 10000-01-01
    return start, shift(add_years(ts, k + 1), -1, "a last day")


class OutOfRange(Exception):
    """A computed date outside 1970-01-01..9999-12-31 (args: "after" or "before", what)."""


def shift(d, days, what):
    try:
        r = d + days * DAY
    except OverflowError:
        raise OutOfRange("after" if days > 0 else "before", what)
    if r > MAX_DATE:
        raise OutOfRange("after", what)
    if r < dt.date(1970, 1, 1):
        raise OutOfRange("before", what)
    return r


class Calendar:
    def __init__(self, weekend, holidays):
        self.weekend = {WEEKDAYS.index(w) for w in weekend}
        self.holidays = {parse_date(h) for h in holidays}

    def is_business(self, d):
        return d.weekday() not in self.weekend and d not in self.holidays

    def offset(self, d, n, roll, what="a business day"):
        """numpy.busday_offset(d, n, roll=roll)."""
        step = -1 if roll == "backward" else 1
        while not self.is_business(d):
            d = shift(d, step, what)
        step = 1 if n > 0 else -1
        for _ in range(abs(n)):
            d = shift(d, step, what)
            while not self.is_business(d):
                d = shift(d, step, what)
        return d


def round_minor(x, digits, mode):
    """Rounds the non-negative rational x to an integer count of minor units."""
    q = x * 10 ** digits
    fl = q.numerator // q.denominator
    rem = q - fl
    if rem == 0 or mode == "down":
        return fl
    if mode == "up":
        return fl + 1
    half = Fraction(1, 2)
    if rem != half:
        return fl + 1 if rem > half else fl
    if mode == "half-up":
        return fl + 1
    return fl if fl % 2 == 0 else fl + 1


def fmt_fixed(n, digits):
    s = str(n).rjust(digits + 1, "0")
    return s if digits == 0 else s[:-digits] + "." + s[-digits:]


def fmt_price(text, digits):
    """A unit price: the minor digits, or more where the value needs them."""
    p = Fraction(text)
    k = digits
    while (p * 10 ** k).denominator != 1:
        k += 1
    return fmt_fixed(int(p * 10 ** k), k)


def fmt_offset(off):
    secs = int(off.total_seconds())
    sign = "+" if secs >= 0 else "-"
    secs = abs(secs)
    s = "%s%02d:%02d" % (sign, secs // 3600, secs % 3600 // 60)
    if secs % 60:
        s += ":%02d" % (secs % 60)
    return s


# --------------------------------------------------------------------------------------------
# the independent planner

POLICY_DEFAULTS = {"term_basis": "calendar-year", "initial_charge": "full", "rounding": "half-up",
                   "weekend": ["sat", "sun"], "holidays": [], "decision_margin_business_days": 5,
                   "approval_review_business_days": 10, "horizon_days": 365}


class Model:
    def __init__(self, inv):
        self.inv = inv
        self.pol = dict(POLICY_DEFAULTS)
        self.pol.update(inv.get("policy") or {})
        self.digits = CURRENCIES[inv["currency"]]
        self.cal = Calendar(self.pol["weekend"], self.pol["holidays"])

    def money(self, x):
        return round_minor(x, self.digits, self.pol["rounding"])

    def fmt(self, minor):
        return fmt_fixed(minor, self.digits)

    def plan_terms(self, p):
        ts = parse_date(p["term_start"])
        return ts, term_of(ts, self.pol["term_basis"])[1]

    def prorated(self, n, price, d, last, tdays):
        rem = (last - d).days + 1
        return rem, self.money(n * Fraction(price) * rem / tdays)

    def plan(self, p, as_of, horizon):
        basis = self.pol["term_basis"]
        ts, last = self.plan_terms(p)
        tdays = (last - ts).days + 1
        price = p["unit_price"]
        units = p["units"]
        po = parse_date(p.get("purchased_on", p["term_start"]))
        charges = []
        if po < ts:
            charges.append({"kind": "renewal", "date": iso(ts), "units": units,
                            "amount": self.fmt(self.money(units * Fraction(price))),
                            "projected": False})
        elif self.pol["initial_charge"] == "prorated":
            rem, amt = self.prorated(units, price, po, last, tdays)
            charges.append({"kind": "initial", "date": iso(po), "units": units, "remaining_days": rem,
                            "term_days": tdays, "amount": self.fmt(amt), "projected": False})
        else:
            charges.append({"kind": "initial", "date": iso(po), "units": units,
                            "amount": self.fmt(self.money(units * Fraction(price))),
                            "projected": False})
        for pu in p.get("purchases", []):
            d = parse_date(pu["date"])
            rem, amt = self.prorated(pu["units"], price, d, last, tdays)
            charges.append({"kind": "additional", "date": pu["date"], "units": pu["units"],
                            "remaining_days": rem, "term_days": tdays, "amount": self.fmt(amt),
                            "projected": False})
        charges.sort(key=lambda c: c["date"])  # stable: the base charge, then inventory order
        end_units = units + sum(pu["units"] for pu in p.get("purchases", []))
        next_term = None
        if p["auto_renew"]:
            ren = p.get("renewal", {})
            r_units = ren.get("units", end_units)
            r_price = ren.get("unit_price", price)
            r_amount = self.fmt(self.money(r_units * Fraction(r_price)))
            try:
                ns, nl = term_of(ts, basis, 1)
            except OutOfRange:
                raise OutOfRange("after", "next term of " + p["id"])
            next_term = {"start": iso(ns), "last_day": iso(nl), "days": (nl - ns).days + 1,
                         "units": r_units, "unit_price": fmt_price(r_price, self.digits),
                         "amount": r_amount}
            charges.append({"kind": "renewal", "date": iso(ns), "units": r_units,
                            "amount": r_amount, "projected": True})
            end = dcap(as_of, horizon)
            k = 2
            while True:
                try:
                    ks = add_years(ts, k)
                except OutOfRange:  # projections stop before 10000-01-01
                    break
                if ks > end:
                    break
                if ks >= as_of:
                    charges.append({"kind": "renewal", "date": iso(ks), "units": r_units,
                                    "amount": r_amount, "projected": True})
                k += 1
        cutoff = shift(last, 1, "cutoff of " + p["id"])
        instant = dt.datetime(cutoff.year, cutoff.month, cutoff.day, tzinfo=dt.timezone.utc)
        zones = []
        for z in list(self.inv.get("time_zones", [])) + ([p["time_zone"]] if "time_zone" in p else []):
            if z not in zones:
                zones.append(z)
        local = []
        for z in zones:
            t = instant.astimezone(ZoneInfo(z))
            local.append({"zone": z, "time": t.strftime("%Y-%m-%dT%H:%M:%S") + fmt_offset(t.utcoffset()),
                          "before_local_end_of_last_day": t.date() == last})
        deadline = self.cal.offset(last, -self.pol["decision_margin_business_days"], "backward",
                                   "decision deadline of " + p["id"])
        return {"id": p["id"], "service": p["service"], "auto_renew": p["auto_renew"],
                "term": {"start": iso(ts), "last_day": iso(last), "days": tdays},
                "cutoff": iso(cutoff) + "T00:00:00Z", "decision_deadline": iso(deadline),
                "cutoff_local": local, "units_at_start": units, "units_at_end": end_units,
                "charges": charges, "next_term": next_term}

    def horizon(self, opt):
        return opt if opt is not None else self.pol["horizon_days"]

    def plan_output(self, as_of, horizon_opt):
        H = self.horizon(horizon_opt)
        plans = [self.plan(p, as_of, H) for p in self.inv["plans"]]
        end = dcap(as_of, H)
        events = []

        def add(date, kind, subject, **extra):
            if as_of <= date <= end:
                e = {"date": iso(date), "kind": kind, "subject": subject}
                e.update(extra)
                events.append(e)

        for p, out in zip(self.inv["plans"], plans):
            add(parse_date(out["decision_deadline"]), "decision_deadline", p["id"])
            add(parse_date(out["term"]["last_day"]), "last_day", p["id"])
            if p["auto_renew"]:
                add(parse_date(out["next_term"]["start"]), "next_term_start", p["id"])
            for c in out["charges"]:
                add(parse_date(c["date"]), "charge", p["id"], charge_kind=c["kind"],
                    amount=c["amount"])
        for c in self.inv.get("containers", []):
            lic = c.get("license")
            if lic and "expires_on" in lic:
                add(parse_date(lic["expires_on"]), "license_expiry", c["id"])
            for u in c.get("upgrades", []):
                add(parse_date(u["on"]), "upgrade", c["id"] + "@" + u["version"])
        for s in self.inv["subscriptions"]:
            if s["access"]["status"] == "pending":
                due = self.cal.offset(parse_date(s["access"]["requested_on"]),
                                      self.pol["approval_review_business_days"], "forward",
                                      "approval due of " + s["id"])
                add(due, "approval_due", s["id"])
        events.sort(key=lambda e: (e["date"].encode(), e["kind"].encode(), e["subject"].encode()))
        return {"command": "plan", "schema_version": 1, "as_of": iso(as_of),
                "currency": self.inv["currency"], "plans": plans, "events": events}

    def quote_output(self, plan_id, units, on):
        p = next(p for p in self.inv["plans"] if p["id"] == plan_id)
        ts, last = self.plan_terms(p)
        if not ts <= on <= last:
            return None
        tdays = (last - ts).days + 1
        rem, amt = self.prorated(units, p["unit_price"], on, last, tdays)
        return {"command": "quote", "schema_version": 1, "plan": plan_id, "date": iso(on),
                "units": units, "unit_price": fmt_price(p["unit_price"], self.digits),
                "remaining_days": rem, "term_days": tdays, "amount": self.fmt(amt),
                "currency": self.inv["currency"]}


# --------------------------------------------------------------------------------------------
# generator of valid inventories

YEAR_POOL = [1972, 1973, 1976, 1999, 2000, 2001, 2019, 2020, 2023, 2024, 2025, 2026, 2027, 2028,
             2031, 2037, 2038, 2095, 2096, 2099, 2100, 2101, 2399, 2400, 9997, 9998]


def ycap(y):
    return max(1972, min(9999, y))


def dcap(d, days):
    """d + days, kept inside 1970..9999."""
    try:
        return max(dt.date(1970, 1, 1), min(MAX_DATE, d + days * DAY))
    except OverflowError:
        return MAX_DATE if days > 0 else dt.date(1970, 1, 1)


def rand_date(rng, lo, hi):
    if hi < lo:
        lo, hi = hi, lo
    return lo + rng.randint(0, (hi - lo).days) * DAY


def rand_units(rng, hi=1000000):
    r = rng.random()
    if r < 0.5:
        return rng.randint(1, min(hi, 10))
    if r < 0.8:
        return rng.randint(1, min(hi, 1000))
    return rng.randint(1, hi)


def rand_price(rng, digits):
    """A money string with up to 6 decimals (sometimes with fewer than the minor digits)."""
    mag = rng.choice([1, 2, 3, 4, 5, 6, 7, 9])
    whole = rng.randint(0, 10 ** mag - 1)
    dec = rng.choice([0, 0, digits, digits, 1, 2, 3, 4, 5, 6])
    s = str(whole)
    if dec:
        s += "." + "".join(rng.choice("0123456789") for _ in range(dec))
    r = rng.random()
    if r < 0.03:
        return rng.choice(["0", "0.0", "0.000000"])  # money may be zero
    if Fraction(s) == 0:
        s = "1" + s[1:] if s[0] == "0" else s
    if r < 0.08 and len(s.split(".")[0]) < 12:
        s = "0" + s  # a leading zero is still money
    return s


def price_text(frac):
    """A money string for frac if it has at most 6 decimals and 13 integer digits, else None."""
    for k in range(7):
        v = frac * 10 ** k
        if v.denominator == 1:
            v = int(v)
            if v <= 0 or v >= 10 ** (13 + k):
                return None
            return fmt_fixed(v, k) if k else str(v)
    return None


def tie_price(rng, digits, n, rem, tdays):
    """A unit price that makes n x P x rem / tdays land on an exact (or near) half minor unit."""
    for _ in range(20):
        k = rng.randint(0, 10 ** rng.randint(1, 6))
        target = (Fraction(2 * k + 1, 2)) / 10 ** digits
        if rng.random() < 0.15:
            target += rng.choice([-1, 1]) * Fraction(1, 10 ** (digits + 6))
        s = price_text(target * tdays / (rem * n))
        if s is not None:
            return s
    return None


class Gen:
    def __init__(self, rng):
        self.rng = rng

    def inventory(self):
        rng = self.rng
        cur = rng.choice(list(CURRENCIES))
        digits = CURRENCIES[cur]
        basis = rng.choice(["calendar-year", "anniversary"])
        policy = {}
        if rng.random() < 0.5:
            policy["policy"] = 1
        if basis == "anniversary" or rng.random() < 0.5:
            policy["term_basis"] = basis
        for key, vals in (("rounding", ROUNDINGS), ("initial_charge", ["full", "prorated"])):
            if rng.random() < 0.85:
                policy[key] = rng.choice(vals)
        if rng.random() < 0.8:
            policy["weekend"] = list(rng.choice(WEEKENDS))
        if rng.random() < 0.2:
            k = rng.randint(0, 6)
            policy["weekend"] = rng.sample(WEEKDAYS, k)
        for key in ("decision_margin_business_days", "approval_review_business_days"):
            if rng.random() < 0.8:
                policy[key] = rng.choice([0, 1, 2, 5, 10, rng.randint(0, 30), rng.randint(0, 30),
                                          rng.randint(0, 260)])
        horizon_opt = None
        r = rng.random()
        if r < 0.3:
            policy["horizon_days"] = rng.choice([1, 2, 30, 365, 366, 730, 3660, rng.randint(1, 3660)])
        elif r < 0.6:
            horizon_opt = rng.choice([1, 364, 365, 1095, 3660, rng.randint(1, 3660)])
            if rng.random() < 0.3:
                policy["horizon_days"] = rng.randint(1, 3660)
        base = rng.choice(YEAR_POOL)
        rules = {"basis": basis, "digits": digits}
        subs = []
        for sid in rng.sample(SUB_IDS, rng.randint(1, 3)):
            st = rng.choice(["approved", "approved", "pending", "pending", "rejected", "not-requested"])
            s = {"id": sid, "access": {"status": st}}
            if st != "not-requested":
                req = rand_date(rng, dt.date(ycap(base - 1), 1, 1), dt.date(ycap(base + 1), 12, 31))
                s["access"]["requested_on"] = iso(req)
                if st != "pending" or rng.random() < 0.2:
                    s["access"]["decided_on"] = iso(dcap(req, rng.randint(0, 40)))
            subs.append(s)
        plans = []
        budget = Fraction(9, 10) * LIMIT
        nplans = rng.randint(1, 4)
        per_plan = budget / nplans
        H = horizon_opt if horizon_opt is not None else policy.get("horizon_days", 365)
        for pid in rng.sample(PLAN_IDS, nplans):
            plans.append(self.plan(pid, base, rules, subs, per_plan, H))
        inv = {"inventory": 1, "currency": cur}
        if rng.random() < 0.7:
            inv["time_zones"] = rng.sample(ZONES, rng.randint(0, 3))
            if inv["time_zones"] and rng.random() < 0.15:
                inv["time_zones"].append(inv["time_zones"][0])
        inv["policy"] = policy
        inv["subscriptions"] = subs
        inv["plans"] = plans
        conts = []
        for cid in rng.sample(CONTAINER_IDS, rng.randint(0, 3)):
            c = {"id": cid, "plan": rng.choice(plans)["id"], "image":
                 "mcr.microsoft.com/azure-cognitive-services/speechservices/speech-to-text",
                 "version": "4.9.0", "platform": rng.choice(["docker", "kubernetes"]),
                 "mounts": {"license": "/license", "output": "/output"}}
            if rng.random() < 0.8:
                dl = rand_date(rng, dt.date(ycap(base - 1), 1, 1), dt.date(ycap(base + 1), 12, 31))
                c["license"] = {"downloaded_on": iso(dl), "image_version": "4.9.0"}
                if rng.random() < 0.8:
                    c["license"]["expires_on"] = iso(dcap(dl, rng.randint(0, 800)))
            ups = []
            for _ in range(rng.randint(0, 3)):
                ups.append({"version": rng.choice(["4.10.0", "5.0", "4.9.1-amd64"]),
                            "on": iso(rand_date(rng, dt.date(ycap(base - 1), 1, 1),
                                                dt.date(ycap(base + 2), 12, 31)))})
            if ups:
                c["upgrades"] = ups
            conts.append(c)
        if conts or rng.random() < 0.5:
            inv["containers"] = conts
        # holidays: around the last days, year ends, approvals, and random
        hol = set()
        anchors = [self.last_day(p, basis) for p in plans]
        anchors += [parse_date(s["access"]["requested_on"]) for s in subs
                    if "requested_on" in s["access"]]
        for _ in range(rng.randint(0, 14)):
            r = rng.random()
            if r < 0.6 and anchors:
                d = dcap(rng.choice(anchors), rng.randint(-25, 20))
            elif r < 0.8:
                y = rng.choice(anchors).year if anchors else base
                d = dcap(dt.date(y, 12, 31), rng.randint(-6, 2))
            else:
                d = rand_date(rng, dt.date(ycap(base - 1), 1, 1), dt.date(ycap(base + 2), 12, 31))
            if d >= dt.date(1970, 1, 1):
                hol.add(iso(d))
        if hol or rng.random() < 0.2:
            policy["holidays"] = rng.sample(sorted(hol), len(hol))
        # as_of around a term
        p = rng.choice(plans)
        ts = parse_date(p["term_start"])
        last = self.last_day(p, basis)
        r = rng.random()
        if r < 0.15:
            as_of = ts
        elif r < 0.3:
            as_of = last
        elif r < 0.4:
            as_of = dcap(last, 1)
        else:
            as_of = rand_date(rng, dcap(ts, -400), dcap(last, 400))
        return inv, as_of, horizon_opt

    @staticmethod
    def last_day(p, basis):
        return term_of(parse_date(p["term_start"]), basis)[1]

    def plan(self, pid, base, rules, subs, per_plan, H):
        rng = self.rng
        basis, digits = rules["basis"], rules["digits"]
        for _attempt in range(50):
            y = ycap(base + rng.randint(-2, 1))
            if basis == "calendar-year":
                ts = dt.date(y, 1, 1)
            else:
                r = rng.random()
                if r < 0.35:
                    ly = y + (-y) % 4
                    if ly % 100 == 0 and ly % 400:
                        ly += 4
                    if ly > 9999:
                        ly = 9996
                    ts = dt.date(ly, 2, 29)
                elif r < 0.7:
                    ts = rng.choice([dt.date(y, 2, 28), dt.date(y, 3, 1), dt.date(y, 12, 31),
                                     dt.date(y, 1, 1)])
                else:
                    ts = rand_date(rng, dt.date(y, 1, 1), dt.date(y, 12, 31))
            if ts < dt.date(1972, 1, 1):
                continue
            try:
                ts_, last = term_of(ts, basis)
            except OutOfRange:
                continue
            tdays = (last - ts).days + 1
            p = {"id": pid, "subscription": rng.choice(subs)["id"], "service": "speech-to-text",
                 "term_start": iso(ts)}
            r = rng.random()
            if r < 0.3:
                po = ts
            elif r < 0.5:
                po = max(dt.date(1970, 1, 1), ts - rng.randint(1, 900) * DAY)
                if po >= ts:
                    po = ts
            elif r < 0.6:
                po = last
            else:
                po = rand_date(rng, ts, last)
            if po != ts or rng.random() < 0.5:
                p["purchased_on"] = iso(po)
            units = rand_units(rng)
            p["units"] = units
            first = max(po, ts)
            purchases = []
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
                r = rng.random()
                if r < 0.2:
                    d = first
                elif r < 0.4:
                    d = last
                elif r < 0.6:
                    # a remaining-day count that divides term_days, good for exact ties
                    divs = [k for k in range(1, tdays + 1) if tdays % k == 0]
                    d = last - (rng.choice(divs) - 1) * DAY
                    if d < first:
                        d = first
                else:
                    d = rand_date(rng, first, last)
                purchases.append({"date": iso(d), "units": rand_units(rng, rng.choice([3, 1000, 1000000]))})
            if purchases:
                p["purchases"] = purchases
            price = None
            if rng.random() < 0.45:
                # a tie on one of the charges
                cands = [(pu["units"], (last - parse_date(pu["date"])).days + 1) for pu in purchases]
                cands.append((units, tdays))
                if po >= ts:
                    cands.append((units, (last - po).days + 1))
                n, rem = rng.choice(cands)
                price = tie_price(rng, digits, n, rem, tdays)
            if price is None:
                price = rand_price(rng, digits)
            p["unit_price"] = price
            p["auto_renew"] = rng.random() < 0.65
            if rng.random() < 0.5:
                ren = {}
                if rng.random() < 0.6:
                    ren["units"] = rand_units(rng)
                if rng.random() < 0.6:
                    ren["unit_price"] = rand_price(rng, digits) if rng.random() < 0.7 else \
                        (tie_price(rng, digits, ren.get("units", 1), 1, 1) or "1")
                p["renewal"] = ren
            if rng.random() < 0.4:
                p["time_zone"] = rng.choice(ZONES)
            # stay well inside the 10^15 limit for every charge and any total
            end_units = units + sum(pu["units"] for pu in purchases)
            ren = p.get("renewal", {})
            bound = end_units * Fraction(price) * 2
            bound += (ren.get("units", end_units) * Fraction(ren.get("unit_price", price))
                      * (H // 365 + 4))
            if bound < per_plan:
                return p
        return {"id": pid, "subscription": subs[0]["id"], "service": "speech-to-text",
                "term_start": iso(dt.date(max(base, 1972), 1, 1)), "units": 1, "unit_price": "1",
                "auto_renew": False}


# --------------------------------------------------------------------------------------------
# running and comparing


def diff(exp, act, path, out):
    if isinstance(exp, dict):
        if not isinstance(act, dict):
            out.append("%s: expected an object %s, got %r" % (path, json.dumps(exp), act))
            return
        for k, v in exp.items():
            if k not in act:
                out.append("%s.%s: missing (expected %s)" % (path, k, json.dumps(v)))
            else:
                diff(v, act[k], path + "." + k, out)
        strict = path.endswith("]") and (".charges[" in path or "events[" in path or
                                         "cutoff_local[" in path)
        if strict:
            for k in act:
                if k not in exp:
                    out.append("%s.%s: unexpected key (value %s)" % (path, k, json.dumps(act[k])))
    elif isinstance(exp, list):
        if not isinstance(act, list):
            out.append("%s: expected a list, got %r" % (path, act))
            return
        for i in range(min(len(exp), len(act))):
            diff(exp[i], act[i], "%s[%d]" % (path, i), out)
        if len(exp) != len(act):
            out.append("%s: %d entries expected, %d given; expected tail %s, actual tail %s" % (
                path, len(exp), len(act), json.dumps(exp[len(act):])[:400],
                json.dumps(act[len(exp):])[:400]))
    else:
        if type(exp) is not type(act) or exp != act:
            out.append("%s: expected %s, got %s" % (path, json.dumps(exp), json.dumps(act)))


def run(prog, args, env):
    p = subprocess.run([prog] + args, capture_output=True, env=env, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check_case(prog, env, rng, inv, as_of, horizon_opt, tmpdir):
    """Returns (list of differences, path of the inventory file), or None for an inventory
    whose computed dates reach before 1970 (the program's calendar starts in 1970)."""
    model = Model(inv)
    try:
        expected = model.plan_output(as_of, horizon_opt)
        invalid = None
    except OutOfRange as e:
        if e.args[0] == "before":
            return None
        expected = None
        invalid = "a computed date after 9999-12-31: " + e.args[1]
    fd, path = tempfile.mkstemp(prefix="xplan-", suffix=".json", dir=tmpdir)
    with os.fdopen(fd, "w") as f:
        json.dump(inv, f, indent=1)
    diffs = []
    args = ["plan", "--as-of", iso(as_of), "--format", "json"]
    if horizon_opt is not None:
        args += ["--horizon", str(horizon_opt)]
    args.append(path)
    st, out, err = run(prog, args, env)
    cmd = " ".join(args)
    if invalid:
        if st != 3 or out:
            diffs.append("%s: expected exit 3 and no output (%s), got exit %d" % (cmd, invalid, st))
    elif st != 0:
        diffs.append("%s: exit %d (expected 0): %s" % (cmd, st, err.strip()[:600]))
    else:
        try:
            act = json.loads(out)
        except ValueError as e:
            diffs.append("%s: output is not JSON: %s" % (cmd, e))
        else:
            d = []
            diff(expected, act, "plan", d)
            diffs += ["%s: %s" % (cmd, x) for x in d]
    # quotes: inside and outside the term, and the default date (as_of)
    for _ in range(2):
        p = rng.choice(inv["plans"])
        ts, last = model.plan_terms(p)
        r = rng.random()
        on = None
        if r < 0.15:
            on = None
        elif r < 0.25:
            on = ts
        elif r < 0.35:
            on = last
        elif r < 0.42:
            on = ts - DAY
        elif r < 0.5:
            on = dcap(last, 1)
        elif r < 0.6:
            on = rand_date(rng, dcap(ts, -500), dcap(last, 500))
        else:
            on = rand_date(rng, ts, last)
        eff_on = on if on is not None else as_of
        maxn = int(Fraction(9, 10) * LIMIT / max(Fraction(p["unit_price"]), Fraction(1, 10 ** 6)))
        units = rand_units(rng, max(1, min(1000000, maxn)))
        args = ["quote", "--as-of", iso(as_of), "--plan", p["id"], "--units", str(units)]
        if on is not None:
            args += ["--on", iso(on)]
        args += ["--format", "json", path]
        exp = None if invalid else model.quote_output(p["id"], units, eff_on)
        st, out, err = run(prog, args, env)
        cmd = " ".join(args)
        if invalid:
            if st != 3 or out:
                diffs.append("%s: expected exit 3 and no output (%s), got exit %d" % (cmd, invalid, st))
        elif exp is None:
            if st != 3 or out:
                diffs.append("%s: expected exit 3 and no output (date outside the term), got exit %d%s"
                             % (cmd, st, (", stdout " + out[:200]) if out else ""))
        elif st != 0:
            diffs.append("%s: exit %d (expected 0): %s" % (cmd, st, err.strip()[:600]))
        else:
            try:
                act = json.loads(out)
            except ValueError as e:
                diffs.append("%s: output is not JSON: %s" % (cmd, e))
            else:
                d = []
                diff(exp, act, "quote", d)
                diffs += ["%s: %s" % (cmd, x) for x in d]
    return diffs, path


def self_test():
    """The worked examples of rules.md section 2 and 3 for the model itself."""
    assert round_minor(Fraction("74100.00") * 122 / 365, 2, "half-up") == 2476767
    assert round_minor(Fraction("74100.00") * 122 / 366, 2, "half-up") == 2470000
    assert round_minor(Fraction("74100.00") * 1 / 365, 2, "half-up") == 20301
    assert round_minor(Fraction(10000000) * 184 / 365, 0, "half-up") == 5041096
    assert round_minor(Fraction("0.125"), 2, "half-even") == 12
    assert round_minor(Fraction("0.135"), 2, "half-even") == 14
    assert round_minor(Fraction("0.125"), 2, "half-up") == 13
    assert round_minor(Fraction("0.121"), 2, "up") == 13
    assert round_minor(Fraction("0.129"), 2, "down") == 12
    cal = Calendar(["sat", "sun"], ["2026-12-25"])
    assert cal.offset(dt.date(2026, 12, 31), -5, "backward") == dt.date(2026, 12, 23)
    assert fmt_price("0.125", 2) == "0.125" and fmt_price("74100", 2) == "74100.00"
    assert fmt_price("1300.000", 3) == "1300.000" and fmt_price("5.500000", 0) == "5.5"
    assert add_years(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--prog", default="./commitplan")
    ap.add_argument("--show", type=int, default=5, help="failing cases to print in full")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    self_test()
    env = dict(os.environ, TZ="UTC", LC_ALL="C", NO_COLOR="1")
    rng = random.Random(a.seed)
    tmpdir = tempfile.mkdtemp(prefix="xplan-")
    passed = failed = skipped = invalid = 0
    for i in range(a.count):
        while True:
            inv, as_of, horizon_opt = Gen(rng).inventory()
            res = check_case(a.prog, env, rng, inv, as_of, horizon_opt, tmpdir)
            if res is not None:
                break
            skipped += 1
        diffs, path = res
        try:
            Model(inv).plan_output(as_of, horizon_opt)
        except OutOfRange:
            invalid += 1
        if diffs:
            failed += 1
            if failed <= a.show:
                print("case %d (%s):" % (i, path))
                for x in diffs[:8]:
                    print("  " + x)
        else:
            passed += 1
            os.unlink(path)
    if failed == 0:
        os.rmdir(tmpdir)
    if a.verbose:
        print("%d inventories past 9999-12-31 (exit 3 expected), %d regenerated (dates before 1970)"
              % (invalid, skipped))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
