#!/usr/bin/env python3
"""Skill demand over many job postings on Apache Spark, with milemarker's matcher (issue 22).

    spark-submit jobs/spark/demand.py --postings 'postings/*.csv' --out demand/
    python jobs/spark/demand.py --postings data/demo/postings.csv --out /tmp/demand --master 'local[2]'

Reads postings (columns employer, title, date as YYYY-MM-DD, text) from CSV, JSON Lines or
Parquet: one file, a glob or a folder. Writes to --out:

  posting_skills/  Parquet partitioned by month: one row per (posting, skill) with the posting's
                   employer, title and date; the skills are what `milemarker postings import`
                   stores (milemarker_matcher.skills: each skill once per posting, boilerplate and
                   doubtful hits left out, each O*NET product's class beside it)
  demand.json      in the shape of `milemarker market demand --json` (its market part: dataset,
                   through, months, postings, employers and skills with postings, employers,
                   year_before, trend and by_month)
  bad/             rows refused, as JSON Lines with the reason; their count is printed too

Demand is counted as milemarker counts it: the --months months ending with the month of the
latest posting on or before --as-of; per skill the postings and distinct employers asking for it,
per month and over the window, and the postings in the same months a year earlier. Postings that
repeat employer, title, date and text count once, as an import keeps them.
"""

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

COLUMNS = ("employer", "title", "date", "text")


def read(spark: SparkSession, source: str) -> DataFrame:
    """The postings, as strings, from CSV, JSON Lines or Parquet by their extension (a folder: by
    the extension of the files in it)."""
    path = Path(source)
    names = [p.name for p in path.iterdir()] if path.is_dir() else [path.name]
    kinds = {n.rsplit(".", 1)[-1].lower() for n in names if "." in n and not n.startswith(("_", "."))}
    if kinds <= {"csv"}:
        frame = spark.read.csv(source, header=True, multiLine=True, escape='"')
    elif kinds <= {"jsonl", "json", "ndjson"}:
        frame = spark.read.json(source)
    elif kinds <= {"parquet"}:
        frame = spark.read.parquet(source)
    else:
        sys.exit(f"{source}: the files must all be .csv, .jsonl or .parquet, not {sorted(kinds)}")
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        sys.exit(f"{source}: no column {', '.join(missing)}; postings need employer, title, date and text")
    return frame.select(*[F.col(c).cast("string").alias(c) for c in COLUMNS])


def checked(frame: DataFrame):
    """(good rows with a parsed date and an id, bad rows with the reason): nothing is dropped
    silently."""
    # try_to_timestamp: Spark's ANSI mode (on by default in Spark 4) makes to_date fail the job on
    # one bad date; a bad date is a bad row.
    day = F.to_date(F.try_to_timestamp(F.col("date"), F.lit("yyyy-MM-dd")))
    reason = (
        F.when(F.coalesce(F.trim("employer"), F.lit("")) == "", "no employer")
        .when(F.coalesce(F.trim("title"), F.lit("")) == "", "no title")
        .when(F.coalesce(F.trim("text"), F.lit("")) == "", "no text")
        .when(day.isNull(), "date is not YYYY-MM-DD")
    )
    frame = frame.withColumn("reason", reason)
    bad = frame.where(F.col("reason").isNotNull())
    good = (frame.where(F.col("reason").isNull()).drop("reason")
            .withColumn("day", day)
            .dropDuplicates(list(COLUMNS))
            .withColumn("pid", F.monotonically_increasing_id()))
    return good, bad


def skills_of(batches):
    """mapInArrow: (pid, text) batches in, (pid, skill, label) rows out, from the Rust matcher."""
    import milemarker_matcher
    import pyarrow as pa

    for batch in batches:
        found = milemarker_matcher.skills(batch.column("text").to_pylist())
        pids, ids, labels = [], [], []
        for pid, pairs in zip(batch.column("pid").to_pylist(), found):
            for skill, label in pairs:
                pids.append(pid)
                ids.append(skill)
                labels.append(label)
        yield pa.RecordBatch.from_arrays(
            [pa.array(pids, pa.int64()), pa.array(ids, pa.string()), pa.array(labels, pa.string())],
            names=["pid", "skill", "label"])


