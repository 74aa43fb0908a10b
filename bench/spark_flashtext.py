#!/usr/bin/env python3
"""The Spark job (jobs/spark/demand.py) with a pure-Python matcher in place of milemarker's, for
bench/spark.sh: flashtext's KeywordProcessor (whole words, longest match, case-insensitive) over
the labels milemarker matches (data/skills/labels.tsv minus its deny lists, as bench/extract.py
gives its peers), each label mapped to its skill's id and preferred label. Everything else is the
job itself: the same reading, checking, joins, Parquet and counting.

It finds skills differently (no guards, no context model, no boilerplate filter, no O*NET class
roll-up), so its counts differ; it is here for the time a Python UDF matcher costs.

    PYTHONPATH=bench python bench/spark_flashtext.py --postings p.jsonl --out /tmp/d --master 'local[2]'
"""

import os
import sys
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ESCO = "http://data.europa.eu/esco/skill/"
_keywords = None


def keywords():
    """Built once per Python worker (Spark reuses them), like the Rust matcher's automaton."""
    global _keywords
    if _keywords is None:
        from flashtext import KeywordProcessor

        # Workers load this file from Spark's copy: the checkout is where the driver says.
        root = Path(os.environ.get("MILEMARKER_ROOT", ROOT))
        sys.path.insert(0, str(root / "bench"))
        usable = import_module("skills-eval").usable_labels()
        preferred = {}
        with (root / "data" / "skills" / "skills.tsv").open() as f:
            next(f)
            for line in f:
                sid, label = line.rstrip("\n").split("\t")[:2]
                preferred[sid] = label
        processor = KeywordProcessor(case_sensitive=False)
        with (root / "data" / "skills" / "labels.tsv").open() as f:
            next(f)
            for line in f:
                sid, label = line.rstrip("\n").split("\t")[:2]
                if label in usable:
                    full = sid if sid.startswith("onet:") else ESCO + sid
                    processor.add_keyword(label, (full, preferred.get(sid, label)))
        _keywords = processor
    return _keywords


def skills_of(batches):
    """mapInArrow, as demand.skills_of, each skill once per posting."""
    import demand  # on the workers: the copy demand.main ships

    processor = keywords()
    return demand.skill_rows(
        batches, lambda texts: [dict.fromkeys(processor.extract_keywords(t)) for t in texts])


def main():
    sys.path.insert(0, str(ROOT / "jobs" / "spark"))
    import demand
    import spark_flashtext  # this file by its module name, so workers import it, not a copy

    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["MILEMARKER_ROOT"] = str(ROOT)
    builder = SparkSession.builder.appName("milemarker demand (flashtext)")
    # The job's own builder finds this session: its --master must be set here, before it starts.
    argv = sys.argv[1:]
    if "--master" in argv:
        builder = builder.master(argv[argv.index("--master") + 1])
    spark = builder.getOrCreate()
    spark.sparkContext.addPyFile(spark_flashtext.__file__)
    demand.skills_of = spark_flashtext.skills_of
    demand.main(argv)


if __name__ == "__main__":
    main()
