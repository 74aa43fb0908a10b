"""The Spark job counts what `milemarker market demand --json` counts (issue 22 item 4).

Runs jobs/spark/demand.py in local[2] on data/demo/postings.csv (with --title), on a sharded copy
of it (three CSV files in a folder, with a bad row added) and on it as JSON Lines, then imports the
same postings with the CLI and compares every skill's counts and the gap to the title; then the
CLI reads the job's output back (`market demand --from`) and answers as it does from its own. Needs pyspark, pyarrow and the
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


TITLE = "data management"
AS_OF = "2026-11-29"


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
        for name, source in [("one file", POSTINGS), ("shards", shards), ("json lines", cls.jsonl)]:
            out = cls.work / name.replace(" ", "-")
            # --title on one run only: it adds the gap and changes no other count.
            title = ["--title", TITLE] if name == "one file" else []
            demand.main(["--postings", str(source), "--out", str(out), "--master", "local[2]",
                         "--as-of", AS_OF, *title])
            cls.answers[name] = (json.loads((out / "demand.json").read_text()), out)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.work, ignore_errors=True)

    @classmethod
    def market(cls, flags):
        run = subprocess.run([CLI, "--db", str(cls.db), "market", "demand", "--json", "--limit", "5000",
                              *flags], check=True, capture_output=True, text=True)
        return json.loads(run.stdout)

    def test_every_skill_is_counted_as_the_cli_counts_it(self):
        cli = by_id(self.cli)
        for name, (answer, _) in self.answers.items():
            with self.subTest(name):
                for key in ("through", "months", "postings", "employers"):
                    self.assertEqual(answer[key], self.cli[key], key)
                spark = listed(answer)
                self.assertTrue(answer["complete"])
                self.assertEqual(set(spark), set(cli))
                for skill, row in spark.items():
                    self.assertEqual(row, {k: cli[skill][k] for k in row}, skill)
                order = [(-r["employers"], -r["postings"]) for r in answer["skills"] if r["id"] in spark]
                self.assertEqual(order, [(-r["employers"], -r["postings"]) for r in self.cli["skills"]])

    def test_the_gap_to_a_title_is_counted_as_the_cli_counts_it(self):
        gap, cli = self.answers["one file"][0]["gap"], self.cli["gap"]
        self.assertGreater(cli["postings"], 0)
        self.assertEqual((gap["title"], gap["postings"]), (TITLE, cli["postings"]))
        self.assertEqual({s["id"]: s["postings"] for s in gap["skills"]},
                         {s["id"]: s["postings"] for s in cli["skills"]})

    def test_the_cli_answers_from_the_jobs_output_as_from_its_own_postings(self):
        _, out = self.answers["one file"]
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
