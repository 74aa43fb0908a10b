#!/usr/bin/env bash
# Does a long postings import hold up the person's other writes? Imports N synthetic postings
# (bench/gen-postings.py) while logging a win in a loop, and reports how long each win took, how
# many were refused, and that every win reported saved is stored. Run on its own:
#     bench/import-lock.sh                 # N=200000 by default
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-200000}
cargo build --release --quiet
bin=target/release/milemarker
if [ -n "${WORK:-}" ]; then work=$WORK; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
[ -f "$work/p$N.csv" ] || python3 bench/gen-postings.py --count "$N" --out "$work/p$N.csv" 2> /dev/null
db="$work/lock.db"
rm -f "$db" "$db-wal" "$db-shm"
"$bin" --db "$db" win "before the import" > /dev/null
start=$(date +%s%N)
"$bin" --db "$db" postings import "$work/p$N.csv" > "$work/import.out" 2>&1 &
import=$!
: > "$work/waits"
ok=0 refused=0 i=0
while kill -0 "$import" 2> /dev/null; do
    i=$((i + 1))
    t0=$(date +%s%N)
    if "$bin" --db "$db" win "during the import $i" > /dev/null 2>> "$work/errors"; then
        ok=$((ok + 1))
    else
        refused=$((refused + 1))
    fi
    echo $((($(date +%s%N) - t0) / 1000000)) >> "$work/waits"
done
wait "$import"
import_s=$(awk -v s="$start" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')
stored=$("$bin" --db "$db" win list --json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
sort -n "$work/waits" | awk -v n="$N" -v imp="$import_s" -v ok="$ok" -v refused="$refused" -v stored="$stored" '
    { w[NR] = $1 }
    END {
        p99 = int(NR * 0.99)
        if (p99 < 1) p99 = 1
        printf "| postings | import (s) | wins logged meanwhile | refused | median (ms) | p99 (ms) | slowest (ms) | wins stored |\n"
        printf "|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        printf "| %d | %s | %d | %d | %d | %d | %d | %d of %d |\n", n, imp, ok, refused,
            w[int((NR + 1) / 2)], w[p99], w[NR], stored, ok + 1
    }'
cat "$work/import.out"
