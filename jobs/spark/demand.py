#!/usr/bin/env python3
"""Skill demand over many job postings on Apache Spark, with milemarker's matcher (issue 22).

    spark-submit jobs/spark/demand.py --postings 'postings/*.csv' --out demand/
    python jobs/spark/demand.py --postings data/demo/postings.csv --out /tmp/demand --master 'local[2]'
    milemarker market demand --from /tmp/demand        # the person's view of it
    milemarker postings import-demand /tmp/demand      # or kept for every view that reads demand

Reads postings (columns employer, title, date as YYYY-MM-DD, text) from CSV, JSON Lines or
Parquet: one file, a glob or a folder. Writes to --out:

  posting_skills/  Parquet partitioned by month: one row per (posting, skill) with the posting's
                   employer, title and date; the skills are what `milemarker postings import`
                   stores (milemarker_matcher.skills: each skill once per posting, boilerplate and
                   doubtful hits left out, each O*NET product's class beside it)
  demand.json      in the shape of `milemarker market demand --json` (its market part: dataset,
                   through, months, postings, employers and skills with postings, employers,
                   year_before, trend and by_month; every skill unless --limit), with first and
                   last (the days of the first and last posting), computed_by, complete (no
                   --limit), and with --title the gap: the title's postings in the window and
                   each skill a tenth of them ask for. `milemarker market demand --from DIR` and
                   `milemarker postings import-demand DIR` read it and check it first
  bad/             rows refused, as JSON Lines with the reason; their count is printed too

Demand is counted as milemarker counts it: the --months months ending with the month of the
latest posting on or before --as-of; per skill the postings and distinct employers asking for it,
per month and over the window, and the postings in the same months a year earlier. Postings that
repeat employer, title, date and text count once, as an import keeps them. --title picks postings
as `market demand --title` does: titles with the phrase's words in order (milemarker_matcher.
contains_words), and counts the gap to them beside demand over all postings.
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
COMPUTED_BY = "milemarker Spark job (jobs/spark/demand.py)"
# A skill is part of the gap to a title when at least this share of its postings ask for it
# (milemarker_app::market::GAP_SHARE); the person's own skills are taken out on reading.
GAP_SHARE = 0.1


def read(spark: SparkSession, source: str, fmt=None) -> DataFrame:
    """The postings, as strings, from CSV, JSON Lines or Parquet: `fmt`, else by their extension
    (a local folder: by the extension of the files in it; an object store's folder needs `fmt`
    or a glob such as s3://bucket/postings/*.parquet)."""
    path = Path(source)
    names = [p.name for p in path.iterdir()] if path.is_dir() else [path.name]
    kinds = {n.rsplit(".", 1)[-1].lower() for n in names if "." in n and not n.startswith(("_", "."))}
    if fmt:
        kinds = {fmt}
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


def skill_rows(batches, find):
    """(pid, text) Arrow batches in, (pid, skill, label) batches out: `find` gives, for a list of
    texts, each text's (skill id, label) pairs."""
    import pyarrow as pa

    for batch in batches:
        found = find(batch.column("text").to_pylist())
        pids, ids, labels = [], [], []
        for pid, pairs in zip(batch.column("pid").to_pylist(), found):
            for skill, label in pairs:
                pids.append(pid)
                ids.append(skill)
                labels.append(label)
        yield pa.RecordBatch.from_arrays(
            [pa.array(pids, pa.int64()), pa.array(ids, pa.string()), pa.array(labels, pa.string())],
            names=["pid", "skill", "label"])


def skills_of(batches):
    """mapInArrow: the skills of each posting, from the Rust matcher."""
    import milemarker_matcher

    return skill_rows(batches, milemarker_matcher.skills)


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift(month: str, by: int) -> str:
    year, m = map(int, month.split("-"))
    index = year * 12 + m - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def titled(postings: DataFrame, title: str) -> list:
    """The distinct titles with `title`'s words, matched on the driver as `market demand --title`
    matches them: there are far fewer titles than postings."""
    import milemarker_matcher

    names = [r["title"] for r in postings.select("title").distinct().collect()]
    return [n for n in names if milemarker_matcher.contains_words(n, title)]


def title_gap(in_window: DataFrame, window_skills: DataFrame, title: str, titles: list) -> dict:
    """The postings in the window with one of `titles`, and per skill how many ask for it, for
    the skills at least GAP_SHARE of them ask for; most asked first (then by id, where milemarker
    breaks ties by its own skill number)."""
    postings = in_window.where(F.col("title").isin(titles)).count()
    asked = (window_skills.where(F.col("title").isin(titles))
             .groupBy("skill", "label").agg(F.count("*").alias("postings")).collect())
    skills = sorted(({"id": r["skill"], "label": r["label"], "postings": r["postings"]}
                     for r in asked if r["postings"] >= GAP_SHARE * postings),
                    key=lambda s: (-s["postings"], s["id"]))
    return {"title": title, "postings": postings, "skills": skills}


def demand(postings: DataFrame, posting_skills: DataFrame, months: int, as_of: date,
           limit=None, title=None):
    """The market part of `market demand --json`, counted with Spark SQL; with `title`, the gap
    to it too."""
    first, last, total, employers_all = postings.agg(
        F.min("day"), F.max("day"), F.count("*"), F.countDistinct("employer")).first()
    if total == 0 or first > as_of:
        sys.exit(f"no postings dated on or before {as_of}: nothing to count")
    through = month_of(min(last, as_of))
    window = [shift(through, k - months + 1) for k in range(months)]
    year_before = [shift(m, -12) for m in window]
    # As an import counts: whole months, but nothing after --as-of.
    upto = F.col("day") <= F.lit(as_of)
    in_window = postings.where(upto & F.col("month").isin(window))
    window_postings, window_employers = in_window.agg(F.count("*"), F.countDistinct("employer")).first()
    asked = posting_skills.where(upto & F.col("month").isin(window + year_before))
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
    # O*NET classes are kept: `market demand` lists one only for the person who claims it, and
    # the fading skills marker counts a claimed class's postings.
    rows = []
    for skill, t in totals.items():
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
    answer = {
        "computed_by": COMPUTED_BY,
        "dataset": f"{total:,} job postings from {employers_all:,} employers, {first} to {last}",
        "first": first.isoformat(), "last": last.isoformat(),
        "through": through, "months": window, "postings": window_postings, "employers": window_employers,
        "skills": rows if limit is None else rows[:limit],
        "complete": limit is None or len(rows) <= limit,
    }
    if title is not None:
        answer["gap"] = title_gap(in_window, posting_skills.where(upto & F.col("month").isin(window)),
                                  title, titled(postings, title))
    return answer


def write_text(spark: SparkSession, path: str, text: str):
    """Writes a small file where Spark writes its output: a local folder here, an object store
    (s3://, abfss://, gs://, dbfs:/) or HDFS on a cluster, through the driver's Hadoop FileSystem."""
    if "://" not in path and not path.startswith("dbfs:"):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text)
        return
    jvm = spark.sparkContext._jvm
    target = jvm.org.apache.hadoop.fs.Path(path)
    stream = target.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).create(target, True)
    try:
        stream.write(bytearray(text.encode()))
    finally:
        stream.close()


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postings", required=True, help="a file, a glob or a folder of .csv, .jsonl or .parquet")
    ap.add_argument("--out", required=True, help="the folder to write posting_skills/, demand.json and bad/ into")
    ap.add_argument("--format", choices=["csv", "jsonl", "parquet"],
                    help="the postings' format [default: from the files' extension]")
    ap.add_argument("--months", type=int, default=12)
    ap.add_argument("--as-of", type=date.fromisoformat, default=date.today())
    ap.add_argument("--limit", type=int, help="skills to keep, most asked for first [default: every "
                    "skill, so a person's own are there whichever they are]")
    ap.add_argument("--title", help="the gap to a job title too, as `market demand --title` counts it")
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
    good, bad = checked(read(spark, args.postings, args.format))
    out = args.out.rstrip("/")
    bad_count = bad.count()
    if bad_count:
        bad.write.mode("overwrite").json(f"{out}/bad")
    postings = good.withColumn("month", F.date_format("day", "yyyy-MM")).cache()
    found = postings.select("pid", "text").mapInArrow(skills_of, "pid long, skill string, label string")
    posting_skills = (found.join(postings.select("pid", "employer", "title", "day", "month"), "pid")
                      .cache())
    posting_skills.write.mode("overwrite").partitionBy("month").parquet(f"{out}/posting_skills")
    answer = demand(postings, posting_skills, args.months, args.as_of, args.limit, args.title)
    answer["bad_rows"] = bad_count
    write_text(spark, f"{out}/demand.json", json.dumps(answer, indent=2) + "\n")
    print(f"{answer['dataset']}; {bad_count} bad rows; demand through {answer.get('through')} "
          f"in {out}/demand.json", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
