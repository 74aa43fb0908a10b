#!/usr/bin/env python3
"""Skill demand over many job postings on Apache Spark, with milemarker's matcher (issue 22).

    spark-submit jobs/spark/demand.py --postings 'postings/*.csv' --out demand/
    python jobs/spark/demand.py --postings data/demo/postings.csv --out /tmp/demand --master 'local[2]'
    milemarker market demand --from /tmp/demand        # the person's view of it
    milemarker postings import-demand /tmp/demand      # or kept for every view that reads demand

Reads postings (columns employer, title, date as YYYY-MM-DD, text) from CSV, JSON Lines or
Parquet: one file, a glob or a folder. Writes to --out:

  posting_skills/  Parquet partitioned by month: one row per (posting, skill) with the posting's
                   employer, title, occupation and date; the skills are what `milemarker postings
                   import` stores (milemarker_matcher.skills: each skill once per posting,
                   boilerplate and doubtful hits left out, each O*NET product's class beside it)
  demand.json      in the shape of `milemarker market demand --json` (its market part: dataset,
                   through, months, postings, employers and skills with postings, employers,
                   year_before, trend and by_month; every skill unless --limit), with first and
                   last (the days of the first and last posting), computed_by, complete (no
                   --limit), and with --title the gap: the title's postings in the window and
                   each skill a tenth of them ask for. `milemarker market demand --from DIR` and
                   `milemarker postings import-demand DIR` read it and check it first
  demand_by_occupation/       with --by-occupation, Parquet: one row per (occupation, skill) with
  demand_by_occupation_json/  occupation_title, label, postings, employers, year_before and trend
                   as demand.json counts them, over its window; the same as one JSON Lines file
  bad/             rows refused, as JSON Lines with the reason; their count is printed too

A posting's occupation is the O*NET-SOC code of the occupation whose O*NET titles (its own, those
workers reported, the alternate ones) fit the posting's title best (milemarker_matcher.
occupation_of, the best of `milemarker market occupations --search TITLE`); null when no word of
the title is in any of them. --occupation CODE|TITLE counts only that occupation's postings, and
demand.json says which ("occupation": {"code", "title"}, and in its dataset line).

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


def occupation_rows(batches):
    """mapInArrow: (title) batches in, (title, occupation, occupation_title) out, the occupation
    being the one whose O*NET titles fit the posting's title best (milemarker_matcher.
    occupation_of), null when no title word fits."""
    import milemarker_matcher
    import pyarrow as pa

    for batch in batches:
        titles = batch.column("title").to_pylist()
        found = milemarker_matcher.occupation_of(titles)
        codes = [f[0] if f else None for f in found]
        names = [f[1] if f else None for f in found]
        yield pa.RecordBatch.from_arrays(
            [pa.array(titles, pa.string()), pa.array(codes, pa.string()), pa.array(names, pa.string())],
            names=["title", "occupation", "occupation_title"])


def occupations(postings: DataFrame) -> DataFrame:
    """Each distinct title with its occupation, matched on the workers: a title is looked up once
    however many postings carry it."""
    return (postings.select("title").distinct()
            .mapInArrow(occupation_rows, "title string, occupation string, occupation_title string"))


def chosen_occupation(text: str) -> dict:
    """The occupation --occupation names (an O*NET-SOC code or title words), as the CLI resolves
    it; the job stops with the fix when none or several fit."""
    import milemarker_matcher

    try:
        found = milemarker_matcher.occupation(text)
    except ValueError as e:
        sys.exit(f"--occupation: {e}")
    if found is None:
        sys.exit(f"--occupation {text!r}: no O*NET occupation has that code or is called anything like "
                 "it; give an O*NET-SOC code such as 15-1252.00, or find one with "
                 "`milemarker market occupations --search WORDS`")
    return {"code": found[0], "title": found[1]}


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
    the skills at least GAP_SHARE of them ask for; most asked first, then by id (as milemarker)."""
    postings = in_window.where(F.col("title").isin(titles)).count()
    asked = (window_skills.where(F.col("title").isin(titles))
             .groupBy("skill", "label").agg(F.count("*").alias("postings")).collect())
    skills = sorted(({"id": r["skill"], "label": r["label"], "postings": r["postings"]}
                     for r in asked if r["postings"] >= GAP_SHARE * postings),
                    key=lambda s: (-s["postings"], s["id"]))
    return {"title": title, "postings": postings, "skills": skills}


