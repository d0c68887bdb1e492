#!/usr/bin/env python3
"""Writes a year of usage reports for every container of an inventory.

For each container of INVENTORY (for example one written by gen-inventory.py)
it writes DIR/CONTAINER-ID/YYYY-MM.json, the JSON the containers serve at
/records/usage-logs/{MONTH}/{YEAR}, for the twelve months from the first month
of its plan's term_start (or of --year). Each plan uses between 30% and 150%
of its quota_per_unit x units over the year, spread over its containers with a
seasonal wobble; hour meters are fractional, character meters carry a
billedUnit rounded up to the thousand. A few extra files make the folder
realistic: a month before the term, a meter outside the quota, an unknown
container. Output is deterministic for a given inventory and seed.

    python3 bench/gen-inventory.py 1000 > /tmp/inv-1k.json
    python3 bench/gen-usage.py /tmp/inv-1k.json /tmp/records-1k
    commitplan usage --records /tmp/records-1k --format json /tmp/inv-1k.json
"""
import argparse
import json
import os
import random
import sys
from fractions import Fraction

API = {"hours": "speech", "characters": "speech", "pages": "formrecognizer",
       "records": "textanalytics"}


def quantity_text(value, places):
    """value (a Fraction) as an exact decimal with at most `places` decimals."""
    scaled = round(value * 10 ** places)
    if places == 0:
        return str(scaled)
    s = str(scaled).rjust(places + 1, "0")
    out = s[:-places] + "." + s[-places:]
    return out.rstrip("0").rstrip(".")


def report(api, meters):
    parts = []
    for name, qty, billed in meters:
        m = f'{{"name": "{name}", "quantity": {qty}'
        if billed is not None:
            m += f', "billedUnit": {billed}'
        parts.append(m + "}")
    return ('{"apiType": "%s", "serviceName": "%s", "meters": [%s]}\n'
            % (api, api.capitalize() + "Services", ", ".join(parts)))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inventory")
    ap.add_argument("dir", help="the records folder to write (created if missing)")
    ap.add_argument("--year", type=int, help="write the twelve months of this calendar year")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-extras", action="store_true",
                    help="only in-term reports of known containers and quota meters")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with open(args.inventory) as f:
        inv = json.load(f)
    plans = {p["id"]: p for p in inv.get("plans", [])}
    by_plan = {}
    for c in inv.get("containers", []):
        by_plan.setdefault(c["plan"], []).append(c["id"])
    files = 0
    for pid, cids in by_plan.items():
        plan = plans[pid]
        quota = plan.get("quota_per_unit")
        units = plan["units"] + sum(p["units"] for p in plan.get("purchases", []))
        if quota:
            meter = quota["meters"][0]
            unit = quota.get("unit", "")
            yearly = Fraction(str(quota["quantity"])) * units * Fraction(rng.randint(30, 150), 100)
        else:
            meter, unit, yearly = "CognitiveServices.Container.Units", "", Fraction(10000)
        places = 2 if unit == "hours" else 0
        api = API.get(unit, "cognitiveservices")
        year, month = (args.year, 1) if args.year else map(int, plan["term_start"][:7].split("-"))
        for cid in cids:
            share = yearly / len(cids)
            y, m = year, month
            for k in range(12):
                wobble = Fraction(rng.randint(70, 130), 100)
                value = share / 12 * wobble
                qty = quantity_text(value, places)
                billed = None
                if unit == "characters":
                    billed = str(-(-int(Fraction(qty)) // 1000) * 1000)
                meters = [(meter, qty, billed)]
                if not args.no_extras and rng.random() < 0.02:
                    meters.append(("CognitiveServices.Container.Diagnostics.Calls",
                                   str(rng.randint(1, 500)), None))
                write(os.path.join(args.dir, cid, f"{y:04d}-{m:02d}.json"), report(api, meters))
                files += 1
                m += 1
                if m > 12:
                    y, m = y + 1, 1
            if not args.no_extras and rng.random() < 0.05:
                py, pm = (year - 1, 12) if month == 1 else (year, month - 1)
                write(os.path.join(args.dir, cid, f"{py:04d}-{pm:02d}.json"),
                      report(api, [(meter, quantity_text(share / 12, places), None)]))
                files += 1
    if not args.no_extras:
        for j in range(max(1, files // 1000)):
            write(os.path.join(args.dir, f"retired-box-{j}", "2026-05.json"),
                  report("speech", [("CognitiveServices.Speech.Container.SpeechToText.Hours",
                                     "12.5", None)]))
            files += 1
    print(f"{files} reports written to {args.dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
