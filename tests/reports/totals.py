#!/usr/bin/env python3
"""Checks that every total of a report's JSON equals the sum of its lines.

Usage: totals.py FILE...   (the JSON of report budget, report renewal or
export procurement; the command is read from the document). Money is summed
exactly with decimal.Decimal. Exit 0 when every total matches, 1 otherwise
(each mismatch on stderr), 2 on an unreadable file or an unknown command.
"""

import json
import sys
from collections import defaultdict
from decimal import Decimal

PARTS = ("committed", "scheduled", "projected")


def money(s):
    return Decimal(s) if s is not None else Decimal(0)


def check_budget(doc, err):
    grand = defaultdict(Decimal)
    charges = defaultdict(Decimal)  # (year, cost center, status) -> sum
    for c in doc["charges"]:
        charges[(c["year"], c["cost_center"], c["status"])] += money(c["amount"])
    years = [y["year"] for y in doc["years"]]
    if years != list(range(doc["first_year"], doc["last_year"] + 1)):
        err(f"years {years} do not run from first_year to last_year")
    for y in doc["years"]:
        per_year = defaultdict(Decimal)
        for cc in y["cost_centers"]:
            for p in PARTS:
                want = charges.get((y["year"], cc["cost_center"], p), Decimal(0))
                if money(cc[p]) != want:
                    err(f"{y['year']} {cc['cost_center']} {p}: {cc[p]} but its charges sum to {want}")
                per_year[p] += money(cc[p])
            if money(cc["total"]) != sum(money(cc[p]) for p in PARTS):
                err(f"{y['year']} {cc['cost_center']}: total {cc['total']} is not the sum of its parts")
        for p in PARTS + ("total",):
            if p == "total":
                per_year[p] = sum(per_year[q] for q in PARTS)
            if money(y[p]) != per_year[p]:
                err(f"{y['year']} {p}: {y[p]} but the cost centers sum to {per_year[p]}")
            grand[p] += money(y[p])
    for p in PARTS + ("total",):
        if money(doc["total"][p]) != grand[p]:
            err(f"total {p}: {doc['total'][p]} but the years sum to {grand[p]}")
    return len(doc["charges"])


def check_named_totals(doc, rows, amount_key, count_key, line_amount, line_cc, err):
    per_cc = defaultdict(Decimal)
    count = defaultdict(int)
    for r in rows:
        per_cc[line_cc(r)] += line_amount(r)
        count[line_cc(r)] += 1
    seen = set()
    for cc in doc["cost_centers"]:
        name = cc["cost_center"]
        seen.add(name)
        if money(cc[amount_key]) != per_cc[name]:
            err(f"{name}: {cc[amount_key]} but its lines sum to {per_cc[name]}")
        if cc[count_key] != count[name]:
            err(f"{name}: {cc[count_key]} {count_key} but {count[name]} lines")
    if seen != set(per_cc):
        err(f"cost centers {sorted(seen)} differ from those of the lines {sorted(per_cc)}")
    names = [cc["cost_center"] for cc in doc["cost_centers"]]
    if names != sorted(names, key=lambda s: s.encode()):
        err("cost centers are not in bytewise order")
    total = sum(per_cc.values(), Decimal(0))
    if money(doc["total"][amount_key]) != total:
        err(f"total: {doc['total'][amount_key]} but the lines sum to {total}")
    if doc["total"][count_key] != len(rows):
        err(f"total: {doc['total'][count_key]} {count_key} but {len(rows)} lines")
    return len(rows)


def check_renewal(doc, err):
    n = check_named_totals(doc, doc["plans"], "renewal_amount", "plans",
                           lambda p: money(p["renewal_amount"]),
                           lambda p: p["cost_center"] or "(none)", err)
    for p in doc["plans"]:
        if p["auto_renew"]:
            want = money(p["renewal_unit_price"]) * p["units_at_renewal"]
            if abs(money(p["renewal_amount"]) - want) >= 1:
                err(f"{p['id']}: renewal amount {p['renewal_amount']} is not units x price {want}")
        if not p["term"]["last_day"].startswith(str(doc["year"])):
            err(f"{p['id']}: its term does not end in {doc['year']}")
    renewing = sum(1 for p in doc["plans"] if p["auto_renew"])
    if doc["total"]["renewing"] != renewing:
        err(f"total renewing {doc['total']['renewing']} but {renewing} plans renew")
    return n


def check_procurement(doc, err):
    for line in doc["lines"]:
        if not line["date"].startswith(str(doc["year"])):
            err(f"{line['plan']} {line['kind']} on {line['date']} is not dated in {doc['year']}")
    return check_named_totals(doc, doc["lines"], "amount", "lines",
                              lambda x: money(x["amount"]),
                              lambda x: x["cost_center"] or "(none)", err)


CHECKS = {"report budget": check_budget, "report renewal": check_renewal,
          "export procurement": check_procurement}


def main(argv):
    status = 0
    for name in argv[1:]:
        try:
            with open(name, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            print(f"{name}: cannot read: {e}", file=sys.stderr)
            return 2
        check = CHECKS.get(doc.get("command"))
        if not check:
            print(f"{name}: unknown command {doc.get('command')!r}", file=sys.stderr)
            return 2
        problems = []
        check(doc, problems.append)
        for p in problems:
            print(f"{name}: {p}", file=sys.stderr)
        if problems:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv) if len(sys.argv) > 1 else 2)