def window_of(postings: DataFrame, months: int, as_of: date):
    """(first day, last day, postings, employers, through, window months, the same months a year
    earlier): the --months months ending with the month of the latest posting on or before
    `as_of`."""
    first, last, total, employers = postings.agg(
        F.min("day"), F.max("day"), F.count("*"), F.countDistinct("employer")).first()
    if total == 0 or first > as_of:
        sys.exit(f"no postings dated on or before {as_of}: nothing to count")
    through = month_of(min(last, as_of))
    window = [shift(through, k - months + 1) for k in range(months)]
    return first, last, total, employers, through, window, [shift(m, -12) for m in window]


def skill_counts(posting_skills: DataFrame, as_of: date, window: list, year_before: list,
                 by=()) -> DataFrame:
    """Per skill (and per the columns `by`) the postings and distinct employers asking for it in
    the window, the postings in the same months a year earlier, and the trend (postings against
    the year before, less one; null without a year before): every skill asked for in either (one
    the window lost is news too)."""
    # As an import counts: whole months, but nothing after --as-of.
    asked = posting_skills.where((F.col("day") <= F.lit(as_of)) & F.col("month").isin(window + year_before))
    in_window = F.col("month").isin(window)
    counts = asked.groupBy(*by, "skill", "label").agg(
        F.count(F.when(in_window, 1)).alias("postings"),
        F.countDistinct(F.when(in_window, F.col("employer"))).alias("employers"),
        F.count(F.when(F.col("month").isin(year_before), 1)).alias("year_before"))
    trend = F.when(F.col("year_before") > 0, F.col("postings") / F.col("year_before") - F.lit(1.0))
    return counts.withColumn("trend", trend)


def demand(postings: DataFrame, posting_skills: DataFrame, counted: tuple, as_of: date,
           limit=None, title=None, occupation=None):
    """The market part of `market demand --json`, counted with Spark SQL over `counted` (what
    `window_of` gives); with `title`, the gap to it too; with `occupation` ({"code", "title"}:
    the postings are that occupation's), said."""
    first, last, total, employers_all, through, window, year_before = counted
    upto = F.col("day") <= F.lit(as_of)
    in_window = postings.where(upto & F.col("month").isin(window))
    window_postings, window_employers = in_window.agg(F.count("*"), F.countDistinct("employer")).first()
    per_month = (posting_skills.where(upto & F.col("month").isin(window))
                 .groupBy("skill", "month")
                 .agg(F.count("*").alias("postings"), F.countDistinct("employer").alias("employers"))
                 .collect())
    months_of = {}
    for r in per_month:
        months_of.setdefault(r["skill"], {})[r["month"]] = (r["postings"], r["employers"])
    # O*NET classes are kept: `market demand` lists one only for the person who claims it, and
    # the fading skills marker counts a claimed class's postings.
    rows = []
    for t in skill_counts(posting_skills, as_of, window, year_before).collect():
        cells = months_of.get(t["skill"], {})
        rows.append({
            "id": t["skill"], "label": t["label"], "postings": t["postings"], "employers": t["employers"],
            "year_before": t["year_before"], "trend": t["trend"],
            "by_month": [{"month": m, "postings": cells.get(m, (0, 0))[0], "employers": cells.get(m, (0, 0))[1]}
                         for m in window],
        })
    # As `market demand`: most employers, then most postings, then id.
    rows.sort(key=lambda r: (-r["employers"], -r["postings"], r["id"]))
    # An occupation's demand says so where every view reading the file shows it: the dataset.
    whose = f" for {occupation['title']} ({occupation['code']})" if occupation else ""
    answer = {
        "computed_by": COMPUTED_BY,
        "dataset": f"{total:,} job postings{whose} from {employers_all:,} employers, {first} to {last}",
        "first": first.isoformat(), "last": last.isoformat(),
        "through": through, "months": window, "postings": window_postings, "employers": window_employers,
        "skills": rows if limit is None else rows[:limit],
        "complete": limit is None or len(rows) <= limit,
    }
    if occupation is not None:
        answer["occupation"] = occupation
    if title is not None:
        answer["gap"] = title_gap(in_window, posting_skills.where(upto & F.col("month").isin(window)),
                                  title, titled(postings, title))
    return answer


