"""The Spark job counts what `milemarker market demand --json` counts (issue 22 item 4).

Runs jobs/spark/demand.py in local[2] on a sharded copy of data/demo/postings.csv (three CSV files
in a folder, with a bad row added; with --title and --by-occupation) and on it as JSON Lines, then
imports the same postings with the CLI and compares every skill's counts and the gap to the title;
then the CLI reads the job's output back (`market demand --from`) and answers as it does from its
own. On data/demo/postings.csv itself it runs with --occupation: the CLI imports only that
occupation's postings (picked here, apart from the job) and counts alike, and --by-occupation's
rows for it are the same counts. Needs pyspark, pyarrow and the
milemarker_matcher package (scripts/spark-test installs them into target/py-venv) and Java 17.
"""

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CLI = os.environ.get("MILEMARKER", str(ROOT / "target" / "release" / "milemarker"))
POSTINGS = ROOT / "data" / "demo" / "postings.csv"
sys.path.insert(0, str(ROOT / "jobs" / "spark"))
import demand  # noqa: E402
import milemarker_matcher  # noqa: E402


TITLE = "data management"
AS_OF = "2026-11-29"
# Demo titles fit it ("Market Research Analyst", "Market Analyst", ...); --occupation takes words.
OCCUPATION = "market research analysts"


def by_id(answer):
    return {r["id"]: r for r in answer["skills"]}


def listed(answer):
    """The skills `market demand` lists: O*NET classes only for a person who claims them (the job
    keeps them so that a claimed class is counted)."""
    return {k: v for k, v in by_id(answer).items() if not (k.startswith("onet:") and "/" not in k)}


class SameAsTheCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp())
        db = cls.work / "cli.db"
        subprocess.run([CLI, "--db", str(db), "postings", "import", str(POSTINGS)], check=True,
                       capture_output=True)
        cls.db = db
        cls.cli = cls.market(["--as-of", AS_OF, "--title", TITLE])
        # The sharded copy: rows split over two CSV files and a JSON Lines file is not one format,
        # so the shards are CSV; one more file holds a row with a bad date, to be written aside.
        shards = cls.work / "shards"
        shards.mkdir()
        with POSTINGS.open(newline="") as f:
            rows = list(csv.DictReader(f))
        for k in range(3):
            with (shards / f"part-{k}.csv").open("w", newline="") as out:
                w = csv.DictWriter(out, fieldnames=list(demand.COLUMNS))
                w.writeheader()
                w.writerows(rows[k::3])
        with (shards / "part-3.csv").open("w", newline="") as out:
            w = csv.DictWriter(out, fieldnames=list(demand.COLUMNS))
            w.writeheader()
            w.writerow({"employer": "Acme", "title": "Clerk", "date": "29/11/2026", "text": "Excel"})
        cls.jsonl = cls.work / "postings.jsonl"
        cls.jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows))
        cls.answers = {}
        # Three runs of some four minutes each on a busy machine, so each does more than one thing:
        # --title and --by-occupation add the gap and a table and change no other count; the one
        # file's run counts one occupation's postings (--occupation), the others every posting.
        runs = [("one file", POSTINGS, ["--occupation", OCCUPATION]),
                ("shards", shards, ["--title", TITLE, "--by-occupation"]), ("json lines", cls.jsonl, [])]
        for name, source, flags in runs:
            out = cls.work / name.replace(" ", "-")
            demand.main(["--postings", str(source), "--out", str(out), "--master", "local[2]",
                         "--as-of", AS_OF, *flags])
            cls.answers[name] = (json.loads((out / "demand.json").read_text()), out)
        cls.rows = rows

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    @classmethod
    def market(cls, flags, db=None):
        run = subprocess.run([CLI, "--db", str(db or cls.db), "market", "demand", "--json", "--limit", "5000",
                              *flags], check=True, capture_output=True, text=True)
        return json.loads(run.stdout)

    def assert_counted_as(self, answer, cli_answer):
        """Every skill `market demand --json` lists, counted alike, in its order."""
        cli = by_id(cli_answer)
        for key in ("through", "months", "postings", "employers"):
            self.assertEqual(answer[key], cli_answer[key], key)
        spark = listed(answer)
        self.assertTrue(answer["complete"])
        self.assertEqual(set(spark), set(cli))
        for skill, row in spark.items():
            self.assertEqual(row, {k: cli[skill][k] for k in row}, skill)
        # Ties too: both break them by skill id.
        order = [r["id"] for r in answer["skills"] if r["id"] in cli]
        self.assertEqual(order, [r["id"] for r in cli_answer["skills"]])

    def test_every_skill_is_counted_as_the_cli_counts_it(self):
        for name in ("shards", "json lines"):
            with self.subTest(name):
                self.assertEqual(self.answers[name][0].get("occupation"), None)
                self.assert_counted_as(self.answers[name][0], self.cli)

    def test_an_occupations_demand_is_the_clis_over_its_postings(self):
        """The CLI imports only the rows whose title's best occupation is the one asked for (picked
        here in Python, apart from the job) and counts as the job does with --occupation."""
        answer, _ = self.answers["one file"]
        code, title = milemarker_matcher.occupation(OCCUPATION)
        self.assertEqual(answer["occupation"], {"code": code, "title": title})
        self.assertIn(f" job postings for {title} ({code}) from ", answer["dataset"])
        best = milemarker_matcher.occupation_of([r["title"] for r in self.rows])
        mine = [r for r, found in zip(self.rows, best) if found and found[0] == code]
        self.assertGreater(len(mine), 100)
        self.assertLess(len(mine), len(self.rows) // 4)
        source = self.work / "occupation.csv"
        with source.open("w", newline="") as out:
            w = csv.DictWriter(out, fieldnames=list(demand.COLUMNS))
            w.writeheader()
            w.writerows(mine)
        db = self.work / "occupation.db"
        subprocess.run([CLI, "--db", str(db), "postings", "import", str(source)], check=True, capture_output=True)
        self.assert_counted_as(answer, self.market(["--as-of", AS_OF], db))

    def test_demand_by_occupation_is_each_occupations_demand(self):
        import pyarrow.parquet as pq

        _, out = self.answers["shards"]
        table = pq.read_table(out / "demand_by_occupation").to_pylist()
        code, title = milemarker_matcher.occupation(OCCUPATION)
        mine = {r["skill"]: r for r in table if r["occupation"] == code}
        self.assertEqual({r["occupation_title"] for r in mine.values()}, {title})
        # Over the same window: the occupation's latest postings are in the latest month.
        answer, _ = self.answers["one file"]
        self.assertEqual(answer["through"], self.answers["shards"][0]["through"])
        self.assertEqual({k: (r["postings"], r["employers"], r["year_before"], r["trend"]) for k, r in mine.items()},
                         {s["id"]: (s["postings"], s["employers"], s["year_before"], s["trend"])
                          for s in answer["skills"]})
        lines = [json.loads(l) for p in (out / "demand_by_occupation_json").glob("*.json")
                 for l in p.read_text().splitlines()]
        self.assertEqual(sorted(lines, key=lambda r: (r["occupation"], r["skill"])),
                         sorted(table, key=lambda r: (r["occupation"], r["skill"])))

    def test_each_posting_skill_row_has_its_titles_occupation(self):
        import pyarrow.parquet as pq

        # The run with --occupation: the table still holds every posting.
        _, out = self.answers["one file"]
        rows = pq.read_table(out / "posting_skills", columns=["title", "occupation"]).to_pylist()
        pairs = {(r["title"], r["occupation"]) for r in rows}
        titles = sorted({t for t, _ in pairs})
        best = dict(zip(titles, milemarker_matcher.occupation_of(titles)))
        self.assertEqual(pairs, {(t, best[t][0] if best[t] else None) for t in titles})

    def test_the_gap_to_a_title_is_counted_as_the_cli_counts_it(self):
        gap, cli = self.answers["shards"][0]["gap"], self.cli["gap"]
        self.assertGreater(cli["postings"], 0)
        self.assertEqual((gap["title"], gap["postings"]), (TITLE, cli["postings"]))
        self.assertEqual({s["id"]: s["postings"] for s in gap["skills"]},
                         {s["id"]: s["postings"] for s in cli["skills"]})

    def test_the_cli_answers_from_the_jobs_output_as_from_its_own_postings(self):
        _, out = self.answers["shards"]
        back = self.market(["--from", str(out), "--title", TITLE])
        self.assertTrue(back["dataset"].startswith(f"demand from {out / 'demand.json'}, postings 2024-09 to "
                                                   "2026-09, computed by the Spark job"), back["dataset"])
        for key in ("through", "months", "postings", "employers", "coverage"):
            self.assertEqual(back[key], self.cli[key], key)
        self.assertEqual(by_id(back), by_id(self.cli))
        self.assertEqual({s["id"]: s["share"] for s in back["gap"]["skills"]},
                         {s["id"]: s["share"] for s in self.cli["gap"]["skills"]})

    def test_bad_rows_are_written_aside_and_counted(self):
        answer, out = self.answers["shards"]
        self.assertEqual(answer["bad_rows"], 1)
        bad = [json.loads(l) for p in (out / "bad").glob("*.json") for l in p.read_text().splitlines()]
        self.assertEqual([b["reason"] for b in bad], ["date is not YYYY-MM-DD"])
        self.assertEqual(self.answers["one file"][0]["bad_rows"], 0)

    def test_the_posting_skill_table_is_parquet_by_month(self):
        _, out = self.answers["one file"]
        months = sorted(p.name for p in (out / "posting_skills").glob("month=*"))
        self.assertEqual(months[0], "month=2024-09")
        self.assertEqual(months[-1], "month=2026-09")


if __name__ == "__main__":
    unittest.main()
