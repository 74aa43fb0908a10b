#!/usr/bin/env bash
# Postings at scale: import (read, match skills on both cores, store) and `market demand` over
# 100,000 and 1,000,000 synthetic postings (bench/gen-postings.py), each into a fresh database;
# wall time and peak memory (max RSS) of each process, and the database size. Run on its own:
#     bench/demand.sh              # SIZES="100000 1000000" by default
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"100000 1000000"}
cargo build --release --quiet
bin=target/release/milemarker
work=${WORK:-$(mktemp -d)}
trap 'rm -rf "$work"' EXIT
measure() { # prints "seconds max-rss-MB" of a command
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null
    awk '{ printf "%.1f %.0f\n", $1, $2 / 1024 }' "$work/time"
}
echo "| postings | file | import (s) | import peak RSS (MB) | database (MB) | market demand (s) | demand peak RSS (MB) |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
    python3 bench/gen-postings.py --count "$n" --out "$work/p$n.jsonl" 2> /dev/null
    db="$work/p$n.db"
    read -r import_s import_mb < <(measure "$bin" --db "$db" postings import "$work/p$n.jsonl")
    read -r demand_s demand_mb < <(measure "$bin" --db "$db" market demand --json --as-of 2026-11-22)
    file_mb=$(du -m "$work/p$n.jsonl" | cut -f1)
    db_mb=$(du -m "$db" | cut -f1)
    echo "| $n | $file_mb MB | $import_s | $import_mb | $db_mb | $demand_s | $demand_mb |"
    rm -f "$work/p$n.jsonl"
done
