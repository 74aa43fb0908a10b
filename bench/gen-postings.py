#!/usr/bin/env python3
"""Synthetic job postings for benchmarks and the demo, made from real O*NET 29.3 text: each posting
takes an occupation's reported job title, a few of its task statements, technology examples O*NET
lists for it, and a few ESCO 1.1.1 skill labels, from one of a few thousand employers, dated over
a span of months. Standard library only; the same seed gives the same file.

    bench/gen-postings.py --count 1000000 --out /tmp/postings.jsonl

--fade LABEL makes a skill label fade: its chance of appearing falls from 60% at the start of the
span to 5% at the end (the demo's "fading skill"); --boost LABEL puts a label in 30% of postings.
Writes CSV or JSON Lines by the --out extension. The demo's postings were made with:

    bench/gen-postings.py --count 2400 --months 24 --end 2026-09-30 --employers 400 \\
        --occupations 11-2021,11-2022,13-1161,27-3031,11-2032,15-2051,27-3043 \\
        --boost "search engine optimisation" --boost "web analytics" --boost "SQL" \\
        --boost "plan marketing campaign" --fade "draft press releases" --out data/demo/postings.csv
"""

import argparse
import csv
import datetime as dt
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data"

FIRST = ["North", "Blue", "Summit", "River", "Cedar", "Harbor", "Granite", "Maple", "Silver", "Prairie",
         "Atlas", "Beacon", "Crescent", "Evergreen", "Falcon", "Golden", "Horizon", "Iron", "Juniper", "Keystone"]
SECOND = ["wind", "stone", "field", "bridge", "point", "gate", "brook", "ridge", "light", "view"]
KIND = ["Logistics", "Health", "Analytics", "Foods", "Media", "Systems", "Bank", "Energy", "Retail",
        "Labs", "Insurance", "Studios", "Manufacturing", "Partners", "Software", "Hospitality"]
OPENERS = ["We are hiring a {title} to join our team in {city}.",
           "{employer} is looking for an experienced {title}.",
           "Join {employer} as a {title} and help us grow.",
           "Our {city} office has an opening for a {title}."]
CITIES = ["Austin", "Denver", "Chicago", "Atlanta", "Seattle", "Boston", "Phoenix", "Columbus", "Raleigh", "Portland"]
CLOSERS = ["We offer health insurance, a retirement plan and paid time off.",
           "Hybrid work: three days a week in the office.",
           "Competitive salary, annual bonus and a learning budget.",
           "We are an equal opportunity employer."]


def table(name):
    with (SOURCE / "onet-29.3" / name).open(newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def load(occupations_wanted):
    titles, tasks, tech = {}, {}, {}
    for r in table("Sample of Reported Titles.txt"):
        titles.setdefault(r["O*NET-SOC Code"], []).append(r["Reported Job Title"])
    for r in table("Task Statements.txt"):
        tasks.setdefault(r["O*NET-SOC Code"], []).append(r["Task"])
    for r in table("Technology Skills.txt"):
        tech.setdefault(r["O*NET-SOC Code"], []).append(r["Example"])
    codes = sorted(c for c in titles if c in tasks and c in tech)
    if occupations_wanted:
        codes = [c for c in codes if c[:7] in occupations_wanted or c in occupations_wanted]
    with (SOURCE / "esco-1.1.1" / "esco_v_1_1_1_data_formatted.csv").open(newline="") as f:
        esco = sorted({r["description"].strip() for r in csv.DictReader(f)
                       if r["type"] == "preferredLabel" and r["description"].strip()})
    return codes, titles, tasks, tech, esco


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--employers", type=int, default=3000)
    ap.add_argument("--months", type=int, default=36)
    ap.add_argument("--end", default="2026-10-31")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--occupations", default="", help="comma-separated SOC codes to draw from")
    ap.add_argument("--fade", action="append", default=[], help="a skill label whose demand fades")
    ap.add_argument("--boost", action="append", default=[], help="a skill label asked for in 30%% of postings")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    wanted = {c.strip() for c in args.occupations.split(",") if c.strip()}
    codes, titles, tasks, tech, esco = load(wanted)
    if not codes:
        sys.exit("no occupation matches --occupations")
    employers = sorted({f"{rng.choice(FIRST)}{rng.choice(SECOND)} {rng.choice(KIND)} {i}" for i in range(args.employers)})
    # Each occupation draws its ESCO labels from a pool of its own, as real postings cluster.
    pools = {c: rng.sample(esco, 40) for c in codes}
    end = dt.date.fromisoformat(args.end)
    start = end - dt.timedelta(days=round(args.months * 30.44))
    span = (end - start).days
    out = Path(args.out)
    as_csv = out.suffix == ".csv"
    with out.open("w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n") if as_csv else None
        if writer:
            writer.writerow(["employer", "title", "date", "text"])
        for _ in range(args.count):
            code = rng.choice(codes)
            employer = rng.choice(employers)
            title = rng.choice(titles[code])
            day = start + dt.timedelta(days=rng.randrange(span + 1))
            progress = (day - start).days / span
            skills = rng.sample(pools[code], 3) + rng.sample(tech[code], min(4, len(tech[code])))
            skills += [label for label in args.boost if rng.random() < 0.3]
            for label in args.fade:
                if rng.random() < 0.6 - 0.55 * progress:
                    skills.append(label)
            parts = [rng.choice(OPENERS).format(title=title, employer=employer, city=rng.choice(CITIES)),
                     "You will: " + " ".join(rng.sample(tasks[code], min(4, len(tasks[code])))),
                     "You bring experience with " + ", ".join(skills) + ".",
                     rng.choice(CLOSERS)]
            row = [employer, title, day.isoformat(), " ".join(parts)]
            if writer:
                writer.writerow(row)
            else:
                f.write(json.dumps(dict(zip(["employer", "title", "date", "text"], row))) + "\n")
    print(f"{out}: {args.count} postings, {len(codes)} occupations, {len(employers)} employers, "
          f"{start} to {end}", file=sys.stderr)


if __name__ == "__main__":
    main()
