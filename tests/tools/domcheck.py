#!/usr/bin/env python3
"""Checks that a browser's rendered DOM of an HTML report shows the report.

Usage: domcheck.py DOM REPORT.json REPORT.csv

DOM is what `chromium --headless --dump-dom` printed for the HTML output of
report renewal, report budget or export procurement; REPORT.json and
REPORT.csv are the same report in the other two formats (same arguments). The
DOM passes when it has no script element; when its body has exactly one h1,
"Renewals YEAR", "Procurement YEAR" or "Budget FIRST–LAST" after the JSON, and
the title ends with it; when the body text names every plan of the JSON (its
plans, lines or charges) and every cost center of the CSV (with control
characters shown as \\uXXXX, as the writer does); and when a number
of the body text, read with either decimal mark and any grouping, equals the
report's money total: the sum of the CSV's amount column (renewal_amount,
amount or total), which must also be the JSON's total. Standard library only.
Exit 0 when the DOM passes, 1 otherwise (each problem on stderr), 2 on a usage
error or an unreadable file.
"""

import csv
import io
import json
import re
import sys
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser

# command -> (list of the JSON holding the plans, key of the plan id,
#             CSV amount column, key of the JSON total)
KINDS = {
    "report renewal": ("plans", "id", "renewal_amount", "renewal_amount"),
    "export procurement": ("lines", "plan", "amount", "amount"),
    "report budget": ("charges", "plan", "total", "total"),
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
NUMBER = re.compile(r"\d(?:[\d.,'\u00a0\u202f ]*\d)?")


class Dom(HTMLParser):
    """Collects the text of the body, the h1 and title texts and the script elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.scripts = 0
        self.title = ""
        self.h1 = []
        self.texts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        if tag == "h1" and "body" in self.stack:
            self.h1.append("")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "title" in self.stack and "head" in self.stack:  # not an SVG title
            self.title += data
        if "body" not in self.stack or "style" in self.stack or "script" in self.stack:
            return
        if "h1" in self.stack and self.h1:
            self.h1[-1] += data
        self.texts.append(data)


def numbers(text):
    """The values a number written in text may stand for, in either locale style."""
    out = set()
    for m in NUMBER.finditer(text):
        s = re.sub(r"[\s\u00a0\u202f']", "", m.group(0))
        for v in (s.replace(",", ""), s.replace(".", "").replace(",", ".")):
            try:
                out.add(Decimal(v))
            except InvalidOperation:
                pass
    return out


CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def shown(text):
    """Text from the input as the HTML writer shows it: each control character
    (tab and line ends too) or bidirectional override as a \\uXXXX escape."""
    return CONTROL.sub(lambda m: "\\u%04x" % ord(m.group(0)), text)


def check(dom_text, doc, rows):
    problems = []
    kind = KINDS.get(doc.get("command"))
    if kind is None:
        return [f"unknown command {doc.get('command')!r} in the JSON"]
    items_key, plan_key, csv_amount, total_key = kind
    d = Dom()
    d.feed(dom_text)
    d.close()
    if d.scripts:
        problems.append(f"{d.scripts} script element(s)")
    if doc["command"] == "report budget":
        first, last = doc["first_year"], doc["last_year"]
        heading = f"Budget {first}" if first == last else f"Budget {first}\u2013{last}"
    elif doc["command"] == "report renewal":
        heading = f"Renewals {doc['year']}"
    else:
        heading = f"Procurement {doc['year']}"
    h1 = [" ".join(h.split()) for h in d.h1]
    if h1 != [heading]:
        problems.append(f"h1 {h1}, not [{heading!r}]")
    if not " ".join(d.title.split()).endswith(heading):
        problems.append(f"title {d.title!r} does not end with {heading!r}")
    body = "\n".join(d.texts)
    plans = {item[plan_key] for item in doc[items_key] if item.get(plan_key)}
    centers = {r["cost_center"] for r in rows if r.get("cost_center")}
    for name in sorted(plans | centers):
        if shown(name) not in body:
            problems.append(f"{name!r} is not in the page")
    try:
        total = sum((Decimal(r[csv_amount]) for r in rows if r[csv_amount]), Decimal(0))
        json_total = Decimal(doc["total"][total_key])
    except (KeyError, InvalidOperation) as e:
        return problems + [f"no money total: {e!r}"]
    if total != json_total:
        problems.append(f"the CSV's {csv_amount} adds up to {total}, the JSON's total is {json_total}")
    found = set()
    for t in d.texts:
        found |= numbers(t)
    if total not in found:
        problems.append(f"the total {total} is not in the page")
    return problems


def main(argv):
    if len(argv) != 4:
        print("usage: domcheck.py DOM REPORT.json REPORT.csv", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            dom_text = f.read()
        with open(argv[2], encoding="utf-8") as f:
            doc = json.load(f)
        with open(argv[3], encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(io.StringIO(f.read())))
    except (OSError, ValueError) as e:
        print(f"domcheck.py: {e}", file=sys.stderr)
        return 2
    problems = check(dom_text, doc, rows)
    for p in problems:
        print(f"{argv[1]}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
