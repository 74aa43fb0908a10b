#!/usr/bin/env bash
# The same postings three ways, side by side (issue 22 item 5): (a) the CLI, `postings import` then
# `market demand` (release build, both cores); (b) the Spark job (jobs/spark/demand.py) in local[2]
# with the milemarker-matcher wheel; (c) the same job with a pure-Python matcher, flashtext over
# the same labels (bench/spark_flashtext.py). Wall time of each whole process (the Spark rows
# include starting the JVM and writing Parquet), postings/s, and postings/s per core (2 cores).
#     bench/spark.sh              # N=1000000; run it on an idle machine
#     N=20000 bench/spark.sh      # a quick try
# Needs Java 17 (Spark 4). pyspark, pyarrow, pandas and the wheel go into target/py-venv
# (scripts/py-wheel); flashtext from PyPI beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000000}
CORES=2
if ! java -version >/dev/null 2>&1; then
    echo "bench/spark.sh: Spark needs Java 17 (java on PATH)" >&2
    exit 1
fi
venv=target/py-venv
[ -x "$venv/bin/python" ] || scripts/py-wheel
"$venv/bin/pip" install -q "pyspark==4.0.1" "pyarrow>=15" "pandas>=2" "flashtext==2.7"
cargo build --release --locked --quiet -p milemarker
bin=target/release/milemarker
work=${WORK:-$(mktemp -d /tmp/bench-spark.XXXXXX)}
trap 'rm -rf "$work"' EXIT
python3 bench/gen-postings.py --count "$N" --out "$work/postings.jsonl" 2> /dev/null
# Past the generator's last posting, so every way counts the same window.
as_of=2026-11-29
seconds() { # wall seconds of a command, its output to $work/log
    local start end
    start=$(date +%s.%N)
    "$@" > "$work/log" 2>&1 || { cat "$work/log" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
row() { # name seconds
    awk -v name="$1" -v s="$2" -v n="$N" -v c="$CORES" \
        'BEGIN { printf "| %s | %d | %.1f | %.0f | %.0f |\n", name, n, s, n / s, n / s / c }'
}
echo "| way | postings | wall (s) | postings/s | postings/s per core |"
echo "|---|---:|---:|---:|---:|"
import_s=$(seconds "$bin" --db "$work/cli.db" postings import "$work/postings.jsonl")
demand_s=$(seconds "$bin" --db "$work/cli.db" market demand --json --as-of "$as_of")
row "CLI: postings import + market demand" "$(echo "$import_s + $demand_s" | bc)"
# One rayon thread per Python worker: local[2] runs two of them, one per core.
spark_s=$(seconds env RAYON_NUM_THREADS=1 "$venv/bin/python" jobs/spark/demand.py \
    --postings "$work/postings.jsonl" --out "$work/spark" --master "local[$CORES]" --as-of "$as_of")
row "Spark local[2], milemarker-matcher (Rust)" "$spark_s"
rm -rf "$work/spark"
flash_s=$(seconds "$venv/bin/python" bench/spark_flashtext.py \
    --postings "$work/postings.jsonl" --out "$work/flash" --master "local[$CORES]" --as-of "$as_of")
row "Spark local[2], flashtext (pure Python)" "$flash_s"
echo
awk -v i="$import_s" -v d="$demand_s" 'BEGIN { printf "(CLI: import %.1f s, market demand %.1f s.)\n", i, d }' 