def demand_by_occupation(posting_skills: DataFrame, titles: DataFrame, counted: tuple,
                         as_of: date) -> DataFrame:
    """One row per (occupation, skill) over the window demand.json counts (`counted`, from
    `window_of`): `skill_counts` per occupation, each occupation with its O*NET title; postings no
    occupation fits are in none."""
    *_, window, year_before = counted
    names = titles.select("occupation", "occupation_title").where(F.col("occupation").isNotNull()).distinct()
    counts = skill_counts(posting_skills.where(F.col("occupation").isNotNull()), as_of, window, year_before,
                          by=["occupation"])
    return (counts.join(F.broadcast(names), "occupation")
            .select("occupation", "occupation_title", "skill", "label", "postings", "employers",
                    "year_before", "trend"))


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
    ap.add_argument("--occupation", metavar="CODE|TITLE",
                    help="count only the postings whose title fits this O*NET occupation best (an "
                    "O*NET-SOC code such as 15-1252.00, or title words as `--occupation` takes them)")
    ap.add_argument("--by-occupation", action="store_true",
                    help="also write demand_by_occupation/: per occupation and skill, the counts of demand.json")
    ap.add_argument("--master", help="e.g. local[2]; spark-submit sets it otherwise")
    args = ap.parse_args(argv)
    # Before Spark starts: a wrong --occupation costs no minutes.
    occupation = chosen_occupation(args.occupation) if args.occupation else None
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
    good = good.withColumn("month", F.date_format("day", "yyyy-MM"))
    titles = occupations(good).cache()
    # Far fewer titles than postings: sent whole to each task rather than both shuffled.
    postings = good.join(F.broadcast(titles.select("title", "occupation")), "title", "left").cache()
    found = postings.select("pid", "text").mapInArrow(skills_of, "pid long, skill string, label string")
    posting_skills = (found.join(postings.select("pid", "employer", "title", "occupation", "day", "month"), "pid")
                      .cache())
    posting_skills.write.mode("overwrite").partitionBy("month").parquet(f"{out}/posting_skills")
    if occupation:
        postings = postings.where(F.col("occupation") == occupation["code"])
        posting_skills = posting_skills.where(F.col("occupation") == occupation["code"])
    # The window once, for demand.json and the table by occupation alike.
    counted = window_of(postings, args.months, args.as_of)
    if args.by_occupation:
        by = demand_by_occupation(posting_skills, titles, counted, args.as_of).cache()
        by.write.mode("overwrite").parquet(f"{out}/demand_by_occupation")
        # One file for people to read, in order (a global orderBy would cost a sampling job);
        # a trend without a year before is written null, as demand.json writes it, not left out.
        (by.coalesce(1).sortWithinPartitions("occupation", F.desc("employers"), F.desc("postings"), "skill")
         .write.mode("overwrite").option("ignoreNullFields", "false").json(f"{out}/demand_by_occupation_json"))
    answer = demand(postings, posting_skills, counted, args.as_of, args.limit, args.title, occupation)
    answer["bad_rows"] = bad_count
    write_text(spark, f"{out}/demand.json", json.dumps(answer, indent=2) + "\n")
    print(f"{answer['dataset']}; {bad_count} bad rows; demand through {answer.get('through')} "
          f"in {out}/demand.json", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
