#!/usr/bin/env bash
# Kill milemarker with SIGKILL at a random moment of each import, KILLS times per import, and
# check after each kill that the database is intact (SQLite's integrity_check) and that the
# import happened whole or not at all; then run the import again to the end and check it is
# whole. Imports: `postings import` (CSV), `hours import` (Timewarrior JSON), and `import` (an
# export document that replaces everything). Run on its own:
#     bench/kill.sh                  # KILLS=20 POSTINGS=50000 INTERVALS=20000 by default
set -euo pipefail
cd "$(dirname "$0")/.."
KILLS=${KILLS:-20}
POSTINGS=${POSTINGS:-50000}
INTERVALS=${INTERVALS:-20000}
cargo build --release --quiet
bin=$PWD/target/release/milemarker
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export MILEMARKER_TODAY=2026-11-28

python3 bench/gen-postings.py --count "$POSTINGS" --out "$work/postings.csv" 2> /dev/null
python3 - "$INTERVALS" > "$work/timew.json" <<'PY'
import datetime, json, sys
n = int(sys.argv[1])
start = datetime.datetime(2020, 1, 6, 8, 0)
out = []
for i in range(n):
    day = start + datetime.timedelta(days=i // 2, hours=5 * (i % 2))
    out.append({"id": i + 1, "start": day.strftime("%Y%m%dT%H%M%SZ"),
                "end": (day + datetime.timedelta(hours=4)).strftime("%Y%m%dT%H%M%SZ"), "tags": ["work"]})
json.dump(out, sys.stdout)
PY
"$bin" --db "$work/person.db" demo > /dev/null
"$bin" --db "$work/person.db" export "$work/person.json" > /dev/null 2>&1

# The database every trial starts from: a person with a win, so a replacing import shows.
"$bin" --db "$work/base.db" win "before the import" > /dev/null

# "integrity postings intervals wins" of a database.
state() {
    python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ok = db.execute("PRAGMA integrity_check").fetchone()[0]
count = lambda t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
# Postings count once their import is done (schema 6); a dead import's rows never count.
done = "SELECT count(*) FROM posting WHERE import NOT IN (SELECT id FROM posting_import WHERE NOT done)"
print(ok, db.execute(done).fetchone()[0], count("tracked_interval"), count("achievement"))
PY
}

run_import() { # kind db
    case $1 in
    postings) "$bin" --db "$2" postings import "$work/postings.csv" ;;
    hours) "$bin" --db "$2" hours import --format timewarrior "$work/timew.json" --tz UTC ;;
    import) "$bin" --db "$2" import "$work/person.json" ;;
    esac
}

echo "| import | kills | intact | whole or nothing | whole when run again | import alone (s) |"
echo "|---|---:|---:|---:|---:|---:|"
for kind in postings hours import; do
    cp "$work/base.db" "$work/t.db"
    t0=$(date +%s%N)
    run_import "$kind" "$work/t.db" > /dev/null 2>&1
    ms=$((($(date +%s%N) - t0) / 1000000))
    read -r _ full_p full_h full_w < <(state "$work/t.db")
    read -r _ base_p base_h base_w < <(state "$work/base.db")
    intact=0 whole=0 again=0
    for _ in $(seq "$KILLS"); do
        rm -f "$work/t.db" "$work/t.db-wal" "$work/t.db-shm"
        cp "$work/base.db" "$work/t.db"
        run_import "$kind" "$work/t.db" > /dev/null 2>&1 &
        pid=$!
        sleep "$(awk -v ms="$ms" -v r="$RANDOM" 'BEGIN { printf "%.3f", ms * (r / 32767) / 1000 }')"
        kill -9 "$pid" 2> /dev/null || true
        wait "$pid" 2> /dev/null || true
        read -r ok p h w < <(state "$work/t.db")
        [ "$ok" = ok ] && intact=$((intact + 1))
        if [ "$p $h $w" = "$base_p $base_h $base_w" ] || [ "$p $h $w" = "$full_p $full_h $full_w" ]; then
            whole=$((whole + 1))
        else
            echo "  $kind: partial after a kill: postings $p, intervals $h, wins $w" >&2
        fi
        run_import "$kind" "$work/t.db" > /dev/null 2>&1 || true
        read -r ok p h w < <(state "$work/t.db")
        [ "$ok $p $h $w" = "ok $full_p $full_h $full_w" ] && again=$((again + 1))
    done
    printf "| %s | %d | %d | %d | %d | %.1f |\n" "$kind" "$KILLS" "$intact" "$whole" "$again" \
        "$(awk -v ms="$ms" 'BEGIN { print ms / 1000 }')"
done