def is_class(skill: str) -> bool:
    """An O*NET technology class ("onet:43232110"), stored beside each product so a claimed class
    counts its postings; `market demand` lists products, not their classes, and so does this."""
    return skill.startswith("onet:") and "/" not in skill


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift(month: str, by: int) -> str:
    year, m = map(int, month.split("-"))
    index = year * 12 + m - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def demand(postings: DataFrame, posting_skills: DataFrame, months: int, as_of: date, limit: int):
    """The market part of `market demand --json`, counted with Spark SQL."""
    first, last, total, employers_all = postings.agg(
        F.min("day"), F.max("day"), F.count("*"), F.countDistinct("employer")).first()
    if total == 0:
        return {"dataset": "no postings", "postings": 0, "employers": 0, "skills": []}
    through = month_of(min(last, as_of))
    window = [shift(through, k - months + 1) for k in range(months)]
    year_before = [shift(m, -12) for m in window]
    in_window = postings.where(F.col("month").isin(window))
    window_postings, window_employers = in_window.agg(F.count("*"), F.countDistinct("employer")).first()
    asked = posting_skills.where(F.col("month").isin(window + year_before))
    per_month = (asked.groupBy("skill", "month")
                 .agg(F.count("*").alias("postings"), F.countDistinct("employer").alias("employers"))
                 .collect())
    # Every skill asked for in the window or the year before (one the window lost is news too).
    totals = {r["skill"]: r for r in (
        asked.groupBy("skill", "label").agg(
            F.count(F.when(F.col("month").isin(window), 1)).alias("postings"),
            F.countDistinct(F.when(F.col("month").isin(window), F.col("employer"))).alias("employers"))
        .collect())}
    # The year before is a sum of months already counted; distinct employers over the window are not.
    months_of, before = {}, {}
    for r in per_month:
        months_of.setdefault(r["skill"], {})[r["month"]] = (r["postings"], r["employers"])
        if r["month"] in year_before:
            before[r["skill"]] = before.get(r["skill"], 0) + r["postings"]
    rows = []
    for skill, t in totals.items():
        if is_class(skill):
            continue
        yb = before.get(skill, 0)
        cells = months_of.get(skill, {})
        rows.append({
            "id": skill, "label": t["label"], "postings": t["postings"], "employers": t["employers"],
            "year_before": yb, "trend": t["postings"] / yb - 1.0 if yb else None,
            "by_month": [{"month": m, "postings": cells.get(m, (0, 0))[0], "employers": cells.get(m, (0, 0))[1]}
                         for m in window],
        })
    # As `market demand`: most employers, then most postings; ties by id here (milemarker breaks
    # them by its internal skill number).
    rows.sort(key=lambda r: (-r["employers"], -r["postings"], r["id"]))
    return {
        "dataset": f"{total:,} job postings from {employers_all:,} employers, {first} to {last}",
        "through": through, "months": window, "postings": window_postings, "employers": window_employers,
        "skills": rows[:limit],
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postings", required=True, help="a file, a glob or a folder of .csv, .jsonl or .parquet")
    ap.add_argument("--out", required=True, help="the folder to write posting_skills/, demand.json and bad/ into")
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--as-of", type=date.fromisoformat, default=date.today())
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--master", help="e.g. local[2]; spark-submit sets it otherwise")
    args = ap.parse_args(argv)
    # Local workers run this Python, which has the package; on a cluster spark-submit's settings
    # (--archives with a packed environment, or the wheel installed on the nodes) decide.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (SparkSession.builder.appName("milemarker demand")
               .config("spark.ui.showConsoleProgress", "false"))
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    # The workers unpickle skills_of by its module: ship this file to them.
    spark.sparkContext.addPyFile(__file__)
    good, bad = checked(read(spark, args.postings))
    out = args.out.rstrip("/")
    bad_count = bad.count()
    if bad_count:
        bad.write.mode("overwrite").json(f"{out}/bad")
    postings = good.withColumn("month", F.date_format("day", "yyyy-MM")).cache()
    found = postings.select("pid", "text").mapInArrow(skills_of, "pid long, skill string, label string")
    posting_skills = (found.join(postings.select("pid", "employer", "title", "day", "month"), "pid")
                      .cache())
    posting_skills.write.mode("overwrite").partitionBy("month").parquet(f"{out}/posting_skills")
    answer = demand(postings, posting_skills, args.months, args.as_of, args.limit)
    answer["bad_rows"] = bad_count
    Path(out).mkdir(parents=True, exist_ok=True)
    Path(f"{out}/demand.json").write_text(json.dumps(answer, indent=2) + "\n")
    print(f"{answer['dataset']}; {bad_count} bad rows; demand through {answer.get('through')} "
          f"in {out}/demand.json", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
