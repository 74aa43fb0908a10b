"""The Spark job counts what `milemarker market demand --json` counts (issue 22 item 4).

Runs jobs/spark/demand.py in local[2] on data/demo/postings.csv, and on a sharded copy of it (three
CSV files in a folder, one of them as JSON Lines, with a bad row added), then imports the same
postings with the CLI and compares every skill's counts. Needs pyspark, pyarrow and the
milemarker_matcher package (scripts/spark-test installs them into target/py-venv) and Java 17.
"""

import csv
import json
import os
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


def by_id(answer):
    return {r["id"]: r for r in answer["skills"]}


class SameAsTheCli(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = Path(tempfile.mkdtemp())
        db = cls.work / "cli.db"
        subprocess.run([CLI, "--db", str(db), "postings", "import", str(POSTINGS)], check=True,
                       capture_output=True)
        run = subprocess.run([CLI, "--db", str(db), "market", "demand", "--json", "--limit", "5000",
                              "--as-of", "2026-11-29"], check=True, capture_output=True, text=True)
        cls.cli = json.loads(run.stdout)
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
            demand.main(["--postings", str(source), "--out", str(out), "--master", "local[2]",
                         "--limit", "5000", "--as-of", "2026-11-29"])
            cls.answers[name] = (json.loads((out / "demand.json").read_text()), out)

    def test_every_skill_is_counted_as_the_cli_counts_it(self):
        cli = by_id(self.cli)
        for name, (answer, _) in self.answers.items():
            with self.subTest(name):
                for key in ("through", "months", "postings", "employers"):
                    self.assertEqual(answer[key], self.cli[key], key)
                spark = by_id(answer)
                self.assertEqual(set(spark), set(cli))
                for skill, row in spark.items():
                    self.assertEqual(row, {k: cli[skill][k] for k in row}, skill)
                order = [(-r["employers"], -r["postings"]) for r in answer["skills"]]
                self.assertEqual(order, [(-r["employers"], -r["postings"]) for r in self.cli["skills"]])

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
