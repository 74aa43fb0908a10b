"""`milemarker review` on a generated profile (10 years of weekly check-ins, 2,000 wins, 500
contacts, 200 opportunities) against `jrnl` listing a journal with the same number of entries:
whole process each, cold start every run, side by side in one run. Run through bench/review.sh."""

import copy
import datetime
import json
import os
import random
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "milemarker"
JRNL = ROOT / "bench" / ".venv" / "bin" / "jrnl"
RUNS = 21
TODAY = datetime.date(2026, 10, 28)
WEEKS, WINS, CONTACTS, OPPORTUNITIES = 520, 2000, 500, 200


def milemarker(env, *args):
    return subprocess.run([str(BINARY), *args], check=True, capture_output=True, text=True, env=env).stdout


def iso_week(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def scale(doc):
    """Grows the demo person's records to ten years, reusing its own rows as templates."""
    rng = random.Random(2026)
    last_monday = TODAY - datetime.timedelta(days=TODAY.weekday() + 7)
    template = doc["checkins"][0]
    doc["checkins"] = []
    for i in range(WEEKS):
        row = copy.deepcopy(template)
        row["week"] = iso_week(last_monday - datetime.timedelta(weeks=WEEKS - 1 - i))
        row["hours"] = float(rng.randint(36, 58))
        row["energy"] = rng.randint(1, 5)
        row["satisfaction"] = rng.randint(1, 5)
        doc["checkins"].append(row)
    visibilities = ["self", "team", "manager", "skip", "company", "public"]
    sections = ["projects", "design-docs", "collaboration", "not-my-job"]
    template = doc["achievements"][0]
    doc["achievements"] = []
    for i in range(WINS):
        row = copy.deepcopy(template)
        row.update(
            id=i + 1,
            date=str(TODAY - datetime.timedelta(days=rng.randint(1, 3650))),
            title=f"Achievement number {i + 1} with a measurable result",
            visibility=rng.choice(visibilities),
            section=rng.choice(sections),
        )
        doc["achievements"].append(row)
    template = doc["contacts"][0]
    doc["contacts"] = []
    for i in range(CONTACTS):
        row = copy.deepcopy(template)
        row.update(id=f"person-{i}", name=f"Person {i}", mentor=i % 25 == 0, cadence_days=rng.choice([30, 60, 90, 180]))
        row["log"] = [{"date": str(TODAY - datetime.timedelta(days=rng.randint(1, 400))), "note": None}]
        doc["contacts"].append(row)
    stages = ["new", "replied", "applied", "interviewing", "offer", "declined", "closed"]
    doc["opportunities"] = []
    for i in range(OPPORTUNITIES):
        start = TODAY - datetime.timedelta(days=rng.randint(1, 3650))
        history = [{"stage": "new", "date": str(start)}]
        for stage in stages[1 : rng.randint(1, 7)]:
            start += datetime.timedelta(days=rng.randint(1, 20))
            history.append({"stage": stage, "date": str(min(start, TODAY))})
        doc["opportunities"].append(
            {"id": i + 1, "company": f"Company {i}", "role": "Director", "source": rng.choice(["recruiter", "referral", "posting", "network"]),
             "contact": None, "history": history, "note": None, "link": None, "option": None}
        )
    return doc


def journal(path, entries):
    """A jrnl journal of `entries` entries, one a day, each a title and a sentence of body."""
    start = datetime.datetime(2016, 1, 1, 9, 0)
    with path.open("w") as out:
        for i in range(entries):
            when = start + datetime.timedelta(days=i)
            out.write(f"[{when:%Y-%m-%d %H:%M}] Entry number {i + 1} with a measurable result.\n")
            out.write("Worked on the launch; hours and energy noted for the week.\n\n")


def timed(command, env):
    times = []
    for _ in range(RUNS):
        start = datetime.datetime.now()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        times.append((datetime.datetime.now() - start).total_seconds())
    return times


def main():
    work = Path(tempfile.mkdtemp(prefix="milemarker-bench-"))
    env = dict(os.environ, MILEMARKER_TODAY=str(TODAY), MILEMARKER_CONFIG=str(work / "none.toml"), NO_COLOR="1",
               HOME=str(work), XDG_CONFIG_HOME=str(work / "config"))
    db = work / "review.db"
    milemarker(env, "demo", "--db", str(db))
    doc = scale(json.loads(milemarker(env, "export", "-", "--db", str(db))))
    (work / "big.json").write_text(json.dumps(doc))
    db.unlink()
    for wal in ("-wal", "-shm"):
        Path(str(db) + wal).unlink(missing_ok=True)
    milemarker(env, "import", str(work / "big.json"), "--db", str(db))
    entries = WEEKS + WINS + CONTACTS + OPPORTUNITIES
    journal(work / "journal.txt", entries)
    config = work / "config" / "jrnl"
    config.mkdir(parents=True)
    (config / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\ndefault_hour: 9\ndefault_minute: 0\n"
        "editor: ''\nencrypt: false\nhighlight: false\nindent_character: '|'\n"
        f"journals:\n  default:\n    journal: {work / 'journal.txt'}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n"
    )
    listed = subprocess.run([str(JRNL), "-n", str(entries)], check=True, capture_output=True, text=True, env=env).stdout
    assert listed.count("Entry number") == entries, "jrnl lists every entry"
    runs = {
        "milemarker review (text)": [str(BINARY), "review", "--db", str(db)],
        "milemarker review --format html": [str(BINARY), "review", "--format", "html", "--db", str(db)],
        "milemarker markers --json": [str(BINARY), "markers", "--json", "--db", str(db)],
        f"jrnl -n {entries} (list every entry)": [str(JRNL), "-n", str(entries)],
    }
    results = {name: timed(command, env) for name, command in runs.items()}
    med = statistics.median
    print(f"{WEEKS} weekly check-ins, {WINS} wins, {CONTACTS} contacts, {OPPORTUNITIES} opportunities "
          f"({entries} records; jrnl lists a journal of {entries} entries); median of {RUNS} runs, whole process")
    print()
    print("| command | median (ms) | best (ms) |")
    print("| --- | ---: | ---: |")
    for name, times in results.items():
        print(f"| {name} | {med(times) * 1000:.1f} | {min(times) * 1000:.1f} |")
    ours = med(results["milemarker review (text)"])
    peer = med(results[f"jrnl -n {entries} (list every entry)"])
    print()
    print(f"review is {peer / ours:.1f}x faster than jrnl listing the same number of entries")


if __name__ == "__main__":
    main()
