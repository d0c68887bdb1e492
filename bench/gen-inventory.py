#!/usr/bin/env python3
"""Writes a large valid commitplan inventory to stdout (or -o FILE).

N plans, 3N containers and about N/50 subscriptions, with field sizes like a
managed-service provider's real inventory (about 1.3 kB per plan with its
containers). The output is deterministic for a given N and seed.

    python3 bench/gen-inventory.py 100000 > /tmp/inv-100k.json
"""
import argparse
import json
import random
import sys

SERVICES = [
    ("speech-to-text", "speechservices/speech-to-text", "4.9.0-amd64-en-us",
     "4.10.0-amd64-en-us", "hours", "CognitiveServices.Speech.Container.SpeechToText.Hours",
     10000, "74100.00"),
    ("neural-text-to-speech", "speechservices/neural-text-to-speech", "3.2.0-amd64-en-us",
     "3.3.0-amd64-en-us", "characters", "CognitiveServices.Speech.Container.NeuralTTS.Characters",
     80000000, "52000.00"),
    ("document-intelligence-read", "form-recognizer/read-3.1", "2024.07.01", "2025.11.01",
     "pages", "CognitiveServices.FormRecognizer.Container.Read.Pages", 2000000, "31000.00"),
    ("language-sentiment", "textanalytics/sentiment", "3.0.2025-04", "3.0.2025-10",
     "records", "CognitiveServices.TextAnalytics.Container.Sentiment.Records", 5000000,
     "18250.50"),
    ("translator", "translator/text-translation", "1.0.02701.2-amd64", "1.0.02801.1-amd64",
     "characters", "CognitiveServices.Translator.Container.Text.Characters", 1000000000,
     "27400.00"),
]
ZONES = ["America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo", "America/New_York", "UTC"]
SITES = ["MV Aurora", "MV Borealis", "Plant 3, Gdansk", "Headquarters", "Cluster east-2",
         "Rig North Sea 14", "Field hospital Tromsø", "Mine site Kalgoorlie"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("plans", type=int, help="number of plans (N)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", help="output file (default: stdout)")
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    n = a.plans
    n_subs = max(1, n // 50)
    out = open(a.output, "w", encoding="utf-8") if a.output else sys.stdout
    w = out.write
    d = lambda v: json.dumps(v, ensure_ascii=False, separators=(",", ":"))

    w('{\n  "inventory": 1,\n  "organization": "Northwind Managed Services",\n'
      '  "currency": "USD",\n  "locale": "en_US",\n'
      '  "time_zones": ["America/Los_Angeles", "Asia/Tokyo"],\n'
      '  "policy": {"holidays": ["2026-11-26", "2026-12-25", "2027-01-01", "2027-05-31"]},\n'
      '  "subscriptions": [\n')
    for i in range(n_subs):
        sub = {"id": "sub-%06d" % i, "name": "Customer %d operations" % i,
               "access": {"status": "approved", "requested_on": "2024-10-01",
                          "decided_on": "2024-10-09"},
               "contact": "it-%06d@customer.example" % i}
        w("    " + d(sub) + (",\n" if i + 1 < n_subs else "\n"))
    w('  ],\n  "plans": [\n')
    for i in range(n):
        s = SERVICES[i % len(SERVICES)]
        units = rnd.randint(1, 5)
        plan = {"id": "plan-%06d" % i, "subscription": "sub-%06d" % (i % n_subs),
                "resource": "northwind-%s-%06d" % (s[0], i), "service": s[0],
                "term_start": "2026-01-01",
                "purchased_on": "2026-%02d-%02d" % (rnd.randint(1, 6), rnd.randint(1, 28)),
                "units": units, "unit_price": s[7]}
        if i % 2 == 0:
            plan["quota_per_unit"] = {"quantity": s[6], "unit": s[4], "meters": [s[5]]}
        if i % 4 == 0:
            plan["tier"] = "Commitment tier %d %s" % (s[6], s[4])
        if i % 3 == 0:
            plan["purchases"] = [{"date": "2026-%02d-01" % rnd.randint(7, 11), "units": 1,
                                  "po": "PO-%07d" % (i + 1)}]
        plan["auto_renew"] = i % 1000 != 999
        if plan["auto_renew"] and i % 4 == 0:
            plan["renewal"] = {"units": units + 1}
        plan.update({"owner": "owner-%06d@customer.example" % (i % n_subs),
                     "cost_center": "CC-%03d" % (i % 400), "po": "PO-%07d" % i})
        if i % 2 == 1:
            plan["time_zone"] = ZONES[i % len(ZONES)]
        w("    " + d(plan) + (",\n" if i + 1 < n else "\n"))
    w('  ],\n  "containers": [\n')
    for j in range(3 * n):
        i = j // 3
        s = SERVICES[i % len(SERVICES)]
        mirror = j % 4 == 3
        image = ("registry.site%d.local/azure-cognitive-services/%s" % (j % 97, s[1]) if mirror
                 else "mcr.microsoft.com/azure-cognitive-services/%s" % s[1])
        c = {"id": "ctr-%07d" % j, "plan": "plan-%06d" % i}
        if j % 3 != 2:
            c["site"] = SITES[j % len(SITES)]
        c.update({"image": image, "version": s[2],
                  "platform": "kubernetes" if j % 2 == 0 else "docker"})
        if j % 2 == 0:
            c["env"] = {"Mounts__License": "/license", "Mounts__Output": "/output"}
        else:
            c["mounts"] = {"license": "/license", "output": "/output"}
        c["license"] = {"downloaded_on": "2026-%02d-%02d" % (rnd.randint(7, 11), rnd.randint(1, 28)),
                        "image_version": s[2]}
        if j % 3 == 0:
            c["license"]["expires_on"] = "2027-01-31"
        if j % 10 == 0:
            c["upgrades"] = [{"version": s[3], "on": "2027-02-15"}]
        w("    " + d(c) + (",\n" if j + 1 < 3 * n else "\n"))
    w("  ]\n}\n")
    if a.output:
        out.close()


if __name__ == "__main__":
    main()
